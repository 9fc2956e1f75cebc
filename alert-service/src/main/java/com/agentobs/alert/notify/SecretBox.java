package com.agentobs.alert.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.agentobs.alert.system.AlertProperties;

import org.springframework.stereotype.Component;

/**
 * Encrypts channel secrets at rest (AES-256-GCM, key = SHA-256 of {@code agentobs.alert.secret-key}).
 * Encrypted, not hashed, because the relay needs the secret back to sign each webhook (HMAC).
 */
@Component
class SecretBox {

	private static final int IV_BYTES = 12;

	private final SecretKeySpec key;

	SecretBox(AlertProperties properties) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(properties.secretKey().getBytes(StandardCharsets.UTF_8));
			this.key = new SecretKeySpec(digest, "AES");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String encrypt(String plain) {
		try {
			// a synthetic IV (HMAC of the plaintext): the same secret seals the same way, so a retried
			// action with the same Idempotency-Key carries identical parameters
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key.getEncoded(), "HmacSHA256"));
			byte[] iv = java.util.Arrays.copyOf(mac.doFinal(plain.getBytes(StandardCharsets.UTF_8)), IV_BYTES);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(128, iv));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[IV_BYTES + sealed.length];
			System.arraycopy(iv, 0, out, 0, IV_BYTES);
			System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
			return Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt a channel secret", ex);
		}
	}

	String decrypt(String sealed) {
		try {
			byte[] in = Base64.getDecoder().decode(sealed);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(128, in, 0, IV_BYTES));
			return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not decrypt a channel secret (was the secret key changed?)", ex);
		}
	}

}
