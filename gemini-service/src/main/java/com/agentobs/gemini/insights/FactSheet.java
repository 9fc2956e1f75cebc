package com.agentobs.gemini.insights;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Everything a writer may say about one tab: the facts and the evidence that exists. */
public record FactSheet(String tab, List<Fact> facts, List<Evidence> evidence) {

	public FactSheet {
		facts = List.copyOf(facts);
		evidence = List.copyOf(evidence);
	}

	Map<String, Fact> byKey() {
		return this.facts.stream().collect(Collectors.toMap(Fact::key, Function.identity(), (a, b) -> a));
	}

	Optional<Fact> fact(String key) {
		return this.facts.stream().filter((f) -> f.key().equals(key)).findFirst();
	}

	String display(String key) {
		return fact(key).map(Fact::display).orElseThrow(() -> new IllegalStateException("no fact " + key));
	}

	boolean has(String key) {
		return fact(key).isPresent();
	}

	boolean hasEvidence(String id) {
		return this.evidence.stream().anyMatch((e) -> e.id().equals(id));
	}

}
