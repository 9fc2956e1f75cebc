package com.agentobs.guardrail.safety.policy;

import java.util.ArrayList;
import java.util.List;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.guardrail.safety.detect.CustomPattern;
import com.agentobs.guardrail.safety.detect.FindingType;

// POST /api/v1/guardrails/policies, PUT /api/v1/guardrails/policies/{policy_id}
/** The editable fields of a policy, validated as a whole by {@link #validated()}. */
public record PolicyFields(String name, String description, String policyType, String enforcementMode,
		String failMode, PolicyConfig config, PolicyScope scope) {

	static final List<String> TYPES = List.of("pii", "secret", "prompt_injection", "toxicity", "custom");

	static final List<String> MODES = List.of("monitor", "redact", "block");

	static final List<String> FAIL_MODES = List.of("open", "closed");

	/** The same fields with defaults filled in; a bad value is a 400 naming the field. */
	public PolicyFields validated() {
		if (this.name == null || this.name.isBlank()) {
			throw ApiException.validation("name", "is required");
		}
		if (this.name.length() > 128) {
			throw ApiException.validation("name", "must be at most 128 characters");
		}
		if (this.description != null && this.description.length() > 2000) {
			throw ApiException.validation("description", "must be at most 2000 characters");
		}
		if (!TYPES.contains(this.policyType)) {
			throw ApiException.validation("policy_type", "must be one of " + TYPES, TYPES);
		}
		if (!MODES.contains(this.enforcementMode)) {
			throw ApiException.validation("enforcement_mode", "must be one of " + MODES, MODES);
		}
		String fail = (this.failMode == null) ? "open" : this.failMode;
		if (!FAIL_MODES.contains(fail)) {
			throw ApiException.validation("fail_mode", "must be one of " + FAIL_MODES, FAIL_MODES);
		}
		PolicyConfig cfg = (this.config == null) ? PolicyConfig.EMPTY : this.config;
		FindingType.Category category = FindingType.Category.fromWire(this.policyType);
		List<String> known = new ArrayList<>();
		for (FindingType type : FindingType.values()) {
			if (type.category() == category) {
				known.add(type.wire());
			}
		}
		for (int i = 0; i < cfg.entities().size(); i++) {
			if (!known.contains(cfg.entities().get(i)) && category != FindingType.Category.SECRET) {
				throw ApiException.validation("config.entities[" + i + "]", "must be one of " + known, known);
			}
		}
		if (cfg.allowList().size() > 1000) {
			throw ApiException.validation("config.allow_list", "at most 1000 values");
		}
		if (category == FindingType.Category.CUSTOM && cfg.patterns().isEmpty()) {
			throw ApiException.validation("config.patterns", "a custom policy needs at least one pattern");
		}
		if (category != FindingType.Category.CUSTOM && !cfg.patterns().isEmpty()) {
			throw ApiException.validation("config.patterns", "only custom policies take patterns");
		}
		if (cfg.patterns().size() > 50) {
			throw ApiException.validation("config.patterns", "at most 50 patterns");
		}
		for (int i = 0; i < cfg.patterns().size(); i++) {
			PolicyConfig.NamedPattern p = cfg.patterns().get(i);
			if (p == null || p.name() == null || p.name().isBlank()) {
				throw ApiException.validation("config.patterns[" + i + "].name", "is required");
			}
			try {
				CustomPattern.compile(p.name(), p.pattern());
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.validation("config.patterns[" + i + "].pattern", ex.getMessage());
			}
		}
		PolicyScope sc = (this.scope == null) ? PolicyScope.ALL : this.scope;
		return new PolicyFields(this.name.strip(), this.description, this.policyType, this.enforcementMode, fail, cfg,
				sc);
	}

}
