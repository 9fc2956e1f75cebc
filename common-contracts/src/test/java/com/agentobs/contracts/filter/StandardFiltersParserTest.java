package com.agentobs.contracts.filter;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StandardFiltersParserTest {

	private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	private final StandardFiltersParser parser = new StandardFiltersParser(Clock.fixed(NOW, ZoneOffset.UTC));

	private StandardFilters parse(Map<String, String> params) {
		return this.parser.parse(params::get, TimeRange.LAST_24H);
	}

	private static void assertRejects(Runnable call, String field) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, (ex) -> {
			assertThat(ex.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
			assertThat(ex.details()).containsEntry("field", field);
		});
	}

	@Test
	void parse_resolvesPresetToWindowEndingNow_andEchoesEveryFilter() {
		StandardFilters filters = parse(Map.of("range", "7d", "department", "engineering", "environment", "staging",
				"version", "v2.1", "agent_id", "engineering-code-assistant-1", "page", "2", "limit", "100"));
		assertThat(filters.to()).isEqualTo(NOW);
		assertThat(filters.from()).isEqualTo(Instant.parse("2026-11-18T12:00:00Z"));
		assertThat(filters.offset()).isEqualTo(100);
		assertThat(filters.applied()).containsEntry("range", "7d")
			.containsEntry("department", "engineering")
			.containsEntry("environment", "staging")
			.containsEntry("version", "v2.1")
			.containsEntry("agent_id", "engineering-code-assistant-1")
			.containsKey("workspace_id");
	}

	@Test
	void parse_usesEndpointDefault_andEchoesUnsetFiltersAsNull() {
		StandardFilters filters = this.parser.parse(Map.<String, String>of()::get, TimeRange.LAST_30D);
		assertThat(filters.range()).isEqualTo(TimeRange.LAST_30D);
		assertThat(filters.limit()).isEqualTo(50);
		assertThat(filters.applied().get("department")).isNull();
		assertThat(filters.applied()).containsKey("department");
	}

	@Test
	void parse_rejectsBadValues_namingTheField() {
		assertRejects(() -> parse(Map.of("range", "banana")), "range");
		assertRejects(() -> parse(Map.of("limit", "5000")), "limit");
		assertRejects(() -> parse(Map.of("limit", "0")), "limit");
		assertRejects(() -> parse(Map.of("page", "-1")), "page");
		assertRejects(() -> parse(Map.of("page", "two")), "page");
		assertRejects(() -> parse(Map.of("environment", "prod")), "environment");
		assertRejects(() -> parse(Map.of("department", "Engineering Dept")), "department");
	}

	@Test
	void parse_requiresOrderedFromAndTo_onlyForCustom() {
		StandardFilters custom = parse(
				Map.of("range", "custom", "from", "2026-11-01T00:00:00Z", "to", "2026-11-02T00:00:00Z"));
		assertThat(custom.window().toHours()).isEqualTo(24);
		assertThat(custom.previousPeriod().to()).isEqualTo(custom.from());
		assertRejects(() -> parse(Map.of("range", "custom", "to", "2026-11-02T00:00:00Z")), "from");
		assertRejects(() -> parse(Map.of("range", "custom", "from", "2026-11-03T00:00:00Z", "to",
				"2026-11-02T00:00:00Z")), "from");
		assertRejects(() -> parse(Map.of("range", "24h", "from", "2026-11-01T00:00:00Z")), "from");
		assertRejects(() -> parse(Map.of("range", "custom", "from", "yesterday", "to", "2026-11-02T00:00:00Z")),
				"from");
	}

	/** PostgreSQL keeps microseconds: a nanosecond window edge would never equal a bucket computed in SQL. */
	@Test
	void parse_roundsTheWindowToWholeSeconds_keepingTheCurrentSecond() {
		StandardFiltersParser nanoClock = new StandardFiltersParser(
				Clock.fixed(Instant.parse("2026-11-25T12:00:00.123456789Z"), ZoneOffset.UTC));
		StandardFilters filters = nanoClock.parse(Map.of("range", "1h")::get, TimeRange.LAST_24H);
		// rounded up, so what happened in the current second is inside the window
		assertThat(filters.to()).isEqualTo(Instant.parse("2026-11-25T12:00:01Z"));
		assertThat(filters.from()).isEqualTo(Instant.parse("2026-11-25T11:00:01Z"));
		StandardFilters custom = parse(Map.of("range", "custom", "from", "2026-11-01T00:00:00.1234567Z", "to",
				"2026-11-02T00:00:00Z"));
		assertThat(custom.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00.123456Z"));
	}

	/** Offset paging past 10,000 rows is refused and points to the cursor. */
	@Test
	void parse_refusesOffsetPastTenThousandRows() {
		assertThat(parse(Map.of("page", "10", "limit", "1000")).offset()).isEqualTo(9000);
		assertThatThrownBy(() -> parse(Map.of("page", "11", "limit", "1000")))
			.hasMessageContaining("cursor");
	}

}
