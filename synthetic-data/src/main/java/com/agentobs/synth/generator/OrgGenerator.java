package com.agentobs.synth.generator;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import com.agentobs.synth.model.OrgPlan;
import com.agentobs.synth.model.OrgPlan.DepartmentPlan;
import com.agentobs.synth.model.SynthSpec;

/** The departments, the three environments, and the demo login users with their roles. */
final class OrgGenerator implements Generator {

	private static final Map<String, String> DEMO_USERS = DemoUsers.ROLES;

	private static final String UPSERT_DEPARTMENT = """
			INSERT INTO departments (id, workspace_id, department_name, department_code, description,
			                         budget_monthly_usd, is_active, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, TRUE, ?, ?)
			ON CONFLICT (workspace_id, department_code) DO UPDATE
			    SET id = EXCLUDED.id, department_name = EXCLUDED.department_name, description = EXCLUDED.description,
			        budget_monthly_usd = EXCLUDED.budget_monthly_usd, is_active = TRUE, updated_at = EXCLUDED.updated_at
			""";

	private static final String UPSERT_ENVIRONMENT = """
			INSERT INTO environments (workspace_id, environment_name, environment_type, description, is_active)
			VALUES (?, ?, ?, ?, TRUE)
			ON CONFLICT (workspace_id, environment_name) DO NOTHING
			""";

	private static final String UPSERT_MEMBER = """
			INSERT INTO workspace_members (workspace_id, user_id, role) VALUES (?, ?, ?)
			ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = EXCLUDED.role, updated_at = NOW()
			""";

	@Override
	public String name() {
		return "org";
	}

	@Override
	public List<String> tables() {
		return List.of("departments", "environments", "workspace_members");
	}

	@Override
	public Map<String, String> plan(OrgPlan plan) {
		Map<String, String> rows = new LinkedHashMap<>();
		rows.put("departments", String.valueOf(plan.departments().size()));
		rows.put("environments", String.valueOf(SynthSpec.ENVIRONMENTS.size()));
		rows.put("users (demo logins)", String.valueOf(DEMO_USERS.size()));
		rows.put("workspace_members", String.valueOf(DEMO_USERS.size()));
		return rows;
	}

	@Override
	public Map<String, Long> write(SeedContext context) throws Exception {
		OrgPlan plan = context.plan();
		java.sql.Timestamp createdAt = new java.sql.Timestamp(plan.startMillis() - 120 * OrgPlan.DAY_MS);
		Map<String, Long> written = new LinkedHashMap<>();
		try (Connection c = context.open()) {
			c.setAutoCommit(false);
			try (PreparedStatement ps = c.prepareStatement(UPSERT_DEPARTMENT)) {
				for (DepartmentPlan d : plan.departments()) {
					ps.setObject(1, d.id());
					ps.setObject(2, plan.workspaceId());
					ps.setString(3, d.spec().name());
					ps.setString(4, d.spec().code());
					ps.setString(5, d.spec().name() + " department (" + String.join(", ", d.spec().primaryIntents())
							+ ")");
					ps.setBigDecimal(6, BigDecimal.valueOf(d.spec().budgetMonthlyUsd()).setScale(2));
					ps.setTimestamp(7, createdAt);
					ps.setTimestamp(8, createdAt);
					ps.addBatch();
				}
				ps.executeBatch();
			}
			written.put("departments", (long) plan.departments().size());
			try (PreparedStatement ps = c.prepareStatement(UPSERT_ENVIRONMENT)) {
				for (int i = 0; i < SynthSpec.ENVIRONMENTS.size(); i++) {
					ps.setObject(1, plan.workspaceId());
					ps.setString(2, SynthSpec.ENVIRONMENTS.get(i));
					ps.setString(3, SynthSpec.ENVIRONMENT_TYPES.get(i));
					ps.setString(4, "Synthetic " + SynthSpec.ENVIRONMENTS.get(i) + " environment");
					ps.addBatch();
				}
				ps.executeBatch();
			}
			written.put("environments", (long) SynthSpec.ENVIRONMENTS.size());
			BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(10);
			long members = 0;
			for (Map.Entry<String, String> entry : DEMO_USERS.entrySet()) {
				UUID userId = DemoUsers.ensureUser(c, entry.getKey(), "Demo "
						+ Character.toUpperCase(entry.getValue().charAt(0)) + entry.getValue().substring(1), encoder);
				try (PreparedStatement ps = c.prepareStatement(UPSERT_MEMBER)) {
					ps.setObject(1, plan.workspaceId());
					ps.setObject(2, userId);
					ps.setString(3, entry.getValue());
					members += ps.executeUpdate();
				}
			}
			written.put("users (demo logins)", (long) DEMO_USERS.size());
			written.put("workspace_members", members);
			c.commit();
		}
		return written;
	}

}
