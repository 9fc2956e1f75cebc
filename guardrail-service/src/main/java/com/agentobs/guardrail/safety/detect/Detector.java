package com.agentobs.guardrail.safety.detect;

import java.util.List;

/** One detector: appends what it finds in {@code text} to {@code out}. Implementations are stateless and thread-safe. */
public interface Detector {

	void detect(ScanText text, List<Finding> out);

}
