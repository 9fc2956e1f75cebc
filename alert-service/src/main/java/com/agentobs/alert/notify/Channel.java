package com.agentobs.alert.notify;

import java.time.Instant;
import java.util.UUID;

// GET /api/v1/alerts/channels (items): the secret is never returned, only whether one is set; a Slack URL
// (its own credential) shows only its scheme and host
/**
 * A notification channel: {@code webhook} (JSON, HMAC-SHA256 signed), {@code slack} (incoming-webhook
 * JSON), {@code email} (SMTP, {@code mailto:} recipients) or {@code in_app}.
 */
public record Channel(UUID channelId, String name, String kind, String url, boolean hasSecret, boolean enabled,
		Instant createdAt) {
}
