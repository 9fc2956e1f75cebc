import { describe, it } from 'vitest';
import { QUERY, expectCovers, expectStrict, field } from '../../test/javaRecords';
import { actionRecordSchema, agentConfigSchema, agentDetailSchema, agentSummarySchema } from './api';

describe('agent and action schemas are strict and cover the service records', () => {
  it('registry', () => {
    const f = `${QUERY}agents/AgentResponses.java`;
    expectCovers(agentSummarySchema, f, 'AgentSummary');
    expectCovers(agentDetailSchema, f, 'AgentDetail');
    expectCovers(field(agentDetailSchema, 'metrics'), f, 'Headline');
    expectCovers(field(agentDetailSchema, 'versions'), f, 'VersionMetrics');
    expectCovers(field(agentDetailSchema, 'agent'), `${QUERY}fleetdata/AgentDirectory.java`, 'Agent');
    [agentSummarySchema, agentDetailSchema].forEach(expectStrict);
  });

  it('control plane', () => {
    expectCovers(actionRecordSchema, 'common-contracts/src/main/java/com/agentobs/contracts/action/ActionRecord.java', 'ActionRecord');
    expectCovers(agentConfigSchema, 'guardrail-service/src/main/java/com/agentobs/guardrail/agentcontrol/AgentConfigResponse.java', 'AgentConfigResponse');
    [actionRecordSchema, agentConfigSchema].forEach(expectStrict);
  });
});
