/**
 * Guardrail policies: per workspace, one detector category each ({@code pii}, {@code secret},
 * {@code prompt_injection}, {@code toxicity}, {@code custom}), a mode ({@code monitor → redact →
 * block}), fail-open or fail-closed, a scope of departments, agents and environments, allow lists
 * and custom patterns. Every change is an action (audited, reversible): create, update, set mode,
 * disable, enable.
 */
package com.agentobs.guardrail.safety.policy;
