package com.agentobs.gemini.llm;

/**
 * The one model gateway: turns a prompt into text. Two implementations: the Gemini REST
 * client (only when an API key is configured) and the deterministic offline generator (the
 * default, no network). Callers never learn which beyond {@link #provider()}.
 */
public interface TextGenerator {

	String OFFLINE = "offline";

	String GEMINI = "gemini";

	/** {@value #OFFLINE} or {@value #GEMINI}; reported beside every answer. */
	String provider();

	/**
	 * Generates one answer; with a response schema the text is JSON that conforms to it.
	 * @throws GenerationException when no usable answer could be had (the reason says why)
	 */
	TextGeneration generate(TextGenerationRequest request);

}
