/**
 * Cross-cutting pieces of guardrail-service: the database change listener that keeps its in-memory
 * caches current, and what the fast paths (hot reads answered ahead of the security chain) share.
 */
package com.agentobs.guardrail.system;
