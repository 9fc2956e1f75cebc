package com.agentobs.gemini.insights;

import java.util.List;
import java.util.UUID;

/**
 * Replaces PII and secrets in text the model wrote (or text about to be sent to it) with typed
 * placeholders, using the workspace's detectors. A model can repeat anything its prompt held, so its
 * text is shown only after this; when the redactor cannot answer, the caller shows the offline text.
 */
interface TextRedactor {

	/** {@code texts} redacted, in the same order. */
	List<String> redact(UUID workspaceId, List<String> texts) throws RedactionUnavailableException;

	/** The redactor gave no usable answer; the reason is safe to record (it holds no text). */
	class RedactionUnavailableException extends Exception {

		RedactionUnavailableException(String reason) {
			super(reason);
		}

	}

}
