package com.agentobs.processing.pricing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code workspace_prices}; inside a workspace transaction, every statement filtered on the workspace too. */
@Component
class WorkspacePriceStore {

	private static final String COLUMNS = """
			id, model, provider, kind, catalog_model, input_per_1m_usd, output_per_1m_usd, cached_input_per_1m_usd,
			cache_write_per_1m_usd, reasoning_per_1m_usd, effective_from, note, created_at, updated_at""";

	private final JdbcClient jdbc;

	WorkspacePriceStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<WorkspacePrice> list(UUID ws) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM workspace_prices WHERE workspace_id = :ws "
				+ "ORDER BY lower(model), effective_from")
			.param("ws", ws)
			.query(WorkspacePriceStore::map)
			.list();
	}

	Optional<WorkspacePrice> find(UUID ws, UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM workspace_prices WHERE workspace_id = :ws AND id = :id")
			.param("ws", ws)
			.param("id", id)
			.query(WorkspacePriceStore::map)
			.optional();
	}

	Optional<WorkspacePrice> lock(UUID ws, UUID id) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM workspace_prices WHERE workspace_id = :ws AND id = :id FOR UPDATE")
			.param("ws", ws)
			.param("id", id)
			.query(WorkspacePriceStore::map)
			.optional();
	}

	/** The price of the same model id (ignoring case) and effective date, other than {@code except}. */
	Optional<WorkspacePrice> same(UUID ws, WorkspacePrice.Fields f, UUID except) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM workspace_prices WHERE workspace_id = :ws "
				+ "AND lower(model) = lower(:model) AND effective_from = :from AND id IS DISTINCT FROM :except")
			.param("ws", ws)
			.param("model", f.model())
			.param("from", Timestamp.from(f.effectiveFrom()))
			.param("except", except)
			.query(WorkspacePriceStore::map)
			.optional();
	}

	boolean catalogHas(String model) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM price_catalog WHERE model = :model)")
			.param("model", model)
			.query(Boolean.class)
			.single();
	}

	void insert(UUID ws, UUID id, WorkspacePrice.Fields f, UUID createdBy) {
		this.jdbc.sql("""
				INSERT INTO workspace_prices (id, workspace_id, model, provider, kind, catalog_model, input_per_1m_usd,
				    output_per_1m_usd, cached_input_per_1m_usd, cache_write_per_1m_usd, reasoning_per_1m_usd,
				    effective_from, note, created_by)
				VALUES (:id, :ws, :model, :provider, :kind, :catalog, :input, :output, :cached, :write, :reasoning,
				    :from, :note, :by)""")
			.param("id", id)
			.param("ws", ws)
			.param("model", f.model())
			.param("provider", f.provider())
			.param("kind", f.kind())
			.param("catalog", f.catalogModel())
			.param("input", f.inputPerMtok())
			.param("output", f.outputPerMtok())
			.param("cached", f.cachedInputPerMtok())
			.param("write", f.cacheWritePerMtok())
			.param("reasoning", f.reasoningPerMtok())
			.param("from", Timestamp.from(f.effectiveFrom()))
			.param("note", f.note())
			.param("by", createdBy)
			.update();
	}

	void update(UUID ws, UUID id, WorkspacePrice.Fields f) {
		this.jdbc.sql("""
				UPDATE workspace_prices SET model = :model, provider = :provider, kind = :kind, catalog_model = :catalog,
				    input_per_1m_usd = :input, output_per_1m_usd = :output, cached_input_per_1m_usd = :cached,
				    cache_write_per_1m_usd = :write, reasoning_per_1m_usd = :reasoning, effective_from = :from,
				    note = :note, updated_at = NOW()
				WHERE workspace_id = :ws AND id = :id""")
			.param("id", id)
			.param("ws", ws)
			.param("model", f.model())
			.param("provider", f.provider())
			.param("kind", f.kind())
			.param("catalog", f.catalogModel())
			.param("input", f.inputPerMtok())
			.param("output", f.outputPerMtok())
			.param("cached", f.cachedInputPerMtok())
			.param("write", f.cacheWritePerMtok())
			.param("reasoning", f.reasoningPerMtok())
			.param("from", Timestamp.from(f.effectiveFrom()))
			.param("note", f.note())
			.update();
	}

	void delete(UUID ws, UUID id) {
		this.jdbc.sql("DELETE FROM workspace_prices WHERE workspace_id = :ws AND id = :id")
			.param("ws", ws)
			.param("id", id)
			.update();
	}

	private static WorkspacePrice map(ResultSet rs, int n) throws SQLException {
		return new WorkspacePrice(rs.getObject("id", UUID.class), rs.getString("model"), rs.getString("provider"),
				rs.getString("kind"), rs.getString("catalog_model"), strip(rs, "input_per_1m_usd"),
				strip(rs, "output_per_1m_usd"), strip(rs, "cached_input_per_1m_usd"), strip(rs, "cache_write_per_1m_usd"),
				strip(rs, "reasoning_per_1m_usd"), rs.getTimestamp("effective_from").toInstant(), rs.getString("note"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

	private static java.math.BigDecimal strip(ResultSet rs, String column) throws SQLException {
		java.math.BigDecimal v = rs.getBigDecimal(column);
		if (v == null) {
			return null;
		}
		java.math.BigDecimal s = v.stripTrailingZeros();
		return (s.scale() < 0) ? s.setScale(0) : s;
	}

}
