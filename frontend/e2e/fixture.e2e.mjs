// `npm run e2e`: builds nothing, needs dist/ (run `npm run build` first; the script does it).
// Starts the fixture server on a free port, runs the scenario in headless Chromium, stops the server.
import { startFixtureServer, PASSWORD } from './fixture-server.mjs';
import { runScenario } from './scenario.mjs';

const server = await startFixtureServer(0);
const { port } = server.address();
let code = 0;
try {
  await runScenario({ baseUrl: `http://127.0.0.1:${port}`, email: 'admin@agentobs.dev', password: PASSWORD, operatorEmail: 'operator@agentobs.dev', label: 'fixture API' });
} catch {
  code = 1;
} finally {
  server.close();
}
process.exit(code);
