package com.agentobs.query.usage;

import java.time.Instant;

final class UsagePatternsResponses {

	private UsagePatternsResponses() {
	}

	// GET /api/v1/usage/user-segments (one row per segment)
	record SegmentRow(String segment, long users, Double usersChange, double pctOfUsers, long requests,
			Double requestsChange, double pctOfRequests) {
	}

	// GET /api/v1/usage/version-adoption (one row per time bucket and department)
	record AdoptionRow(Instant timestamp, String department, long requests, long targetRequests, Double sharePct) {
	}

	// GET /api/v1/usage/hourly-pattern (one row per weekday and hour, UTC)
	record HourCell(int dayOfWeek, int hour, long requests, Double avgRequests, double pctOfTotal) {
	}

}
