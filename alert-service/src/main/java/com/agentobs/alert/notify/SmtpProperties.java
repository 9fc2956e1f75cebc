package com.agentobs.alert.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMTP server e-mail channels send through ({@code agentobs.alert.smtp}); an empty host means
 * e-mail is not configured and e-mail notifications wait in the outbox, retried with backoff.
 *
 * @param host SMTP host (empty: e-mail off)
 * @param port SMTP port
 * @param username login (empty: no authentication)
 * @param password password of {@code username}
 * @param starttls require STARTTLS before sending
 * @param from the sender address of every alert e-mail
 */
@ConfigurationProperties(prefix = "agentobs.alert.smtp")
public record SmtpProperties(@DefaultValue("") String host, @DefaultValue("25") int port,
		@DefaultValue("") String username, @DefaultValue("") String password, @DefaultValue("false") boolean starttls,
		@DefaultValue("alerts@agentobs.local") String from) {

	boolean configured() {
		return !this.host.isBlank();
	}

}
