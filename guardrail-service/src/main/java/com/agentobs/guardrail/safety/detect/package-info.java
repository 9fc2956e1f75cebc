/**
 * Deterministic detectors for PII, secrets, prompt injection and toxicity: plain Java, no model
 * weights, so a check costs microseconds and gives the same answer on every machine. Each
 * {@link com.agentobs.guardrail.safety.detect.Detector} reports {@link com.agentobs.guardrail.safety.detect.Finding}s
 * (type, span in the original text, score); {@link com.agentobs.guardrail.safety.detect.Detectors} runs
 * them all and {@link com.agentobs.guardrail.safety.detect.Redactor} replaces spans with typed placeholders.
 * Precision comes before recall: every PII match is also validated (Luhn and issuer prefix, mod-97,
 * SSN ranges, libphonenumber), because false positives on ids, hashes and timestamps are what make
 * teams switch guardrails off.
 */
package com.agentobs.guardrail.safety.detect;
