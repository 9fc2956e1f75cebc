import type { QueryClient } from '@tanstack/react-query';
import { useAction } from '../actions';
import { invalidateAfterAction, rollbackAction } from '../agents';
import type { roleAtLeast } from '../auth';
import { invalidateConfiguration } from './api';

type Role = Parameters<typeof roleAtLeast>[1];

/** Configuration actions change agents' configurations, so both the tab and the agents' state are refreshed. */
const invalidate = (client: QueryClient) => Promise.all([invalidateConfiguration(client), invalidateAfterAction(client)]);

/**
 * A Configuration action (approve, reject, reconcile: operator; department-scoped grants may allow more,
 * the server decides); undo is guardrail's `POST /actions/{id}/rollback`.
 */
export function useConfigAction(minRole: Role) {
  return useAction({ minRole, rollback: rollbackAction, invalidate });
}
