package com.agentobs.guardrail.safety.policy;

import java.time.Instant;
import java.util.UUID;

// GET /api/v1/guardrails/policies (items), and the state an update's rollback restores
/** One guardrail policy as stored. */
public record GuardrailPolicy(UUID id, String name, String description, String policyType, String enforcementMode,
		String failMode, PolicyConfig config, PolicyScope scope, boolean isActive, int version, String createdBySubject,
		Instant createdAt, Instant updatedAt) {

	public EnforcementMode mode() {
		return EnforcementMode.fromWire(this.enforcementMode);
	}

	/** The editable fields (what create and update take, and what an update's rollback restores). */
	public PolicyFields fields() {
		return new PolicyFields(this.name, this.description, this.policyType, this.enforcementMode, this.failMode,
				this.config, this.scope);
	}

}
