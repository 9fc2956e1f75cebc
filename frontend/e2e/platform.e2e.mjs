// `npm run e2e:platform`: the same scenario against the running platform with seeded data
// (`./agentobs up` + seed first). AGENTOBS_BASE_URL (default http://localhost:8000),
// AGENTOBS_E2E_EMAIL / AGENTOBS_E2E_PASSWORD (default: the demo admin); the pause/undo step signs in as
// AGENTOBS_E2E_OPERATOR_EMAIL (default operator@agentobs.dev, same password), pauses one agent and undoes it;
// the incidents step creates a paging rule the seeded traffic crosses, waits (<= 60 s) for its alert on Home,
// acknowledges it and resolves its incident (with undo) on the Incidents tab, fills its postmortem editor with "Draft from insights" (not saved), then deletes the rule;
// the pricing step adds a price for the seeded unpriced model on the Cost tab and recomputes its costs;
// the automations step designs, dry-runs and runs a playbook until its steps complete;
// the experiments step creates an experiment with the wizard and reads seeded results and canaries;
// the business step waits for the business job's forecast bands and reads a Business insight card;
// then every offline insight figure with an API counterpart is compared with that API (insight-numbers.mjs).
import { checkInsightNumbers } from './insight-numbers.mjs';
import { runScenario } from './scenario.mjs';

const baseUrl = process.env.AGENTOBS_BASE_URL ?? 'http://localhost:8000';
try {
  await runScenario({
    baseUrl,
    email: process.env.AGENTOBS_E2E_EMAIL ?? 'admin@agentobs.dev',
    password: process.env.AGENTOBS_E2E_PASSWORD ?? 'agentobs-demo',
    operatorEmail: process.env.AGENTOBS_E2E_OPERATOR_EMAIL ?? 'operator@agentobs.dev',
    label: 'platform',
    incidents: true,
    configuration: true,
    pricing: true,
    automations: true,
    experiments: true,
    business: true,
  });
  await checkInsightNumbers({
    baseUrl,
    email: process.env.AGENTOBS_E2E_EMAIL ?? 'admin@agentobs.dev',
    password: process.env.AGENTOBS_E2E_PASSWORD ?? 'agentobs-demo',
  });
} catch (e) {
  console.error(e);
  process.exit(1);
}
