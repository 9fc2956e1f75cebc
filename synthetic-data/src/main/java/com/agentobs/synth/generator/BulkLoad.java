package com.agentobs.synth.generator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Loading an empty table the way {@code pg_restore} does: inside the loading transaction, drop the
 * table's indexes and primary/unique keys, {@code TRUNCATE} it (so {@code COPY … FREEZE} is allowed),
 * load, then rebuild them from the definitions read from the catalog and commit. Building an index
 * once from sorted data costs a fraction of maintaining it row by row.
 * <p>
 * Foreign keys stay: dropping one locks the referenced table ({@code workspaces}) ACCESS EXCLUSIVE
 * until the commit, which would block every service and serialise the two concurrent loads.
 * <p>
 * Crash safety comes from PostgreSQL itself: DROP, TRUNCATE, COPY and the rebuild are one transaction,
 * so if the run fails or is killed anywhere before the commit the transaction rolls back and the table
 * is exactly as before (empty, with every index and constraint); there is nothing to repair on the next
 * run. The price is an ACCESS EXCLUSIVE lock on the table until the commit, which is why this is used
 * only when the table holds no rows at all (no other workspace can be affected; see
 * {@link #begin(Connection, String)}).
 */
final class BulkLoad {

	/** Memory for each index build (and its parallel workers); the load session only. */
	static final String MAINTENANCE_WORK_MEM = "512MB";

	private static final String CONSTRAINTS = """
			SELECT conname, contype, pg_get_constraintdef(oid)
			FROM pg_constraint
			WHERE conrelid = ?::regclass AND contype IN ('p', 'u')
			ORDER BY conname
			""";

	/** Indexes that do not belong to a constraint (those are rebuilt by re-adding the constraint). */
	private static final String INDEXES = """
			SELECT c.relname, pg_get_indexdef(i.indexrelid)
			FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
			WHERE i.indrelid = ?::regclass
			  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)
			ORDER BY c.relname
			""";

	/**
	 * Plain tables only: not partitioned, no inheritance children (a TimescaleDB hypertable has chunks),
	 * not referenced by another table's foreign key (its key could not be dropped), owned by the current
	 * role (who may drop its indexes) and without FORCE ROW LEVEL SECURITY (so "no rows" means no rows).
	 */
	private static final String ELIGIBLE = """
			SELECT c.relkind = 'r' AND pg_has_role(c.relowner, 'USAGE') AND NOT c.relforcerowsecurity
			       AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhparent = c.oid OR h.inhrelid = c.oid)
			       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.confrelid = c.oid AND k.conrelid <> c.oid)
			FROM pg_class c WHERE c.oid = ?::regclass
			""";

	private final String table;

	private final List<String> drops;

	private final List<String> rebuilds;

	private BulkLoad(String table, List<String> drops, List<String> rebuilds) {
		this.table = table;
		this.drops = List.copyOf(drops);
		this.rebuilds = List.copyOf(rebuilds);
	}

	/**
	 * At the start of the connection's transaction (auto-commit off): when {@code table} is an eligible
	 * plain table holding no rows, locks it, drops its indexes and keys, truncates it and returns the
	 * handle that rebuilds them. Returns {@code null} (no lock kept, nothing changed) when the table has
	 * rows or is not eligible: the caller then loads with everything in place.
	 */
	static BulkLoad begin(Connection c, String table) throws SQLException {
		if (!eligible(c, table) || hasRows(c, table)) {
			return null;
		}
		try (Statement st = c.createStatement()) {
			st.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
		}
		if (hasRows(c, table)) { // rows committed between the check and the lock: load normally
			c.rollback();
			return null;
		}
		BulkLoad load = capture(c, table);
		load.dropAndTruncate(c);
		return load;
	}

	/** The table's current keys, foreign keys and indexes, as DROP and re-CREATE statements. */
	static BulkLoad capture(Connection c, String table) throws SQLException {
		List<String> drops = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		List<String> singleThreaded = new ArrayList<>();
		List<String> indexes = new ArrayList<>();
		try (PreparedStatement ps = c.prepareStatement(CONSTRAINTS)) {
			ps.setString(1, table);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					String name = quote(rs.getString(1));
					drops.add("ALTER TABLE " + table + " DROP CONSTRAINT " + name);
					keys.add("ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + rs.getString(3));
				}
			}
		}
		try (PreparedStatement ps = c.prepareStatement(INDEXES)) {
			ps.setString(1, table);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					drops.add("DROP INDEX " + quote(rs.getString(1)));
					String definition = rs.getString(2);
					(definition.contains(" USING btree ") ? indexes : singleThreaded).add(definition);
				}
			}
		}
		// Indexes PostgreSQL builds on one core (GIN) first, while the seeder's other load still keeps
		// the second core busy; then the keys (as pg_restore does) and the B-trees, whose builds can
		// use parallel workers once that core is free.
		List<String> rebuilds = new ArrayList<>(singleThreaded);
		rebuilds.addAll(keys);
		rebuilds.addAll(indexes);
		return new BulkLoad(table, drops, rebuilds);
	}

	/** Drops what {@link #capture} found and truncates, in the caller's transaction. */
	void dropAndTruncate(Connection c) throws SQLException {
		try (Statement st = c.createStatement()) {
			for (String drop : drops) {
				st.execute(drop);
			}
			st.execute("TRUNCATE " + table);
		}
	}

	/** Re-creates every key, index and foreign key, in the caller's transaction (commit afterwards). */
	void rebuild(Connection c) throws SQLException {
		try (Statement st = c.createStatement()) {
			st.execute("SET LOCAL maintenance_work_mem = '" + MAINTENANCE_WORK_MEM + "'");
			for (String sql : rebuilds) {
				st.execute(sql);
			}
		}
	}

	/** The statements {@link #rebuild} runs, in order. */
	List<String> rebuildStatements() {
		return rebuilds;
	}

	String table() {
		return table;
	}

	private static boolean eligible(Connection c, String table) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement(ELIGIBLE)) {
			ps.setString(1, table);
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
	}

	private static boolean hasRows(Connection c, String table) throws SQLException {
		try (Statement st = c.createStatement();
				ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
			rs.next();
			return rs.getBoolean(1);
		}
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

}
