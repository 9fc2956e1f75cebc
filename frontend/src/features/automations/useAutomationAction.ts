import { useAction } from '../actions';
import { invalidateAutomations, rollbackAlertAction } from './api';

/** The Automations tab's actions: operators run, approve and cancel; designing needs admin (checked by the server). */
export function useAutomationAction(minRole: 'operator' | 'admin' = 'operator') {
  return useAction({ minRole, rollback: rollbackAlertAction, invalidate: invalidateAutomations });
}
