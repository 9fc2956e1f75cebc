package com.agentobs.gateway.token;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * The identity provider's RS256 key pair: read from PEM files when configured, otherwise
 * generated on first start and kept in a directory so restarts keep issued tokens valid.
 * The key id is the JWK thumbprint of the public key.
 */
public final class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	static final String PRIVATE_FILE = "jwt-private.pem";

	static final String PUBLIC_FILE = "jwt-public.pem";

	private final RSAKey jwk;

	private SigningKeys(RSAPublicKey publicKey, RSAPrivateKey privateKey) {
		try {
			RSAKey withoutId = new RSAKey.Builder(publicKey).build();
			this.jwk = new RSAKey.Builder(publicKey).privateKey(privateKey)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyID(withoutId.computeThumbprint().toString())
				.build();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot compute the key id", ex);
		}
	}

	/** PEM locations (Spring resource strings) win; else the key directory, generating on first use. */
	public static SigningKeys load(String privateLocation, String publicLocation, Path dir) {
		if (privateLocation != null && publicLocation != null) {
			DefaultResourceLoader loader = new DefaultResourceLoader();
			return new SigningKeys(parsePublic(read(loader.getResource(publicLocation))),
					parsePrivate(read(loader.getResource(privateLocation))));
		}
		if (privateLocation != null || publicLocation != null) {
			throw new IllegalStateException("Configure both the private and the public key location, or neither");
		}
		return fromDirectory(dir);
	}

	static SigningKeys fromDirectory(Path dir) {
		Path privatePath = dir.resolve(PRIVATE_FILE);
		Path publicPath = dir.resolve(PUBLIC_FILE);
		try {
			if (Files.exists(privatePath) && Files.exists(publicPath)) {
				return new SigningKeys(parsePublic(Files.readString(publicPath)),
						parsePrivate(Files.readString(privatePath)));
			}
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			Files.createDirectories(dir);
			writePrivate(privatePath, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
			Files.writeString(publicPath, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
			log.info("Generated a new RS256 signing key pair in {}", dir.toAbsolutePath());
			return new SigningKeys((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
		}
		catch (IOException | java.security.GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot load or create the signing keys in " + dir, ex);
		}
	}

	public RSAKey jwk() {
		return this.jwk;
	}

	public String keyId() {
		return this.jwk.getKeyID();
	}

	public RSAPublicKey publicKey() {
		try {
			return this.jwk.toRSAPublicKey();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The public JWKS document ({@code {"keys": [...]}}), never the private part. */
	public Map<String, Object> publicJwkSet() {
		return new JWKSet(this.jwk.toPublicJWK()).toJSONObject(true);
	}

	private static void writePrivate(Path path, String pem) throws IOException {
		Files.writeString(path, pem);
		try {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system
		}
	}

	private static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	private static String read(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read key " + resource, ex);
		}
	}

	static RSAPublicKey parsePublic(String pem) {
		try {
			return (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException("Not an RSA public key (PEM, X.509)", ex);
		}
	}

	static RSAPrivateKey parsePrivate(String pem) {
		try {
			return (RSAPrivateKey) KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException("Not an RSA private key (PEM, PKCS#8)", ex);
		}
	}

	private static byte[] der(String pem, String type) {
		return Base64.getDecoder()
			.decode(pem.replace("-----BEGIN " + type + "-----", "")
				.replace("-----END " + type + "-----", "")
				.replaceAll("\\s", ""));
	}

}
