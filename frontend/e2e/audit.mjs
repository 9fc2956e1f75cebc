// `npm run audit:platform`: a read-only audit of the running platform with seeded data (`./agentobs up` first),
// as a user would see it. Signs in, opens every tab, the trace explorer, a trace drill-down and an agent page,
// first with each tab's default filters, then with a department filter and the 7d range, and for each page records:
// page and console errors, every /api/ response with status >= 400 (URL, status, error code), panels showing an
// empty or error state, charts that draw no marks or have a zero-size SVG, KPI values that read "—", NaN,
// Infinity, undefined or null, such words anywhere in the page text, and horizontal overflow. Full-page
// screenshots go to AGENTOBS_AUDIT_DIR (default /tmp/audit/<page>.png); the findings to <dir>/audit.json and,
// one line per page, to stdout. It changes nothing; it exits 1 when a page has an error (page error, API
// status >= 500 or an error state), 0 otherwise (empty panels are reported, not failed).
// Environment: AGENTOBS_BASE_URL (default http://localhost:8000), AGENTOBS_E2E_EMAIL / AGENTOBS_E2E_PASSWORD
// (default: the demo admin), AGENTOBS_AUDIT_DEPARTMENT (default: sales when it exists, else the first department),
// AGENTOBS_AUDIT_BUDGET_S (default 600: pages left when the budget is spent are skipped and listed).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchBrowser } from './browser.mjs';
import { settled, signIn } from './scenario.mjs';

const baseUrl = process.env.AGENTOBS_BASE_URL ?? 'http://localhost:8000';
const email = process.env.AGENTOBS_E2E_EMAIL ?? 'admin@agentobs.dev';
const password = process.env.AGENTOBS_E2E_PASSWORD ?? 'agentobs-demo';
const OUT = process.env.AGENTOBS_AUDIT_DIR ?? '/tmp/audit';
const deadline = Date.now() + Number(process.env.AGENTOBS_AUDIT_BUDGET_S ?? 600) * 1000;
const TABS = ['/', '/usage', '/cost', '/performance', '/quality', '/safety', '/business', '/incidents', '/experiments', '/configuration', '/automations', '/traces'];

const nameOf = (path) => (path === '/' ? 'home' : path.slice(1).replace(/\//g, '-'));

/** Everything the page shows that a user would call broken or empty; runs in the browser. */
function inspectPage() {
  const text = (el) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const panelOf = (el) => text(el.closest('section, .card, [role="dialog"]')?.querySelector('h2, h3, .card__title')) || '(no title)';
  const states = [...document.querySelectorAll('.state--empty, .state--error')].map((el) => ({
    kind: el.classList.contains('state--error') ? 'error' : 'empty',
    panel: panelOf(el),
    text: text(el).slice(0, 200),
  }));
  const charts = [];
  // the chart's own surface (legend icons are recharts-surface SVGs too)
  const NOT_MARKS = '.recharts-cartesian-axis, .recharts-cartesian-grid, .recharts-polar-grid, .recharts-polar-angle-axis, '
    + '.recharts-polar-radius-axis, .recharts-reference-line, .recharts-tooltip-cursor, .recharts-brush';
  for (const svg of document.querySelectorAll('.recharts-wrapper > svg.recharts-surface')) {
    const r = svg.getBoundingClientRect();
    const marks = [...svg.querySelectorAll('path, rect, circle, polygon')].filter((el) => !el.closest(NOT_MARKS) && !el.closest('defs')
      && !(el.tagName === 'path' && !el.getAttribute('d')) && !(el.tagName === 'rect' && Number(el.getAttribute('width') ?? 1) === 0)).length;
    const ticks = [...svg.querySelectorAll('.recharts-cartesian-axis-tick-value')].map(text);
    const yTicks = [...svg.querySelectorAll('.recharts-yAxis .recharts-cartesian-axis-tick-value')].map(text);
    const xTicks = [...svg.querySelectorAll('.recharts-xAxis .recharts-cartesian-axis-tick-value')].map(text);
    const problems = [];
    if (r.width < 2 || r.height < 2) problems.push(`zero-size svg ${Math.round(r.width)}x${Math.round(r.height)}`);
    if (marks === 0) problems.push('no marks drawn');
    if (yTicks.length > 1 && yTicks.every((t) => /^[^0-9]*0([.,]0+)?[^0-9]*$/.test(t))) problems.push(`every y tick is zero (${yTicks.join(', ')})`);
    if (xTicks.length === 1) problems.push(`a single x tick (${xTicks[0]})`);
    if (ticks.some((t) => /\d{4}-\d{2}-\d{2}T/.test(t))) problems.push(`raw ISO tick: ${ticks.find((t) => /\d{4}-\d{2}-\d{2}T/.test(t))}`);
    if (ticks.some((t) => /NaN|Infinity|undefined|Invalid/.test(t))) problems.push(`bad tick: ${ticks.find((t) => /NaN|Infinity|undefined|Invalid/.test(t))}`);
    if (problems.length) charts.push({ panel: panelOf(svg), problems });
  }
  const kpis = [...document.querySelectorAll('[data-testid="kpi-value"]')]
    .map((el) => ({ title: text(el.parentElement?.querySelector('.kpi__title')), value: text(el) }))
    .filter((k) => /^(—|-|–)?$|NaN|Infinity|undefined|null/.test(k.value));
  // words that leak from bad data into visible text (not inside inputs or code)
  const main = document.querySelector('main') ?? document.body;
  const bad = [];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n && bad.length < 20; n = walker.nextNode()) {
    const t = n.textContent ?? '';
    if (/\b(NaN|Infinity|undefined|Invalid Date)\b|\[object Object\]/.test(t) || /(^|\s)null(\s|$)/.test(t)) {
      if (n.parentElement?.closest('code, pre, textarea, script, style')) continue;
      bad.push({ panel: panelOf(n.parentElement), text: t.trim().slice(0, 120) });
    }
  }
  const overflow = document.documentElement.scrollWidth > document.documentElement.clientWidth + 1
    ? `page scrolls horizontally: ${document.documentElement.scrollWidth}px > ${document.documentElement.clientWidth}px` : null;
  const clipped = [...document.querySelectorAll('.kpi__value, .kpi__title, .card__title, th')]
    .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible')
    .map((el) => text(el).slice(0, 60));
  return { title: text(document.querySelector('h1')), states, charts, kpis, bad, overflow, clipped, skeletons: document.querySelectorAll('.skeleton').length };
}

async function main() {
  await mkdir(OUT, { recursive: true });
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  page.setDefaultTimeout(30_000);
  let current = null;
  page.on('pageerror', (e) => current?.errors.push(`pageerror: ${String(e).slice(0, 300)}`));
  page.on('console', (m) => { if (m.type() === 'error') current?.errors.push(`console: ${m.text().slice(0, 300)}`); });
  page.on('response', async (r) => {
    const url = r.url();
    if (!url.includes('/api/') || r.status() < 400 || !current) return;
    const entry = { url: url.replace(baseUrl, ''), status: r.status(), code: null };
    current.api.push(entry);
    try { entry.code = (await r.json())?.error?.code ?? null; } catch { /* not JSON */ }
  });

  const report = [];
  const skipped = [];
  const visit = async (name, go) => {
    if (Date.now() > deadline) { skipped.push(name); return null; }
    current = { name, errors: [], api: [] };
    const t0 = Date.now();
    try {
      await go();
      await settled(page).catch(() => current.errors.push('panels still loading after 30 s'));
      await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
      await page.waitForTimeout(500); // charts animate in
      Object.assign(current, await page.evaluate(inspectPage));
    } catch (e) {
      current.errors.push(`audit step failed: ${String(e?.message ?? e).split('\n')[0]}`);
    }
    await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true }).catch(() => undefined);
    current.ms = Date.now() - t0;
    report.push(current);
    const c = current;
    console.log(`${name.padEnd(28)} ${String(c.ms).padStart(6)} ms  errors ${c.errors.length}  api>=400 ${c.api.length}  `
      + `empty ${c.states?.filter((s) => s.kind === 'empty').length ?? '?'}  error-states ${c.states?.filter((s) => s.kind === 'error').length ?? '?'}  `
      + `charts ${c.charts?.length ?? '?'}  kpis ${c.kpis?.length ?? '?'}  bad-text ${c.bad?.length ?? '?'}`);
    const done = current;
    current = null;
    return done;
  };
  const open = (path) => async () => {
    await page.goto(new URL(path, baseUrl).href);
    await page.locator('h1').first().waitFor();
  };

  try {
    current = { name: 'login', errors: [], api: [] };
    await signIn(page, baseUrl, email, password);
    await page.waitForFunction(() => (document.querySelector('select[id$="-department"]')?.options.length ?? 0) > 1);
    const departments = await page.evaluate(() => [...document.querySelector('select[id$="-department"]').options].map((o) => o.value).filter(Boolean));
    current = null;

    for (const path of TABS) await visit(nameOf(path), open(path));

    // a trace drill-down and its agent's page
    let agentHref = null;
    await visit('trace-detail', async () => {
      await open('/traces')();
      const row = page.getByTestId('trace-row').first();
      await row.click();
      await page.getByTestId('drilldown').waitFor();
      agentHref = await page.getByTestId('drilldown-agent-link').getAttribute('href');
    });
    if (agentHref) await visit('agent-detail', async () => { await open(agentHref)(); await page.getByTestId('agent-page').waitFor(); });

    // the same tabs with a department and the 7d range
    const department = process.env.AGENTOBS_AUDIT_DEPARTMENT ?? (departments.includes('sales') ? 'sales' : departments[0]);
    for (const path of TABS) await visit(`${nameOf(path)}-${department}-7d`, open(`${path}?range=7d&department=${encodeURIComponent(department)}`));
  } finally {
    await browser.close();
  }
  await writeFile(join(OUT, 'audit.json'), JSON.stringify({ baseUrl, at: new Date().toISOString(), pages: report, skipped }, null, 2));
  if (skipped.length) console.log(`skipped (budget spent): ${skipped.join(', ')}`);
  const failing = report.filter((p) => p.errors.length || p.api.some((a) => a.status >= 500) || p.states?.some((s) => s.kind === 'error'));
  console.log(`${report.length - failing.length} passed, ${failing.length} failed`);
  console.log(`findings: ${join(OUT, 'audit.json')}`);
  return failing.length ? 1 : 0;
}

process.exitCode = await main().catch((e) => { console.error(e); return 1; });
