package com.agentobs.evaluation;

import com.agentobs.contracts.testing.AbstractServiceContractIT;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The shared service contract (health, metrics, OpenAPI, error envelope, auth) on this service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "agentobs.actions.relay-grace=1h", "agentobs.evaluation.consumer.block=200ms" }) // QualityIT's context
@ActiveProfiles("test")
class EvaluationServiceContractIT extends AbstractServiceContractIT {

}
