package com.agentobs.query;

import com.agentobs.contracts.testing.AbstractServiceContractIT;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;

/** The shared service contract (health, metrics, OpenAPI, error envelope, auth) on this service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc // unused here: keeps the context key of the MockMvc ITs, so the module starts one context
@ActiveProfiles("test")
class QueryServiceContractIT extends AbstractServiceContractIT {

}
