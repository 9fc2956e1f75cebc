// Every offline insight figure with an API counterpart must equal the value that API serves for the same
// window. The window is whole hours (insights read hourly rollups from the hour holding `from`), so both
// sides count the same hours. `node e2e/insight-numbers.mjs` against the running platform, or called by
// the platform e2e. AGENTOBS_BASE_URL, AGENTOBS_E2E_EMAIL / AGENTOBS_E2E_PASSWORD as in platform.e2e.mjs.
import assert from 'node:assert/strict';

/** tab → [fact key, API path (gets the window and filters), JSON pointer into `data`]. */
export const CITED = {
  home: [
    ['requests', '/api/v1/metrics/home-kpis', '/total_requests/value'],
    ['cost_usd', '/api/v1/metrics/home-kpis', '/total_cost/value'],
  ],
  usage: [
    ['requests', '/api/v1/usage/overview', '/total_api_calls/value'],
    ['active_agents', '/api/v1/usage/overview', '/active_agents/value'],
  ],
  performance: [['requests', '/api/v1/performance/overview', '/request_count/value']],
  cost: [['cost_usd', '/api/v1/metrics/home-kpis', '/total_cost/value']],
  business: [
    ['value_usd', '/api/v1/business/overview', '/value_usd'],
    ['business_cost_usd', '/api/v1/business/overview', '/cost_usd'],
    ['roi_pct', '/api/v1/business/overview', '/roi_pct'],
  ],
  quality: [
    ['scored_requests', '/api/v1/quality/overview', '/scored_count'],
    ['avg_quality_score', '/api/v1/quality/overview', '/avg_score'],
  ],
  safety: [
    ['violations', '/api/v1/safety/overview', '/total_violations'],
    ['violations_blocked', '/api/v1/safety/overview', '/blocked'],
  ],
  incidents: [
    ['open_incidents', '/api/v1/incidents/kpis', '/open_incidents'],
    ['firing_alerts', '/api/v1/incidents/kpis', '/firing_alerts'],
  ],
};

const pointer = (obj, path) => path.split('/').slice(1).reduce((o, k) => (o == null ? undefined : o[k]), obj);

/** Equal within the fact's rounding: half a unit of its last shown decimal, or 0.5 % of the value. */
export function withinRounding(fact, apiValue) {
  const decimals = (fact.display.split('.')[1] ?? '').length;
  const tolerance = Math.max(0.5 * 10 ** -decimals, Math.abs(Number(fact.value)) * 0.005);
  return Math.abs(Number(fact.value) - Number(apiValue)) <= tolerance + 1e-9;
}

export async function checkInsightNumbers({ baseUrl, email, password, days = 7 }) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  assert.equal(login.status, 200, 'login');
  const tokens = (await login.json()).data;
  const headers = { Authorization: `Bearer ${tokens.access_token}`, 'X-Workspace-ID': tokens.workspaces[0].workspace_id };
  const to = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const from = new Date(to.getTime() - days * 86_400_000);
  const query = `range=custom&from=${from.toISOString()}&to=${to.toISOString()}`;
  const get = async (path) => {
    const response = await fetch(`${baseUrl}${path}${path.includes('?') ? '&' : '?'}${query}`, { headers });
    assert.equal(response.status, 200, `${path}: ${response.status}`);
    return (await response.json()).data;
  };
  const rows = [];
  for (const [tab, cited] of Object.entries(CITED)) {
    const insights = await get(`/api/v1/insights?tab=${tab}`);
    assert.ok(insights.cards.length >= 3, `${tab}: ${insights.cards.length} cards`);
    const facts = new Map(insights.facts.map((f) => [f.key, f]));
    for (const [key, path, at] of cited) {
      const fact = facts.get(key);
      if (!fact) { rows.push({ tab, key, insight: '(absent)', api: '', ok: true }); continue; }
      const apiValue = pointer(await get(path), at);
      rows.push({ tab, key, insight: fact.display, api: apiValue, ok: apiValue != null && withinRounding(fact, apiValue) });
    }
  }
  console.table(rows);
  const wrong = rows.filter((r) => !r.ok);
  assert.deepEqual(wrong, [], 'insight figures that differ from the API they cite');
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await checkInsightNumbers({
      baseUrl: process.env.AGENTOBS_BASE_URL ?? 'http://localhost:8000',
      email: process.env.AGENTOBS_E2E_EMAIL ?? 'admin@agentobs.dev',
      password: process.env.AGENTOBS_E2E_PASSWORD ?? 'agentobs-demo',
    });
    console.log('insight numbers: every cited figure equals its API value');
  } catch (e) {
    console.error(e);
    process.exit(1);
  }
}
