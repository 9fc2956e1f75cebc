package com.agentobs.guardrail.agentcontrol;

import com.agentobs.contracts.security.CallerChecks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which requests the fast path may take at all; everything else stays on the normal path. */
class AgentConfigFastPathTest {

	@Test
	void agentId_isTakenOnlyFromAPlainConfigPath() {
		assertThat(AgentConfigFastPath.agentId("/api/v1/agents/support-bot-1/config")).isEqualTo("support-bot-1");
		assertThat(AgentConfigFastPath.agentId("/api/v1/agents/a.b_c~d/config")).isEqualTo("a.b_c~d");
		assertThat(AgentConfigFastPath.agentId("/api/v1/agents//config")).isNull();
		assertThat(AgentConfigFastPath.agentId("/api/v1/agents/../config")).isNull();
		assertThat(AgentConfigFastPath.agentId("/api/v1/agents/./config")).isNull();
		assertThat(AgentConfigFastPath.agentId("/api/v1/agents/a%2Fb/config")).isNull();
		assertThat(AgentConfigFastPath.agentId("/api/v1/agents/a;x=1/config")).isNull();
		assertThat(AgentConfigFastPath.agentId("/api/v1/agents/a/b/config")).isNull();
		assertThat(AgentConfigFastPath.agentId("/api/v1/agents/a/config/versions")).isNull();
		assertThat(AgentConfigFastPath.agentId("/api/v1/agents/a/config/")).isNull();
		assertThat(AgentConfigFastPath.agentId("/api/v1/agents/" + "x".repeat(256) + "/config")).isNull();
		assertThat(AgentConfigFastPath.agentId("/api/v1/agents/" + "x".repeat(255) + "/config")).hasSize(255);
	}

	@Test
	void bearerToken_acceptsExactlyWhatSpringSecuritysResolverAccepts_inItsUsualCase() {
		assertThat(CallerChecks.bearerToken("Bearer abc.DEF-_~+/9==")).isEqualTo("abc.DEF-_~+/9==");
		assertThat(CallerChecks.bearerToken(null)).isNull();
		assertThat(CallerChecks.bearerToken("Bearer ")).isNull();
		assertThat(CallerChecks.bearerToken("Bearer =abc")).isNull();
		assertThat(CallerChecks.bearerToken("Bearer ab=c")).isNull();
		assertThat(CallerChecks.bearerToken("Bearer a b")).isNull();
		assertThat(CallerChecks.bearerToken("Bearer  abc")).isNull();
		assertThat(CallerChecks.bearerToken("Bearer abc ")).isNull();
		assertThat(CallerChecks.bearerToken("Bearer abc\u00e9")).isNull();
		// other spellings are valid but rare: the normal path answers them
		assertThat(CallerChecks.bearerToken("bearer abc")).isNull();
		assertThat(CallerChecks.bearerToken("Basic abc")).isNull();
	}

}
