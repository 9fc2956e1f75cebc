package com.agentobs.guardrail.safety.detect;

import java.util.Locale;

/** What a detector found; each type belongs to one {@link Category} that policies act on. */
public enum FindingType {

	EMAIL(Category.PII), CREDIT_CARD(Category.PII), IBAN(Category.PII), US_SSN(Category.PII), PHONE(Category.PII),
	IP_ADDRESS(Category.PII), SECRET(Category.SECRET), PROMPT_INJECTION(Category.INJECTION),
	TOXICITY(Category.TOXICITY), CUSTOM(Category.CUSTOM);

	/** The policy-level grouping: a policy acts on one category ({@code guardrail_policies.policy_type}). */
	public enum Category {

		PII("pii"), SECRET("secret"), INJECTION("prompt_injection"), TOXICITY("toxicity"), CUSTOM("custom");

		private final String wire;

		Category(String wire) {
			this.wire = wire;
		}

		public String wire() {
			return this.wire;
		}

		/** The category named {@code wire}, or {@code null}. */
		public static Category fromWire(String wire) {
			for (Category c : values()) {
				if (c.wire.equals(wire)) {
					return c;
				}
			}
			return null;
		}

	}

	private final Category category;

	FindingType(Category category) {
		this.category = category;
	}

	public Category category() {
		return this.category;
	}

	/** The wire name ({@code credit_card}) and the placeholder stem ({@code <CREDIT_CARD_1>}). */
	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

}
