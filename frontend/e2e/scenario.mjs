// The dashboard's end-to-end scenario, run in real headless Chromium against a base URL: the running
// platform (platform.e2e.mjs) or the fixture server (fixture.e2e.mjs). Screenshots go to test-results/.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './browser.mjs';

const OUT = fileURLToPath(new URL('../test-results/', import.meta.url));
const TIMEOUT = Number(process.env.AGENTOBS_E2E_TIMEOUT_MS ?? 30_000);

export async function settled(page) {
  // Every panel has left its skeleton (loaded, empty or failed).
  await page.waitForFunction(() => document.querySelectorAll('.skeleton').length === 0, null, { timeout: TIMEOUT });
}

async function kpiValues(page) {
  return page.locator('[data-testid="kpi-value"]').allTextContents();
}

export async function signIn(page, baseUrl, email, password) {
  await page.goto(new URL('/', baseUrl).href);
  await page.waitForURL(/\/login/);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname === '/');
}

/** The heatmap row's actions of one agent (data-paused is "" until the agent list has loaded). */
const rowActions = (page, agentId) => page.locator(`[data-testid="agent-actions"][data-agent-id="${agentId}"]`).first();

export async function runScenario({ baseUrl, email, password, label, operatorEmail = 'operator@agentobs.dev', operatorPassword = password, incidents = false, configuration = false, pricing = false, automations = false, experiments = false, business = false }) {
  await mkdir(OUT, { recursive: true });
  const browser = await launchBrowser();
  const results = [];
  const step = async (name, fn) => {
    const t0 = Date.now();
    try {
      await fn();
      results.push({ name, ok: true, ms: Date.now() - t0 });
      console.log(`  ✓ ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      results.push({ name, ok: false });
      console.log(`  ✗ ${name}\n    ${String(e?.message ?? e).split('\n').slice(0, 6).join('\n    ')}`);
      throw e;
    }
  };
  const page = await browser.context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  console.log(`e2e (${label}) against ${baseUrl}`);
  try {
    await step('logs in as admin and sees the Home KPIs with the role shown', async () => {
      await signIn(page, baseUrl, email, password);
      await page.locator('[data-testid="kpi-value"]').first().waitFor();
      assert.equal((await page.getByTestId('user-role').textContent())?.trim(), 'admin');
      await settled(page);
    });

    await step('reads an insight card on Home', async () => {
      const card = page.getByTestId('insight-card').first();
      await card.waitFor();
      assert.match((await card.textContent()) ?? '', /\d/);
    });

    let department = '';
    await step('changes the department filter: KPIs change and the URL updates', async () => {
      const before = await kpiValues(page);
      const select = page.getByLabel('Department', { exact: true });
      await page.waitForFunction(() => {
        const el = document.querySelector('select[id$="-department"]');
        return el && el.options.length > 1;
      });
      const options = await select.locator('option').evaluateAll((els) => els.map((o) => o.value).filter(Boolean));
      department = options.includes('sales') ? 'sales' : options[0];
      await select.selectOption(department);
      await page.waitForURL((u) => u.searchParams.get('department') === department);
      await page.waitForFunction(
        (prev) => {
          const now = [...document.querySelectorAll('[data-testid="kpi-value"]')].map((e) => e.textContent);
          return now.length > 0 && JSON.stringify(now) !== JSON.stringify(prev);
        },
        before,
      );
      await settled(page);
    });

    await step('reloads and keeps the filter', async () => {
      await page.reload();
      await page.locator('[data-testid="kpi-value"]').first().waitFor();
      assert.equal(new URL(page.url()).searchParams.get('department'), department);
      assert.equal(await page.getByLabel('Department', { exact: true }).inputValue(), department);
      await settled(page);
      await page.screenshot({ path: `${OUT}home.png`, fullPage: true });
    });

    await step('clicks a heatmap cell and opens a trace drill-down', async () => {
      const cell = page.locator('[data-testid="heatmap-cell"]:not([data-value=""])').first();
      await cell.click();
      await page.waitForURL((u) => u.pathname === '/traces' && u.searchParams.has('agent_id') && u.searchParams.get('range') === 'custom');
      const row = page.getByTestId('trace-row').first();
      await row.waitFor();
      await row.click();
      await page.getByTestId('drilldown').waitFor();
      for (const section of ['Request metadata', 'Timeline', 'Step details', 'Costs', 'Quality scores', 'Violations']) {
        await page.getByRole('heading', { name: section }).waitFor();
      }
      // the drill-down's agent links to the agent page
      assert.match(await page.getByTestId('drilldown-agent-link').getAttribute('href'), /^\/agents\/[^/]+$/);
      await page.screenshot({ path: `${OUT}trace-drilldown.png`, fullPage: false });
      await page.keyboard.press('Escape');
      await page.waitForURL((u) => !u.searchParams.has('trace'));
    });

    for (const [name, path] of [['usage', '/usage'], ['cost', '/cost'], ['performance', '/performance'], ['traces', '/traces']]) {
      await step(`shows the ${name} tab`, async () => {
        await page.getByRole('navigation', { name: 'Tabs' }).getByRole('link', { name: new RegExp(`^${name}$`, 'i') }).click();
        await page.waitForURL((u) => u.pathname === path);
        // the router keeps the previous tab on screen until the lazy page has loaded: wait for the new title first
        await page.waitForFunction((title) => document.querySelector('h1.page-title')?.textContent?.trim().toLowerCase() === title, name);
        await settled(page);
        if (name === 'cost') await page.getByTestId('insight-card').first().waitFor();
        await page.screenshot({ path: `${OUT}${name}.png`, fullPage: true });
      });
    }

    if (label === 'platform') {
      await step('Safety tab: switches a policy to block (confirm), the try-it box answers block, then undoes it', async () => {
        await page.getByRole('navigation', { name: 'Tabs' }).getByRole('link', { name: /^safety$/i }).click();
        await page.waitForURL((u) => u.pathname === '/safety');
        await page.waitForFunction(() => document.querySelector('h1.page-title')?.textContent?.trim().toLowerCase() === 'safety');
        await settled(page);
        await page.screenshot({ path: `${OUT}safety.png`, fullPage: true });
        const policy = 'Toxicity: monitor';
        const mode = page.getByLabel(`Mode of ${policy}`);
        await mode.selectOption('block');
        const dialog = page.getByRole('alertdialog');
        await dialog.waitFor();
        assert.match(await dialog.textContent(), /refused/);
        await dialog.getByRole('button', { name: 'Set to block' }).click();
        const toast = page.getByTestId('toast').filter({ hasText: `${policy} set to block` });
        await toast.waitFor();
        await page.waitForFunction((name) => document.querySelector(`select[aria-label="Mode of ${name}"]`)?.value === 'block', policy);
        const box = page.getByRole('textbox', { name: 'Text to check' });
        const text = 'you stupid idiot, you are worthless';
        await box.fill(text);
        // the policies refetch after the action; fill again if a re-render dropped the text
        await page.waitForFunction(() => !document.querySelector('[data-testid="try-it"] button[type="submit"]')?.disabled, null, { timeout: 5_000 })
          .catch(async () => box.fill(text));
        // the check sees a mode change within 2 s: retry the box until it does
        let decision = '';
        for (let i = 0; i < 10 && !decision.includes('block'); i++) {
          await page.getByRole('button', { name: 'Run check' }).click();
          await page.getByTestId('check-result').waitFor();
          decision = (await page.getByTestId('check-result').locator('.decision').textContent()) ?? '';
          if (!decision.includes('block')) await page.waitForTimeout(300);
        }
        assert.match(decision, /block/);
        await page.screenshot({ path: `${OUT}safety-try-it.png`, fullPage: false });
        await toast.getByRole('button', { name: 'Undo' }).click();
        await page.getByTestId('toast').filter({ hasText: 'Undone' }).waitFor();
        await page.waitForFunction((name) => document.querySelector(`select[aria-label="Mode of ${name}"]`)?.value === 'monitor', policy);
      });
    }

    await step('switches to the dark theme', async () => {
      await page.getByRole('button', { name: /Switch to dark theme/ }).click();
      await page.getByRole('navigation', { name: 'Tabs' }).getByRole('link', { name: 'Home' }).click();
      await settled(page);
      await page.screenshot({ path: `${OUT}home-dark.png`, fullPage: true });
    });

    await step('signs out', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/login/);
    });

    let agentId = '';
    await step('as operator, pauses an agent from its heatmap row: confirmation, toast, paused state', async () => {
      await signIn(page, baseUrl, operatorEmail, operatorPassword);
      assert.equal((await page.getByTestId('user-role').textContent())?.trim(), 'operator');
      await page.locator('[data-testid="agent-actions"][data-paused="false"]').first().waitFor();
      agentId = await page.locator('[data-testid="agent-actions"][data-paused="false"]').first().getAttribute('data-agent-id');
      const row = rowActions(page, agentId);
      await row.getByRole('button', { name: /^Pause / }).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.waitFor();
      assert.match(await dialog.textContent(), /stop taking requests/);
      await dialog.getByRole('button', { name: 'Pause', exact: true }).click();
      const toast = page.getByTestId('toast').filter({ hasText: 'is paused' });
      await toast.waitFor();
      await page.waitForFunction((id) => document.querySelector(`[data-testid="agent-actions"][data-agent-id="${id}"]`)?.getAttribute('data-paused') === 'true', agentId);
      await row.getByTestId('agent-paused').waitFor();
      await row.getByRole('button', { name: /^Resume / }).waitFor();
      await page.screenshot({ path: `${OUT}home-agent-paused.png`, fullPage: false });

      await toast.getByRole('button', { name: 'Undo' }).click();
      await page.getByTestId('toast').filter({ hasText: 'Undone:' }).waitFor();
      await page.waitForFunction((id) => document.querySelector(`[data-testid="agent-actions"][data-agent-id="${id}"]`)?.getAttribute('data-paused') === 'false', agentId);
      await row.getByRole('button', { name: /^Pause / }).waitFor();
      // the Recent Activity feed reads the audit trail: the pause (now rolled back) and its undo
      await page.locator('[data-testid="action-trail-item"][data-action-type="action.rollback"]').first().waitFor();
      await page.locator('[data-testid="action-trail-item"][data-action-type="agent.pause"][data-status="rolled_back"]').first().waitFor();
      await page.screenshot({ path: `${OUT}home-agent-undone.png`, fullPage: true });
    });

    await step('opens the agent page from the heatmap row label: active, with its actions and trail', async () => {
      await page.locator(`a.heatmap__rowlink[href="/agents/${encodeURIComponent(agentId)}"]`).first().click();
      await page.waitForURL((u) => u.pathname === `/agents/${encodeURIComponent(agentId)}`);
      await page.getByTestId('agent-config').waitFor();
      assert.equal((await page.getByTestId('agent-status').textContent())?.trim(), 'Active');
      await page.locator('[data-testid="kpi-value"]').first().waitFor();
      await page.locator('[data-testid="action-trail-item"]').first().waitFor();
      await settled(page);
      await page.screenshot({ path: `${OUT}agent.png`, fullPage: true });
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/login/);
    });
    if (label === 'platform') {
      await step('as operator, opens Quality, filters by department, scores one queue item and sees it counted', async () => {
        await signIn(page, baseUrl, operatorEmail, operatorPassword);
        await page.getByRole('navigation', { name: 'Tabs' }).getByRole('link', { name: /^quality$/i }).click();
        await page.waitForURL((u) => u.pathname === '/quality');
        await page.waitForFunction(() => document.querySelector('h1.page-title')?.textContent?.trim() === 'Quality');
        await settled(page);
        const avg = page.getByRole('group', { name: 'Avg Quality Score' }).getByTestId('kpi-value');
        assert.match((await avg.textContent()) ?? '', /^\d+\.\d$/, 'the seeded demo has an average score');
        await page.getByLabel('Department', { exact: true }).selectOption('sales');
        await page.waitForURL((u) => u.searchParams.get('department') === 'sales');
        await settled(page);
        const backlog = page.getByRole('group', { name: 'Review Backlog' }).getByTestId('kpi-value');
        const before = Number((await backlog.textContent())?.replace(/\D/g, ''));
        assert.ok(before > 0, 'the seeded review queue has open items');
        const row = page.getByTestId('review-row').first();
        await row.getByRole('spinbutton').fill('42');
        await row.getByRole('spinbutton').press('Enter');
        const dialog = page.getByRole('alertdialog');
        await dialog.waitFor();
        await dialog.getByRole('button', { name: 'Submit review' }).click();
        const toast = page.getByTestId('toast').filter({ hasText: 'Review recorded' });
        await toast.waitFor();
        await page.waitForFunction((n) => {
          const card = [...document.querySelectorAll('[role="group"]')].find((g) => g.getAttribute('aria-label') === 'Review Backlog');
          return Number(card?.querySelector('[data-testid="kpi-value"]')?.textContent?.replace(/\D/g, '')) === n - 1;
        }, before);
        await page.screenshot({ path: `${OUT}quality.png`, fullPage: true });
        // undo keeps the demo's queue as it was for the next run
        await toast.getByRole('button', { name: 'Undo' }).click();
        await page.getByTestId('toast').filter({ hasText: 'Undone' }).waitFor();
        // charts 5.3, 5.5, 5.6 and 5.7 have Sales data; a rule is backfilled over 24 h, then undone
        const card = (title) => page.locator('section.card', { has: page.getByRole('heading', { name: title }) });
        await card(/Scores by Rubric Criterion/).locator('.recharts-bar-rectangle').first().waitFor();
        await card(/Quality vs Cost/).locator('.recharts-scatter-symbol').first().waitFor();
        assert.ok((await page.getByTestId('intent-table').locator('tbody tr').count()) > 0, 'lowest-scoring intents listed');
        assert.ok((await page.getByTestId('agreement-table').locator('tbody tr').count()) > 0, 'judge vs human agreement listed');
        await page.getByTestId('rule-row').filter({ hasText: 'Helpfulness on 20 %' }).getByRole('button', { name: 'Backfill' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Backfill…' }).click();
        await page.getByRole('alertdialog').getByRole('button', { name: 'Start backfill' }).click();
        const queued = page.getByTestId('toast').filter({ hasText: 'Backfill queued' });
        await queued.waitFor();
        await page.getByTestId('backfill-row').first().waitFor();
        await page.screenshot({ path: `${OUT}quality-backfill.png`, fullPage: true });
        await queued.getByRole('button', { name: 'Undo' }).click();
        await page.getByTestId('toast').filter({ hasText: 'Undone' }).last().waitFor();
        await page.getByTestId('backfill-row').first().filter({ hasText: 'Cancelled' }).waitFor();
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.waitForURL(/\/login/);
      });
    }
    if (incidents) {
      await step('as operator, creates a paging rule the seeded traffic crosses, sees it fire on Home within 60 s, acknowledges it and resolves its incident on the Incidents tab, drafts its postmortem from insights, then deletes the rule', async () => {
        await signIn(page, baseUrl, operatorEmail, operatorPassword);
        await page.getByRole('navigation', { name: 'Tabs' }).getByRole('link', { name: /^incidents$/i }).click();
        await page.waitForURL((u) => u.pathname === '/incidents');
        await page.waitForFunction(() => document.querySelector('h1.page-title')?.textContent?.trim() === 'Incidents');
        await settled(page);
        await page.screenshot({ path: `${OUT}incidents.png`, fullPage: true });

        // the condition: any request over the past week, fleet-wide, paging (sev2 opens an incident)
        const name = `E2E live ${Date.now()}`;
        await page.getByRole('button', { name: 'New alert rule' }).click();
        const ruleDialog = page.getByRole('dialog', { name: 'New alert rule' });
        await ruleDialog.getByRole('textbox', { name: /Name/ }).fill(name);
        await ruleDialog.getByLabel(/^Measure/).selectOption('request_count');
        await ruleDialog.getByLabel(/^Comparator/).selectOption('>');
        await ruleDialog.getByLabel('Threshold', { exact: true }).fill('0');
        await ruleDialog.getByLabel(/^Window/).fill('10080');
        await ruleDialog.getByLabel(/^Group by/).selectOption('fleet');
        await ruleDialog.getByLabel(/^Severity/).selectOption('sev2');
        // the preview replays the unsaved rule (here over one day) without saving it
        await ruleDialog.getByLabel('Preview days').selectOption('1');
        await ruleDialog.getByRole('button', { name: 'Preview' }).click();
        await ruleDialog.getByTestId('rule-preview').waitFor({ timeout: 60_000 });
        await page.screenshot({ path: `${OUT}incidents-rule-preview.png`, fullPage: false });
        await ruleDialog.getByRole('button', { name: 'Create rule' }).click();
        await page.getByTestId('toast').filter({ hasText: `Rule "${name}" created` }).waitFor();
        const conditionAt = Date.now();

        // Home's Active Alerts (chart 1.6) shows it within 60 s of the rule's creation
        await page.getByRole('navigation', { name: 'Tabs' }).getByRole('link', { name: 'Home' }).click();
        await page.waitForURL((u) => u.pathname === '/');
        const onHome = page.locator('li[data-alert-id]').filter({ hasText: name });
        while (!(await onHome.count())) {
          assert.ok(Date.now() - conditionAt < 60_000, `no firing alert "${name}" on Home within 60 s`);
          await page.waitForTimeout(3_000);
          await page.reload();
          await page.locator('[data-testid="kpi-value"]').first().waitFor();
          await onHome.waitFor({ timeout: 3_000 }).catch(() => undefined);
        }
        console.log(`    firing on Home ${((Date.now() - conditionAt) / 1000).toFixed(1)} s after the rule was created`);
        await page.screenshot({ path: `${OUT}home-alert-firing.png`, fullPage: false });

        await page.getByRole('navigation', { name: 'Tabs' }).getByRole('link', { name: /^incidents$/i }).click();
        await page.waitForURL((u) => u.pathname === '/incidents');
        await page.reload(); // the tab's lists were cached before the rule existed
        const alertRow = page.getByRole('table', { name: 'Active alerts' }).locator('tr[data-alert-id]').filter({ hasText: name });
        await alertRow.getByRole('button', { name: 'Acknowledge' }).click();
        await page.getByRole('alertdialog').getByRole('button', { name: 'Acknowledge', exact: true }).click();
        await page.getByTestId('toast').filter({ hasText: 'Alert acknowledged' }).waitFor();
        await alertRow.getByText(/ack by/).waitFor();

        // the paging alert opened an incident: resolve it, undo, resolve again
        const incidentsTable = page.getByRole('table', { name: 'Incidents' });
        const row = incidentsTable.locator('tr[data-incident-id]').filter({ hasText: name });
        await row.waitFor();
        await row.getByRole('button', { name: 'Resolve' }).click();
        await page.getByRole('alertdialog').getByRole('button', { name: 'Resolve', exact: true }).click();
        const resolved = page.getByTestId('toast').filter({ hasText: 'Incident resolved' });
        await resolved.waitFor();
        await row.getByRole('button', { name: 'Close' }).waitFor();
        await resolved.getByRole('button', { name: 'Undo' }).click();
        await page.getByTestId('toast').filter({ hasText: 'Undone' }).waitFor();
        await row.getByRole('button', { name: 'Resolve' }).click();
        await page.getByRole('alertdialog').getByRole('button', { name: 'Resolve', exact: true }).click();
        await row.getByRole('button', { name: 'Close' }).waitFor();
        await page.screenshot({ path: `${OUT}incidents-resolved.png`, fullPage: false });

        // the postmortem editor fills itself from gemini-service's draft; nothing is saved until Save
        await row.locator('th button').click();
        const detail = page.getByRole('dialog');
        await detail.getByRole('button', { name: /^(Write|Edit) postmortem$/ }).click();
        await detail.getByRole('button', { name: 'Draft from insights' }).click();
        await detail.getByRole('status', { name: 'Draft note' }).filter({ hasText: 'Drafted by' }).waitFor({ timeout: 30_000 });
        assert.ok((await detail.getByRole('textbox', { name: 'Summary' }).inputValue()).includes('Timeline:'), 'the draft fills the summary with the timeline');
        assert.match(await detail.getByRole('textbox', { name: 'Root cause' }).inputValue(), /^Hypothesis/);
        await page.screenshot({ path: `${OUT}incidents-postmortem-draft.png`, fullPage: false });
        await detail.getByRole('button', { name: 'Cancel' }).click();
        await page.keyboard.press('Escape');
        await detail.waitFor({ state: 'hidden' });

        // clean up: delete the rule (its alert resolves at the next evaluation), so reruns start alike
        const rules = page.getByRole('table', { name: 'Alert rules' });
        await rules.getByRole('button', { name: `Delete ${name}` }).click();
        await page.getByRole('alertdialog').getByRole('button', { name: 'Delete', exact: true }).click();
        await page.getByTestId('toast').filter({ hasText: `Rule "${name}" deleted` }).waitFor();
        await page.waitForFunction((n) => ![...document.querySelectorAll('table[aria-label="Alert rules"] th')].some((th) => th.textContent === n), name);
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.waitForURL(/\/login/);
      });
    }
    if (configuration) {
      await step('as admin, approves a change the operator proposed, then reconciles every drifted agent until the drift matrix is clear', async () => {
        await signIn(page, baseUrl, email, password);
        await page.getByRole('navigation', { name: 'Tabs' }).getByRole('link', { name: /^configuration$/i }).click();
        await page.waitForURL((u) => u.pathname === '/configuration');
        await page.waitForFunction(() => document.querySelector('h1.page-title')?.textContent?.trim().toLowerCase() === 'configuration');
        await settled(page);
        await page.screenshot({ path: `${OUT}configuration.png`, fullPage: true });

        // a pending change requested by the operator: the admin is the second person
        const queue = page.getByRole('table', { name: 'Approval queue' });
        const row = queue.locator('tr[data-approval-id]').filter({ has: page.getByRole('button', { name: /^Approve /, disabled: false }) }).first();
        const approvalId = await row.getAttribute('data-approval-id');
        await row.getByRole('button', { name: /^Approve / }).click();
        await page.getByRole('alertdialog').getByRole('button', { name: 'Approve', exact: true }).click();
        await page.getByTestId('toast').filter({ hasText: 'approved' }).waitFor();
        await page.waitForFunction((id) => !document.querySelector(`tr[data-approval-id="${id}"]`), approvalId);

        const matrix = page.getByRole('table', { name: 'Drift matrix' });
        await matrix.locator('td[data-drift="drifted"]').first().waitFor();
        for (let i = 0; i < 20; i++) {
          const cells = await matrix.locator('td[data-drift="drifted"]').count().catch(() => 0);
          if (cells === 0) break;
          const button = matrix.locator('td[data-drift="drifted"]').first().getByRole('button', { name: /^Reconcile / });
          const agent = ((await button.getAttribute('aria-label')) ?? '').replace(/^Reconcile /, '');
          await button.click();
          await page.getByRole('alertdialog').getByRole('button', { name: 'Reconcile', exact: true }).click();
          await page.getByTestId('toast').filter({ hasText: `Drift reconciled on ${agent}` }).waitFor();
          await page.waitForFunction((a) => !document.querySelector(`button[aria-label="Reconcile ${a}"]`), agent);
        }
        await page.getByText('Every agent runs its approved configuration and matches production.').waitFor();
        await page.screenshot({ path: `${OUT}configuration-reconciled.png`, fullPage: true });
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.waitForURL(/\/login/);
      });
    }
    if (pricing) {
      await step('as admin, sees seeded unpriced traffic on the Cost tab, adds a price for it and recomputes: the panel updates', async () => {
        const model = 'acme-support-ft-v2';
        await signIn(page, baseUrl, email, password);
        await page.getByRole('navigation', { name: 'Tabs' }).getByRole('link', { name: /^cost$/i }).click();
        await page.waitForURL((u) => u.pathname === '/cost');
        await settled(page);
        const unpriced = page.getByRole('table', { name: 'Unpriced traffic by model' });
        const row = () => unpriced.locator(`tr[data-model="${model}"]`);
        await row().waitFor();
        await page.screenshot({ path: `${OUT}cost-unpriced.png`, fullPage: true });

        await row().getByRole('button', { name: 'Add a price' }).click();
        const editor = page.getByRole('form', { name: 'Price editor' });
        assert.equal(await editor.getByLabel('Model id').inputValue(), model);
        await editor.getByLabel('Kind').selectOption('fine_tuned');
        await editor.getByLabel('Input', { exact: true }).fill('3');
        await editor.getByLabel('Output', { exact: true }).fill('12');
        await editor.getByRole('button', { name: 'Save price' }).click();
        await page.getByTestId('toast').filter({ hasText: 'Price added' }).waitFor();
        await page.getByRole('table', { name: 'Workspace prices' }).getByRole('cell', { name: model }).waitFor();

        await row().getByRole('button', { name: 'Recompute' }).click();
        await page.getByRole('alertdialog').getByRole('button', { name: 'Recompute', exact: true }).click();
        await page.getByTestId('toast').filter({ hasText: 'Cost recompute queued' }).waitFor();
        await page.getByRole('status').filter({ hasText: `Recomputed ${model}` }).waitFor({ timeout: TIMEOUT * 2 });
        await page.waitForFunction((m) => !document.querySelector(`tr[data-model="${m}"]`), model, { timeout: TIMEOUT });
        await page.screenshot({ path: `${OUT}cost-recomputed.png`, fullPage: true });
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.waitForURL(/\/login/);
      });
    }
    if (automations) {
      await step('as admin, designs a playbook on the Automations tab, dry-runs it, runs it and sees its steps complete', async () => {
        await signIn(page, baseUrl, email, password);
        await page.getByRole('navigation', { name: 'Tabs' }).getByRole('link', { name: /^automations$/i }).click();
        await page.waitForURL((u) => u.pathname === '/automations');
        await page.waitForFunction(() => document.querySelector('h1.page-title')?.textContent?.trim() === 'Automations');
        await settled(page);
        await page.screenshot({ path: `${OUT}automations.png`, fullPage: true });

        const name = `E2E playbook ${Date.now()}`;
        await page.getByRole('button', { name: 'New playbook' }).click();
        const designer = page.getByRole('form', { name: 'Playbook designer' });
        await designer.getByLabel('Name', { exact: true }).fill(name);
        await designer.getByLabel('Step 1 action').selectOption('incident.declare');
        await designer.getByLabel('Step 1 params').fill('{"title":"Declared by the e2e playbook","severity":"sev4"}');
        await designer.getByRole('button', { name: 'Add step' }).click();
        await designer.getByLabel('Step 2 action').selectOption('incident.declare');
        await designer.getByLabel('Step 2 params').fill('{"title":"Second step of the e2e playbook","severity":"sev4"}');
        await designer.getByRole('button', { name: 'Move step 2 up' }).click();
        await designer.getByRole('button', { name: 'Create playbook' }).click();
        await page.getByTestId('toast').filter({ hasText: `Playbook "${name}" created` }).waitFor();

        const row = page.locator(`tr[data-playbook-name="${name}"]`);
        await row.getByRole('button', { name: 'Dry-run' }).click();
        await page.getByRole('alertdialog').getByRole('button', { name: 'Dry-run', exact: true }).click();
        await page.getByTestId('toast').filter({ hasText: 'Dry-run recorded' }).waitFor();
        await row.getByRole('button', { name: 'Run', exact: true }).click();
        await page.getByRole('alertdialog').getByRole('button', { name: 'Run', exact: true }).click();
        await page.getByTestId('toast').filter({ hasText: 'Run started' }).waitFor();

        const executions = page.getByRole('table', { name: 'Executions' });
        const live = executions.locator('tr[data-execution-id]').filter({ hasText: name }).filter({ hasText: 'Live' }).first();
        await live.waitFor({ timeout: 2 * TIMEOUT });
        await live.getByRole('button', { name: 'View' }).click();
        await page.locator('[data-execution-status="succeeded"]').waitFor({ timeout: 2 * TIMEOUT });
        const steps = page.getByRole('table', { name: 'Execution steps' }).locator('tr[data-step-status]');
        assert.equal(await steps.count(), 2);
        assert.equal(await page.getByRole('table', { name: 'Execution steps' }).locator('tr[data-step-status="succeeded"]').count(), 2);
        await page.screenshot({ path: `${OUT}automations-execution.png`, fullPage: false });
        await page.keyboard.press('Escape');
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.waitForURL(/\/login/);
      });
    }
    if (experiments) {
      await step('as operator, creates an experiment with the wizard (sample-size calculator), reads a seeded experiment\'s results and an aborted canary\'s history', async () => {
        await signIn(page, baseUrl, operatorEmail, operatorPassword);
        await page.getByRole('navigation', { name: 'Tabs' }).getByRole('link', { name: /^experiments$/i }).click();
        await page.waitForURL((u) => u.pathname === '/experiments');
        await page.waitForFunction(() => document.querySelector('h1.page-title')?.textContent?.trim().toLowerCase() === 'experiments');
        const portfolio = page.getByRole('table', { name: 'Experiments' });
        await portfolio.locator('tr[data-experiment-id]').first().waitFor();
        // results are computed by the service after the seed: the SRM case shows its banner once they exist
        for (let i = 0; i < 12 && (await page.getByTestId('srm-summary').count()) === 0; i++) {
          await page.waitForTimeout(5_000);
          await page.reload();
          await portfolio.locator('tr[data-experiment-id]').first().waitFor();
        }
        await page.getByTestId('srm-summary').waitFor();
        await settled(page);
        await page.screenshot({ path: `${OUT}experiments.png`, fullPage: true });

        // the wizard: experiment, variants, then the calculator's sample size
        const before = await portfolio.locator('tr[data-experiment-id]').count();
        await page.getByRole('button', { name: 'New experiment' }).click();
        const wizard = page.getByRole('dialog', { name: 'New experiment' });
        await wizard.getByLabel('Name').fill('e2e: concise answers');
        const agent = wizard.getByLabel('Agent');
        await agent.locator('option').nth(1).waitFor({ state: 'attached' });
        await agent.selectOption({ index: 1 });
        await wizard.getByRole('button', { name: 'Next' }).click();
        await wizard.getByLabel('Prompt version').fill('p-concise-1');
        await wizard.getByRole('button', { name: 'Next' }).click();
        await wizard.getByTestId('sample-size').filter({ hasText: 'units per arm' }).waitFor();
        await wizard.getByRole('button', { name: 'Create…' }).click();
        await page.getByRole('alertdialog').getByRole('button', { name: 'Create experiment', exact: true }).click();
        await page.getByTestId('toast').filter({ hasText: 'Experiment created' }).waitFor();
        await page.waitForFunction((n) => document.querySelectorAll('table[aria-label="Experiments"] tr[data-experiment-id]').length === n + 1, before);
        await portfolio.getByRole('row').filter({ hasText: 'e2e: concise answers' }).getByText('Draft').waitFor();

        // a seeded experiment's computed results: comparison, significance with its interval, guardrails
        await portfolio.getByRole('button', { name: 'Shorter system prompt' }).click();
        await page.getByRole('table', { name: 'Guardrails' }).locator('tbody tr').first().waitFor();
        await page.getByText(/treatment: lift [+-]\d/).waitFor();

        // the aborted canary with its failed checks
        const canaries = page.getByRole('table', { name: 'Canaries' });
        await canaries.locator('tr[data-canary-status="aborted"]').first().waitFor();
        assert.ok((await canaries.locator('tr[data-canary-status="aborted"] .exp-chip--fail').count()) >= 3);
        await page.screenshot({ path: `${OUT}experiments-results.png`, fullPage: true });
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.waitForURL(/\/login/);
      });
    }
    if (business) {
      await step('opens Business Impact, sees the forecast with its 80 % and 95 % bands, the goal board and an insight card', async () => {
        await signIn(page, baseUrl, email, password);
        await page.getByRole('navigation', { name: 'Tabs' }).getByRole('link', { name: /^business$/i }).click();
        await page.waitForURL((u) => u.pathname === '/business');
        await settled(page);
        // forecasts come from query-service's scheduled job (first pass ~20 s after start-up): reload until it has run
        for (let i = 0; i < 18 && (await page.getByTestId('forecast-bands').count()) === 0; i++) {
          await page.waitForTimeout(5_000);
          await page.reload();
          await settled(page);
        }
        const bands = page.getByTestId('forecast-bands');
        await bands.waitFor();
        await bands.locator('.forecast-band-95 path').first().waitFor();
        await bands.locator('.forecast-band-80 path').first().waitFor();
        await page.getByRole('list', { name: 'Goals by status' }).getByRole('listitem').first().waitFor();
        const card = page.getByTestId('insight-card').first();
        await card.waitFor();
        assert.ok(((await card.textContent()) ?? '').trim().length > 20, 'the Business insight card has text');
        await page.screenshot({ path: `${OUT}business.png`, fullPage: true });
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.waitForURL(/\/login/);
      });
    }
    assert.deepEqual(consoleErrors, [], `page errors: ${consoleErrors.join('; ')}`);
  } finally {
    await browser.close();
  }
  const passed = results.filter((r) => r.ok).length;
  console.log(`${passed} passed, ${results.length - passed} failed`);
  return results;
}
