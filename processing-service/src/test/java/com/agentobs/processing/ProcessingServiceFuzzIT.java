package com.agentobs.processing;

import com.agentobs.contracts.testing.AbstractApiFuzzIT;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The fuzz suite on this service; same context as {@link ProcessingServiceContractIT}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProcessingServiceFuzzIT extends AbstractApiFuzzIT {

}
