package com.agentobs.synth.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import com.agentobs.migrations.Migrations;
import com.agentobs.synth.Seeder;
import com.agentobs.synth.model.SeedOptions;
import com.agentobs.testsupport.ScratchDatabase;
import com.agentobs.testsupport.TestStores;

/**
 * The bulk path (empty tables: indexes and keys dropped, COPY FREEZE, rebuilt before the commit) against
 * the plain path (tables already holding rows). The plain path runs in the shared test database, which
 * is given rows of another workspace first; the bulk path in a fresh database created for this class.
 */
class BulkLoadIT {

	private static final String URL = TestStores.dbUrl();

	private static final String USER = TestStores.OWNER_USER;

	private static final String PASSWORD = TestStores.OWNER_PASSWORD;

	private static final String RUN = Long.toHexString(System.nanoTime() & 0xFFFFFFL);

	private static ScratchDatabase fresh;

	private static String freshUrl;

	private static final List<String> TRACE_TABLES = List.of("traces", "spans");

	private static final List<String> ROLLUP_TABLES = List.of("traces_hourly", "traces_daily", "traces_agent_hourly",
			"user_activity_daily");

	@BeforeAll
	static void createFreshDatabase() throws Exception {
		fresh = new ScratchDatabase("bulk");
		freshUrl = fresh.url();
		Migrations.migrate(freshUrl, USER, PASSWORD, TestStores.APP_USER);
	}

	@AfterAll
	static void dropFreshDatabase() throws Exception {
		if (fresh != null) {
			fresh.close();
		}
	}

	@Test
	void seed_writesIdenticalDataAndRollupsAndKeepsEveryIndex_whenTablesAreEmptyAndBulkLoaded() throws Exception {
		String slug = "synth-it-bulk-" + RUN;
		// the shared database gets rows of another workspace first, so the same seed there takes the plain path
		seeder(URL, new Output()).seed(options("synth-it-bulk-other-" + RUN, 77));
		Output shared = new Output();
		Seeder.Result plain = seeder(URL, shared).seed(options(slug, 1234));
		Output fresh = new Output();
		Seeder.Result bulk = seeder(freshUrl, fresh).seed(options(slug, 1234));

		assertThat(shared.text()).doesNotContain("loading without indexes");
		assertThat(fresh.text()).contains("loading without indexes");
		assertThat(bulk.workspaceId()).isEqualTo(plain.workspaceId());
		assertThat(bulk.rows().get("traces")).isEqualTo(plain.rows().get("traces")).isPositive();
		assertThat(digest(freshUrl, plain.workspaceId(), TRACE_TABLES))
			.isEqualTo(digest(URL, plain.workspaceId(), TRACE_TABLES));
		assertThat(digest(freshUrl, plain.workspaceId(), ROLLUP_TABLES))
			.isEqualTo(digest(URL, plain.workspaceId(), ROLLUP_TABLES));
		assertThat(schema(freshUrl)).isEqualTo(schema(URL)).isNotEmpty();
	}

	@Test
	void bulkLoad_leavesTableEmptyWithEveryIndex_whenLoadIsAbandonedBeforeCommit() throws Exception {
		// an empty table of its own with the keys of spans and a secondary index
		try (Connection c = DriverManager.getConnection(freshUrl, USER, PASSWORD); Statement st = c.createStatement()) {
			st.execute("CREATE TABLE bulk_it_" + RUN + " (LIKE spans INCLUDING ALL)");
			st.execute("CREATE INDEX ON bulk_it_" + RUN + " (workspace_id, started_at)");
		}
		String table = "bulk_it_" + RUN;
		List<String> before = indexes(freshUrl, table);
		assertThat(before).hasSizeGreaterThanOrEqualTo(3);
		SeedContext context = new SeedContext(freshUrl, USER, PASSWORD, null, new Output().stream(), false);
		try (TableCopy copy = TableCopy.open(context, table, "COPY " + table + " (id, workspace_id, trace_id, span_id, name,"
				+ " started_at) FROM STDIN")) {
			assertThat(copy.bulk()).isTrue();
			copy.stream().uuid(UUID.randomUUID()).uuid(UUID.randomUUID()).text("t").text("s").text("n")
				.timestamp(0);
			copy.stream().endRow();
			// closed without finish(): the run failed
		}
		assertThat(indexes(freshUrl, table)).isEqualTo(before);
		try (Connection c = DriverManager.getConnection(freshUrl, USER, PASSWORD); Statement st = c.createStatement();
				ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
			rs.next();
			assertThat(rs.getLong(1)).isZero();
		}
	}

	private static SeedOptions options(String slug, long seed) {
		return new SeedOptions(slug, 3, 100, 500, 10, 30, 1.2, 100, seed, LocalDate.of(2025, 6, 1), Set.of(), false,
				true, false, false, false, false, null);
	}

	private static Seeder seeder(String url, Output output) {
		return new Seeder(new Seeder.Database(url, USER, PASSWORD, TestStores.APP_USER), output.stream(), output.stream(),
				false);
	}

	/** Every row of the workspace in each table (updated_at aside), in a stable order. */
	private static String digest(String url, UUID workspace, List<String> tables) throws Exception {
		MessageDigest md = MessageDigest.getInstance("SHA-256");
		try (Connection c = DriverManager.getConnection(url, USER, PASSWORD)) {
			var copy = c.unwrap(PGConnection.class).getCopyAPI();
			for (String table : tables) {
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				copy.copyOut(String.format(Locale.ROOT, "COPY (SELECT (to_jsonb(t) - 'updated_at')::text AS j FROM %s t"
						+ " WHERE workspace_id = '%s' ORDER BY j) TO STDOUT", table, workspace), out);
				assertThat(out.size()).as(table).isPositive();
				md.update(out.toByteArray());
			}
		}
		return HexFormat.of().formatHex(md.digest());
	}

	/** Index and constraint definitions of traces and spans. */
	private static List<String> schema(String url) throws Exception {
		List<String> defs = new ArrayList<>();
		for (String table : TRACE_TABLES) {
			defs.addAll(indexes(url, table));
			try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement st = c.createStatement();
					ResultSet rs = st.executeQuery("SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint"
							+ " WHERE conrelid = '" + table + "'::regclass ORDER BY 1")) {
				while (rs.next()) {
					defs.add(rs.getString(1));
				}
			}
		}
		return defs;
	}

	private static List<String> indexes(String url, String table) throws Exception {
		List<String> defs = new ArrayList<>();
		try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement st = c.createStatement();
				ResultSet rs = st.executeQuery("SELECT indexdef FROM pg_indexes WHERE tablename = '" + table
						+ "' ORDER BY indexname")) {
			while (rs.next()) {
				defs.add(rs.getString(1));
			}
		}
		return defs;
	}

	private static final class Output {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

		PrintStream stream() {
			return stream;
		}

		String text() {
			return bytes.toString(StandardCharsets.UTF_8);
		}

	}

}
