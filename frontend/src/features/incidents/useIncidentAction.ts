import { useAction } from '../actions';
import { invalidateIncidents, rollbackAlertAction } from './api';

/** The Incidents tab's actions: operators run them; undo is alert-service's `POST /alerts/actions/{id}/rollback`. */
export function useIncidentAction() {
  return useAction({ minRole: 'operator', rollback: rollbackAlertAction, invalidate: invalidateIncidents });
}
