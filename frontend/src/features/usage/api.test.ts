import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { envelope } from '../../lib/envelope';
import { adoptionPointSchema, hourCellSchema, intentCellSchema, segmentRowSchema, topAgentSchema, topUserSchema, usageOverviewSchema, versionAdoptionRowSchema } from './api';

// Payloads captured from the real query-service (bench workspace, range=30d), lists cut to two rows.
// The schemas are .strict(): these keep them in step with the Java records.
const REAL = {
  'overview': {"data":{"total_api_calls":{"value":33344.0,"change":0.0,"change_label":"vs previous 30d"},"unique_users":{"value":500.0,"change":0.0,"change_label":"vs previous 30d"},"active_agents":{"value":100.0,"change":0.0,"change_label":"vs previous 30d"},"avg_calls_per_user":{"value":66.7,"change":0.0,"change_label":"vs previous 30d"},"calls_by_department":[{"department":"marketing","value":3434,"pct":10.3},{"department":"engineering","value":3388,"pct":10.2}],"calls_over_time":[{"timestamp":"2026-10-27T00:00:00Z","value":1034},{"timestamp":"2026-10-28T00:00:00Z","value":1094}]},"meta":{"generated_at":"2026-11-26T01:06:25.883243073Z","query_duration_ms":3,"cached":false},"filters_applied":{"workspace_id":"fe272c61-d4ca-4cbf-9546-ea7f2c412388","range":"30d","from":"2026-10-27T01:06:23Z","to":"2026-11-26T01:06:23Z","department":null,"environment":null,"version":null,"agent_id":null}},
  'intent-distribution': {"data":[{"department":"data","intent":"customer_support","count":674,"pct_of_dept":20.4,"pct_of_total":2.0},{"department":"data","intent":"code_generation","count":671,"pct_of_dept":20.3,"pct_of_total":2.0}],"meta":{"generated_at":"2026-11-26T01:06:28.121736765Z","query_duration_ms":3,"cached":false},"filters_applied":{"workspace_id":"fe272c61-d4ca-4cbf-9546-ea7f2c412388","range":"30d","from":"2026-10-27T01:06:28Z","to":"2026-11-26T01:06:28Z","department":null,"environment":null,"version":null,"agent_id":null}},
  'top-agents': {"data":[{"agent_id":"engineering-agent-7","department":"engineering","request_count":371,"pct":1.1,"error_rate":4.85,"cost_usd":7.69},{"agent_id":"finance-agent-7","department":"finance","request_count":365,"pct":1.1,"error_rate":2.74,"cost_usd":7.56}],"meta":{"generated_at":"2026-11-26T01:06:31.641116387Z","query_duration_ms":3,"cached":false},"filters_applied":{"workspace_id":"fe272c61-d4ca-4cbf-9546-ea7f2c412388","range":"30d","from":"2026-10-27T01:06:32Z","to":"2026-11-26T01:06:32Z","department":null,"environment":null,"version":null,"agent_id":null}},
  'top-users': {"data":[{"user_id":"user-229","request_count":86,"agents_used":1,"cost_usd":3.13,"last_seen_at":"2026-11-25T18:01:12.498533Z"},{"user_id":"user-317","request_count":85,"agents_used":1,"cost_usd":2.0,"last_seen_at":"2026-11-25T16:10:30.498533Z"}],"meta":{"generated_at":"2026-11-26T01:06:33.251647847Z","query_duration_ms":3,"cached":false},"filters_applied":{"workspace_id":"fe272c61-d4ca-4cbf-9546-ea7f2c412388","range":"30d","from":"2026-10-27T01:06:33Z","to":"2026-11-26T01:06:33Z","department":null,"environment":null,"version":null,"agent_id":null}},
  'adoption': {"data":[{"timestamp":"2026-10-27T00:00:00Z","active_users":448,"new_users":0,"cumulative_users":500,"active_agents":100},{"timestamp":"2026-10-28T00:00:00Z","active_users":445,"new_users":0,"cumulative_users":500,"active_agents":100}],"meta":{"generated_at":"2026-11-26T01:06:35.174094308Z","query_duration_ms":3,"cached":false},"filters_applied":{"workspace_id":"fe272c61-d4ca-4cbf-9546-ea7f2c412388","range":"30d","from":"2026-10-27T01:06:34Z","to":"2026-11-26T01:06:34Z","department":null,"environment":null,"version":null,"agent_id":null}},
  'user-segments': {"data":[{"segment":"power_user","users":0,"users_change":null,"pct_of_users":0.0,"requests":6692,"requests_change":2.3,"pct_of_requests":20.1},{"segment":"regular","users":0,"users_change":null,"pct_of_users":0.0,"requests":20038,"requests_change":-0.3,"pct_of_requests":60.1}],"meta":{"generated_at":"2026-11-26T01:06:37.118772527Z","query_duration_ms":3,"cached":false},"filters_applied":{"workspace_id":"fe272c61-d4ca-4cbf-9546-ea7f2c412388","range":"30d","from":"2026-10-27T01:06:36Z","to":"2026-11-26T01:06:36Z","department":null,"environment":null,"version":null,"agent_id":null}},
  'version-adoption': {"data":[{"timestamp":"2026-10-27T00:00:00Z","department":"data","requests":88,"target_requests":32,"share_pct":36.4},{"timestamp":"2026-10-28T00:00:00Z","department":"data","requests":110,"target_requests":48,"share_pct":43.6}],"meta":{"generated_at":"2026-11-26T01:06:39.051745136Z","query_duration_ms":3,"cached":false},"filters_applied":{"workspace_id":"fe272c61-d4ca-4cbf-9546-ea7f2c412388","range":"30d","from":"2026-10-27T01:06:38Z","to":"2026-11-26T01:06:38Z","department":null,"environment":null,"version":null,"agent_id":null}},
  'hourly-pattern': {"data":[{"day_of_week":1,"hour":0,"requests":177,"avg_requests":44.3,"pct_of_total":0.5},{"day_of_week":1,"hour":1,"requests":196,"avg_requests":49.0,"pct_of_total":0.6}],"meta":{"generated_at":"2026-11-26T01:06:40.555152173Z","query_duration_ms":3,"cached":false},"filters_applied":{"workspace_id":"fe272c61-d4ca-4cbf-9546-ea7f2c412388","range":"30d","from":"2026-10-27T01:06:40Z","to":"2026-11-26T01:06:40Z","department":null,"environment":null,"version":null,"agent_id":null}},
};

describe('usage response schemas', () => {
  it('parsesTheRealPayload_overview', () => {
    expect(envelope(usageOverviewSchema).safeParse(REAL['overview']).success).toBe(true);
  });
  it('parsesTheRealPayload_intent-distribution', () => {
    expect(envelope(z.array(intentCellSchema)).safeParse(REAL['intent-distribution']).success).toBe(true);
  });
  it('parsesTheRealPayload_top-agents', () => {
    expect(envelope(z.array(topAgentSchema)).safeParse(REAL['top-agents']).success).toBe(true);
  });
  it('parsesTheRealPayload_top-users', () => {
    expect(envelope(z.array(topUserSchema)).safeParse(REAL['top-users']).success).toBe(true);
  });
  it('parsesTheRealPayload_adoption', () => {
    expect(envelope(z.array(adoptionPointSchema)).safeParse(REAL['adoption']).success).toBe(true);
  });
  it('parsesTheRealPayload_user-segments', () => {
    expect(envelope(z.array(segmentRowSchema)).safeParse(REAL['user-segments']).success).toBe(true);
  });
  it('parsesTheRealPayload_version-adoption', () => {
    expect(envelope(z.array(versionAdoptionRowSchema)).safeParse(REAL['version-adoption']).success).toBe(true);
  });
  it('parsesTheRealPayload_hourly-pattern', () => {
    expect(envelope(z.array(hourCellSchema)).safeParse(REAL['hourly-pattern']).success).toBe(true);
  });

  it('rejectsAFieldTheContractDoesNotHave', () => {
    const row = { ...REAL['intent-distribution'].data[0]!, surprise: 1 };
    expect(intentCellSchema.safeParse(row).success).toBe(false);
  });
});
