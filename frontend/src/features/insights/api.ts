import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { envelope, num } from '../../lib/envelope';
import { request } from '../../lib/http';

type Params = Record<string, string | number | undefined>;

/** The tabs gemini-service writes insights for. */
export type InsightTab = 'home' | 'usage' | 'cost' | 'performance' | 'business';

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
