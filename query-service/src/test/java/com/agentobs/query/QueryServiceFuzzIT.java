package com.agentobs.query;

import com.agentobs.contracts.testing.AbstractApiFuzzIT;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;

/** The fuzz suite on this service; same context as {@link QueryServiceContractIT}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc // unused here: keeps the context key of the MockMvc ITs, so the module starts one context
@ActiveProfiles("test")
class QueryServiceFuzzIT extends AbstractApiFuzzIT {

}
