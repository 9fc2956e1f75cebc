package com.agentobs.synth.generator;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every generator in run order (later ones may read what earlier ones wrote). A new tab's data = one
 * new {@link Generator} added here, before {@code rollups} when it writes traces.
 */
public final class GeneratorRegistry {

	private final List<Generator> generators;

	public GeneratorRegistry(List<Generator> generators) {
		this.generators = List.copyOf(generators);
	}

	public static GeneratorRegistry standard() {
		return new GeneratorRegistry(List.of(new OrgGenerator(), new AgentGenerator(), new TraceGenerator(),
				new EndUserGenerator(), new AuditLogGenerator(), new SafetyGenerator(), new QualityGenerator(),
				new PricingGenerator(), new RollupGenerator(), new SearchIndexGenerator(), new AlertGenerator(),
				new ConfigurationGenerator(), new AutomationGenerator(), new ExperimentGenerator(),
				new BusinessGenerator()));
	}

	public List<Generator> all() {
		return generators;
	}

	public Set<String> names() {
		return generators.stream().map(Generator::name).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
	}

	public List<Generator> selected(Set<String> only) {
		return generators.stream().filter(g -> only.isEmpty() || only.contains(g.name())).toList();
	}

}
