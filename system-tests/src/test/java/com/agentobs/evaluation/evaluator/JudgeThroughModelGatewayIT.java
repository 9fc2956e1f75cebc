package com.agentobs.evaluation.evaluator;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.agentobs.contracts.security.TestJwts;
import com.agentobs.evaluation.rubric.Criterion;
import com.agentobs.evaluation.rubric.Rubric;
import com.agentobs.evaluation.scoring.EvaluationResult;
import com.agentobs.evaluation.scoring.TraceSample;
import com.agentobs.evaluation.system.EvaluationProperties;
import com.agentobs.systemtests.InJvmService;
import com.agentobs.testsupport.TestTenant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * evaluation-service's LLM judge against the real gemini-service (its offline generator), over HTTP: the
 * judge authenticates with its service token, the gateway checks the role in the trace's workspace, and the
 * judge reads the gateway's envelope. The offline generator answers the schema's minimal instance, so the
 * judge stores a score of 0 with the usage the gateway reported.
 */
class JudgeThroughModelGatewayIT {

	private static final JsonMapper SNAKE = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	@Test
	void judge_scoresThroughTheModelGateway_asItsServiceIdentity() {
		int port = InJvmService.port(InJvmService.gemini());
		EvaluationProperties properties = new EvaluationProperties(null, new EvaluationProperties.Judge(true,
				URI.create("http://127.0.0.1:" + port), "gemini-2.0-flash", Duration.ofSeconds(10), 0));
		LlmJudgeEvaluator judge = new LlmJudgeEvaluator(
				new GatewayJudgeClient(SNAKE, properties, TestJwts.serviceTokens()), properties);
		Rubric rubric = new Rubric(UUID.randomUUID(), "Helpfulness", null, 1, 1,
				List.of(new Criterion("helpfulness", "Helpfulness", "answers the question", 1.0, "length")), 75, null,
				List.of(), List.of(), false, null, Instant.now(), Instant.now());

		try (TestTenant tenant = TestTenant.create("judge-gateway")) {
			EvaluationResult result = judge.evaluate(new TraceSample(tenant.id(), "tr_judge_1", Instant.now(),
					"support-bot-1", "support", "production", "v2.1", "account", "How do I reset my password?",
					"Open settings, then security.", null, "success", 900, null, 1), rubric);

			assertThat(result.error()).isNull();
			assertThat(result.status()).isEqualTo(EvaluationResult.SCORED);
			assertThat(result.score()).isEqualTo(0.0);
			assertThat(result.criteriaScores()).containsEntry("helpfulness", 0.0);
			assertThat(result.judgeTokens()).isPositive();
			assertThat(result.judgeCostUsd()).isEqualByComparingTo("0");
		}
	}

}
