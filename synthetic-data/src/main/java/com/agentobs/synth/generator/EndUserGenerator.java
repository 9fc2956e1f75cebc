package com.agentobs.synth.generator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.synth.model.OrgPlan;
import com.agentobs.synth.model.SynthSpec;
import com.agentobs.synth.model.UserPlan.EndUser;

/**
 * The end users (COPY). Runs after the traces so first/last seen and the home department come from
 * the stored traces; users whose cohort starts before the history keep their earlier first-seen date.
 */
final class EndUserGenerator implements Generator {

	private static final String COPY_END_USERS = """
			COPY end_users (id, workspace_id, external_user_id, user_segment, department_id, first_seen_at,
			                last_seen_at, created_at, updated_at)
			FROM STDIN
			""";

	/** Per user and department: traces, first and last (one scan; the home department is picked in Java). */
	private static final String SELECT_USER_ACTIVITY = """
			SELECT user_id, department_id, count(*), min(timestamp), max(timestamp)
			FROM traces WHERE workspace_id = ? AND user_id IS NOT NULL
			GROUP BY user_id, department_id
			ORDER BY user_id, department_id
			""";

	private record Activity(long first, long last, UUID department, long departmentTraces) {

		Activity merge(long first, long last, UUID department, long traces) {
			boolean better = traces > departmentTraces;
			return new Activity(Math.min(this.first, first), Math.max(this.last, last),
					better ? department : this.department, better ? traces : departmentTraces);
		}

	}

	@Override
	public String name() {
		return "users";
	}

	@Override
	public List<String> tables() {
		return List.of("end_users");
	}

	@Override
	public Map<String, String> plan(OrgPlan plan) {
		return Map.of("end_users", String.valueOf(plan.users().users().size()));
	}

	@Override
	public Map<String, Long> write(SeedContext context) throws Exception {
		OrgPlan plan = context.plan();
		try (Connection c = context.open()) {
			c.setAutoCommit(false);
			Map<String, Activity> activity = new HashMap<>();
			try (PreparedStatement ps = c.prepareStatement(SELECT_USER_ACTIVITY)) {
				ps.setObject(1, plan.workspaceId());
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						String user = rs.getString(1);
						UUID department = rs.getObject(2, UUID.class);
						long traces = rs.getLong(3);
						long first = rs.getTimestamp(4).getTime();
						long last = rs.getTimestamp(5).getTime();
						Activity known = activity.get(user);
						activity.put(user, known == null ? new Activity(first, last, department, traces)
								: known.merge(first, last, department, traces));
					}
				}
			}
			long rows;
			try (CopyStream copy = new CopyStream(c, COPY_END_USERS)) {
				for (EndUser u : plan.users().users()) {
					Activity a = activity.get(u.externalId());
					long plannedFirst = plan.dayStartMillis(0) + (long) u.activeFromDay() * OrgPlan.DAY_MS
							+ 9 * 3_600_000L;
					long first = a == null ? plannedFirst : Math.min(plannedFirst, a.first());
					long last = a == null ? first : a.last();
					copy.uuid(u.id()).uuid(plan.workspaceId()).text(u.externalId())
						.text(SynthSpec.SEGMENTS.get(u.segmentIndex()));
					if (a != null && a.department() != null) {
						copy.uuid(a.department());
					}
					else {
						copy.nul();
					}
					copy.timestamp(first).timestamp(last).timestamp(first).timestamp(last);
					copy.endRow();
				}
				rows = copy.finish();
			}
			c.commit();
			return Map.of("end_users", rows);
		}
	}

}
