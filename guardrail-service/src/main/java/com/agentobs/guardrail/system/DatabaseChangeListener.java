package com.agentobs.guardrail.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Listens to PostgreSQL change notifications (triggers send {@code NOTIFY} at commit, never for a
 * rollback) on a connection of its own, outside the pool, and hands each one to the
 * {@link ChangeSubscriber} of its channel. In-memory caches may serve reads only while this
 * listener is connected: on any connection error every subscriber is told it is not listening
 * (it bypasses and clears its cache), and the listener reconnects with backoff.
 */
public class DatabaseChangeListener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DatabaseChangeListener.class);

	private final Map<String, List<ChangeSubscriber>> subscribers;

	private final DataSource dataSource;

	private final int checkIntervalMillis;

	private volatile boolean running;

	private volatile Thread thread;

	private volatile Connection connection;

	public DatabaseChangeListener(List<ChangeSubscriber> subscribers, DataSource dataSource, Duration checkInterval) {
		this.subscribers = subscribers.stream()
			.flatMap((s) -> s.channels().stream().map((channel) -> Map.entry(channel, s)))
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		this.dataSource = dataSource;
		this.checkIntervalMillis = (int) Math.max(100, checkInterval.toMillis());
	}

	@Override
	public void start() {
		this.running = true;
		Thread listener = new Thread(this::run, "database-change-listener");
		listener.setDaemon(true);
		this.thread = listener;
		listener.start();
	}

	@Override
	public void stop() {
		this.running = false;
		setListening(false);
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
					for (String channel : this.subscribers.keySet()) {
						statement.execute("LISTEN " + channel);
					}
				}
				setListening(true);
				log.info("In-memory caches on: listening to {}", this.subscribers.keySet());
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
						for (ChangeSubscriber subscriber : this.subscribers.getOrDefault(notification.getName(), List.of())) {
							subscriber.onNotification(notification.getName(), notification.getParameter());
						}
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				setListening(false);
				if (this.running) {
					log.warn("In-memory caches off (reads go to the database) until the change listener "
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

	private void setListening(boolean listening) {
		this.subscribers.values().stream().flatMap(List::stream).distinct().forEach((s) -> s.setListening(listening));
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
