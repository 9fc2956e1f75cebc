/** Cross-cutting pieces of guardrail-service: the database change listener that keeps its in-memory caches current. */
package com.agentobs.guardrail.system;
