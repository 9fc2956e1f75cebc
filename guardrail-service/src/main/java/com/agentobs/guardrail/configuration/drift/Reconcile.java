package com.agentobs.guardrail.configuration.drift;

/** {@code action_params} of {@code config.reconcile_drift}; no kind = every kind the agent drifts in. */
record Reconcile(String agentId, String driftKind, String reason) {

}
