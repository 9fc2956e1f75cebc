import { lazy } from 'react';

/** One agent: control state, actions, headline metrics and audit trail (route /agents/:agentId). */
export const AgentPage = lazy(() => import('./AgentPage'));
export { AgentActions } from './components/AgentActions';
export { ActionTrail } from './components/ActionTrail';
export { agentSummariesQuery, invalidateAfterAction, rollbackAction, useAgentSummaries } from './api';
export type { ActionRecord, AgentSummary } from './api';

/** The agent page's path. */
export function agentPath(agentId: string): string {
  return `/agents/${encodeURIComponent(agentId)}`;
}
export { useUndoAction } from './useAgentAction';
export { actionRecordSchema } from './api';
