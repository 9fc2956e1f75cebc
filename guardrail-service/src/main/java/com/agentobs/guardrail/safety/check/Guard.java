package com.agentobs.guardrail.safety.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.agentobs.guardrail.safety.detect.Detectors;
import com.agentobs.guardrail.safety.detect.Finding;
import com.agentobs.guardrail.safety.detect.FindingType;
import com.agentobs.guardrail.safety.detect.Redactor;
import com.agentobs.guardrail.safety.policy.EnforcementMode;
import com.agentobs.guardrail.safety.policy.GuardrailPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision for one text: each finding is acted on by the strictest active policy that covers
 * it (category, entity filter, scope, not on the policy's allow list). Any {@code block} blocks
 * the text; a {@code redact} replaces the finding with a typed placeholder — except for findings
 * about the whole text (injection, toxicity), which cannot be cut out, so redact blocks them. A
 * quarantined agent is blocked whatever the text says. When the detectors could not look at the whole
 * text (longer than {@link Detectors#MAX_SCAN_CHARS}, or a detector failed), a policy covering the
 * agent with {@code fail_mode: closed} blocks it; with {@code open} (the default) the answer stands on
 * what was scanned.
 */
public final class Guard {

	/** A finding and what the policies do about it ({@code policy} null: no active policy covers it). */
	public record Applied(Finding finding, GuardrailPolicy policy, EnforcementMode mode) {

		/** The detector's sub-kind for the wire (a custom finding's pattern name without its policy prefix). */
		public String entity() {
			String entity = this.finding.entity();
			int colon = entity.indexOf(':');
			return (this.finding.type() == FindingType.CUSTOM && colon >= 0) ? entity.substring(colon + 1) : entity;
		}

	}

	/**
	 * {@code allow|redact|block}, the redacted text when redacting, every covered finding, and
	 * everything the detectors found (covered or not: excerpts redact all of it).
	 */
	public record Decision(String decision, String redactedText, List<Applied> findings, boolean quarantined,
			List<Finding> detected, boolean scanComplete) {
	}

	private static final Logger log = LoggerFactory.getLogger(Guard.class);

	private Guard() {
	}

	public static Decision decide(SafetySnapshots.Snapshot snapshot, String agentId, String text) {
		SafetySnapshots.AgentProfile agent = snapshot.agent(agentId);
		List<Finding> found;
		boolean complete = text.length() <= Detectors.MAX_SCAN_CHARS;
		try {
			found = snapshot.detectors().scan(text);
		}
		catch (RuntimeException | StackOverflowError ex) {
			// the text itself is never logged: it is what the detectors are protecting
			log.warn("Detectors failed on a text of {} characters for agent {}: {}", text.length(), agentId,
					ex.getClass().getName());
			found = List.of();
			complete = false;
		}
		List<Applied> applied = new ArrayList<>();
		boolean block = agent.quarantined() || (!complete && failsClosed(snapshot, agent));
		boolean redact = false;
		List<Finding> toRedact = new ArrayList<>();
		for (Finding finding : found) {
			Applied a = strictest(snapshot, agent, text, finding);
			if (a.policy() == null) {
				continue;
			}
			applied.add(a);
			if (a.mode() == EnforcementMode.BLOCK || (a.mode() == EnforcementMode.REDACT && !Detectors.isSpan(finding))) {
				block = true;
			}
			else if (a.mode() == EnforcementMode.REDACT) {
				redact = true;
				toRedact.add(finding);
			}
		}
		if (block) {
			return new Decision("block", null, List.copyOf(applied), agent.quarantined(), found, complete);
		}
		if (redact) {
			return new Decision("redact", Redactor.redact(text, toRedact), List.copyOf(applied), false, found, complete);
		}
		return new Decision("allow", null, List.copyOf(applied), false, found, complete);
	}

	/** Whether an active policy covering the agent says a text it cannot vouch for is blocked. */
	static boolean failsClosed(SafetySnapshots.Snapshot snapshot, SafetySnapshots.AgentProfile agent) {
		return snapshot.policies()
			.stream()
			.anyMatch((p) -> "closed".equals(p.failMode())
					&& p.scope().matches(agent.agentId(), agent.department(), agent.environment()));
	}

	static Applied strictest(SafetySnapshots.Snapshot snapshot, SafetySnapshots.AgentProfile agent, String text,
			Finding finding) {
		GuardrailPolicy best = null;
		for (GuardrailPolicy policy : snapshot.policies()) {
			if (!covers(policy, agent, text, finding)) {
				continue;
			}
			if (best == null || policy.mode().compareTo(best.mode()) > 0) {
				best = policy;
			}
		}
		return new Applied(finding, best, (best != null) ? best.mode() : null);
	}

	static boolean covers(GuardrailPolicy policy, SafetySnapshots.AgentProfile agent, String text, Finding finding) {
		if (!policy.policyType().equals(finding.type().category().wire())) {
			return false;
		}
		if (finding.type() == FindingType.CUSTOM && !finding.entity().startsWith(policy.id() + ":")) {
			return false;
		}
		List<String> entities = policy.config().entities();
		if (!entities.isEmpty() && !entities.contains(finding.type().wire()) && !entities.contains(finding.entity())) {
			return false;
		}
		if (!policy.scope().matches(agent.agentId(), agent.department(), agent.environment())) {
			return false;
		}
		if (Detectors.isSpan(finding) && !policy.config().allowList().isEmpty()) {
			String value = text.substring(finding.start(), finding.end()).toLowerCase(Locale.ROOT);
			return policy.config().allowList().stream().noneMatch((v) -> v.toLowerCase(Locale.ROOT).equals(value));
		}
		return true;
	}

	/** A violation's severity: leaked credentials and payment data first. */
	public static String severity(FindingType type) {
		return switch (type) {
			case SECRET, CREDIT_CARD, US_SSN -> "critical";
			case IBAN, PROMPT_INJECTION -> "high";
			case EMAIL, PHONE, TOXICITY, CUSTOM -> "medium";
			case IP_ADDRESS -> "low";
		};
	}

	/** {@code action_taken} for a mode, as the violations table records it. */
	public static String actionTaken(EnforcementMode mode, Finding finding) {
		if (mode == EnforcementMode.BLOCK || (mode == EnforcementMode.REDACT && !Detectors.isSpan(finding))) {
			return "blocked";
		}
		return (mode == EnforcementMode.REDACT) ? "redacted" : "flagged";
	}

}
