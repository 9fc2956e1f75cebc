import { useAction } from '../actions';
import { roleAtLeast, useAuth } from '../auth';
import { invalidateBusiness, rollbackBusinessAction, runBusinessAction, type BusinessAction } from './api';

const DONE: Record<BusinessAction['kind'], string> = {
  create_goal: 'Goal created',
  update_goal: 'Goal updated',
  close_goal: 'Goal closed',
  link_agents: 'Goal agents linked',
  update_value_model: 'Value model saved',
};
const VERB: Record<BusinessAction['kind'], string> = {
  create_goal: 'create the goal',
  update_goal: 'update the goal',
  close_goal: 'close the goal',
  link_agents: 'link the agents',
  update_value_model: 'save the value model',
};

export function useCanManageBusiness() {
  const { role } = useAuth();
  return roleAtLeast(role, 'operator');
}

/**
 * Runs a goal or value-model action through the shared action path (confirm in the caller, toast
 * with Undo here); undo is query-service's `POST /api/v1/business/actions/{id}/rollback`.
 */
export function useBusinessAction() {
  const action = useAction({ minRole: 'operator', rollback: rollbackBusinessAction, invalidate: invalidateBusiness });
  return {
    allowed: action.allowed,
    pending: (action.pendingRun?.id ?? null) as BusinessAction['kind'] | null,
    run: (a: BusinessAction) => action.run({ id: a.kind, done: DONE[a.kind], verb: VERB[a.kind], call: (key) => runBusinessAction(a, key) }),
  };
}
