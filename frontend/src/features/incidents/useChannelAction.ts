import { useAction } from '../actions';
import { invalidateIncidents, rollbackAlertAction } from './api';

/** Channel actions need an admin (a channel sends workspace data out); undo is alert-service's rollback. */
export function useChannelAction() {
  return useAction({ minRole: 'admin', rollback: rollbackAlertAction, invalidate: invalidateIncidents });
}
