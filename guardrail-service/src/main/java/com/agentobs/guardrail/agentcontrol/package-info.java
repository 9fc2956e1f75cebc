/**
 * The agent control plane: the effective configuration agents poll
 * ({@code GET /api/v1/agents/{agent_id}/config}, ETag), its version history, and the agent
 * actions (pause, resume, roll back a version, set the rate limit, deprecate), each one
 * {@link com.agentobs.contracts.action.ActionHandler} run by the shared action framework.
 */
package com.agentobs.guardrail.agentcontrol;
