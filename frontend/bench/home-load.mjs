// Home tab load and filter-redraw timings, measured in the browser (Navigation / Performance API).
//   npm run bench:home                       # against AGENTOBS_BASE_URL (default http://localhost:8000)
//   npm run bench:home -- --fixture          # against the fixture API (checks the script, not the platform)
// Cold load: HTTP cache cleared, then a reload; time from navigation start until the five KPI values,
// the health heatmap and every other Home panel have left their skeletons. Filter redraw: from the
// department <select> change until the KPIs show new values and no panel is loading.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../e2e/browser.mjs';

const RUNS = Number(process.env.AGENTOBS_BENCH_RUNS ?? 5);
const useFixture = process.argv.includes('--fixture');
let server = null;
let baseUrl = process.env.AGENTOBS_BASE_URL ?? 'http://localhost:8000';
if (useFixture) {
  const { startFixtureServer } = await import('../e2e/fixture-server.mjs');
  server = await startFixtureServer(0);
  baseUrl = `http://127.0.0.1:${server.address().port}`;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { runs: s.length, min: Math.round(s[0]), p50: Math.round(q(0.5)), max: Math.round(s[s.length - 1]) };
};

const browser = await launchBrowser();
const page = await browser.context.newPage();
page.setDefaultTimeout(60_000);
const cdp = await browser.context.newCDPSession(page);
try {
  await page.goto(new URL('/login', baseUrl).href);
  await page.getByLabel('Email', { exact: true }).fill(process.env.AGENTOBS_E2E_EMAIL ?? 'admin@agentobs.dev');
  await page.getByLabel('Password', { exact: true }).fill(process.env.AGENTOBS_E2E_PASSWORD ?? 'agentobs-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname === '/');

  const ready = () =>
    page.waitForFunction(() => document.querySelectorAll('[data-testid="kpi-value"]').length === 5
      && document.querySelector('[data-testid="heatmap-cell"]') !== null
      && document.querySelectorAll('.skeleton').length === 0);

  const cold = [];
  for (let i = 0; i < RUNS; i++) {
    await cdp.send('Network.clearBrowserCache');
    await page.goto(new URL('/?range=24h', baseUrl).href);
    await ready();
    cold.push(await page.evaluate(() => performance.now()));
  }
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return { dom_content_loaded_ms: Math.round(n.domContentLoadedEventEnd), load_event_ms: Math.round(n.loadEventEnd), transfer_kb: Math.round(n.transferSize / 1024) };
  });

  const departments = await page.locator('select[id$="-department"] option').evaluateAll((els) => els.map((o) => o.value).filter(Boolean));
  const redraw = [];
  for (let i = 0; i < Math.min(RUNS * 2, departments.length * 2); i++) {
    const value = i % 2 === 0 ? departments[(i / 2) % departments.length] : '';
    const ms = await page.evaluate(async (v) => {
      const select = document.querySelector('select[id$="-department"]');
      const before = [...document.querySelectorAll('[data-testid="kpi-value"]')].map((e) => e.textContent).join('|');
      const t0 = performance.now();
      const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
      setter.call(select, v);
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return new Promise((resolve) => {
        const check = () => {
          const now = [...document.querySelectorAll('[data-testid="kpi-value"]')].map((e) => e.textContent).join('|');
          const busy = document.querySelectorAll('.skeleton, [aria-busy="true"]').length;
          if (now && now !== before && busy === 0) resolve(performance.now() - t0);
          else if (performance.now() - t0 > 30_000) resolve(NaN);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
    }, value);
    redraw.push(ms);
  }
  const result = {
    base_url: baseUrl,
    fixture: useFixture,
    measured_at: new Date().toISOString(),
    home_cold_load_ms: stats(cold),
    last_navigation: nav,
    filter_redraw_ms: stats(redraw.filter((x) => !Number.isNaN(x))),
    filter_redraw_timeouts: redraw.filter((x) => Number.isNaN(x)).length,
    targets: { home_cold_load_ms: 3000, filter_redraw_ms: 500 },
  };
  const out = fileURLToPath(new URL('../test-results/', import.meta.url));
  await mkdir(out, { recursive: true });
  await writeFile(`${out}bench-home.json`, JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  server?.close();
}
