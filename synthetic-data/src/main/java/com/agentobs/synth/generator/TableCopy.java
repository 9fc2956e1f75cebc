package com.agentobs.synth.generator;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * One table loaded by one {@code COPY} in its own connection and transaction. When the table is empty
 * the load is a {@link BulkLoad} ({@code COPY … WITH (FREEZE)} without indexes, rebuilt before the
 * commit); otherwise a plain COPY with everything in place.
 */
final class TableCopy implements AutoCloseable {

	private final Connection connection;

	private final String table;

	private final BulkLoad bulk;

	private final CopyStream stream;

	private TableCopy(Connection connection, String table, BulkLoad bulk, CopyStream stream) {
		this.connection = connection;
		this.table = table;
		this.bulk = bulk;
		this.stream = stream;
	}

	/** {@code copySql} is {@code COPY table (columns) FROM STDIN} without options. */
	static TableCopy open(SeedContext context, String table, String copySql) throws SQLException {
		Connection c = context.open();
		try {
			c.setAutoCommit(false);
			try (Statement st = c.createStatement()) {
				// one commit per table; losing it in a crash only means re-running the seeder
				st.execute("SET synchronous_commit = off");
			}
			BulkLoad bulk = BulkLoad.begin(c, table);
			CopyStream stream = new CopyStream(c, bulk == null ? copySql : copySql.strip() + " WITH (FREEZE)");
			return new TableCopy(c, table, bulk, stream);
		}
		catch (SQLException | RuntimeException e) {
			c.close();
			throw e;
		}
	}

	CopyStream stream() {
		return stream;
	}

	Connection connection() {
		return connection;
	}

	boolean bulk() {
		return bulk != null;
	}

	/** Ends the COPY, rebuilds what a bulk load dropped, commits; returns the rows stored. */
	long finish(PrintStream err) throws SQLException {
		long rows = stream.finish();
		if (bulk != null) {
			long t0 = System.nanoTime();
			bulk.rebuild(connection);
			err.printf(Locale.ROOT, "    %s: %d indexes and keys built after the load in %.1f s%n", table,
					bulk.rebuildStatements().size(), (System.nanoTime() - t0) / 1e9);
		}
		connection.commit();
		return rows;
	}

	/** Rolls back whatever was not committed (a bulk load's table is then empty with all its indexes). */
	@Override
	public void close() throws SQLException {
		try {
			stream.close();
		}
		finally {
			connection.close();
		}
	}

}
