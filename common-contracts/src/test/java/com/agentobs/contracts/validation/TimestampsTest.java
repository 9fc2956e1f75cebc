package com.agentobs.contracts.validation;

import java.time.Instant;

import com.agentobs.contracts.error.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TimestampsTest {

	@Test
	void requireInWindow_refusesYearOneAndFarFuture() {
		assertThat(Timestamps.requireInWindow("at", Instant.parse("2026-01-01T00:00:00Z"))).isNotNull();
		for (String outside : new String[] { "0001-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z" }) {
			assertThatExceptionOfType(ApiException.class)
				.isThrownBy(() -> Timestamps.requireInWindow("deprecation_date", Instant.parse(outside)))
				.satisfies((ex) -> assertThat(ex.details()).containsEntry("field", "deprecation_date"));
		}
	}

}
