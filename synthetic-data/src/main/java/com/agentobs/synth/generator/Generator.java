package com.agentobs.synth.generator;

import java.util.List;
import java.util.Map;

import com.agentobs.synth.model.OrgPlan;

/**
 * One kind of synthetic data (one tab's tables). Each later tab adds its own implementation and a line
 * in {@link GeneratorRegistry}; generators only write what the {@link OrgPlan} decides.
 */
public interface Generator {

	/** The name {@code --only} selects. */
	String name();

	/** Tables this generator fills, in delete order; the first one tells whether it already ran. */
	List<String> tables();

	/** What {@code --dry-run} prints: table → rows that would be written (estimates marked with ≈). */
	Map<String, String> plan(OrgPlan plan);

	/** Writes the rows; returns rows written per table. */
	Map<String, Long> write(SeedContext context) throws Exception;

}
