package com.agentobs.alert.notify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.agentobs.alert.system.AlertProperties;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends an alert notification as a plain-text e-mail over SMTP (JavaMail through Spring's
 * {@link JavaMailSenderImpl}). The recipients are the channel's {@code mailto:} list; the
 * {@code X-AgentObs-Delivery} header carries the outbox dedup key, so a re-sent mail can be
 * recognised as the same notification.
 */
@Component
class EmailSender {

	static final int MAX_RECIPIENTS = 20;

	private final SmtpProperties smtp;

	private final JavaMailSenderImpl sender;

	EmailSender(SmtpProperties smtp, AlertProperties properties) {
		this.smtp = smtp;
		this.sender = new JavaMailSenderImpl();
		if (smtp.configured()) {
			this.sender.setHost(smtp.host());
			this.sender.setPort(smtp.port());
			this.sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
			if (!smtp.username().isBlank()) {
				this.sender.setUsername(smtp.username());
				this.sender.setPassword(smtp.password());
			}
			Properties props = this.sender.getJavaMailProperties();
			String timeout = String.valueOf(properties.notifications().timeout().toMillis());
			props.put("mail.smtp.auth", String.valueOf(!smtp.username().isBlank()));
			props.put("mail.smtp.starttls.enable", String.valueOf(smtp.starttls()));
			props.put("mail.smtp.starttls.required", String.valueOf(smtp.starttls()));
			props.put("mail.smtp.connectiontimeout", timeout);
			props.put("mail.smtp.timeout", timeout);
			props.put("mail.smtp.writetimeout", timeout);
		}
	}

	/**
	 * The addresses of a {@code mailto:a@x,b@y} target.
	 * @throws IllegalArgumentException naming what is wrong
	 */
	static List<String> recipients(String mailto) {
		if (mailto == null || !mailto.regionMatches(true, 0, "mailto:", 0, 7) || mailto.length() == 7) {
			throw new IllegalArgumentException("must be mailto: followed by one or more comma-separated addresses");
		}
		List<String> out = new ArrayList<>();
		for (String part : mailto.substring(7).split(",")) {
			String address = part.trim();
			try {
				InternetAddress parsed = new InternetAddress(address, true);
				if (!parsed.getAddress().contains("@")) {
					throw new AddressException("no domain", address);
				}
				out.add(parsed.getAddress());
			}
			catch (AddressException ex) {
				throw new IllegalArgumentException("'" + address + "' is not an e-mail address");
			}
		}
		if (out.size() > MAX_RECIPIENTS) {
			throw new IllegalArgumentException("at most " + MAX_RECIPIENTS + " recipients");
		}
		return out;
	}

	/** Sends one notification; a failure (SMTP down, not configured) throws, and the relay retries with backoff. */
	void send(String mailto, Map<String, Object> payload, String dedupKey) {
		if (!this.smtp.configured()) {
			throw new IllegalStateException("SMTP is not configured (AGENTOBS_ALERT_SMTP_HOST)");
		}
		try {
			MimeMessage message = this.sender.createMimeMessage();
			MimeMessageHelper mail = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
			mail.setFrom(this.smtp.from());
			mail.setTo(recipients(mailto).toArray(String[]::new));
			mail.setSubject(subject(payload));
			mail.setText(body(payload));
			message.setHeader(NotificationRelay.DELIVERY_HEADER, dedupKey);
			this.sender.send(message);
		}
		catch (MessagingException | MailException ex) {
			throw new IllegalStateException("SMTP delivery failed: " + ex.getMessage(), ex);
		}
	}

	static String subject(Map<String, Object> payload) {
		String text = String.valueOf(payload.get("text"));
		int cut = text.indexOf(" — ");
		String head = (cut > 0) ? text.substring(0, cut) : text;
		return (head.length() > 200) ? head.substring(0, 199) + "…" : head;
	}

	static String body(Map<String, Object> payload) {
		StringBuilder b = new StringBuilder().append(payload.get("text")).append("\n\n");
		for (String key : List.of("event", "severity", "status", "rule_name", "rule_kind", "agent_id", "department",
				"environment", "value", "threshold", "incident_id", "silenced", "inhibited", "occurred_at", "alert_id",
				"workspace_id", "dedup_key")) {
			Object value = payload.get(key);
			if (value != null) {
				b.append(key).append(": ").append(value).append('\n');
			}
		}
		if (payload.get("alerts") instanceof List<?> alerts && alerts.size() > 1) {
			b.append("\nAlerts in this notification (").append(alerts.size()).append("):\n");
			for (Object alert : alerts) {
				if (alert instanceof Map<?, ?> a) {
					b.append("- [").append(a.get("severity")).append("] ").append(a.get("title"));
					if (a.get("summary") != null) {
						b.append(" — ").append(a.get("summary"));
					}
					b.append('\n');
				}
			}
		}
		return b.toString();
	}
}
