package com.agentobs.contracts.filter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.agentobs.contracts.error.ApiException;

/**
 * Parses and validates the standard query parameters — the one place
 * they are read. Every invalid value is a 400 naming its field; nothing falls back to a
 * silent default.
 */
public final class StandardFiltersParser {

	/** The parameter names this parser owns. */
	public static final Set<String> PARAMETERS = Set.of("range", "from", "to", "department", "environment", "version",
			"agent_id", "page", "limit", "cursor");

	public static final List<String> ENVIRONMENTS = List.of("production", "staging", "development");

	private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,49}");

	private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,49}");

	private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,254}");

	private static final Duration MAX_CUSTOM_WINDOW = Duration.ofDays(400);

	private final Clock clock;

	public StandardFiltersParser(Clock clock) {
		this.clock = clock;
	}

	/**
	 * @param param the raw value of a query parameter by name, {@code null} when absent
	 * @param defaultRange the endpoint's default preset
	 */
	public StandardFilters parse(Function<String, String> param, TimeRange defaultRange) {
		String rangeValue = trimmed(param.apply("range"));
		TimeRange range = (rangeValue == null) ? defaultRange : TimeRange.fromCode(rangeValue)
			.orElseThrow(() -> ApiException.validation("range", "must be one of " + TimeRange.CODES, TimeRange.CODES));

		Instant from = instant(param, "from");
		Instant to = instant(param, "to");
		// 'now' rounded up to a whole second: PostgreSQL keeps microseconds, so a nanosecond
		// edge would never match a bucket start computed in SQL, and rounding down would
		// leave out what happened in the current second
		Instant now = ceilToSecond(this.clock.instant());
		if (range == TimeRange.CUSTOM) {
			if (from == null) {
				throw ApiException.validation("from", "is required when range=custom");
			}
			if (to == null) {
				throw ApiException.validation("to", "is required when range=custom");
			}
			if (!from.isBefore(to)) {
				throw ApiException.validation("from", "must be before 'to'");
			}
			if (Duration.between(from, to).compareTo(MAX_CUSTOM_WINDOW) > 0) {
				throw ApiException.validation("to", "a custom range may span at most 400 days");
			}
		}
		else {
			if (from != null) {
				throw ApiException.validation("from", "is only allowed with range=custom");
			}
			if (to != null) {
				throw ApiException.validation("to", "is only allowed with range=custom");
			}
			to = now;
			from = now.minus(range.duration());
		}

		String department = matching(param, "department", CODE, "must be a department code such as 'engineering'");
		String environment = trimmed(param.apply("environment"));
		if (environment != null && !ENVIRONMENTS.contains(environment)) {
			throw ApiException.validation("environment", "must be one of " + ENVIRONMENTS, ENVIRONMENTS);
		}
		String version = matching(param, "version", VERSION, "must be a version label such as 'v2.1'");
		String agentId = matching(param, "agent_id", AGENT_ID, "must be an agent id such as 'engineering-code-assistant-1'");

		int page = integer(param, "page", 1, 1, Integer.MAX_VALUE, "must be an integer >= 1");
		int limit = integer(param, "limit", StandardFilters.DEFAULT_LIMIT, 1, StandardFilters.MAX_LIMIT,
				"must be an integer between 1 and " + StandardFilters.MAX_LIMIT);
		String cursor = trimmed(param.apply("cursor"));
		if (cursor != null && param.apply("page") != null) {
			throw ApiException.validation("cursor", "cannot be combined with 'page'");
		}
		if ((long) page * limit > StandardFilters.MAX_OFFSET_ROWS) {
			throw ApiException.validation("page", "offset paging stops at " + StandardFilters.MAX_OFFSET_ROWS
					+ " rows (page x limit); continue with 'cursor' from meta.next_cursor");
		}
		return new StandardFilters(null, range, from, to, department, environment, version, agentId, page, limit,
				cursor);
	}

	private static Instant ceilToSecond(Instant instant) {
		Instant whole = instant.truncatedTo(ChronoUnit.SECONDS);
		return whole.equals(instant) ? whole : whole.plusSeconds(1);
	}

	private static Instant instant(Function<String, String> param, String name) {
		String value = trimmed(param.apply(name));
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value).truncatedTo(ChronoUnit.MICROS);
		}
		catch (DateTimeParseException ex) {
			throw ApiException.validation(name, "must be an ISO-8601 UTC timestamp such as 2025-10-27T10:00:00Z");
		}
	}

	private static String matching(Function<String, String> param, String name, Pattern pattern, String reason) {
		String value = trimmed(param.apply(name));
		if (value != null && !pattern.matcher(value).matches()) {
			throw ApiException.validation(name, reason);
		}
		return value;
	}

	private static int integer(Function<String, String> param, String name, int defaultValue, int min, int max,
			String reason) {
		String value = trimmed(param.apply(name));
		if (value == null) {
			return defaultValue;
		}
		try {
			int parsed = Integer.parseInt(value);
			if (parsed < min || parsed > max) {
				throw ApiException.validation(name, reason);
			}
			return parsed;
		}
		catch (NumberFormatException ex) {
			throw ApiException.validation(name, reason);
		}
	}

	private static String trimmed(String value) {
		if (value == null) {
			return null;
		}
		String trimmed = value.strip();
		if (trimmed.isEmpty()) {
			return null;
		}
		return trimmed;
	}

}
