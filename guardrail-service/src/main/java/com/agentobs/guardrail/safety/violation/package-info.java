/**
 * Violations: what the inline check and the trace scanner found, written with a redacted excerpt
 * only (a raw secret or PII value never reaches a table or a log), plus the check's hourly
 * statistics. The false-positive mark is an action (reversible).
 */
package com.agentobs.guardrail.safety.violation;
