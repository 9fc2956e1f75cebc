package com.agentobs.gemini.insights;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The written part of a postmortem draft. {@link #offline} is the deterministic template: the
 * same sheet gives the same text, and every number in it is a fact's display.
 */
record PostmortemProse(String summary, String impact, String rootCauseHypothesis, List<String> actionItems) {

	/** Starts every root cause text, so no reader takes it for a finding. */
	static final String HYPOTHESIS = "Hypothesis (to be confirmed by the responders): ";

	/** Acknowledging later than this many minutes earns an action item on paging. */
	static final BigDecimal SLOW_ACKNOWLEDGEMENT_MINUTES = BigDecimal.valueOf(15);

	PostmortemProse {
		actionItems = List.copyOf(actionItems);
		rootCauseHypothesis = rootCauseHypothesis.startsWith("Hypothesis") ? rootCauseHypothesis
				: HYPOTHESIS + rootCauseHypothesis;
	}

	/** Every text, for the grounding check. */
	List<String> texts() {
		List<String> all = new ArrayList<>(List.of(this.summary, this.impact, this.rootCauseHypothesis));
		all.addAll(this.actionItems);
		return all;
	}

	static PostmortemProse offline(FactSheet s) {
		return new PostmortemProse(summary(s), impact(s), hypothesis(s), actionItems(s));
	}

	private static String summary(FactSheet s) {
		StringBuilder out = new StringBuilder();
		out.append(s.display("severity").toUpperCase(java.util.Locale.ROOT)).append(" incident \"")
			.append(s.display("incident_title")).append("\" on ").append(s.display("scope")).append(", detected ")
			.append(s.display("detected_at"));
		if (s.has("resolved_at")) {
			out.append(" and resolved ").append(s.display("resolved_at")).append(", ")
				.append(s.display("minutes_to_resolve")).append(" minutes later.");
		}
		else {
			out.append("; it is ").append(s.display("status")).append(" and not yet resolved.");
		}
		if (s.has("minutes_to_acknowledge")) {
			out.append(" It was acknowledged after ").append(s.display("minutes_to_acknowledge")).append(" minutes.");
		}
		long alerts = value(s, "alerts_attached").longValue();
		out.append((alerts == 0) ? " It was declared by hand; no alert is attached."
				: " Alerts attached: " + s.display("alerts_attached") + ".");
		return out.toString();
	}

	private static String impact(FactSheet s) {
		String window = "From " + s.display("window_from") + " to " + s.display("window_to");
		if (!s.has("errors_during")) {
			return window + " no traffic was recorded for " + s.display("scope") + ".";
		}
		StringBuilder out = new StringBuilder(window).append(", ").append(s.display("scope")).append(" served ")
			.append(s.display("requests_during")).append(" requests and ").append(s.display("errors_during"))
			.append(" failed (").append(s.display("error_rate_during_pct")).append("%");
		s.fact("error_rate_before_pct")
			.ifPresent((f) -> out.append(", against ").append(f.display()).append("% in the window of the same length before"));
		out.append("). Average latency was ").append(s.display("avg_latency_during_ms")).append(" ms");
		s.fact("avg_latency_before_ms").ifPresent((f) -> out.append(" (").append(f.display()).append(" ms before)"));
		out.append(", and the window cost $").append(s.display("cost_during_usd")).append('.');
		return out.toString();
	}

	private static String hypothesis(FactSheet s) {
		List<String> clues = new ArrayList<>();
		s.fact("cause").ifPresent((c) -> clues.add("the cause recorded on the incident is \"" + c.display() + "\""));
		alertClue(s).ifPresent(clues::add);
		if (s.has("error_rate_during_pct") && s.has("error_rate_before_pct")
				&& value(s, "error_rate_during_pct").compareTo(value(s, "error_rate_before_pct")) > 0) {
			boolean moreLoad = value(s, "requests_during").compareTo(value(s, "requests_before")) > 0;
			clues.add("the failed share rose from " + s.display("error_rate_before_pct") + "% to "
					+ s.display("error_rate_during_pct") + "% while requests went from " + s.display("requests_before")
					+ " to " + s.display("requests_during")
					+ (moreLoad ? ", so higher load may have contributed" : ", so load alone does not explain it"));
		}
		if (clues.isEmpty()) {
			return HYPOTHESIS + "no recorded cause, alert or traffic change points at one; start from the "
					+ "responders' notes on the timeline.";
		}
		return HYPOTHESIS + String.join("; ", clues) + ". Nothing here is confirmed: check it against the "
				+ "traces of the window before publishing.";
	}

	private static Optional<String> alertClue(FactSheet s) {
		if (!s.has("alert_1")) {
			return Optional.empty();
		}
		StringBuilder out = new StringBuilder("the first alert, \"").append(s.display("alert_1")).append('"');
		if (s.has("alert_1_value") && s.has("alert_1_threshold")) {
			String unit = s.fact("alert_1_value").orElseThrow().unit();
			String suffix = "pct".equals(unit) ? "%" : "ms".equals(unit) ? " ms" : "";
			String prefix = "usd".equals(unit) ? "$" : "";
			out.append(", measured ").append(prefix).append(s.display("alert_1_value")).append(suffix)
				.append(s.fact("alert_1_measure").map((m) -> " of " + m.display()).orElse(""))
				.append(" against a threshold of ").append(prefix).append(s.display("alert_1_threshold")).append(suffix);
		}
		return Optional.of(out.toString());
	}

	private static List<String> actionItems(FactSheet s) {
		List<String> items = new ArrayList<>();
		items.add("Confirm or correct the root cause hypothesis with the responders and record the finding.");
		if (s.has("alert_1_threshold")) {
			items.add("Review the rule behind \"" + s.display("alert_1")
					+ "\": check that its threshold of " + s.display("alert_1_threshold") + " fired early enough.");
		}
		else if (value(s, "alerts_attached").signum() == 0) {
			items.add("Add an alert rule on " + s.display("scope") + " that would have caught this before it was declared.");
		}
		if (s.has("minutes_to_acknowledge")
				&& value(s, "minutes_to_acknowledge").compareTo(SLOW_ACKNOWLEDGEMENT_MINUTES) > 0) {
			items.add("Acknowledgement took " + s.display("minutes_to_acknowledge")
					+ " minutes: check the paging route and the on-call rota.");
		}
		if (s.has("error_rate_during_pct") && s.has("error_rate_before_pct")
				&& value(s, "error_rate_during_pct").compareTo(value(s, "error_rate_before_pct")) > 0) {
			items.add("Add a check (a canary or a guardrail) on " + s.display("scope")
					+ " that stops a rise in failed requests before users see it.");
		}
		if (!s.has("resolved_at")) {
			items.add("Resolve the incident once the fix holds, so the draft's duration and impact are final.");
		}
		return items;
	}

	private static BigDecimal value(FactSheet s, String key) {
		return s.fact(key).map(Fact::value).orElse(BigDecimal.ZERO);
	}

}
