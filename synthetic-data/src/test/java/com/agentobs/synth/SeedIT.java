package com.agentobs.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import com.agentobs.synth.model.SeedOptions;
import com.agentobs.testsupport.TestStores;
import com.agentobs.testsupport.TestTenant;
import com.agentobs.synth.report.SeedReport;

/**
 * Seeds small fixed-seed workspaces into the real test database and asserts the seed report's
 * realism checks (volume shape, business hours, error rate, rollup sums), determinism and rollup
 * consistency. Slugs are random per run: the database
 * may hold other workspaces (CI shares it between modules).
 */
class SeedIT {

	
	private static final LocalDate END = LocalDate.of(2025, 6, 1);

	private static final String RUN = Long.toHexString(System.nanoTime() & 0xFFFFFFL);

	private static Seeder seeder;

	@BeforeAll
	static void seeder() {
		PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		seeder = new Seeder(new Seeder.Database(TestStores.dbUrl(), TestStores.OWNER_USER,
				TestStores.OWNER_PASSWORD, TestStores.APP_USER), quiet, quiet, false);
	}

	private static SeedOptions options(String slug, int days, int min, int max, long seed, boolean reset,
			boolean report) {
		return new SeedOptions(slug, days, 100, 500, min, max, 1.2, 100, seed, END, Set.of(), reset, true, false, false,
				report, false, null);
	}

	@Test
	void seed_passesEveryReportCheck_whenFixedSeedTwoWeeks() throws Exception {
		Seeder.Result result = seeder.seed(options("synth-it-checks-" + RUN, 14, 50, 200, 42, false, true));

		assertThat(result.rows()).containsEntry("departments", 10L).containsEntry("agents", 100L)
			.containsEntry("end_users", 500L);
		assertThat(result.rows().get("spans")).isPositive();
		assertThat(result.report()).isNotEmpty();
		assertThat(result.report().stream().filter(c -> Boolean.FALSE.equals(c.ok())).toList())
			.as("checks outside tolerance").isEmpty();
		assertThat(result.report().stream().map(SeedReport.Check::name))
			.contains("Weekend-day vs weekday volume", "Business hours 09:00–17:59", "Fleet non-success rate",
					"Rollups: Σ traces_daily.trace_count = Σ traces.sample_rate");
		try (Connection c = TestStores.owner()) {
			// every seeded trace, whichever generator wrote it, has its search document
			assertThat(result.rows().get("trace_search")).as("search documents")
				.isEqualTo(queryLong(c, "SELECT count(*) FROM traces WHERE workspace_id = ?", result.workspaceId()));
			assertThat(queryLong(c, "SELECT count(*) FROM workspace_members m JOIN users u ON u.id = m.user_id"
					+ " WHERE m.workspace_id = ? AND u.password_hash LIKE '$2a$10$%'", result.workspaceId())).isEqualTo(4);
			assertThat(queryLong(c, "SELECT count(*) FROM traces WHERE workspace_id = ? AND span_count > 0"
					+ " AND span_count <> (SELECT count(*) FROM spans s WHERE s.workspace_id = traces.workspace_id"
					+ " AND s.trace_id = traces.trace_id)", result.workspaceId())).isZero();
			assertThat(queryLong(c, "SELECT count(*) FROM workspaces WHERE id = ? AND settings->>'synthetic' = 'true'",
					result.workspaceId())).isEqualTo(1);
			// quality: fleet 84 ± 3, Sales ≥ 3 above it, v1.7/v1.8 ≥ 3 below v2.x; the rollup counts every score
			long fleet = queryLong(c, "SELECT round(avg(score)) FROM evaluations WHERE workspace_id = ?"
					+ " AND evaluator = 'heuristic'", result.workspaceId());
			assertThat(fleet).isBetween(81L, 87L);
			assertThat(queryLong(c, "SELECT round(avg(score) FILTER (WHERE department_code = 'sales') - avg(score))"
					+ " FROM evaluations WHERE workspace_id = ? AND evaluator = 'heuristic'", result.workspaceId()))
				.isGreaterThanOrEqualTo(3);
			assertThat(queryLong(c, "SELECT round(avg(score) FILTER (WHERE agent_version LIKE 'v2.%')"
					+ " - avg(score) FILTER (WHERE agent_version IN ('v1.7', 'v1.8'))) FROM evaluations"
					+ " WHERE workspace_id = ? AND evaluator = 'heuristic'", result.workspaceId()))
				.isGreaterThanOrEqualTo(3);
			assertThat(queryLong(c, "SELECT sum(score_count) FROM evaluation_rollups_hourly WHERE workspace_id = ?",
					result.workspaceId())).isEqualTo(result.rows().get("evaluations")).isPositive();
			assertThat(queryLong(c, "SELECT count(*) FROM review_queue_items WHERE workspace_id = ?",
					result.workspaceId())).isBetween(1L, 40L);
		}
	}

	@Test
	void seed_producesByteIdenticalTraces_whenSameSeedRunsTwice() throws Exception {
		String slug = "synth-it-determinism-" + RUN;
		Seeder.Result first = seeder.seed(options(slug, 5, 10, 30, 1234, false, false));
		String firstDigest = exportDigest(first.workspaceId());
		Seeder.Result second = seeder.seed(options(slug, 5, 10, 30, 1234, true, false));
		assertThat(second.workspaceId()).isEqualTo(first.workspaceId());
		assertThat(exportDigest(second.workspaceId())).isEqualTo(firstDigest);
		assertThat(second.rows().get("traces")).isEqualTo(first.rows().get("traces")).isPositive();

		Seeder.Result otherSeed = seeder.seed(options(slug, 5, 10, 30, 99, true, false));
		assertThat(exportDigest(otherSeed.workspaceId())).isNotEqualTo(firstDigest);
	}

	@Test
	void seed_refuses_whenWorkspaceAlreadySeededAndNoReset() throws Exception {
		String slug = "synth-it-refuse-" + RUN;
		seeder.seed(options(slug, 1, 1, 2, 5, false, false));
		assertThatThrownBy(() -> seeder.seed(options(slug, 1, 1, 2, 5, false, false)))
			.isInstanceOf(Seeder.SeedRefusedException.class)
			.hasMessageContaining("--reset");
	}

	/** A workspace with real (non-synthetic) agents must never be touched without --force. */
	@Test
	void seed_refuses_whenWorkspaceHoldsNonSyntheticData() throws Exception {
		try (TestTenant real = TestTenant.create("synth-it-real")) {
			real.agent("real-agent");
			assertThatThrownBy(() -> seeder.seed(options(real.slug(), 1, 1, 2, 5, true, false)))
				.isInstanceOf(Seeder.SeedRefusedException.class)
				.hasMessageContaining("non-synthetic");
		}
	}

	@Test
	void dryRun_writesNothing() throws Exception {
		String slug = "synth-it-dry-" + RUN;
		SeedOptions o = new SeedOptions(slug, 3, 100, 500, 5, 10, 1.2, 100, 1, END, Set.of(), false, true, false, true,
				false, false, null);
		seeder.seed(o);
		try (Connection c = TestStores.owner()) {
			assertThat(queryLong(c, "SELECT count(*) FROM workspaces WHERE slug = ?", slug)).isZero();
		}
	}

	/** Every column of every trace (and span) of the workspace, in a stable order, as COPY text. */
	private static String exportDigest(UUID workspace) throws Exception {
		MessageDigest md = MessageDigest.getInstance("SHA-256");
		try (Connection c = TestStores.owner()) {
			var copy = c.unwrap(PGConnection.class).getCopyAPI();
			for (String sql : List.of(
					"COPY (SELECT * FROM traces WHERE workspace_id = '%s' ORDER BY trace_id, timestamp) TO STDOUT",
					"COPY (SELECT * FROM spans WHERE workspace_id = '%s' ORDER BY trace_id, span_id) TO STDOUT")) {
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				copy.copyOut(String.format(Locale.ROOT, sql, workspace), out);
				md.update(out.toByteArray());
			}
		}
		return HexFormat.of().formatHex(md.digest());
	}

	private static long queryLong(Connection c, String sql, Object param) throws Exception {
		try (PreparedStatement ps = c.prepareStatement(sql)) {
			ps.setObject(1, param);
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

}
