package com.agentobs.query.fleetdata;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.tenancy.DepartmentCodes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The workspace's departments, and the one place a {@code department} code becomes an id:
 * always looked up within the caller's workspace, unknown codes are a 400 naming
 * {@code department}. Call inside {@code WorkspaceTransactions.inWorkspace}.
 */
@Component
public class Departments {

	private static final String SELECT_DEPARTMENTS = """
			SELECT id, department_code, department_name, budget_monthly_usd, budget_warning_pct
			FROM departments
			WHERE workspace_id = :ws
			ORDER BY department_code
			""";

	private final JdbcClient jdbc;

	Departments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Department(UUID id, String code, String name, BigDecimal budgetMonthlyUsd,
			BigDecimal budgetWarningPct) {
	}

	public List<Department> all(UUID workspaceId) {
		return this.jdbc.sql(SELECT_DEPARTMENTS)
			.param("ws", workspaceId)
			.query((rs, i) -> new Department(rs.getObject("id", UUID.class), rs.getString("department_code"),
					rs.getString("department_name"), rs.getBigDecimal("budget_monthly_usd"),
					rs.getBigDecimal("budget_warning_pct")))
			.list();
	}

	public Map<UUID, Department> byId(UUID workspaceId) {
		return all(workspaceId).stream().collect(Collectors.toMap(Department::id, Function.identity()));
	}

	/** The filters as SQL scope; the department code must exist in the workspace. */
	public Scope scope(StandardFilters filters) {
		UUID departmentId = null;
		if (filters.department() != null) {
			List<Department> all = all(filters.workspaceId());
			departmentId = all.stream()
				.filter((d) -> d.code().equals(filters.department()))
				.map(Department::id)
				.findFirst()
				.orElseThrow(() -> DepartmentCodes.unknown(filters.department(),
						all.stream().map(Department::code).toList()));
		}
		return new Scope(filters.workspaceId(), departmentId, filters.environment(), filters.version(),
				filters.agentId());
	}

	/** The department's code, or "unassigned" for a trace without (or with an unknown) department. */
	public static String code(Map<UUID, Department> byId, UUID id) {
		Department d = (id == null) ? null : byId.get(id);
		return (d != null) ? d.code() : "unassigned";
	}

}
