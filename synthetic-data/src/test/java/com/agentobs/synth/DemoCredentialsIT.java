package com.agentobs.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.agentobs.contracts.security.ApiKeys;
import com.agentobs.synth.model.SeedOptions;
import com.agentobs.testsupport.TestStores;

/**
 * The demo credentials against the real PostgreSQL: keys stored only hashed, reused while live,
 * replaced (and the old one revoked) when lost or revoked, and a sandbox workspace the ordinary demo
 * logins are not members of.
 */
class DemoCredentialsIT {

	
	private static final Seeder.Database DB = new Seeder.Database(TestStores.dbUrl(), TestStores.OWNER_USER,
				TestStores.OWNER_PASSWORD, TestStores.APP_USER);

	@TempDir
	Path dir;

	@Test
	void credentials_areReusedWhileLive_andReplacedWhenLostOrRevoked() throws Exception {
		String slug = "demo-cred-it-" + Long.toHexString(System.nanoTime() & 0xFFFFFFL);
		PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		new Seeder(DB, quiet, quiet, false).seed(new SeedOptions(slug, 1, 10, 4, 0, 0, 1.0, 1, 7,
				LocalDate.of(2025, 6, 1), Set.of("org"), false, true, false, false, false, false, null));
		Path file = this.dir.resolve("nested/demo-credentials.json");
		DemoCredentials credentials = new DemoCredentials(DB, quiet);

		DemoCredentials.Result first = credentials.ensure(slug, file);

		assertThat(first.newKeys()).isTrue();
		assertThat(first.workspaces()).extracting(DemoCredentials.Workspace::slug)
			.containsExactly(slug, DemoCredentials.SANDBOX_SLUG);
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		String written = Files.readString(file);
		DemoCredentials.Workspace primary = first.workspaces().get(0);
		DemoCredentials.Workspace sandbox = first.workspaces().get(1);
		assertThat(written).contains(primary.apiKey(), sandbox.apiKey(), primary.id().toString(), "viewer@agentobs.dev");
		try (Connection c = TestStores.owner()) {
			assertThat(liveDemoKeys(c, primary.id())).isEqualTo(1);
			assertThat(count(c, "SELECT count(*) FROM api_keys WHERE key_hash = ? AND key_prefix = ?",
					ApiKeys.sha256Hex(primary.apiKey()), ApiKeys.visiblePrefix(primary.apiKey()))).isEqualTo(1);
			assertThat(count(c, "SELECT count(*) FROM api_keys WHERE key_hash = ? OR key_prefix = ?", primary.apiKey(),
					primary.apiKey())).as("plaintext stored").isZero();
			// isolation: only the sandbox admin and the demo admin belong to the sandbox
			assertThat(roleIn(c, "viewer@agentobs.dev", sandbox.id())).isNull();
			assertThat(roleIn(c, "operator@agentobs.dev", sandbox.id())).isNull();
			assertThat(roleIn(c, DemoCredentials.SANDBOX_ADMIN, sandbox.id())).isEqualTo("admin");
			assertThat(roleIn(c, DemoCredentials.SANDBOX_ADMIN, primary.id())).isNull();
			assertThat(roleIn(c, "viewer@agentobs.dev", primary.id())).isEqualTo("viewer");
		}

		DemoCredentials.Result again = credentials.ensure(slug, file);
		assertThat(again.newKeys()).isFalse();
		assertThat(again.workspaces()).isEqualTo(first.workspaces());

		try (Connection c = TestStores.owner()) {
			count(c, "UPDATE api_keys SET revoked_at = NOW() WHERE key_hash = ? RETURNING 1",
					ApiKeys.sha256Hex(primary.apiKey()));
		}
		DemoCredentials.Result afterRevoke = credentials.ensure(slug, file);
		assertThat(afterRevoke.workspaces().get(0).apiKey()).isNotEqualTo(primary.apiKey());
		assertThat(afterRevoke.workspaces().get(1).apiKey()).isEqualTo(sandbox.apiKey());

		Files.delete(file);
		DemoCredentials.Result afterLoss = credentials.ensure(slug, file);
		assertThat(afterLoss.workspaces().get(1).apiKey()).isNotEqualTo(sandbox.apiKey());
		try (Connection c = TestStores.owner()) {
			assertThat(liveDemoKeys(c, primary.id())).as("older demo keys revoked").isEqualTo(1);
			assertThat(liveDemoKeys(c, sandbox.id())).isEqualTo(1);
			assertThat(count(c, "SELECT count(*) FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL",
					ApiKeys.sha256Hex(sandbox.apiKey()))).isZero();
		}
	}

	@Test
	void aMissingWorkspace_isRefusedWithAHint() {
		Path file = this.dir.resolve("c.json");
		assertThatThrownBy(() -> new DemoCredentials(DB, System.out).ensure("no-such-" + UUID.randomUUID(), file))
			.isInstanceOf(Seeder.SeedRefusedException.class)
			.hasMessageContaining("./agentobs seed");
		assertThat(file).doesNotExist();
	}

	private static long liveDemoKeys(Connection c, UUID workspace) throws Exception {
		return count(c, "SELECT count(*) FROM api_keys WHERE workspace_id = ?::uuid AND name = '"
				+ DemoCredentials.KEY_NAME + "' AND revoked_at IS NULL", workspace.toString());
	}

	private static String roleIn(Connection c, String email, UUID workspace) throws Exception {
		try (PreparedStatement ps = c.prepareStatement("""
				SELECT m.role FROM workspace_members m JOIN users u ON u.id = m.user_id
				WHERE lower(u.email) = ? AND m.workspace_id = ?
				""")) {
			ps.setString(1, email);
			ps.setObject(2, workspace);
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() ? rs.getString(1) : null;
			}
		}
	}

	private static long count(Connection c, String sql, String... params) throws Exception {
		try (PreparedStatement ps = c.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				ps.setString(i + 1, params[i]);
			}
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() ? rs.getLong(1) : 0;
			}
		}
	}

}
