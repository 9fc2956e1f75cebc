package com.agentobs.alert.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.agentobs.alert.system.AlertProperties;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Delivers {@code alert_notifications}: claims due rows of every workspace under a lease
 * ({@code FOR UPDATE SKIP LOCKED}: two instances never take the same row), sends each (a
 * webhook POST signed with HMAC-SHA256, a Slack-compatible POST, an e-mail over SMTP, or XADD
 * {@code alerts:events}),
 * marks it sent, or records the error and retries with doubling backoff. A crash between send
 * and mark re-sends after the lease: at least once; receivers dedupe on {@code dedup_key}.
 */
@Component
public class NotificationRelay implements SmartLifecycle {

	/** The webhook signature header: {@code sha256=<hex HMAC of "<timestamp>.<body>">}. */
	public static final String SIGNATURE_HEADER = "X-AgentObs-Signature";

	public static final String TIMESTAMP_HEADER = "X-AgentObs-Timestamp";

	public static final String DELIVERY_HEADER = "X-AgentObs-Delivery";

	private static final Logger log = LoggerFactory.getLogger(NotificationRelay.class);

	private static final long STREAM_MAX_LENGTH = 100_000;

	private static final String CLAIM = "SELECT id, workspace_id, attempts FROM agentobs_claim_alert_notifications(:limit, CAST(:lease AS interval))";

	private static final String LOAD = """
			SELECT channel_id, payload::text AS payload, dedup_key FROM alert_notifications
			WHERE workspace_id = :ws AND id = :id AND sent_at IS NULL
			""";

	private static final String MARK_SENT = """
			UPDATE alert_notifications SET sent_at = NOW(), last_error = :note WHERE workspace_id = :ws AND id = :id
			""";

	private static final String MARK_FAILED = """
			UPDATE alert_notifications
			SET last_error = :error,
			    next_attempt_at = CASE WHEN :giveUp THEN 'infinity'::timestamptz ELSE NOW() + CAST(:backoff AS interval) END
			WHERE workspace_id = :ws AND id = :id
			""";

	private final JdbcClient jdbc;

	private final WorkspaceTransactions transactions;

	private final ChannelStore channels;

	private final SecretBox secrets;

	private final StringRedisTemplate redis;

	private final ObjectMapper mapper;

	private final AlertProperties.Notifications settings;

	private final ThreadPoolTaskScheduler scheduler;

	private final HttpClient http;

	private final EmailSender email;

	private volatile ScheduledFuture<?> task;

	NotificationRelay(JdbcClient jdbc, WorkspaceTransactions transactions, ChannelStore channels, SecretBox secrets,
			StringRedisTemplate redis, ObjectMapper mapper, AlertProperties properties,
			ThreadPoolTaskScheduler alertScheduler, EmailSender email) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.channels = channels;
		this.secrets = secrets;
		this.redis = redis;
		this.mapper = mapper;
		this.settings = properties.notifications();
		this.scheduler = alertScheduler;
		this.email = email;
		this.http = HttpClient.newBuilder().connectTimeout(this.settings.timeout()).build();
	}

	/** One relay pass: claims up to 100 due notifications and delivers them. */
	public int runOnce() {
		Duration lease = this.settings.timeout().multipliedBy(3).plusSeconds(5);
		List<Claim> claims = this.jdbc.sql(CLAIM)
			.param("limit", 100)
			.param("lease", lease.toMillis() + " milliseconds")
			.query((rs, row) -> new Claim(rs.getLong("id"), rs.getObject("workspace_id", UUID.class),
					rs.getInt("attempts")))
			.list();
		for (Claim claim : claims) {
			deliver(claim);
		}
		return claims.size();
	}

	private void deliver(Claim claim) {
		Row row = this.transactions.inWorkspace(claim.workspaceId(),
				() -> this.jdbc.sql(LOAD)
					.param("ws", claim.workspaceId())
					.param("id", claim.id())
					.query((rs, n) -> new Row(rs.getObject("channel_id", UUID.class), rs.getString("payload"),
							rs.getString("dedup_key")))
					.optional()
					.orElse(null));
		if (row == null) {
			return;
		}
		String note = null;
		try {
			if (row.channelId() == null) {
				publish(row);
			}
			else {
				ChannelStore.Delivery target = this.transactions.inWorkspace(claim.workspaceId(),
						() -> this.channels.delivery(claim.workspaceId(), row.channelId()).orElse(null));
				if (target == null || !target.usable()) {
					note = "channel deleted or disabled: not sent";
				}
				else {
					send(target, row.payload(), row.dedupKey());
				}
			}
		}
		catch (RuntimeException ex) {
			failed(claim, ex);
			return;
		}
		String finalNote = note;
		this.transactions.runInWorkspace(claim.workspaceId(), () -> this.jdbc.sql(MARK_SENT)
			.param("ws", claim.workspaceId())
			.param("id", claim.id())
			.param("note", finalNote)
			.update());
	}

	/** Sends one record to a usable channel the way its kind says (in_app: nothing to send). */
	private void send(ChannelStore.Delivery target, String payload, String dedupKey) {
		if ("email".equals(target.kind())) {
			this.email.send(target.url(), this.mapper.readValue(payload, new TypeReference<Map<String, Object>>() {
			}), dedupKey);
		}
		else if (!"in_app".equals(target.kind())) {
			post(target, payload, dedupKey);
		}
	}

	/**
	 * Sends a test record to a channel now (enabled or not), outside the outbox: the admin sees at once
	 * whether the URL, secret or SMTP settings work. Nothing is retried or stored.
	 * @return null when it was delivered, else why not
	 */
	String sendTest(UUID ws, UUID channelId, String actor) {
		ChannelStore.Delivery target = this.transactions.inWorkspace(ws,
				() -> this.channels.delivery(ws, channelId).orElse(null));
		if (target == null) {
			throw ApiException.notFound("notification channel", channelId.toString());
		}
		String key = "test:" + channelId + ":" + UUID.randomUUID();
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("event", "channel.test");
		payload.put("workspace_id", ws.toString());
		payload.put("channel_id", channelId.toString());
		payload.put("severity", "sev4");
		payload.put("title", "AgentObs test notification");
		payload.put("occurred_at", Instant.now().toString());
		payload.put("text", "[TEST] AgentObs test notification, sent by " + actor);
		payload.put("dedup_key", key);
		try {
			send(target, this.mapper.writeValueAsString(payload), key);
			return null;
		}
		catch (RuntimeException ex) {
			return String.valueOf(ex.getMessage());
		}
	}

	private void publish(Row row) {
		Map<String, Object> payload = this.mapper.readValue(row.payload(), new TypeReference<Map<String, Object>>() {
		});
		Map<String, String> fields = new LinkedHashMap<>();
		payload.forEach((key, value) -> {
			if (value != null) {
				fields.put(key, (value instanceof Map || value instanceof List) ? this.mapper.writeValueAsString(value)
						: String.valueOf(value));
			}
		});
		this.redis.opsForStream()
			.add(STREAM_KEY, fields, XAddOptions.maxlen(STREAM_MAX_LENGTH).approximateTrimming(true));
	}

	private static final String STREAM_KEY = NotificationOutbox.STREAM;

	private void post(ChannelStore.Delivery target, String payload, String dedupKey) {
		String body;
		if ("slack".equals(target.kind())) {
			Map<String, Object> record = this.mapper.readValue(payload, new TypeReference<Map<String, Object>>() {
			});
			body = this.mapper.writeValueAsString(Map.of("text", String.valueOf(record.get("text"))));
		}
		else {
			body = payload;
		}
		String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url()))
			.timeout(this.settings.timeout())
			.header("Content-Type", "application/json")
			.header(DELIVERY_HEADER, dedupKey)
			.header(TIMESTAMP_HEADER, timestamp)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (target.secretCiphertext() != null) {
			request.header(SIGNATURE_HEADER, "sha256=" + sign(this.secrets.decrypt(target.secretCiphertext()),
					timestamp + "." + body));
		}
		HttpResponse<Void> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.discarding());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("webhook unreachable: " + ex.getClass().getSimpleName(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException("webhook answered HTTP " + response.statusCode());
		}
	}

	/** HMAC-SHA256 of {@code message} with {@code secret}, lower-case hex: what a receiver recomputes. */
	public static String sign(String secret, String message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void failed(Claim claim, RuntimeException ex) {
		boolean giveUp = claim.attempts() >= this.settings.maxAttempts();
		long backoffMs = Math.min(this.settings.maxBackoff().toMillis(),
				this.settings.firstBackoff().toMillis() << Math.min(20, Math.max(0, claim.attempts() - 1)));
		log.info("Notification {} failed (attempt {}{}): {} [workspace_id={}]", claim.id(), claim.attempts(),
				giveUp ? ", given up" : "", ex.getMessage(), claim.workspaceId());
		this.transactions.runInWorkspace(claim.workspaceId(), () -> this.jdbc.sql(MARK_FAILED)
			.param("ws", claim.workspaceId())
			.param("id", claim.id())
			.param("error", String.valueOf(ex.getMessage()))
			.param("giveUp", giveUp)
			.param("backoff", backoffMs + " milliseconds")
			.update());
	}

	private void tick() {
		try {
			while (runOnce() == 100) {
				// drain a backlog before sleeping
			}
		}
		catch (RuntimeException ex) {
			log.warn("Notification relay pass failed", ex);
		}
	}

	@Override
	public void start() {
		if (this.settings.enabled() && this.task == null) {
			this.task = this.scheduler.scheduleWithFixedDelay(this::tick, this.settings.interval());
		}
	}

	@Override
	public void stop() {
		ScheduledFuture<?> running = this.task;
		if (running != null) {
			running.cancel(false);
			this.task = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.task != null;
	}

	private record Claim(long id, UUID workspaceId, int attempts) {
	}

	private record Row(UUID channelId, String payload, String dedupKey) {
	}

}
