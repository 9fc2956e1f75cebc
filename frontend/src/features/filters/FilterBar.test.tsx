import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { envelopeOf, renderWithProviders, stubFetch } from '../../test/utils';
import { FilterBar } from './FilterBar';
import { FilterProvider, useFilters } from './FilterContext';

function ApiParamsProbe() {
  const { apiParams } = useFilters();
  return <output data-testid="api-params">{JSON.stringify(apiParams)}</output>;
}

function setup(route: string) {
  return render(
    renderWithProviders(
      <FilterProvider page="home" defaultRange="24h">
        <FilterBar />
        <ApiParamsProbe />
      </FilterProvider>,
      { route },
    ),
  );
}

const location = () => screen.getByTestId('location').textContent ?? '';

describe('FilterBar', () => {
  beforeEach(() => {
    // the query service's option records (AgentResponses), as the strict schemas expect them
    const agent = (agent_id: string, name: string, department: string) => ({
      agent_id, name, department, environment: 'production', version: 'v2.1', agent_status: 'active', is_paused: false,
      model: 'gpt-4o', model_provider: 'openai', request_count: 10, error_rate: 1.2, latency_p90: 900, cost_usd: 0.4,
    });
    stubFetch({
      '/api/v1/departments': () => envelopeOf([
        { code: 'engineering', name: 'Engineering', budget_monthly_usd: 4000, agent_count: 3 },
        { code: 'sales', name: 'Sales', budget_monthly_usd: 1500, agent_count: 3 },
      ]),
      '/api/v1/environments': () => envelopeOf([{ name: 'production', type: 'prod', agent_count: 4 }, { name: 'staging', type: 'staging', agent_count: 2 }]),
      '/api/v1/versions': () => envelopeOf([{ version: 'v2.0', agent_count: 1 }, { version: 'v2.1', agent_count: 1 }, { version: 'v1.10', agent_count: 1 }]),
      '/api/v1/agents': () => envelopeOf([agent('eng-code-1', 'Code Assistant 1', 'engineering'), agent('sales-agent-1', 'Sales Agent 1', 'sales')]),
    });
  });

  it('writesDefaults_intoTheUrl_whenNothingIsStored', async () => {
    setup('/');
    await waitFor(() => expect(location()).toBe('/?range=24h'));
  });

  it('updatesUrlAndStorage_whenDepartmentChanges', async () => {
    const user = userEvent.setup();
    setup('/');
    await screen.findByRole('option', { name: 'Sales' });
    await user.selectOptions(screen.getByLabelText('Department'), 'sales');
    await waitFor(() => expect(location()).toBe('/?range=24h&department=sales'));
    expect(JSON.parse(localStorage.getItem('agentobs.filters.home')!)).toEqual({ timeRange: '24h', department: 'sales' });
    expect(JSON.parse(screen.getByTestId('api-params').textContent!)).toMatchObject({ range: '24h', department: 'sales' });
  });

  it('restoresStoredFilters_intoTheUrl_whenUrlHasNone', async () => {
    localStorage.setItem('agentobs.filters.home', JSON.stringify({ timeRange: '7d', environment: 'staging' }));
    setup('/?trace=trace_abc');
    await waitFor(() => expect(location()).toBe('/?trace=trace_abc&range=7d&environment=staging'));
    expect(screen.getByLabelText('Environment')).toHaveProperty('value', 'staging');
  });

  it('letsTheUrlWin_overStoredFilters_andRemembersIt', async () => {
    localStorage.setItem('agentobs.filters.home', JSON.stringify({ timeRange: '7d', department: 'engineering' }));
    setup('/?range=30d&department=sales');
    await screen.findByRole('option', { name: 'Sales' });
    expect(screen.getByLabelText('Department')).toHaveProperty('value', 'sales');
    expect(screen.getByLabelText('Time range')).toHaveProperty('value', '30d');
    await waitFor(() => expect(JSON.parse(localStorage.getItem('agentobs.filters.home')!)).toEqual({ timeRange: '30d', department: 'sales' }));
  });

  it('limitsAgentOptions_toTheSelectedDepartment', async () => {
    setup('/?range=24h&department=sales');
    await screen.findByRole('option', { name: 'Sales Agent 1' });
    expect(screen.queryByRole('option', { name: 'Code Assistant 1' })).toBeNull();
  });

  it('sortsVersions_numerically', async () => {
    setup('/');
    await screen.findByRole('option', { name: 'v1.10' });
    const versions = Array.from((screen.getByLabelText('Version') as HTMLSelectElement).options).map((o) => o.value);
    expect(versions).toEqual(['', 'v1.10', 'v2.0', 'v2.1']);
  });

  it('appliesACustomRange', async () => {
    const user = userEvent.setup();
    setup('/');
    await user.selectOptions(screen.getByLabelText('Time range'), 'custom');
    const from = screen.getByLabelText('From');
    const to = screen.getByLabelText('To');
    await user.clear(from);
    await user.type(from, '2025-10-27T08:00');
    await user.clear(to);
    await user.type(to, '2025-10-27T09:30');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(location()).toMatch(/range=custom&from=.+&to=.+/));
    const params = new URLSearchParams(location().split('?')[1]);
    expect(Date.parse(params.get('to')!) - Date.parse(params.get('from')!)).toBe(90 * 60_000);
  });

  it('resetsToThePageDefault', async () => {
    const user = userEvent.setup();
    setup('/?range=7d&department=sales');
    await user.click(await screen.findByRole('button', { name: 'Reset' }));
    await waitFor(() => expect(location()).toBe('/?range=24h'));
  });
});
