package com.agentobs.synth;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import com.agentobs.contracts.security.ApiKeys;
import com.agentobs.synth.generator.DemoUsers;
import com.agentobs.synth.model.SeedOptions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code demo-credentials}: makes the demo usable by hand and by scripts. It ensures a demo API key in
 * the seeded workspace, a second small workspace ({@value #SANDBOX_SLUG}) with its own admin and key so
 * isolation can be tried by hand, and writes everything a script needs to log in to a git-ignored JSON
 * file (mode 600). Idempotent: while the file's keys are still live they are reused; a lost file or a
 * revoked key gets a fresh key (older demo keys of that workspace are revoked), since only hashes are
 * stored and a key cannot be shown twice.
 */
public final class DemoCredentials {

	public static final String SANDBOX_SLUG = "demo-sandbox";

	static final String SANDBOX_ADMIN = "sandbox-admin@agentobs.dev";

	static final String KEY_NAME = "demo-agent-key";

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final Seeder.Database database;

	private final PrintStream out;

	public DemoCredentials(Seeder.Database database, PrintStream out) {
		this.database = database;
		this.out = out;
	}

	/** One workspace in the file. */
	public record Workspace(UUID id, String slug, String name, String apiKey) {
	}

	/** One login in the file: the roles it holds, by workspace slug. */
	public record User(String email, Map<String, String> roles) {
	}

	public record Result(List<Workspace> workspaces, List<User> users, boolean newKeys) {
	}

	/**
	 * @param primarySlug the seeded workspace (null: {@link SeedOptions#DEFAULT_SLUG})
	 * @param file where to write the credentials
	 */
	public Result ensure(String primarySlug, Path file) throws SQLException, IOException {
		String slug = primarySlug == null ? SeedOptions.DEFAULT_SLUG : primarySlug;
		Map<String, String> previousKeys = readKeys(file);
		List<Workspace> workspaces = new ArrayList<>();
		boolean newKeys = false;
		try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password())) {
			c.setAutoCommit(false);
			UUID primary = findWorkspace(c, slug);
			if (primary == null) {
				throw new Seeder.SeedRefusedException("workspace " + slug + " does not exist: run ./agentobs seed first");
			}
			UUID sandbox = ensureSandbox(c);
			for (UUID id : List.of(primary, sandbox)) {
				String[] nameAndSlug = nameAndSlug(c, id);
				String key = previousKeys.get(nameAndSlug[1]);
				if (key == null || !isLive(c, id, key)) {
					key = issueKey(c, id);
					newKeys = true;
				}
				workspaces.add(new Workspace(id, nameAndSlug[1], nameAndSlug[0], key));
			}
			c.commit();
			List<User> users = users(c, List.of(primary, sandbox));
			Result result = new Result(workspaces, users, newKeys);
			write(file, result);
			return result;
		}
	}

	public void print(Result result, Path file) {
		out.println("Demo credentials (also in " + file + "; password for every login: "
				+ DemoUsers.PASSWORD + "):");
		for (User user : result.users()) {
			List<String> roles = new ArrayList<>();
			user.roles().forEach((ws, role) -> roles.add(role + " in " + ws));
			out.printf(Locale.ROOT, "  %-28s %s%n", user.email(), String.join(", ", roles));
		}
		for (Workspace ws : result.workspaces()) {
			out.printf(Locale.ROOT, "  workspace %-14s %s  API key %s…%n", ws.slug(), ws.id(),
					ApiKeys.visiblePrefix(ws.apiKey()));
		}
	}

	private static UUID findWorkspace(Connection c, String slug) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("SELECT id FROM workspaces WHERE slug = ?")) {
			ps.setString(1, slug);
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() ? rs.getObject(1, UUID.class) : null;
			}
		}
	}

	private static String[] nameAndSlug(Connection c, UUID id) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("SELECT name, slug FROM workspaces WHERE id = ?")) {
			ps.setObject(1, id);
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				return new String[] { rs.getString(1), rs.getString(2) };
			}
		}
	}

	/**
	 * The sandbox: its own admin (member of nothing else) and the demo admin as a second membership
	 * (so the workspace switcher has something to switch); the other demo logins are not members, so
	 * asking for it with their token is a 403.
	 */
	private static UUID ensureSandbox(Connection c) throws SQLException {
		UUID id = findWorkspace(c, SANDBOX_SLUG);
		if (id == null) {
			id = UUID.nameUUIDFromBytes(("agentobs-demo-workspace:" + SANDBOX_SLUG).getBytes(StandardCharsets.UTF_8));
			try (PreparedStatement ps = c.prepareStatement("""
					INSERT INTO workspaces (id, name, slug, plan, is_active, settings)
					VALUES (?, 'Sandbox (isolation demo)', ?, 'free', TRUE, '{"synthetic": true, "demo": "isolation"}'::jsonb)
					""")) {
				ps.setObject(1, id);
				ps.setString(2, SANDBOX_SLUG);
				ps.executeUpdate();
			}
		}
		UUID sandboxAdmin = DemoUsers.ensureUser(c, SANDBOX_ADMIN, "Sandbox Admin", new BCryptPasswordEncoder(10));
		member(c, id, sandboxAdmin, "admin");
		member(c, id, DemoUsers.userId("admin@agentobs.dev"), "admin");
		return id;
	}

	private static void member(Connection c, UUID workspace, UUID user, String role) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("""
				INSERT INTO workspace_members (workspace_id, user_id, role)
				SELECT ?, id, ? FROM users WHERE id = ?
				ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = EXCLUDED.role, updated_at = NOW()
				""")) {
			ps.setObject(1, workspace);
			ps.setString(2, role);
			ps.setObject(3, user);
			ps.executeUpdate();
		}
	}

	private static boolean isLive(Connection c, UUID workspace, String key) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement(
				"SELECT 1 FROM api_keys WHERE workspace_id = ? AND key_hash = ? AND revoked_at IS NULL")) {
			ps.setObject(1, workspace);
			ps.setString(2, ApiKeys.sha256Hex(key));
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next();
			}
		}
	}

	/** Revokes earlier demo keys of the workspace (their plaintext is lost) and issues a new one. */
	private static String issueKey(Connection c, UUID workspace) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("""
				UPDATE api_keys SET revoked_at = NOW(), updated_at = NOW()
				WHERE workspace_id = ? AND name = ? AND revoked_at IS NULL
				""")) {
			ps.setObject(1, workspace);
			ps.setString(2, KEY_NAME);
			ps.executeUpdate();
		}
		String key = ApiKeys.generate();
		try (PreparedStatement ps = c.prepareStatement("""
				INSERT INTO api_keys (workspace_id, name, key_prefix, key_hash, scopes)
				VALUES (?, ?, ?, ?, ARRAY['ingest']::VARCHAR(50)[])
				""")) {
			ps.setObject(1, workspace);
			ps.setString(2, KEY_NAME);
			ps.setString(3, ApiKeys.visiblePrefix(key));
			ps.setString(4, ApiKeys.sha256Hex(key));
			ps.executeUpdate();
		}
		return key;
	}

	private static List<User> users(Connection c, List<UUID> workspaces) throws SQLException {
		Map<String, Map<String, String>> roles = new LinkedHashMap<>();
		try (PreparedStatement ps = c.prepareStatement("""
				SELECT u.email, w.slug, m.role
				FROM workspace_members m JOIN users u ON u.id = m.user_id JOIN workspaces w ON w.id = m.workspace_id
				WHERE m.workspace_id = ANY (?) AND u.email LIKE '%@agentobs.dev'
				ORDER BY array_position(ARRAY['admin','operator','analyst','viewer']::text[], m.role::text), u.email,
				         array_position(?::uuid[], m.workspace_id)
				""")) {
			UUID[] ids = workspaces.toArray(UUID[]::new);
			ps.setArray(1, c.createArrayOf("uuid", ids));
			ps.setArray(2, c.createArrayOf("uuid", ids));
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					roles.computeIfAbsent(rs.getString(1), e -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
				}
			}
		}
		List<User> users = new ArrayList<>();
		roles.forEach((email, byWorkspace) -> users.add(new User(email, byWorkspace)));
		return users;
	}

	/** slug → key from an earlier file; empty when there is none or it is unreadable. */
	private static Map<String, String> readKeys(Path file) {
		Map<String, String> keys = new LinkedHashMap<>();
		if (!Files.isRegularFile(file)) {
			return keys;
		}
		try {
			JsonNode root = JSON.readTree(Files.readString(file));
			for (JsonNode ws : root.path("workspaces")) {
				if (ws.hasNonNull("slug") && ws.hasNonNull("api_key")) {
					keys.put(ws.get("slug").asString(), ws.get("api_key").asString());
				}
			}
		}
		catch (RuntimeException | IOException e) {
			keys.clear();
		}
		return keys;
	}

	private void write(Path file, Result result) throws IOException {
		ObjectNode root = JSON.createObjectNode();
		root.put("note", "Demo credentials written by ./agentobs up (synthetic-data demo-credentials). Demo only.");
		root.put("generated_at", Instant.now().toString());
		root.put("gateway", "http://localhost:8000");
		root.put("password", DemoUsers.PASSWORD);
		ArrayNode workspaces = root.putArray("workspaces");
		for (Workspace ws : result.workspaces()) {
			workspaces.addObject()
				.put("id", ws.id().toString())
				.put("slug", ws.slug())
				.put("name", ws.name())
				.put("api_key", ws.apiKey())
				.put("api_key_prefix", ApiKeys.visiblePrefix(ws.apiKey()));
		}
		ArrayNode users = root.putArray("users");
		for (User user : result.users()) {
			ObjectNode u = users.addObject().put("email", user.email());
			ObjectNode roles = u.putObject("roles");
			user.roles().forEach(roles::put);
		}
		Path dir = file.toAbsolutePath().getParent();
		if (dir != null) {
			Files.createDirectories(dir);
		}
		Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
		Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
		try {
			Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException e) {
			// not a POSIX file system: the directory is git-ignored either way
		}
		Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
				java.nio.file.StandardCopyOption.ATOMIC_MOVE);
	}

}
