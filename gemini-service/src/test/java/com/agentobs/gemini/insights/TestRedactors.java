package com.agentobs.gemini.insights;

import java.util.UUID;

/** Redactors for the model paths' unit tests; the real one is tested against guardrail-service in system-tests. */
final class TestRedactors {

	static final UUID WORKSPACE = UUID.fromString("00000000-0000-0000-0000-0000000000aa");

	/** Replaces e-mail addresses with guardrail's placeholder, as its e-mail detector would. */
	static final TextRedactor EMAILS = (ws, texts) -> texts.stream()
		.map((t) -> t.replaceAll("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+", "<EMAIL_1>"))
		.toList();

	static final TextRedactor DOWN = (ws, texts) -> {
		throw new TextRedactor.RedactionUnavailableException("guardrail answered 503");
	};

	private TestRedactors() {
	}

}
