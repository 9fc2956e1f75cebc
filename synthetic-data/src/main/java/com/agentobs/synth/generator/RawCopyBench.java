package com.agentobs.synth.generator;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.postgresql.PGConnection;

/**
 * {@code --bench}: the floor the seeder's trace step is compared with. The workspace's traces and spans
 * are exported as COPY text, then loaded back unchanged into the same tables, both tables at once on
 * two connections (as the seeder does), each inside a transaction that is rolled back, so the seeded
 * data is untouched (the tables are locked meanwhile):
 * <ul>
 * <li>{@code indexed}: TRUNCATE, COPY with every index and key in place;</li>
 * <li>{@code bulk}: the same pg_restore-style path as the seeder ({@link BulkLoad}: drop indexes and
 * keys, TRUNCATE, COPY FREEZE, build them again), so its time includes the same index builds.</li>
 * </ul>
 */
public final class RawCopyBench {

	/** Wall seconds of each variant (both tables concurrently) and of each table in it. */
	public record Timing(double seconds, double tracesSeconds, double spansSeconds) {
	}

	public record Result(long traces, long spans, Timing indexed, Timing bulk) {
	}

	private RawCopyBench() {
	}

	public static Result run(Callable<Connection> connections, UUID workspace) throws Exception {
		Path traces = Files.createTempFile("agentobs-bench-traces", ".tsv");
		Path spans = Files.createTempFile("agentobs-bench-spans", ".tsv");
		try {
			long traceRows;
			long spanRows;
			try (Connection c = connections.call()) {
				var copy = c.unwrap(PGConnection.class).getCopyAPI();
				try (OutputStream o = Files.newOutputStream(traces)) {
					traceRows = copy.copyOut("COPY (SELECT * FROM traces WHERE workspace_id = '" + workspace
							+ "') TO STDOUT", o);
				}
				try (OutputStream o = Files.newOutputStream(spans)) {
					spanRows = copy.copyOut("COPY (SELECT * FROM spans WHERE workspace_id = '" + workspace
							+ "') TO STDOUT", o);
				}
			}
			Timing indexed = both(connections, traces, spans, false);
			Timing bulk = both(connections, traces, spans, true);
			return new Result(traceRows, spanRows, indexed, bulk);
		}
		finally {
			Files.deleteIfExists(traces);
			Files.deleteIfExists(spans);
		}
	}

	private static Timing both(Callable<Connection> connections, Path traces, Path spans, boolean bulk)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			long t0 = System.nanoTime();
			List<Future<Double>> f = new ArrayList<>();
			f.add(pool.submit(() -> load(connections, "traces", traces, bulk, t0)));
			f.add(pool.submit(() -> load(connections, "spans", spans, bulk, t0)));
			double tracesSeconds = f.get(0).get();
			double spansSeconds = f.get(1).get();
			return new Timing((System.nanoTime() - t0) / 1e9, tracesSeconds, spansSeconds);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static double load(Callable<Connection> connections, String table, Path file, boolean bulk, long t0)
			throws Exception {
		try (Connection c = connections.call()) {
			c.setAutoCommit(false);
			try {
				String options = "";
				BulkLoad load = null;
				try (Statement st = c.createStatement()) {
					st.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
					if (bulk) {
						load = BulkLoad.capture(c, table);
						load.dropAndTruncate(c);
						options = " WITH (FREEZE)";
					}
					else {
						st.execute("TRUNCATE " + table);
					}
				}
				try (InputStream in = Files.newInputStream(file)) {
					c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN" + options, in,
							1 << 20);
				}
				if (load != null) {
					load.rebuild(c);
				}
				return (System.nanoTime() - t0) / 1e9;
			}
			finally {
				c.rollback();
			}
		}
	}

}
