import type { QueryClient } from '@tanstack/react-query';
import { useAction } from '../actions';
import { invalidateAfterAction, rollbackAction } from '../agents';
import type { roleAtLeast } from '../auth';
import { invalidateSafety } from './api';

type Role = Parameters<typeof roleAtLeast>[1];

/** Safety changes policies and quarantines agents, so both the tab and the agents' state are refreshed. */
const invalidate = (client: QueryClient) => Promise.all([invalidateSafety(client), invalidateAfterAction(client)]);

/** A Safety action (policies need an admin, quarantine an operator); undo is guardrail's `POST /actions/{id}/rollback`. */
export function useSafetyAction(minRole: Role) {
  return useAction({ minRole, rollback: rollbackAction, invalidate });
}
