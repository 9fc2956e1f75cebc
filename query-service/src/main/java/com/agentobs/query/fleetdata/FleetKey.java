package com.agentobs.query.fleetdata;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The dimension values of one result row; the dimensions the read did not group by are
 * {@code null}, as are values the data lacks (a trace without a model).
 */
public record FleetKey(Instant bucket, String agentId, UUID departmentId, String environment, String version,
		String model, String provider, String intent, String segment) {

	/** The key of the whole source (the grouping by nothing). */
	public static final FleetKey NONE = new FleetKey(null, null, null, null, null, null, null, null, null);

	public static FleetKey ofBucket(Instant bucket) {
		return new FleetKey(bucket, null, null, null, null, null, null, null, null);
	}

	public static FleetKey ofAgent(String agentId) {
		return new FleetKey(null, agentId, null, null, null, null, null, null, null);
	}

	public static FleetKey ofAgentBucket(String agentId, Instant bucket) {
		return new FleetKey(bucket, agentId, null, null, null, null, null, null, null);
	}

	public static FleetKey ofDepartment(UUID departmentId) {
		return new FleetKey(null, null, departmentId, null, null, null, null, null, null);
	}

	public static FleetKey ofEnvironment(String environment) {
		return new FleetKey(null, null, null, environment, null, null, null, null, null);
	}

	/** The key of {@code grouping} from a result row's values ({@code values[positions[i]]} for dimension i). */
	static FleetKey of(List<Dim> grouping, Object[] values, int[] positions) {
		Object[] v = new Object[Dim.values().length];
		for (int i = 0; i < positions.length; i++) {
			v[grouping.get(i).ordinal()] = values[positions[i]];
		}
		return new FleetKey((Instant) v[Dim.BUCKET.ordinal()], (String) v[Dim.AGENT.ordinal()],
				(UUID) v[Dim.DEPARTMENT.ordinal()], (String) v[Dim.ENVIRONMENT.ordinal()],
				(String) v[Dim.VERSION.ordinal()], (String) v[Dim.MODEL.ordinal()], (String) v[Dim.PROVIDER.ordinal()],
				(String) v[Dim.INTENT.ordinal()], (String) v[Dim.SEGMENT.ordinal()]);
	}

}
