package com.agentobs.migrations;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import com.agentobs.testsupport.ScratchDatabase;
import com.agentobs.testsupport.TestStores;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.agentobs.migrations.MvpToEnterpriseMigrationIT.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every installation ends with the same schema whatever version it started from, and every
 * {@code agentobs_*} routine that schema holds has its one current text in a repeatable migration.
 * Compared: a database migrated from empty, and a restored installation at V027 (the last version
 * that redefined a function by rewriting its stored text), dumped from the migrations as they were
 * then, checksums included, and migrated forward. Backfills that versioned migrations request run
 * once, after the repeatable migrations.
 */
class MigrationPathsIT {

	private static final Pattern ROUTINE = Pattern
		.compile("CREATE OR REPLACE (?:FUNCTION|AGGREGATE|PROCEDURE) (agentobs_\\w+)\\(");

	private static final Pattern ROUTINE_IN_VERSIONED = Pattern
		.compile("CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:FUNCTION|AGGREGATE|PROCEDURE)\\s+agentobs_");

	/**
	 * The versioned migrations that define routines, each one its data moves or policies need when it runs
	 * (before the repeatable migrations); no other may define one.
	 */
	private static final Set<String> VERSIONS_WITH_ROUTINES = Set.of("V002", "V005", "V051");

	/** A row of the accepted edits: ('version', applied checksum, current checksum). */
	private static final Pattern ACCEPTED_EDIT = Pattern.compile("\\('(\\d+)', (-?\\d+), (-?\\d+)\\)");

	private static final Pattern RESTORED_ELEMENT_CAST = Pattern.compile("\\('([^']*)'::character varying\\)::text");

	private static final Pattern RESTORED_ARRAY_CAST = Pattern.compile("\\(\\(ARRAY\\[([^\\]]*)\\]\\)::text\\[\\]\\)");

	private static ScratchDatabase fresh;

	private static ScratchDatabase upgraded;

	private static String freshSchema;

	private static String upgradedSchema;

	@BeforeAll
	static void migrateBothWays() throws Exception {
		fresh = new ScratchDatabase("fresh");
		upgraded = new ScratchDatabase("v027");
		Migrations.migrate(fresh.url(), TestStores.OWNER_USER, TestStores.OWNER_PASSWORD, TestStores.APP_USER);
		restoreV027Installation(upgraded);
		Migrations.migrate(upgraded.url(), TestStores.OWNER_USER, TestStores.OWNER_PASSWORD, TestStores.APP_USER);
		freshSchema = schemaDump(fresh);
		upgradedSchema = schemaDump(upgraded);
	}

	@AfterAll
	static void drop() throws SQLException {
		for (ScratchDatabase db : new ScratchDatabase[] { fresh, upgraded }) {
			if (db != null) {
				db.close();
			}
		}
	}

	@Test
	void schema_isIdentical_whenMigratedFromEmptyOrForwardFromV027() {
		assertThat(freshSchema).contains("CREATE FUNCTION public.agentobs_rebuild_rollups(",
				"CREATE TABLE public.trace_cells_hourly");
		assertThat(upgradedSchema).isEqualTo(freshSchema);
	}

	@Test
	void installationWithAnUnlistedEditOfAnAppliedMigration_isRefused() throws Exception {
		try (ScratchDatabase edited = new ScratchDatabase("v027_edited")) {
			restoreV027Installation(edited);
			try (Connection owner = edited.owner(); Statement statement = owner.createStatement()) {
				// as if V004 had been applied from a text no release shipped
				statement.execute("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '004'");
			}
			assertThatThrownBy(() -> Migrations.migrate(edited.url(), TestStores.OWNER_USER, TestStores.OWNER_PASSWORD,
					TestStores.APP_USER))
				.isInstanceOf(FlywayValidateException.class)
				.hasMessageContaining("004");
		}
	}

	@Test
	void everyAcceptedEdit_namesTheChecksumTheFileHasNow() throws Exception {
		Map<String, Integer> listed = new TreeMap<>();
		Matcher edit = ACCEPTED_EDIT.matcher(read(migrations("beforeValidate").get(0)));
		while (edit.find()) {
			listed.put(edit.group(1), Integer.valueOf(edit.group(3)));
		}
		assertThat(listed).hasSizeGreaterThan(10);
		Map<String, Integer> applied = new TreeMap<>();
		try (Connection owner = fresh.owner(); Statement statement = owner.createStatement();
				ResultSet rs = statement.executeQuery("SELECT version, checksum FROM flyway_schema_history WHERE version IS NOT NULL")) {
			while (rs.next()) {
				applied.put(rs.getString(1), rs.getInt(2));
			}
		}
		// a listed file edited again without its row updated would stop every installation that applied it
		assertThat(applied).containsAllEntriesOf(listed);
	}

	@Test
	void priceCatalog_isLoadedFromItsSeedFile_whenMigratedFromEmptyOrForwardFromV027() throws SQLException {
		long rows = PriceCatalogLoader.read().size();
		for (ScratchDatabase db : new ScratchDatabase[] { fresh, upgraded }) {
			try (Connection owner = db.owner()) {
				assertThat(count(owner, "SELECT count(*) FROM price_catalog")).as(db.url()).isEqualTo(rows);
			}
		}
	}

	@Test
	void everyAgentobsRoutine_isDefinedInExactlyOneRepeatableMigration() throws Exception {
		// a routine (re)defined in a new versioned migration would be replaced by its repeatable text
		assertThat(migrations("V").stream()
			.filter((file) -> ROUTINE_IN_VERSIONED.matcher(read(file)).find())
			.map((file) -> file.getFileName().toString().substring(0, 4))).as("versioned migrations defining routines")
			.allMatch(VERSIONS_WITH_ROUTINES::contains);
		Map<String, List<String>> definedIn = new TreeMap<>();
		for (Path file : migrations("R__")) {
			Matcher matcher = ROUTINE.matcher(read(file));
			while (matcher.find()) {
				definedIn.computeIfAbsent(matcher.group(1), (name) -> new ArrayList<>())
					.add(file.getFileName().toString());
			}
		}
		assertThat(definedIn).allSatisfy((name, files) -> assertThat(files).as(name).hasSize(1));
		assertThat(definedIn.keySet()).containsExactlyInAnyOrderElementsOf(routinesIn(fresh));
	}

	@Test
	void requestedBackfill_runsOnceWithTheCurrentFunctions_whenMigrateRunsAgain() throws Exception {
		try (Connection owner = upgraded.owner(); Statement statement = owner.createStatement()) {
			statement.execute("CREATE TABLE backfill_probe (saw_current_text BOOLEAN)");
			statement.execute("""
					INSERT INTO schema_backfills (name, statement) VALUES ('probe', 'INSERT INTO backfill_probe
					SELECT position(''CONTINUE WHEN v_estimate >= 10000'' IN prosrc) > 0 FROM pg_proc
					WHERE proname = ''agentobs_refresh_planner_statistics''')""");
			for (int run = 0; run < 2; run++) {
				Migrations.migrate(upgraded.url(), TestStores.OWNER_USER, TestStores.OWNER_PASSWORD,
						TestStores.APP_USER);
			}
			assertThat(count(owner, "SELECT count(*) FROM backfill_probe WHERE saw_current_text")).isOne();
			assertThat(count(owner, "SELECT count(*) FROM backfill_probe")).isOne();
			assertThat(count(owner, "SELECT count(*) FROM schema_backfills WHERE done_at IS NULL")).isZero();
		}
	}

	/**
	 * Restores {@code installations/v027.sql.gz} (a {@code pg_dump} of a database migrated to V027 by the
	 * versioned migrations of that time) with {@code psql}, the application role named as configured.
	 */
	private static void restoreV027Installation(ScratchDatabase db) throws IOException, InterruptedException {
		String dump;
		try (InputStream gz = new GZIPInputStream(
				MigrationPathsIT.class.getResourceAsStream("/installations/v027.sql.gz"))) {
			dump = new String(gz.readAllBytes(), StandardCharsets.UTF_8).replace(" TO agentobs_app;",
					" TO " + TestStores.APP_USER + ";");
		}
		Process process = pgTool(db, "psql", "--quiet", "--set", "ON_ERROR_STOP=1", "--dbname", db.name()).start();
		try (OutputStream in = process.getOutputStream()) {
			in.write(dump.getBytes(StandardCharsets.UTF_8));
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

	/** A PostgreSQL client tool pointed at the database's server as the owner role. */
	private static ProcessBuilder pgTool(ScratchDatabase db, String tool, String... args) {
		URI address = URI.create(db.url().substring("jdbc:".length()));
		List<String> command = new ArrayList<>(List.of(tool, "--host", address.getHost(), "--port",
				String.valueOf((address.getPort() > 0) ? address.getPort() : 5432), "--username", TestStores.OWNER_USER,
				"--no-password"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("PGPASSWORD", TestStores.OWNER_PASSWORD);
		builder.redirectErrorStream(true);
		return builder;
	}

	/**
	 * {@code pg_dump --schema-only} of a database. Normalised: the per-run {@code \restrict} keys
	 * of recent pg_dump versions, and the form a {@code CHECK (x IN (...))} on a varchar column takes
	 * after a dump and restore ({@code ('a'::character varying)::text} elements instead of a cast of the
	 * whole array: the same constraint, parsed again from its dumped text).
	 */
	private static String schemaDump(ScratchDatabase db) throws IOException, InterruptedException {
		Process process = pgTool(db, "pg_dump", "--schema-only", db.name()).start();
		String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as(dump).isZero();
		return dump.lines()
			.map((line) -> RESTORED_ARRAY_CAST.matcher(RESTORED_ELEMENT_CAST.matcher(line).replaceAll("'$1'::character varying"))
				.replaceAll("(ARRAY[$1])"))
			.filter((line) -> !line.startsWith("\\restrict ") && !line.startsWith("\\unrestrict "))
			.collect(Collectors.joining("\n"));
	}

	private static List<String> routinesIn(ScratchDatabase db) throws SQLException {
		List<String> names = new ArrayList<>();
		try (Connection connection = db.owner(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("""
						SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
						WHERE n.nspname = 'public' AND p.proname LIKE 'agentobs\\_%'""")) {
			while (rs.next()) {
				names.add(rs.getString(1));
			}
		}
		return names;
	}

	private static List<Path> migrations(String prefix) throws IOException, URISyntaxException {
		Path directory = Path.of(MigrationPathsIT.class.getResource("/db/migration").toURI());
		try (Stream<Path> files = Files.list(directory)) {
			// SQL files only: db.migration also holds Java migrations, which define no routines
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.startsWith(prefix) && name.endsWith(".sql"))
				.sorted()
				.map(directory::resolve)
				.toList();
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
