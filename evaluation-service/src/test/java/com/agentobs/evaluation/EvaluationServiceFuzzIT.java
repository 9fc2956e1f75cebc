package com.agentobs.evaluation;

import com.agentobs.contracts.testing.AbstractApiFuzzIT;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The fuzz suite on this service; same context as {@link EvaluationServiceContractIT}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "agentobs.actions.relay-grace=1h", "agentobs.evaluation.consumer.block=200ms" }) // QualityIT's context
@ActiveProfiles("test")
class EvaluationServiceFuzzIT extends AbstractApiFuzzIT {

}
