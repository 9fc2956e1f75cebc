package com.agentobs.gateway.system;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestContextTest {

	@Test
	void acceptOrGenerate_keepsAWellFormedId_andOtherwiseGeneratesTwentyHexDigits() {
		assertThat(RequestContext.acceptOrGenerate("req_caller-1")).isEqualTo("req_caller-1");
		Set<String> generated = new HashSet<>();
		for (String candidate : new String[] { null, "", "bad id with spaces", "x".repeat(129) }) {
			String id = RequestContext.acceptOrGenerate(candidate);
			assertThat(id).matches("req_[0-9a-f]{20}");
			generated.add(id);
		}
		assertThat(generated).hasSize(4);
	}

	@Test
	void newTraceparent_isAValidSampledW3cContext_withANonZeroSpanId() {
		for (int i = 0; i < 100; i++) {
			String traceparent = RequestContext.newTraceparent();
			assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
			assertThat(RequestContext.validTraceparent(traceparent)).isTrue();
			assertThat(traceparent.substring(36, 52)).isNotEqualTo("0".repeat(16));
		}
	}

}
