package com.agentobs.gemini.llm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineTextGeneratorTest extends TextGeneratorContract {

	private final OfflineTextGenerator generator = new OfflineTextGenerator(JSON);

	@Override
	TextGenerator generator() {
		return this.generator;
	}

	@Override
	String expectedProvider() {
		return TextGenerator.OFFLINE;
	}

	/** Offline is not a model: it must say so rather than produce plausible-looking prose. */
	@Test
	void generate_saysNoModelWasUsed_andCostsNothing() {
		TextGeneration answer = this.generator.generate(new TextGenerationRequest("Explain the spike.", null, null, 64));

		assertThat(answer.text()).startsWith("Offline generator: no model is configured");
		assertThat(answer.costUsd()).isZero();
	}

}
