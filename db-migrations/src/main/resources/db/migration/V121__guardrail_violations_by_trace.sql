-- A trace's drill-down lists its violations: probe them by trace rather than read the workspace's by time.
CREATE INDEX IF NOT EXISTS idx_guardrail_violations_trace ON guardrail_violations (workspace_id, trace_id)
    WHERE trace_id IS NOT NULL;
