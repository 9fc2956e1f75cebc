import { z } from 'zod';

/** `meta` of the response envelope. */
export const metaSchema = z.object({
  generated_at: z.string().optional(),
  query_duration_ms: z.number().optional(),
  cached: z.boolean().optional(),
  total: z.number().nullish(),
  page: z.number().nullish(),
  limit: z.number().nullish(),
  has_more: z.boolean().nullish(),
  next_cursor: z.string().nullish(),
});
export type Meta = z.infer<typeof metaSchema>;

export const filtersAppliedSchema = z.record(z.string(), z.unknown());

/** `{data, meta, filters_applied}` around a data schema. */
export function envelope<T extends z.ZodType>(data: T) {
  return z.object({
    data,
    meta: metaSchema.optional(),
    filters_applied: filtersAppliedSchema.nullish(),
  });
}

/** A metric object `{value, change, change_label}`; `change` is null when there is no previous period. */
export const metricSchema = z.object({
  value: z.number().nullable(),
  change: z.number().nullish(),
  change_label: z.string().nullish(),
});
export type Metric = z.infer<typeof metricSchema>;

export const timePointSchema = z.object({ timestamp: z.string(), value: z.number().nullable() });
export type TimePoint = z.infer<typeof timePointSchema>;

/** Numbers that a Java BigDecimal may serialise as a string. */
export const num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/).transform(Number)]);

/**
 * `meta` with unknown keys rejected: the standard keys of ResponseMeta plus the view-specific keys a
 * query-service view adds (`View.extra`, e.g. `bucket_seconds`), which each caller names.
 */
export function strictMeta<E extends z.ZodRawShape = Record<never, never>>(extra?: E) {
  return metaSchema.extend(extra ?? ({} as E)).strict();
}

/**
 * The envelope with unknown keys rejected at every level it owns (issue #8: a field the server adds or
 * renames fails loudly in tests instead of being dropped in silence). `data` must be strict itself.
 */
export function strictEnvelope<T extends z.ZodType, E extends z.ZodRawShape = Record<never, never>>(data: T, metaExtra?: E) {
  return z.strictObject({
    data,
    meta: strictMeta(metaExtra).optional(),
    filters_applied: filtersAppliedSchema.nullish(),
  });
}

/** The strict `{value, change, change_label}` metric object (query-service `Change.Metric`). */
export const strictMetricSchema = metricSchema.strict();
export const strictTimePointSchema = timePointSchema.strict();
