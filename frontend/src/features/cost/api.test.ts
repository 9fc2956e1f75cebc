import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { envelope } from '../../lib/envelope';
import { budgetSchema, departmentCostSchema, intentCostSchema, modelCostPointSchema, providerSchema, tokenUsageSchema } from './api';

// Payloads captured from the real query-service (bench workspace, range=30d), lists cut to two rows.
// The schemas are .strict(): these keep them in step with the Java records.
const REAL = {
  'by-department': {"data":[{"department_code":"support","department_name":"Customer Support","total_cost":84.15,"budget_monthly":2000.0,"budget_used_pct":4.3,"cost_trend":2.6,"top_agents":[{"agent_id":"support-agent-9","total_cost":14.33},{"agent_id":"support-agent-4","total_cost":13.74},{"agent_id":"support-agent-3","total_cost":11.5},{"agent_id":"support-agent-8","total_cost":11.03},{"agent_id":"support-agent-7","total_cost":9.09}]},{"department_code":"sales","department_name":"Sales","total_cost":81.64,"budget_monthly":2000.0,"budget_used_pct":4.1,"cost_trend":-4.7,"top_agents":[{"agent_id":"sales-agent-9","total_cost":13.76},{"agent_id":"sales-agent-4","total_cost":13.16},{"agent_id":"sales-agent-3","total_cost":10.63},{"agent_id":"sales-agent-8","total_cost":10.52},{"agent_id":"sales-agent-7","total_cost":8.76}]}],"meta":{"generated_at":"2026-11-26T01:06:41.432393416Z","query_duration_ms":3,"cached":false},"filters_applied":{"workspace_id":"fe272c61-d4ca-4cbf-9546-ea7f2c412388","range":"30d","from":"2026-10-27T01:06:42Z","to":"2026-11-26T01:06:42Z","department":null,"environment":null,"version":null,"agent_id":null}},
  'provider-comparison': {"data":[{"provider":"openai","provider_name":"OpenAI","total_cost":276.78,"request_count":9965,"avg_latency":664.3,"p90_latency":1623.0,"cost_per_request":0.027775,"quality_score_avg":null},{"provider":"anthropic","provider_name":"Anthropic","total_cost":273.95,"request_count":13400,"avg_latency":657.3,"p90_latency":1623.0,"cost_per_request":0.020444,"quality_score_avg":null}],"meta":{"generated_at":"2026-11-26T01:06:42.512085121Z","query_duration_ms":3,"cached":false},"filters_applied":{"workspace_id":"fe272c61-d4ca-4cbf-9546-ea7f2c412388","range":"30d","from":"2026-10-27T01:06:42Z","to":"2026-11-26T01:06:42Z","department":null,"environment":null,"version":null,"agent_id":null}},
  'budget-tracking': {"data":{"current_period_cost":626.42,"budget_limit":20000.0,"budget_remaining":19373.58,"days_remaining_in_period":4,"projected_end_of_period_cost":750.32,"alert_status":"on_track","period_start":"2026-11-01T00:00:00Z","period_end":"2026-12-01T00:00:00Z","departments":[{"department_code":"data","current_period_cost":54.4,"budget_limit":2000.0,"budget_remaining":1945.6,"projected_end_of_period_cost":65.16,"alert_status":"on_track"},{"department_code":"engineering","current_period_cost":58.85,"budget_limit":2000.0,"budget_remaining":1941.15,"projected_end_of_period_cost":70.48,"alert_status":"on_track"}]},"meta":{"generated_at":"2026-11-26T01:06:42.926320958Z","query_duration_ms":3,"cached":false},"filters_applied":{"workspace_id":"fe272c61-d4ca-4cbf-9546-ea7f2c412388","range":"30d","from":"2026-10-27T01:06:43Z","to":"2026-11-26T01:06:43Z","department":null,"environment":null,"version":null,"agent_id":null}},
  'over-time': {"data":[{"timestamp":"2026-10-27T00:00:00Z","model":"claude-3-sonnet","model_provider":"anthropic","cost_usd":17.48,"request_count":861},{"timestamp":"2026-10-27T00:00:00Z","model":"gemini-pro","model_provider":"google","cost_usd":12.61,"request_count":624}],"meta":{"generated_at":"2026-11-26T01:06:43.474708477Z","query_duration_ms":3,"cached":false},"filters_applied":{"workspace_id":"fe272c61-d4ca-4cbf-9546-ea7f2c412388","range":"30d","from":"2026-10-27T01:06:44Z","to":"2026-11-26T01:06:44Z","department":null,"environment":null,"version":null,"agent_id":null}},
  'by-intent': {"data":[{"intent":"qa","total_cost":249.52,"request_count":6614,"cost_per_request":0.037726,"pct_of_cost":33.2,"cost_change":-1.3,"tokens":4990452},{"intent":"summarization","total_cost":200.98,"request_count":6692,"cost_per_request":0.030033,"pct_of_cost":26.8,"cost_change":2.0,"tokens":5024542}],"meta":{"generated_at":"2026-11-26T01:06:44.707633885Z","query_duration_ms":3,"cached":false},"filters_applied":{"workspace_id":"fe272c61-d4ca-4cbf-9546-ea7f2c412388","range":"30d","from":"2026-10-27T01:06:44Z","to":"2026-11-26T01:06:44Z","department":null,"environment":null,"version":null,"agent_id":null}},
  'token-usage': {"data":{"tokens_input":{"value":14992787.0,"change":0.0,"change_label":"vs previous 30d"},"tokens_output":{"value":10007787.0,"change":0.2,"change_label":"vs previous 30d"},"tokens_total":{"value":25000574.0,"change":0.1,"change_label":"vs previous 30d"},"output_input_ratio":0.668,"over_time":[{"timestamp":"2026-10-27T00:00:00Z","tokens_input":463112,"tokens_output":312512},{"timestamp":"2026-10-28T00:00:00Z","tokens_input":487089,"tokens_output":327589}]},"meta":{"generated_at":"2026-11-26T01:06:45.241911606Z","query_duration_ms":3,"cached":false},"filters_applied":{"workspace_id":"fe272c61-d4ca-4cbf-9546-ea7f2c412388","range":"30d","from":"2026-10-27T01:06:45Z","to":"2026-11-26T01:06:45Z","department":null,"environment":null,"version":null,"agent_id":null}},
};

describe('cost response schemas', () => {
  it('parsesTheRealPayload_by-department', () => {
    expect(envelope(z.array(departmentCostSchema)).safeParse(REAL['by-department']).success).toBe(true);
  });
  it('parsesTheRealPayload_provider-comparison', () => {
    expect(envelope(z.array(providerSchema)).safeParse(REAL['provider-comparison']).success).toBe(true);
  });
  it('parsesTheRealPayload_budget-tracking', () => {
    expect(envelope(budgetSchema).safeParse(REAL['budget-tracking']).success).toBe(true);
  });
  it('parsesTheRealPayload_over-time', () => {
    expect(envelope(z.array(modelCostPointSchema)).safeParse(REAL['over-time']).success).toBe(true);
  });
  it('parsesTheRealPayload_by-intent', () => {
    expect(envelope(z.array(intentCostSchema)).safeParse(REAL['by-intent']).success).toBe(true);
  });
  it('parsesTheRealPayload_token-usage', () => {
    expect(envelope(tokenUsageSchema).safeParse(REAL['token-usage']).success).toBe(true);
  });

  it('rejectsAFieldTheContractDoesNotHave', () => {
    const row = { ...REAL['by-department'].data[0]!, surprise: 1 };
    expect(departmentCostSchema.safeParse(row).success).toBe(false);
  });
});
