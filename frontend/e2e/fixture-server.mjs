// A stand-in for the gateway, for browser tests that must run without the platform (CI runs the
// front-end checks after `mvn verify` with no service up). It serves dist/ with the SPA fallback,
// exactly as the gateway does, and answers /api/v1/* with small deterministic fixtures in the API's
// shapes, scoped by the standard filters so a filter change visibly changes the numbers.
// Never part of the production build: the built app only ever calls its own origin.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const RANGE_MS = { '1h': HOUR, '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY, '90d': 90 * DAY };
const BUCKET_MS = { '1h': 5 * 60_000, '24h': HOUR, '7d': 6 * HOUR, '30d': DAY, '90d': DAY };

export const USERS = {
  'admin@agentobs.dev': 'admin', 'operator@agentobs.dev': 'operator', 'analyst@agentobs.dev': 'analyst', 'viewer@agentobs.dev': 'viewer',
};
export const PASSWORD = 'agentobs-demo';
const WORKSPACE = { workspace_id: '6f1c1a52-0000-4000-8000-000000000001', slug: 'acme', name: 'Acme Corp' };
const DEPARTMENTS = [
  { department_code: 'engineering', department_name: 'Engineering', budget: 4000 },
  { department_code: 'support', department_name: 'Support', budget: 2500 },
  { department_code: 'sales', department_name: 'Sales', budget: 1500 },
  { department_code: 'finance', department_name: 'Finance', budget: 800 },
];
const ENVS = ['production', 'staging', 'development'];
const VERSIONS = ['v2.0', 'v2.1'];
const PROVIDERS = [['openai', 'gpt-4o'], ['anthropic', 'claude-3-5-sonnet'], ['google', 'gemini-1.5-pro']];
const INTENTS = ['code_generation', 'data_analysis', 'customer_support', 'sales_outreach', 'summarization'];

function rand(seed) {
  let x = Math.sin(seed * 9301 + 49297) * 233280;
  return x - Math.floor(x);
}

const AGENTS = DEPARTMENTS.flatMap((d, di) =>
  Array.from({ length: 3 + di % 2 }, (_, i) => ({
    agent_id: `${d.department_code}-agent-${i + 1}`,
    name: `${d.department_name} Agent ${i + 1}`,
    department: d.department_code,
    environment: ENVS[(i + di) % 3],
    version: VERSIONS[(i + di) % 2],
    rate: 40 + Math.round(rand(di * 10 + i) * 160) * (di + 1),
    errorPct: i === 2 && di === 1 ? 9 : 0.5 + rand(di + i * 7) * 2.5,
    latency: 600 + rand(di * 3 + i) * 1500 + (i === 0 && di === 0 ? 1400 : 0),
    provider: (di + i) % 3,
  })),
);

function scope(q) {
  return AGENTS.filter((a) => (!q.department || a.department === q.department) && (!q.environment || a.environment === q.environment)
    && (!q.version || a.version === q.version) && (!q.agent_id || a.agent_id === q.agent_id));
}

function windowOf(q) {
  const range = q.range ?? '24h';
  if (range === 'custom' && q.from && q.to) return { from: Date.parse(q.from), to: Date.parse(q.to), range };
  const to = Math.floor(Date.now() / HOUR) * HOUR + HOUR;
  return { from: to - (RANGE_MS[range] ?? DAY), to, range };
}

function buckets(q) {
  const w = windowOf(q);
  const width = w.range === 'custom' ? Math.max(5 * 60_000, Math.round((w.to - w.from) / 24)) : BUCKET_MS[w.range];
  const out = [];
  for (let t = w.from; t < w.to; t += width) out.push(t);
  return { list: out, width, ...w };
}

const iso = (t) => new Date(t).toISOString();
const round = (v, d = 2) => Math.round(v * 10 ** d) / 10 ** d;
const perHour = (a, t) => a.rate * (0.6 + 0.4 * Math.sin((new Date(t).getUTCHours() / 24) * Math.PI * 2 - 1.5) + 0.15 * rand(t / HOUR + a.rate));

function requests(agents, from, to) {
  let sum = 0;
  for (let t = from; t < to; t += HOUR) for (const a of agents) sum += perHour(a, t) * Math.min(1, (to - t) / HOUR);
  return Math.round(sum);
}

function meta(extra = {}) {
  return { generated_at: iso(Date.now()), query_duration_ms: 2, cached: false, ...extra };
}
function env(data, q, extra) {
  return { data, meta: meta(extra), filters_applied: { range: q.range ?? null, department: q.department ?? null, environment: q.environment ?? null, version: q.version ?? null, agent_id: q.agent_id ?? null } };
}

function kpis(q) {
  const agents = scope(q);
  const w = windowOf(q);
  const span = w.to - w.from;
  const total = requests(agents, w.from, w.to);
  const prev = requests(agents, w.from - span, w.from);
  const cost = agents.reduce((s, a) => s + requests([a], w.from, w.to) * (0.002 + a.provider * 0.001), 0);
  const errors = agents.reduce((s, a) => s + requests([a], w.from, w.to) * a.errorPct / 100, 0);
  const lat = total ? agents.reduce((s, a) => s + requests([a], w.from, w.to) * a.latency, 0) / total : null;
  const step = span / 24;
  const sparkline = Array.from({ length: 24 }, (_, i) => ({ timestamp: iso(w.from + i * step), value: requests(agents, w.from + i * step, w.from + (i + 1) * step) }));
  const byDept = DEPARTMENTS.map((d) => ({ department: d.department_code, value: requests(agents.filter((a) => a.department === d.department_code), w.from, w.to) }))
    .filter((d) => d.value > 0).map((d) => ({ ...d, pct: round(100 * d.value / Math.max(1, total), 1) }));
  const byProvider = PROVIDERS.map(([p], pi) => ({ provider: p, cost: round(agents.filter((a) => a.provider === pi).reduce((s, a) => s + requests([a], w.from, w.to) * (0.002 + pi * 0.001), 0)) }))
    .map((p) => ({ ...p, pct: round(100 * p.cost / Math.max(0.01, cost), 1) }));
  const change = (now, before) => (before > 0 ? round(100 * (now - before) / before, 1) : null);
  return {
    total_requests: { value: total, change: change(total, prev), change_label: `vs previous ${w.range}`, by_department: byDept, sparkline },
    avg_latency: lat === null ? { value: null, p50: null, p90: null, p95: null, p99: null, change: null, change_label: null }
      : { value: Math.round(lat), p50: Math.round(lat * 0.8), p90: Math.round(lat * 1.5), p95: Math.round(lat * 1.9), p99: Math.round(lat * 2.8), change: -4.2, change_label: `vs previous ${w.range}` },
    error_rate: { value: total ? round(100 * errors / total) : null, change: 0.8, change_label: `vs previous ${w.range}`, error_breakdown: { timeout: Math.round(errors * 0.5), rate_limit: Math.round(errors * 0.3), server_error: Math.round(errors * 0.2) } },
    total_cost: { value: round(cost), change: change(cost, cost * 0.9), change_label: `vs previous ${w.range}`, by_provider: byProvider },
    avg_quality_score: { value: null, change: null, change_label: null, distribution: null, note: 'Quality scores appear once evaluations exist' },
  };
}

function health(a, t) {
  const r = rand(t / HOUR + a.rate * 13);
  const err = a.errorPct * (r > 0.93 ? 3 : 1);
  const p90 = a.latency * 1.5 * (r > 0.97 ? 2 : 1);
  const score = 100 - Math.min(50, 10 * err) - (p90 <= 2000 ? 0 : Math.min(30, 30 * (p90 - 2000) / 2000));
  return Math.max(0, Math.min(100, Math.round(score)));
}

function heatmap(q, kind) {
  const b = buckets(q);
  const agents = scope(q);
  const pct = { p90: 1.5, p95: 1.9, p99: 2.8 }[q.percentile ?? 'p90'] ?? 1.5;
  const rows = agents.map((a) => ({ a, values: b.list.map((t) => (t > Date.now() ? null : kind === 'health' ? health(a, t) : Math.round(a.latency * pct * (0.85 + 0.3 * rand(t / HOUR + a.rate))))) }));
  const avg = (v) => v.filter((x) => x !== null).reduce((s, x, _, arr) => s + x / arr.length, 0);
  rows.sort((x, y) => (kind === 'health' ? avg(x.values) - avg(y.values) : avg(y.values) - avg(x.values)));
  const limit = Number(q.limit ?? 50);
  const page = rows.slice(0, limit);
  const data = kind === 'health'
    ? { agents: page.map(({ a }) => ({ agent_id: a.agent_id, name: a.name, department: a.department, environment: a.environment, version: a.version })), time_buckets: b.list.map(iso), heatmap: page.map((r) => r.values), bands: { healthy: [100, 100], degraded: [70, 99], unhealthy: [40, 69], critical: [0, 39] }, formula: 'health = 100 - error penalty - latency penalty' }
    : { agents: page.map(({ a }) => a.agent_id), time_buckets: b.list.map(iso), heatmap: page.map((r) => r.values), percentile: q.percentile ?? 'p90' };
  return env(data, q, { total: rows.length, page: 1, limit, has_more: rows.length > limit, bucket_seconds: b.width / 1000 });
}

function traceRow(a, t, i) {
  const [provider, model] = PROVIDERS[a.provider];
  const r = rand(t / 1000 + i);
  const status = r * 100 < a.errorPct ? (r < 0.004 ? 'timeout' : 'error') : 'success';
  const tin = 200 + Math.round(r * 1500);
  const tout = 80 + Math.round(rand(i) * 600);
  return {
    trace_id: `trace_${(Math.floor(t / 1000).toString(16) + (AGENTS.indexOf(a)).toString(16).padStart(2, '0') + i.toString(16).padStart(2, '0')).padStart(16, '0').slice(-16)}`,
    agent_id: a.agent_id, timestamp: iso(t), status, latency_ms: Math.round(a.latency * (0.5 + r)), model, model_provider: provider, tokens_total: tin + tout,
    cost_usd: round((tin + tout) / 1000 * (0.002 + a.provider * 0.001), 6), department: a.department, environment: a.environment, version: a.version,
    intent_category: INTENTS[i % INTENTS.length], user_id: `user_${i % 40}`, sample_rate: 1, input_preview: 'Summarise the open incidents…', output_preview: 'There are two open incidents…',
    error: status === 'success' ? null : 'upstream timeout', tokens_input: tin, tokens_output: tout,
  };
}

const SORTS = ['-timestamp', 'timestamp', '-latency_ms', 'latency_ms', '-cost_usd', 'cost_usd'];

function traces(q) {
  if (q.sort && !SORTS.includes(q.sort)) return { status: 400, code: 'VALIDATION_ERROR', message: `sort must be one of ${SORTS}` };
  const agents = scope(q);
  const w = windowOf(q);
  const offset = Number(q.cursor ?? 0);
  const total = agents.length ? 120 : 0;
  const rows = [];
  for (let i = offset; i < Math.min(total, offset + Number(q.limit ?? 50)); i++) {
    const a = agents[i % agents.length];
    const row = traceRow(a, w.to - 1000 - Math.floor((i + 0.5) * (w.to - w.from) / total), i);
    delete row.tokens_input; // a list row carries tokens_total only (query-service TraceSummary)
    delete row.tokens_output;
    rows.push(row);
  }
  const filtered = q.status ? rows.filter((r) => r.status === q.status) : rows;
  const next = offset + rows.length < total ? String(offset + rows.length) : null;
  // with a full-text query, the search table's coverage (query-service TraceQueries.searchCoverage)
  const coverage = q.q ? { search_indexed_through: iso(Date.now() - 2000), search_lag_seconds: 2 } : {};
  return env(filtered, q, { total, limit: Number(q.limit ?? 50), has_more: Boolean(next), next_cursor: next, ...coverage });
}

// The query service's drill-down shape: {trace, input, output, timeline, costs, scores, violations, notes}.
function traceDetail(id) {
  const agentIndex = parseInt(id.slice(-4, -2), 16);
  const a = AGENTS[Number.isNaN(agentIndex) ? 0 : agentIndex % AGENTS.length];
  const t = Math.max(Date.now() - DAY + 1000, parseInt(id.slice(6, -4), 16) * 1000 || Date.now() - HOUR);
  const { tokens_input: tin, tokens_output: tout, ...summary } = traceRow(a, t, 3);
  const lat = summary.latency_ms;
  const span = (span_id, parent_span_id, span_type, name, offset, latency, extra = {}) => ({
    span_id, parent_span_id, span_type, name, started_at: iso(t + offset), ended_at: iso(t + offset + latency), offset_ms: offset, latency_ms: latency,
    model: null, tokens_input: null, tokens_output: null, cost_usd: null, status: 'success', ...extra,
  });
  return {
    trace: { ...summary, trace_id: id },
    input: 'Summarise the open incidents for the payments team.', output: 'There are two open incidents: …', metadata: { channel: 'slack' },
    session_id: 'sess_42', agent_version: `${a.version}.3`, user_segment: 'regular', tokens_input: tin, tokens_output: tout,
    timeline: [
      span('s1', null, 'other', 'agent.run', 0, lat),
      span('s2', 's1', 'retrieval', 'search incidents', 20, Math.round(lat * 0.2)),
      span('s3', 's1', 'llm', 'generate answer', Math.round(lat * 0.25), Math.round(lat * 0.7), { model: summary.model, tokens_input: tin, tokens_output: tout, cost_usd: summary.cost_usd }),
    ],
    costs: { trace_cost_usd: summary.cost_usd, spans_cost_usd: summary.cost_usd, by_model: { [summary.model]: summary.cost_usd } },
    scores: null,
    violations: null,
    notes: { scores: 'quality scores need the evaluations table, which does not exist yet', violations: 'guardrail violations need the guardrail_violations table, which does not exist yet' },
  };
}

function usageOverview(q) {
  const k = kpis(q);
  const agents = scope(q);
  const users = Math.round(k.total_requests.value / 37);
  return {
    total_api_calls: { value: k.total_requests.value, change: k.total_requests.change, change_label: k.total_requests.change_label },
    unique_users: { value: users, change: 3.1, change_label: k.total_requests.change_label },
    active_agents: { value: agents.length, change: 0, change_label: k.total_requests.change_label },
    avg_calls_per_user: { value: users ? round(k.total_requests.value / users, 1) : null, change: 1.2, change_label: k.total_requests.change_label },
    calls_by_department: k.total_requests.by_department,
    calls_over_time: k.total_requests.sparkline,
  };
}

function intents(q) {
  const k = kpis(q);
  const total = k.total_requests.value || 1;
  return k.total_requests.by_department.flatMap((d, di) => INTENTS.map((intent, ii) => {
    const share = ii === di ? 0.45 : 0.55 / (INTENTS.length - 1);
    const count = Math.round(d.value * share);
    return { department: d.department, intent, count, pct_of_dept: round(100 * share, 1), pct_of_total: round(100 * count / total, 1) };
  }));
}

function cohorts(q) {
  const weekly = q.cohort_size === 'weekly';
  const n = 6;
  return Array.from({ length: n }, (_, i) => {
    const row = { [weekly ? 'cohort_week' : 'cohort_month']: weekly ? `2025-W${30 + i}` : `2025-${String(5 + i).padStart(2, '0')}`, cohort_users: 100 + i * 20 };
    for (let p = 0; p < n; p++) row[`${weekly ? 'week' : 'month'}_${p}`] = p === 0 ? 100 : p < n - i ? round(100 * Math.pow(0.72, p) + rand(i * 7 + p) * 5, 1) : null;
    return row;
  });
}

function costByDepartment(q) {
  const w = windowOf(q);
  return DEPARTMENTS.filter((d) => !q.department || d.department_code === q.department).map((d) => {
    const agents = scope({ ...q, department: d.department_code });
    const costOf = (a) => round(requests([a], w.from, w.to) * (0.002 + a.provider * 0.001));
    const total = round(agents.reduce((s, a) => s + costOf(a), 0));
    return { department_code: d.department_code, department_name: d.department_name, total_cost: total, budget_monthly: d.budget, budget_used_pct: round(100 * total / d.budget, 1), cost_trend: round(-10 + rand(d.budget) * 30, 1),
      top_agents: agents.map((a) => ({ agent_id: a.agent_id, total_cost: costOf(a) })).sort((x, y) => y.total_cost - x.total_cost).slice(0, 5) };
  });
}

function providerComparison(q) {
  const w = windowOf(q);
  const agents = scope(q);
  return PROVIDERS.map(([p], pi) => {
    const own = agents.filter((a) => a.provider === pi);
    const reqs = requests(own, w.from, w.to);
    const cost = round(reqs * (0.002 + pi * 0.001));
    return { provider: p, provider_name: { openai: 'OpenAI', anthropic: 'Anthropic', google: 'Google' }[p], total_cost: cost, request_count: reqs, avg_latency: own.length ? Math.round(own.reduce((s, a) => s + a.latency, 0) / own.length) : null, p90_latency: own.length ? Math.round(1.5 * own.reduce((s, a) => s + a.latency, 0) / own.length) : null, cost_per_request: reqs ? round(cost / reqs, 5) : null, quality_score_avg: null };
  });
}

function budget(q) {
  const now = new Date();
  const days = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
  const elapsed = now.getUTCDate();
  const depts = DEPARTMENTS.filter((d) => !q.department || d.department_code === q.department).map((d) => {
    const cost = round(d.budget * (0.02 + 0.045 * rand(d.budget)) * elapsed);
    const projected = round(cost / elapsed * days);
    return { department_code: d.department_code, current_period_cost: cost, budget_limit: d.budget, budget_remaining: round(d.budget - cost), projected_end_of_period_cost: projected,
      alert_status: cost >= d.budget ? 'exceeded' : projected >= 0.8 * d.budget ? 'warning' : 'on_track' };
  });
  const sum = (k) => round(depts.reduce((s, d) => s + d[k], 0));
  const cost = sum('current_period_cost');
  const limit = sum('budget_limit');
  const projected = sum('projected_end_of_period_cost');
  return { current_period_cost: cost, budget_limit: limit, budget_remaining: round(limit - cost), days_remaining_in_period: days - elapsed, projected_end_of_period_cost: projected,
    alert_status: cost >= limit ? 'exceeded' : projected >= 0.8 * limit ? 'warning' : 'on_track',
    period_start: iso(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), period_end: iso(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)), departments: depts };
}

// Chart 2.6: active users by current segment, calls by the segment on each call (the seeder's segment weights).
const SEGMENTS = [['power_user', 10, 0.35], ['regular', 70, 0.55], ['new', 15, 0.08], ['dormant', 5, 0.02]];
function userSegments(q) {
  const k = kpis(q);
  const users = Math.round(k.total_requests.value / 37);
  const change = k.total_requests.change;
  return SEGMENTS.map(([segment, userPct, callShare]) => ({
    segment, users: Math.round(users * userPct / 100), users_change: change, pct_of_users: userPct,
    requests: Math.round(k.total_requests.value * callShare), requests_change: change, pct_of_requests: round(100 * callShare, 1),
  }));
}

// Chart 2.7: share of calls on the target version per bucket and department, rising as v2.1 rolls out.
function versionAdoption(q) {
  const b = buckets({ ...q, range: q.range ?? '90d' });
  const agents = scope({ ...q, version: undefined });
  const target = q.version ?? VERSIONS[VERSIONS.length - 1];
  const rows = DEPARTMENTS.filter((d) => agents.some((a) => a.department === d.department_code)).flatMap((d, di) => b.list.map((t, i) => {
    const own = agents.filter((a) => a.department === d.department_code);
    const calls = requests(own, t, t + b.width);
    const rollout = Math.min(1, Math.max(0, (i + 1) / b.list.length * (1.2 - di * 0.15)));
    const share = target === VERSIONS[VERSIONS.length - 1] ? rollout : 1 - rollout;
    const onTarget = Math.round(calls * share);
    return { timestamp: iso(t), department: d.department_code, requests: calls, target_requests: onTarget, share_pct: calls ? round(100 * onTarget / calls, 1) : null };
  }));
  return env(rows, q, { target_version: target, versions: [...VERSIONS].reverse(), bucket_seconds: b.width / 1000, time_buckets: b.list.map(iso), version_filter: 'selects the target version; requests of every version are the denominator' });
}

// Chart 2.9: 7 × 24 cells, business hours and weekdays busiest (UTC).
function hourlyPattern(q) {
  const agents = scope(q);
  const rate = agents.reduce((s, a) => s + a.rate, 0);
  const cells = [];
  for (let day = 1; day <= 7; day++) {
    for (let hour = 0; hour < 24; hour++) {
      const weekday = day <= 5 ? 1 : 0.3;
      const business = hour >= 9 && hour < 18 ? 1 : hour >= 6 && hour < 21 ? 0.4 : 0.08;
      const avg = round(rate * weekday * business * (0.9 + 0.2 * rand(day * 24 + hour)), 1);
      cells.push({ day_of_week: day, hour, requests: Math.round(avg * 4), avg_requests: avg, pct_of_total: 0 });
    }
  }
  const total = cells.reduce((s, c) => s + c.requests, 0) || 1;
  cells.forEach((c) => { c.pct_of_total = round(100 * c.requests / total, 1); });
  return env(cells, q, { timezone: 'UTC', total_requests: total });
}

// Chart 3.7: cost per intent with its share and the change vs the previous period.
function costByIntent(q) {
  const k = kpis(q);
  const total = k.total_cost.value;
  const weights = INTENTS.map((_, i) => 1 + rand(i + 17) * 3);
  const sum = weights.reduce((s, w) => s + w, 0);
  return INTENTS.map((intent, i) => {
    const cost = round(total * weights[i] / sum);
    const requests = Math.round(k.total_requests.value * weights[i] / sum);
    return { intent, total_cost: cost, request_count: requests, cost_per_request: requests ? round(cost / requests, 6) : null, pct_of_cost: round(100 * weights[i] / sum, 1), cost_change: round(-15 + rand(i + 3) * 35, 1), tokens: requests * 900 };
  }).sort((a, b) => b.total_cost - a.total_cost);
}

// Chart 3.8: input and output tokens per bucket, totals with % change.
function tokenUsage(q) {
  const b = buckets(q);
  const agents = scope(q);
  const over_time = b.list.map((t) => { const n = requests(agents, t, t + b.width); return { timestamp: iso(t), tokens_input: n * 620, tokens_output: n * 280 }; });
  const tin = over_time.reduce((s, p) => s + p.tokens_input, 0);
  const tout = over_time.reduce((s, p) => s + p.tokens_output, 0);
  const label = `vs previous ${b.range}`;
  return { tokens_input: { value: tin, change: 4.2, change_label: label }, tokens_output: { value: tout, change: 6.8, change_label: label }, tokens_total: { value: tin + tout, change: 5, change_label: label },
    output_input_ratio: tin ? round(tout / tin, 3) : null, over_time };
}

function perfOverview(q) {
  const k = kpis(q);
  const w = windowOf(q);
  const mins = (w.to - w.from) / 60_000;
  const lat = k.avg_latency;
  const m = (value, change = -2.5) => ({ value, change, change_label: k.total_requests.change_label });
  return {
    latency_p50: m(lat.p50), latency_p90: m(lat.p90), latency_p95: m(lat.p95), latency_p99: m(lat.p99, 4.1),
    error_rate: m(k.error_rate.value, 0.8), throughput_rpm: m(round(k.total_requests.value / mins, 1), k.total_requests.change), request_count: m(k.total_requests.value, k.total_requests.change),
    slo_compliance_pct: m(96.4, 0.3),
    over_time: k.total_requests.sparkline.map((p, i) => ({ timestamp: p.timestamp, p50: lat.p50 && Math.round(lat.p50 * (0.9 + 0.2 * rand(i))), p90: lat.p90 && Math.round(lat.p90 * (0.9 + 0.2 * rand(i + 1))), p99: lat.p99 && Math.round(lat.p99 * (0.9 + 0.2 * rand(i + 2))), throughput_rpm: round(p.value / (mins / 24), 1), error_rate: round(k.error_rate.value * (0.7 + 0.6 * rand(i + 3)), 2) })),
  };
}

function parity(q) {
  return ENVS.map((e, i) => {
    const agents = scope({ ...q, environment: e });
    const p90 = agents.length ? Math.round(agents.reduce((s, a) => s + a.latency * 1.5, 0) / agents.length) : null;
    return { environment_name: e, avg_latency_p90: p90, error_rate: round(1 + i * 0.7, 2), request_count: requests(agents, Date.now() - DAY, Date.now()), parity_score: i === 0 ? 100 : 92 - i * 14 };
  });
}

function slo(q) {
  const k = kpis(q);
  const trend = k.total_requests.sparkline.map((p, i) => ({ timestamp: p.timestamp, value: 1800 + rand(i) * 400 }));
  return [
    { slo_id: 'slo-latency', name: 'Latency P90 < 2000 ms', sli: 'latency_p90_ms', comparator: 'lt', target: 2000, current_value: k.avg_latency.p90, is_met: (k.avg_latency.p90 ?? 0) < 2000, compliance_pct: 97.2, error_budget_remaining_pct: 44, trend, by_department: DEPARTMENTS.map((d, i) => ({ department: d.department_code, current_value: 1500 + i * 250, is_met: i < 3 })) },
    { slo_id: 'slo-errors', name: 'Error rate < 2%', sli: 'error_rate_pct', comparator: 'lt', target: 2, current_value: k.error_rate.value, is_met: (k.error_rate.value ?? 0) < 2, compliance_pct: 91.5, error_budget_remaining_pct: 12, trend: [], by_department: [] },
    { slo_id: 'slo-quality', name: 'Avg quality > 80', sli: 'quality_avg', comparator: 'gt', target: 80, current_value: null, is_met: null, compliance_pct: null, error_budget_remaining_pct: null, trend: [], by_department: [] },
  ];
}


// ---- control plane (guardrail-service stand-in): paused flags, the audit trail, actions and their rollback.
const PAUSED = new Set();
const AUDIT = []; // newest first, ActionRecord shape
const BY_KEY = new Map();
const ROLE_RANK = { viewer: 0, analyst: 1, operator: 2, admin: 3 };
const accessTokens = new Map();

function agentSummary(a) {
  const w = windowOf({});
  const reqs = requests([a], w.from, w.to);
  return { agent_id: a.agent_id, name: a.name, department: a.department, environment: a.environment, version: a.version, agent_status: 'active', is_paused: PAUSED.has(a.agent_id),
    model: PROVIDERS[a.provider][1], model_provider: PROVIDERS[a.provider][0], request_count: reqs, error_rate: round(a.errorPct), latency_p90: Math.round(a.latency * 1.5), cost_usd: round(reqs * 0.003) };
}

function agentConfig(a) {
  return { agent_id: a.agent_id, status: PAUSED.has(a.agent_id) ? 'paused' : 'active', lifecycle: 'active', environment: a.environment, version: a.version, model: PROVIDERS[a.provider][1],
    model_provider: PROVIDERS[a.provider][0], rate_limit_rpm: null, guardrail_policy_id: null, experiment_assignments: [], deprecation_date: null, replacement_agent_id: null, config_version: null, settings: {}, config_hash: null, experiments: [] };
}

function agentDetail(a, q) {
  const s = agentSummary(a);
  const m = (value, change = 1.5) => ({ value, change, change_label: `vs previous ${q.range ?? '24h'}` });
  return {
    agent: { id: `00000000-0000-4000-8000-${String(AGENTS.indexOf(a)).padStart(12, '0')}`, agent_id: a.agent_id, name: a.name, description: null, department: a.department, environment: a.environment, version: a.version,
      agent_status: 'active', is_paused: PAUSED.has(a.agent_id), is_active: true, owner_team: null, model: s.model, model_provider: s.model_provider, last_deployed_at: null, deprecation_date: null, created_at: iso(Date.now() - 90 * DAY) },
    metrics: { request_count: m(s.request_count), error_rate: m(s.error_rate, -0.4), latency_p50: m(Math.round(a.latency)), latency_p90: m(s.latency_p90), latency_p99: m(Math.round(a.latency * 2.8)), cost_usd: m(s.cost_usd) },
    versions: [{ version: a.version, request_count: s.request_count, error_rate: s.error_rate, latency_p90: s.latency_p90 }],
  };
}

let actionSeq = 0;
function record(type, agentId, caller, params, result, inverse) {
  const now = iso(Date.now());
  const id = `7a000000-0000-4000-8000-${String(++actionSeq).padStart(12, '0')}`;
  const row = { action_id: id, action_type: type, action_scope: 'agent', status: 'completed', actor_type: 'user', actor_user_id: caller.userId, actor_subject: caller.userId,
    target_type: 'agent', target_id: agentId, action_params: params, result, rollback_action_id: null, rollback_available: inverse !== null, created_at: now, updated_at: now, completed_at: now };
  Object.defineProperty(row, 'inverse', { value: inverse, enumerable: false });
  AUDIT.unshift(row);
  return row;
}

// POST /api/v1/agents/{id}/{pause|resume|rollback-version}, POST /api/v1/actions/{id}/rollback
function runAction(caller, key, kind, target) {
  if (ROLE_RANK[caller.role] < ROLE_RANK.operator) return { status: 403, code: 'INSUFFICIENT_PERMISSIONS', message: 'This action needs the operator role' };
  if (key && BY_KEY.has(key)) return { data: BY_KEY.get(key) };
  let row;
  if (kind === 'rollback') {
    const original = AUDIT.find((r) => r.action_id === target);
    if (!original) return { status: 404, code: 'RESOURCE_NOT_FOUND', message: `No action ${target}` };
    if (original.status !== 'completed' || !original.rollback_available) return { status: 409, code: 'CONFLICT', message: `Action ${target} cannot be rolled back (status ${original.status})` };
    const inverse = original.inverse;
    if (inverse.paused) PAUSED.add(original.target_id); else PAUSED.delete(original.target_id);
    row = record('action.rollback', original.target_id, caller, { action_id: target },
      { rolled_back_action_id: target, rolled_back_action_type: original.action_type, result: { agent_id: original.target_id, is_paused: inverse.paused, was_paused: !inverse.paused } }, null);
    original.status = 'rolled_back';
    original.rollback_action_id = row.action_id;
    original.rollback_available = false;
  } else {
    const agent = AGENTS.find((a) => a.agent_id === target);
    if (!agent) return { status: 404, code: 'RESOURCE_NOT_FOUND', message: `No agent ${target}` };
    if (kind === 'rollback-version') return { status: 409, code: 'CONFLICT', message: 'Nothing to roll back to: the agent has no configuration history yet' };
    const was = PAUSED.has(target);
    const paused = kind === 'pause';
    if (paused) PAUSED.add(target); else PAUSED.delete(target);
    row = record(`agent.${kind}`, target, caller, { agent_id: target, reason: null }, { agent_id: target, is_paused: paused, was_paused: was }, { agent_id: target, paused: was });
  }
  if (key) BY_KEY.set(key, row);
  return { data: row, created: true };
}

const sessions = new Map();
function issue(email) {
  const refresh = `r_${Math.random().toString(36).slice(2)}`;
  sessions.set(refresh, email);
  const access = `a_${Math.random().toString(36).slice(2)}`;
  accessTokens.set(access, email);
  return { access_token: access, refresh_token: refresh, expires_in: 900, token_type: 'Bearer',
    user: { id: `u_${email.split('@')[0]}`, email, display_name: email.split('@')[0].replace(/^./, (c) => c.toUpperCase()) },
    workspaces: [{ ...WORKSPACE, role: USERS[email] }] };
}

function error(res, status, code, message) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error: { code, message, details: {}, timestamp: iso(Date.now()), request_id: `req_${Date.now()}` } }));
}

async function body(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  try { return JSON.parse(Buffer.concat(chunks).toString() || '{}'); } catch { return {}; }
}

const GET = {
  // gemini-service: offline insight cards whose numbers are the facts beside them
  '/api/v1/insights': (q) => {
    const w = windowOf(q);
    const total = requests(scope(q), w.from, w.to);
    const display = total.toLocaleString('en-US');
    const tab = q.tab ?? 'home';
    return {
      data: {
        tab, provider: 'offline', fallback_reason: null, data_version: 1,
        cards: [{ title: 'Traffic', body: `${display} requests in the selected window.`, severity: 'info', evidence: [`chart:${tab}`] }],
        facts: [{ key: 'requests', label: 'Requests in the window', value: total, unit: 'count', display }],
        evidence: [{ id: `chart:${tab}`, kind: 'chart', label: 'This tab', href: `/${tab}` }],
        usage: { input_tokens: 0, output_tokens: 0, cost_usd: 0 },
      },
      meta: meta(),
      filters_applied: {},
    };
  },
  '/api/v1/departments': () => ({ data: DEPARTMENTS.map((d) => ({ code: d.department_code, name: d.department_name, budget_monthly_usd: d.budget, agent_count: AGENTS.filter((a) => a.department === d.department_code).length })), meta: meta() }),
  '/api/v1/environments': () => ({ data: ENVS.map((e) => ({ name: e, type: e === 'production' ? 'prod' : e === 'development' ? 'dev' : e, agent_count: 4 })), meta: meta() }),
  '/api/v1/versions': () => ({ data: VERSIONS.map((v) => ({ version: v, agent_count: 6 })), meta: meta() }),
  '/api/v1/performance/version-comparison': (q) => env(VERSIONS.map((v) => { const o = perfOverview({ ...q, version: v }); return { version: v, request_count: o.request_count.value, avg_latency: o.latency_p50.value, p50: o.latency_p50.value, p90: o.latency_p90.value, p99: o.latency_p99.value, error_rate: o.error_rate.value, cost_per_request: 0.003 }; }), q),
  '/api/v1/usage/top-agents': (q) => { const w = windowOf(q); const total = requests(scope(q), w.from, w.to) || 1; return env(scope(q).map((a) => ({ agent_id: a.agent_id, department: a.department, request_count: requests([a], w.from, w.to), error_rate: round(a.errorPct), cost_usd: round(requests([a], w.from, w.to) * 0.003) })).map((a) => ({ ...a, pct: round(100 * a.request_count / total, 1) })).sort((x, y) => y.request_count - x.request_count).slice(0, 10), q); },
  '/api/v1/usage/top-users': (q) => env(Array.from({ length: 8 }, (_, i) => ({ user_id: `user_${i}`, request_count: 900 - i * 80, agents_used: 1 + (i % 4), cost_usd: round(3 - i * 0.2), last_seen_at: iso(Date.now() - i * HOUR) })), q),
  '/api/v1/usage/adoption': (q) => { const b = buckets(q); let cum = 200; return env(b.list.map((t, i) => { const fresh = 5 + Math.round(rand(i) * 10); cum += fresh; return { timestamp: iso(t), active_users: 120 + Math.round(rand(i + 9) * 40), new_users: fresh, cumulative_users: cum, active_agents: scope(q).length }; }), q); },
  '/api/v1/cost/over-time': (q) => { const b = buckets(q); const agents = scope(q); return env(b.list.flatMap((t) => PROVIDERS.map(([provider, model], pi) => ({ timestamp: iso(t), model, model_provider: provider, cost_usd: round(requests(agents.filter((a) => a.provider === pi), t, t + b.width) * (0.002 + pi * 0.001)), request_count: requests(agents.filter((a) => a.provider === pi), t, t + b.width) }))), q); },
  '/api/v1/agents': (q) => env(scope(q).map(agentSummary), q, { total: scope(q).length, page: 1, limit: Number(q.limit ?? 50), has_more: false }),
  '/api/v1/actions': (q) => { const rows = AUDIT.filter((r) => !q.agent_id || r.target_id === q.agent_id).slice(0, Number(q.limit ?? 50)); return env(rows, q, { total: rows.length, limit: Number(q.limit ?? 50), has_more: false }); },
  // meta extras as query-service sends them (View.extra): a strict schema that forgets one fails here too
  '/api/v1/metrics/home-kpis': (q) => env(kpis(q), q, { percentile_method: 'merged latency histograms, relative error <= 2.5%' }),
  '/api/v1/fleet/health-heatmap': (q) => heatmap(q, 'health'),
  '/api/v1/slo/compliance-dashboard': (q) => env(slo(q), q),
  '/api/v1/usage/overview': (q) => env(usageOverview(q), q),
  '/api/v1/usage/intent-distribution': (q) => env(intents(q), q),
  '/api/v1/usage/retention-cohorts': (q) => env(cohorts(q), q),
  '/api/v1/cost/by-department': (q) => env(costByDepartment(q), q),
  '/api/v1/cost/provider-comparison': (q) => env(providerComparison(q), q),
  '/api/v1/cost/budget-tracking': (q) => env(budget(q), q),
  '/api/v1/usage/user-segments': (q) => env(userSegments(q), q),
  '/api/v1/usage/version-adoption': (q) => versionAdoption(q),
  '/api/v1/usage/hourly-pattern': (q) => hourlyPattern(q),
  '/api/v1/cost/by-intent': (q) => env(costByIntent(q), q),
  '/api/v1/cost/token-usage': (q) => env(tokenUsage(q), q),
  '/api/v1/cost/unpriced-models': (q) => env([{ model: 'acme-support-ft-v2', provider: null, requests: 280, tokens_input: 310_000, tokens_output: 77_000, tokens_total: 387_000, last_seen: iso(Date.now() - 3_600_000) }], q),
  '/api/v1/cost/prices': (q) => env([{ price_id: '00000000-0000-4000-8000-000000000301', model: 'prod-gpt4o-eu', provider: 'azure', kind: 'deployment', catalog_model: 'gpt-4o', input_per_mtok: null, output_per_mtok: null, cached_input_per_mtok: null, cache_write_per_mtok: null, reasoning_per_mtok: null, effective_from: '2020-01-01T00:00:00Z', note: 'Azure OpenAI deployment of gpt-4o', created_at: iso(Date.now() - 86_400_000), updated_at: iso(Date.now() - 86_400_000) }], q),
  '/api/v1/performance/overview': (q) => env(perfOverview(q), q, { bucket_seconds: 3600, percentile_method: 'merged latency histograms, relative error <= 2.5%' }),
  '/api/v1/performance/latency-heatmap': (q) => heatmap(q, 'latency'),
  '/api/v1/performance/environment-parity': (q) => env(parity(q), q),
  '/api/v1/traces': (q) => traces(q),
};

async function serveStatic(res, pathname) {
  const safe = normalize(pathname).replace(/^(\.\.[/\\])+/, '');
  let file = join(DIST, safe);
  try {
    if (!(await stat(file)).isFile()) throw new Error('dir');
  } catch {
    file = join(DIST, 'index.html');
  }
  const data = await readFile(file);
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(data);
}

export function startFixtureServer(port = 0) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const q = Object.fromEntries(url.searchParams);
    try {
      if (!url.pathname.startsWith('/api/')) return await serveStatic(res, url.pathname);
      if (req.method === 'POST' && url.pathname === '/api/v1/auth/login') {
        const b = await body(req);
        if (!USERS[b.email] || b.password !== PASSWORD) return error(res, 401, 'UNAUTHENTICATED', 'Invalid email or password');
        return json(res, { data: issue(b.email) });
      }
      if (req.method === 'POST' && url.pathname === '/api/v1/auth/refresh') {
        const b = await body(req);
        const email = sessions.get(b.refresh_token);
        if (!email) return error(res, 401, 'UNAUTHENTICATED', 'Refresh token expired');
        sessions.delete(b.refresh_token);
        return json(res, { data: issue(email) });
      }
      if (req.method === 'POST' && url.pathname === '/api/v1/auth/logout') {
        const b = await body(req);
        sessions.delete(b.refresh_token);
        res.writeHead(204);
        return res.end();
      }
      if (!(req.headers.authorization ?? '').startsWith('Bearer a_')) return error(res, 401, 'UNAUTHENTICATED', 'Missing token');
      if (req.headers['x-workspace-id'] !== WORKSPACE.workspace_id) return error(res, 403, 'WORKSPACE_ACCESS_DENIED', 'Workspace not granted');
      const email = accessTokens.get((req.headers.authorization ?? '').slice('Bearer '.length));
      const caller = { role: USERS[email] ?? 'viewer', userId: `u_${(email ?? 'unknown').split('@')[0]}` };
      const actionMatch = /^\/api\/v1\/(agents|actions)\/([^/]+)\/(pause|resume|rollback-version|rollback)$/.exec(url.pathname);
      if (req.method === 'POST' && actionMatch) {
        await body(req);
        const kind = actionMatch[1] === 'actions' ? (actionMatch[3] === 'rollback' ? 'rollback' : null) : (actionMatch[3] === 'rollback' ? null : actionMatch[3]);
        if (!kind) return error(res, 404, 'RESOURCE_NOT_FOUND', `No route ${url.pathname}`);
        const out = runAction(caller, req.headers['idempotency-key'], kind, decodeURIComponent(actionMatch[2]));
        if (out.status) return error(res, out.status, out.code, out.message);
        return json(res, { data: out.data, meta: meta(), filters_applied: {} }, 201);
      }
      const agentMatch = /^\/api\/v1\/agents\/([^/]+)(\/config)?$/.exec(url.pathname);
      if (agentMatch) {
        const agent = AGENTS.find((a) => a.agent_id === decodeURIComponent(agentMatch[1]));
        if (!agent) return error(res, 404, 'RESOURCE_NOT_FOUND', `No agent ${agentMatch[1]}`);
        return json(res, agentMatch[2] ? { data: agentConfig(agent), meta: meta(), filters_applied: { agent_id: agent.agent_id } } : env(agentDetail(agent, q), q));
      }
      const traceMatch = /^\/api\/v1\/traces\/([^/]+)$/.exec(url.pathname);
      if (traceMatch) return json(res, { data: traceDetail(decodeURIComponent(traceMatch[1])), meta: meta() });
      const handler = GET[url.pathname];
      if (!handler) return error(res, 404, 'RESOURCE_NOT_FOUND', `No route ${url.pathname}`);
      const payload = handler(q);
      if (payload.status) return error(res, payload.status, payload.code, payload.message);
      return json(res, payload);
    } catch (e) {
      return error(res, 500, 'INTERNAL_ERROR', String(e));
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

function json(res, payload, status = 200) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(payload));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startFixtureServer(Number(process.env.PORT ?? 0));
  console.log(`fixture server on http://127.0.0.1:${server.address().port}`);
}
