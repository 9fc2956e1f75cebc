package com.agentobs.synth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.agentobs.migrations.Migrations;
import com.agentobs.synth.generator.Generator;
import com.agentobs.synth.generator.GeneratorRegistry;
import com.agentobs.synth.generator.RawCopyBench;
import com.agentobs.synth.generator.SeedContext;
import com.agentobs.synth.model.OrgPlan;
import com.agentobs.synth.model.OrgPlanner;
import com.agentobs.synth.model.SeedOptions;
import com.agentobs.synth.report.SeedReport;

/**
 * One seeding run: migrate (once per instance), resolve and guard the workspace, plan, (reset,) run the selected
 * generators, print the summary (and the report). Public so tests run it in-process.
 */
public final class Seeder {

	/** Connection settings of the owner role (RLS does not apply to it). */
	public record Database(String url, String user, String password, String appRole) {

		public static Database fromEnvironment() {
			return new Database(env("AGENTOBS_DB_URL", "jdbc:postgresql://127.0.0.1:5432/agentobs"),
					env("AGENTOBS_DB_OWNER_USER", "agentobs"), env("AGENTOBS_DB_OWNER_PASSWORD", "agentobs"),
					env("AGENTOBS_DB_APP_USER", Migrations.DEFAULT_APP_ROLE));
		}

		private static String env(String name, String fallback) {
			String value = System.getenv(name);
			return value == null || value.isBlank() ? fallback : value;
		}

	}

	/** What a run did. */
	public record Result(UUID workspaceId, String slug, Map<String, Long> rows, Map<String, Double> seconds,
			double totalSeconds, List<SeedReport.Check> report) {
	}

	/** Refusals the user can fix with an option; the CLI exits with status 2. */
	public static final class SeedRefusedException extends RuntimeException {

		SeedRefusedException(String message) {
			super(message);
		}

	}

	private static final Set<String> BIG_TABLES = Set.of("traces", "spans", "traces_hourly", "traces_daily",
			"traces_model_hourly", "traces_agent_hourly", "users_hourly");

	private static final String FIND_BY_SLUG = "SELECT id, settings->>'synthetic' FROM workspaces WHERE slug = ?";

	private static final String FIND_FIRST = """
			SELECT id, settings->>'synthetic', slug FROM workspaces ORDER BY created_at, id LIMIT 1
			""";

	private static final String HAS_DATA = """
			SELECT EXISTS (SELECT 1 FROM agents WHERE workspace_id = ?) OR EXISTS (SELECT 1 FROM traces WHERE workspace_id = ?)
			""";

	private static final String INSERT_WORKSPACE = """
			INSERT INTO workspaces (id, name, slug, plan, is_active, settings, created_at, updated_at)
			VALUES (?, ?, ?, 'enterprise', TRUE, ?::jsonb, ?, ?)
			""";

	private static final String MARK_SYNTHETIC = """
			UPDATE workspaces SET settings = settings || ?::jsonb, updated_at = NOW() WHERE id = ?
			""";

	private final Database database;

	private final PrintStream out;

	private final PrintStream err;

	private final boolean interactive;

	private final GeneratorRegistry registry;

	/**
	 * Set once this instance migrated its database: the later seeds of the same instance skip Flyway.
	 * Why: a migrate that finds the schema current still validates every migration, a fixed cost per seed.
	 */
	private boolean migrated;

	public Seeder(Database database, PrintStream out, PrintStream err, boolean interactive) {
		this.database = database;
		this.out = out;
		this.err = err;
		this.interactive = interactive;
		this.registry = GeneratorRegistry.standard();
	}

	public GeneratorRegistry registry() {
		return registry;
	}

	public Result seed(SeedOptions options) throws Exception {
		long started = System.nanoTime();
		if (!options.dryRun() && !migrated) {
			err.println("==> Migrating " + database.url());
			Migrations.migrate(database.url(), database.user(), database.password(), database.appRole());
			migrated = true;
		}
		WorkspaceRef ref = resolveWorkspace(options);
		OrgPlan plan = OrgPlanner.plan(options, ref.id());
		List<Generator> selected = registry.selected(options.only());
		if (options.dryRun()) {
			printDryRun(options, ref, plan, selected);
			return new Result(ref.id(), ref.slug(), Map.of(), Map.of(), 0, List.of());
		}
		try (Connection c = open()) {
			guard(c, options, ref, selected);
			if (options.reset()) {
				confirmReset(c, options, ref);
				reset(c, ref, selected);
			}
			upsertWorkspace(c, options, ref, plan);
		}
		err.printf(Locale.ROOT, "==> Seeding workspace %s (%s): seed %d, %d days to %s, %d agents, %,d traces planned%n",
				ref.slug(), ref.id(), options.seed(), options.days(), options.endDate(), plan.agents().size(),
				plan.totalTraces());
		SeedContext context = new SeedContext(database.url(), database.user(), database.password(), plan, err,
				interactive);
		Map<String, Long> rows = new LinkedHashMap<>();
		Map<String, Double> seconds = new LinkedHashMap<>();
		for (Generator generator : selected) {
			long t0 = System.nanoTime();
			err.println("==> " + generator.name());
			Map<String, Long> written = generator.write(context);
			double s = (System.nanoTime() - t0) / 1e9;
			rows.putAll(written);
			seconds.put(generator.name(), s);
		}
		long analyzeStart = System.nanoTime();
		err.println("==> statistics");
		analyze(selected);
		seconds.put("statistics", (System.nanoTime() - analyzeStart) / 1e9);
		double total = (System.nanoTime() - started) / 1e9;
		printSummary(plan, rows, seconds, total);
		if (options.bench()) {
			bench(ref.id(), rows, seconds);
		}
		List<SeedReport.Check> report = List.of();
		if (options.report()) {
			report = report(ref.id(), new SeedReport.Expected(options.agents(), options.users(), options.isDemoScale()));
		}
		return new Result(ref.id(), ref.slug(), rows, seconds, total, report);
	}

	/**
	 * {@code ANALYZE} of a table's columns worth statistics (V026): not text, JSON or arrays
	 * (payloads and histograms no plan filters on); processing's refresh analyses the same way.
	 */
	private static final String ANALYZE_PLANNED = "SELECT agentobs_analyze_planned(?::regclass)";

	/**
	 * {@code ANALYZE} of every table the run wrote, on two connections: the planner needs row counts
	 * and value distributions of freshly loaded tables (autovacuum may be off or not have run yet; a
	 * rollup table analysed while empty is planned as one row). Only the columns plans filter and
	 * group on ({@link #ANALYZE_PLANNED}): statistics of payload text and histogram arrays cost most
	 * of an ANALYZE and inform no plan.
	 */
	private void analyze(List<Generator> generators) throws Exception {
		List<String> tables = generators.stream().flatMap((g) -> g.tables().stream()).distinct().toList();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int worker = 0; worker < 2; worker++) {
				int first = worker;
				done.add(pool.submit(() -> {
					try (Connection c = open(); PreparedStatement analyze = c.prepareStatement(ANALYZE_PLANNED)) {
						for (int i = first; i < tables.size(); i += 2) {
							analyze.setString(1, tables.get(i));
							analyze.execute();
						}
					}
					return null;
				}));
			}
			for (Future<?> f : done) {
				f.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** {@code report} command: the checks for an existing workspace, targets from its seed settings. */
	public List<SeedReport.Check> reportOnly(SeedOptions options) throws Exception {
		WorkspaceRef ref = resolveWorkspace(options);
		if (!ref.exists()) {
			throw new SeedRefusedException("workspace " + ref.slug() + " does not exist");
		}
		int agents = options.agents();
		int users = options.users();
		boolean demo = options.isDemoScale();
		try (Connection c = open(); PreparedStatement ps = c.prepareStatement("""
				SELECT (settings->>'agents')::int, (settings->>'users')::int, (settings->>'demo_scale')::boolean
				FROM workspaces WHERE id = ?""")) {
			ps.setObject(1, ref.id());
			try (ResultSet rs = ps.executeQuery()) {
				if (rs.next() && rs.getObject(1) != null) {
					agents = rs.getInt(1);
					users = rs.getInt(2);
					demo = rs.getBoolean(3);
				}
			}
		}
		return report(ref.id(), new SeedReport.Expected(agents, users, demo));
	}

	private List<SeedReport.Check> report(UUID workspace, SeedReport.Expected expected) throws SQLException {
		err.println("==> Report");
		try (Connection c = open()) {
			List<SeedReport.Check> checks = SeedReport.run(c, workspace, expected);
			boolean ok = SeedReport.print(checks, out);
			out.println(ok ? "All checks within tolerance." : "Some checks are outside their tolerance (FAIL above).");
			return checks;
		}
	}

	private record WorkspaceRef(UUID id, String slug, boolean exists, boolean synthetic) {
	}

	private WorkspaceRef resolveWorkspace(SeedOptions options) throws SQLException {
		try (Connection c = open()) {
			if (!tableExists(c, "workspaces")) {
				String slug = options.workspaceSlug() == null ? SeedOptions.DEFAULT_SLUG : options.workspaceSlug();
				return new WorkspaceRef(OrgPlanner.workspaceIdFor(options.seed(), slug), slug, false, true);
			}
			if (options.workspaceSlug() != null) {
				try (PreparedStatement ps = c.prepareStatement(FIND_BY_SLUG)) {
					ps.setString(1, options.workspaceSlug());
					try (ResultSet rs = ps.executeQuery()) {
						if (rs.next()) {
							return new WorkspaceRef(rs.getObject(1, UUID.class), options.workspaceSlug(), true,
									"true".equals(rs.getString(2)));
						}
					}
				}
				return new WorkspaceRef(OrgPlanner.workspaceIdFor(options.seed(), options.workspaceSlug()),
						options.workspaceSlug(), false, true);
			}
			try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(FIND_FIRST)) {
				if (rs.next()) {
					return new WorkspaceRef(rs.getObject(1, UUID.class), rs.getString(3), true,
							"true".equals(rs.getString(2)));
				}
			}
			return new WorkspaceRef(OrgPlanner.workspaceIdFor(options.seed(), SeedOptions.DEFAULT_SLUG),
					SeedOptions.DEFAULT_SLUG, false, true);
		}
	}

	private static boolean tableExists(Connection c, String table) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
			ps.setString(1, table);
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				return rs.getBoolean(1);
			}
		}
	}

	private void guard(Connection c, SeedOptions options, WorkspaceRef ref, List<Generator> selected)
			throws SQLException {
		if (!ref.exists()) {
			if (!options.only().isEmpty() && !options.only().contains("org")) {
				throw new SeedRefusedException("workspace " + ref.slug()
						+ " does not exist yet: run without --only first (it creates the organisation)");
			}
			return;
		}
		if (!ref.synthetic()) {
			try (PreparedStatement ps = c.prepareStatement(HAS_DATA)) {
				ps.setObject(1, ref.id());
				ps.setObject(2, ref.id());
				try (ResultSet rs = ps.executeQuery()) {
					rs.next();
					if (rs.getBoolean(1) && !options.force()) {
						throw new SeedRefusedException("workspace " + ref.slug()
								+ " holds non-synthetic data (agents or traces): refusing to touch it. Pick another"
								+ " --workspace, or pass --force (with --reset to wipe it first).");
					}
				}
			}
		}
		if (options.reset()) {
			return;
		}
		List<String> filled = new ArrayList<>();
		for (Generator g : selected) {
			String table = g.tables().get(0);
			try (PreparedStatement ps = c.prepareStatement(
					"SELECT EXISTS (SELECT 1 FROM " + table + " WHERE workspace_id = ?)")) {
				ps.setObject(1, ref.id());
				try (ResultSet rs = ps.executeQuery()) {
					rs.next();
					// rollups and search documents are derived from the traces: rebuilding them is always safe
					if (rs.getBoolean(1) && !g.name().equals("rollups") && !g.name().equals("search")) {
						filled.add(g.name() + " (" + table + ")");
					}
				}
			}
		}
		if (!filled.isEmpty() && (ref.synthetic() || !options.force())) {
			throw new SeedRefusedException("workspace " + ref.slug() + " already has data for " + String.join(", ", filled)
					+ ": pass --reset to regenerate it (or --only for the other generators)");
		}
	}

	private void confirmReset(Connection c, SeedOptions options, WorkspaceRef ref) throws SQLException, IOException {
		if (!ref.exists() || options.yes()) {
			return;
		}
		long traces;
		try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM traces WHERE workspace_id = ?")) {
			ps.setObject(1, ref.id());
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				traces = rs.getLong(1);
			}
		}
		if (System.console() == null) {
			throw new SeedRefusedException("--reset would delete the data of workspace " + ref.slug() + " (" + traces
					+ " traces); no terminal to confirm: pass --yes");
		}
		err.printf(Locale.ROOT, "Delete the %s data of workspace %s (%,d traces)? Type the slug to confirm: ",
				options.only().isEmpty() ? "whole" : String.join("/", options.only()), ref.slug(), traces);
		err.flush();
		String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
		if (answer == null || !answer.trim().equals(ref.slug())) {
			throw new SeedRefusedException("reset not confirmed; nothing changed");
		}
	}

	/** Deletes in reverse generator order; big tables are truncated when no other workspace uses them. */
	private void reset(Connection c, WorkspaceRef ref, List<Generator> selected) throws SQLException {
		if (!ref.exists()) {
			return;
		}
		err.println("==> Reset: deleting the workspace's synthetic data");
		c.setAutoCommit(false);
		List<Generator> reversed = new ArrayList<>(selected);
		java.util.Collections.reverse(reversed);
		for (Generator g : reversed) {
			for (String table : g.tables()) {
				boolean truncate = false;
				if (BIG_TABLES.contains(table)) {
					try (PreparedStatement ps = c.prepareStatement(
							"SELECT NOT EXISTS (SELECT 1 FROM " + table + " WHERE workspace_id <> ?)")) {
						ps.setObject(1, ref.id());
						try (ResultSet rs = ps.executeQuery()) {
							rs.next();
							truncate = rs.getBoolean(1);
						}
					}
				}
				if (truncate) {
					try (Statement st = c.createStatement()) {
						st.execute("TRUNCATE " + table);
					}
				}
				else {
					try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE workspace_id = ?")) {
						ps.setObject(1, ref.id());
						ps.executeUpdate();
					}
				}
			}
		}
		c.commit();
		c.setAutoCommit(true);
	}

	private void upsertWorkspace(Connection c, SeedOptions options, WorkspaceRef ref, OrgPlan plan)
			throws SQLException {
		String settings = """
				{"synthetic": true, "seed": %d, "end_date": "%s", "days": %d, "agents": %d, "users": %d, \
				"sample_rate": %d, "demo_scale": %s, "timezone": "UTC"}""".formatted(options.seed(), options.endDate(),
				options.days(), options.agents(), options.users(), options.sampleRate(), options.isDemoScale());
		if (ref.exists()) {
			try (PreparedStatement ps = c.prepareStatement(MARK_SYNTHETIC)) {
				ps.setString(1, settings);
				ps.setObject(2, ref.id());
				ps.executeUpdate();
			}
			return;
		}
		try (PreparedStatement ps = c.prepareStatement(INSERT_WORKSPACE)) {
			Timestamp created = new Timestamp(plan.startMillis() - 120 * OrgPlan.DAY_MS);
			ps.setObject(1, ref.id());
			ps.setString(2, ref.slug().equals(SeedOptions.DEFAULT_SLUG) ? "Demo Organization"
					: "Synthetic " + ref.slug());
			ps.setString(3, ref.slug());
			ps.setString(4, settings);
			ps.setTimestamp(5, created);
			ps.setTimestamp(6, created);
			ps.executeUpdate();
		}
	}

	private void printDryRun(SeedOptions options, WorkspaceRef ref, OrgPlan plan, List<Generator> selected) {
		out.printf(Locale.ROOT, "Dry run: nothing is written.%nWorkspace %s (%s, %s); seed %d; %d days %s … %s (UTC)%n",
				ref.slug(), ref.id(), ref.exists() ? "exists" : "would be created", options.seed(), options.days(),
				options.endDate().minusDays(options.days()), options.endDate().minusDays(1));
		if (options.reset()) {
			out.println("--reset: the selected generators' rows of this workspace would be deleted first");
		}
		out.printf("%-12s %-32s %s%n", "Generator", "Table", "Rows");
		for (Generator g : selected) {
			for (Map.Entry<String, String> e : g.plan(plan).entrySet()) {
				out.printf("%-12s %-32s %s%n", g.name(), e.getKey(), e.getValue());
			}
		}
	}

	private void printSummary(OrgPlan plan, Map<String, Long> rows, Map<String, Double> seconds, double total) {
		out.println();
		out.printf("%-28s %14s%n", "Table", "Rows");
		rows.forEach((table, n) -> out.printf(Locale.ROOT, "%-28s %,14d%n", table, n));
		out.printf(Locale.ROOT, "%-28s %,14d%n", "(requests represented)", plan.representedRequests());
		out.println();
		out.printf("%-28s %10s%n", "Step", "Seconds");
		seconds.forEach((step, s) -> out.printf(Locale.ROOT, "%-28s %10.1f%n", step, s));
		out.printf(Locale.ROOT, "%-28s %10.1f%n", "total (incl. migrations)", total);
		Double traceSeconds = seconds.get("traces");
		Long traces = rows.get("traces");
		if (traceSeconds != null && traces != null && traceSeconds > 0) {
			out.printf(Locale.ROOT, "Trace load rate: %,.0f traces/s (with %,d spans); end to end %,.0f traces/s%n",
					traces / traceSeconds, rows.getOrDefault("spans", 0L), traces / total);
		}
	}

	/** --bench: the seeder's trace step beside a raw COPY of the same rows (see {@link RawCopyBench}). */
	private void bench(UUID workspace, Map<String, Long> rows, Map<String, Double> seconds) throws Exception {
		err.println("==> Bench: raw COPY of the same rows into the same tables (rolled back)");
		RawCopyBench.Result raw = RawCopyBench.run(this::open, workspace);
		double seeded = seconds.getOrDefault("traces", 0.0);
		out.printf(Locale.ROOT, "Bench: seeder traces step %.1f s (%,d traces + %,d spans: generated, copied, indexed)%n",
				seeded, rows.getOrDefault("traces", 0L), rows.getOrDefault("spans", 0L));
		out.printf(Locale.ROOT, "       raw COPY of the same rows, both tables at once on two connections:%n");
		printRaw("indexes in place", raw.indexed(), raw.traces(), seeded);
		printRaw("load, then build the same indexes (pg_restore style)", raw.bulk(), raw.traces(), seeded);
	}

	private void printRaw(String label, RawCopyBench.Timing t, long traces, double seeded) {
		out.printf(Locale.ROOT, "         %s: %.1f s (traces %.1f s, %,.0f rows/s; spans %.1f s) -> ratio seeder / raw = %.2f%n",
				label, t.seconds(), t.tracesSeconds(), traces / t.tracesSeconds(), t.spansSeconds(), seeded / t.seconds());
	}

	private Connection open() throws SQLException {
		return DriverManager.getConnection(database.url(), database.user(), database.password());
	}

}
