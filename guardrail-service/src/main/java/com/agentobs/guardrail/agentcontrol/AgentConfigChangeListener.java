package com.agentobs.guardrail.agentcontrol;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens to {@code agentobs_agent_config} (V051) on a connection of its own, outside the
 * pool, and evicts each changed agent from {@link AgentConfigCache}. The cache serves reads
 * only while this listener is connected: on any connection error it is bypassed and
 * cleared, and the listener reconnects.
 */
@Component
class AgentConfigChangeListener implements SmartLifecycle {

	static final String CHANNEL = "agentobs_agent_config";

	private static final Logger log = LoggerFactory.getLogger(AgentConfigChangeListener.class);

	private final AgentConfigCache cache;

	private final DataSource dataSource;

	private final int checkIntervalMillis;

	private volatile boolean running;

	private volatile Thread thread;

	private volatile Connection connection;

	AgentConfigChangeListener(AgentConfigCache cache, DataSource dataSource, AgentControlProperties properties) {
		this.cache = cache;
		this.dataSource = dataSource;
		this.checkIntervalMillis = (int) Math.max(100, properties.listenerCheckInterval().toMillis());
	}

	@Override
	public void start() {
		this.running = true;
		Thread listener = new Thread(this::run, "agent-config-listener");
		listener.setDaemon(true);
		this.thread = listener;
		listener.start();
	}

	@Override
	public void stop() {
		this.running = false;
		this.cache.setListening(false);
		closeQuietly(this.connection);
		Thread listener = this.thread;
		if (listener != null) {
			listener.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		long backoff = 200;
		while (this.running) {
			try (Connection c = connect()) {
				this.connection = c;
				try (Statement statement = c.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				this.cache.setListening(true);
				log.info("Agent configuration cache on: listening to {}", CHANNEL);
				backoff = 200;
				PGConnection pg = c.unwrap(PGConnection.class);
				while (this.running) {
					PGNotification[] notifications = pg.getNotifications(this.checkIntervalMillis);
					if (notifications == null || notifications.length == 0) {
						try (Statement ping = c.createStatement()) {
							ping.execute("SELECT 1"); // a dead connection must not go unnoticed
						}
						continue;
					}
					for (PGNotification notification : notifications) {
						evict(notification.getParameter());
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				this.cache.setListening(false);
				if (this.running) {
					log.warn("Agent configuration cache off (reads go to the database) until the change listener "
							+ "reconnects: {}", ex.toString());
					sleep(backoff);
					backoff = Math.min(backoff * 2, 5_000);
				}
			}
			finally {
				this.connection = null;
			}
		}
	}

	private void evict(String payload) {
		int space = (payload != null) ? payload.indexOf(' ') : -1;
		if (space < 0) {
			this.cache.clear();
			return;
		}
		try {
			this.cache.evict(UUID.fromString(payload.substring(0, space)), payload.substring(space + 1));
		}
		catch (IllegalArgumentException ex) {
			this.cache.clear();
		}
	}

	private Connection connect() throws SQLException {
		// its own connection: a pooled one would be held for ever (and recycled under it)
		if (this.dataSource.isWrapperFor(HikariDataSource.class)) {
			HikariDataSource hikari = this.dataSource.unwrap(HikariDataSource.class);
			return DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
		}
		return this.dataSource.getConnection();
	}

	private static void closeQuietly(Connection c) {
		if (c != null) {
			try {
				c.close();
			}
			catch (SQLException ex) {
				// closing a broken connection
			}
		}
	}

	private void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
