import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { envelope, num } from '../../lib/envelope';
import { request } from '../../lib/http';

type Params = Record<string, string | number | undefined>;

/** The tabs gemini-service writes insights for. */
export type InsightTab = 'home' | 'usage' | 'cost' | 'performance' | 'business' | 'quality' | 'safety' | 'incidents'
  | 'experiments' | 'configuration' | 'automations';

// Parsed .strict(): mirrors gemini-service's insights records (a renamed field fails loudly).

export const insightCardSchema = z.object({
  title: z.string(),
  body: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  evidence: z.array(z.string()),
}).strict();
export type InsightCard = z.infer<typeof insightCardSchema>;

export const factSchema = z.object({
  key: z.string(),
  label: z.string().nullish(),
  value: num.nullable(),
  unit: z.string(),
  display: z.string(),
}).strict();
export type Fact = z.infer<typeof factSchema>;

export const evidenceSchema = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  href: z.string(),
}).strict();
export type Evidence = z.infer<typeof evidenceSchema>;

// GET /api/v1/insights?tab=…
export const insightsSchema = z.object({
  tab: z.string(),
  provider: z.string(),
  fallback_reason: z.string().nullable(),
  data_version: num,
  cards: z.array(insightCardSchema),
  facts: z.array(factSchema),
  evidence: z.array(evidenceSchema),
  usage: z.object({ input_tokens: num, output_tokens: num, cost_usd: num }).strict(),
}).strict();
export type Insights = z.infer<typeof insightsSchema>;

export async function fetchInsights(tab: InsightTab, params: Params) {
  return (await request('/api/v1/insights', envelope(insightsSchema), { params: { ...params, tab } })).data;
}

export function useInsights(tab: InsightTab, params: Params) {
  return useQuery({
    queryKey: ['insights', tab, params],
    queryFn: () => fetchInsights(tab, params),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

// POST /api/v1/insights/postmortem-draft — a draft a person edits; nothing is stored.
export const postmortemDraftSchema = z.object({
  incident_id: z.string(),
  status: z.literal('draft'),
  provider: z.string(),
  fallback_reason: z.string().nullable(),
  summary: z.string(),
  impact: z.string(),
  timeline: z.array(z.object({ at: z.string(), event_type: z.string(), text: z.string() }).strict()),
  root_cause_hypothesis: z.string(),
  action_items: z.array(z.string()),
  facts: z.array(factSchema),
  evidence: z.array(evidenceSchema),
  usage: z.object({ input_tokens: num, output_tokens: num, cost_usd: num }).strict(),
}).strict();
export type PostmortemDraft = z.infer<typeof postmortemDraftSchema>;

/** Drafts the postmortem of an incident (a read for operators: no Idempotency-Key, no audit row). */
export async function draftPostmortem(incidentId: string) {
  return (await request('/api/v1/insights/postmortem-draft', envelope(postmortemDraftSchema), { method: 'POST', body: { incident_id: incidentId } })).data;
}

/** The draft as the postmortem editor's fields: summary with impact and timeline, the hypothesis, the action items. */
export function postmortemFields(draft: PostmortemDraft) {
  const timeline = draft.timeline.map((e) => `- ${e.at.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC')} ${e.event_type}: ${e.text}`);
  return {
    summary: [draft.summary, `Impact: ${draft.impact}`, ['Timeline:', ...timeline].join('\n')].join('\n\n'),
    rootCause: draft.root_cause_hypothesis,
    actionItems: draft.action_items,
  };
}
