import { useAction } from '../actions';
import { roleAtLeast, useAuth } from '../auth';
import { invalidateQuality, rollbackQualityAction, runQualityAction, type QualityAction } from './api';

/** Words per quality action: the toast after success and the verb after failure. */
const DONE: Record<QualityAction['kind'], string> = {
  create_rubric: 'Rubric created',
  assign_rubric: 'Rubric assignment saved',
  archive_rubric: 'Rubric archived',
  submit_review: 'Review recorded',
};
const VERB: Record<QualityAction['kind'], string> = {
  create_rubric: 'create the rubric',
  assign_rubric: 'assign the rubric',
  archive_rubric: 'archive the rubric',
  submit_review: 'record the review',
};

/** Reviews need an analyst; rubric changes and every undo (the shared rollback) need an operator. */
export function useQualityRoles() {
  const { role } = useAuth();
  return { canReview: roleAtLeast(role, 'analyst'), canManage: roleAtLeast(role, 'operator') };
}

/**
 * Runs a quality action through the shared action path; undo is evaluation-service's
 * `POST /api/v1/quality/actions/{id}/rollback`. `pending` names the kind in flight.
 */
export function useQualityAction() {
  const action = useAction({ minRole: 'analyst', undoRole: 'operator', rollback: rollbackQualityAction, invalidate: invalidateQuality });
  return {
    pending: (action.pendingRun?.id ?? null) as QualityAction['kind'] | null,
    /** Resolves true when the action completed (never rejects). */
    run: (q: QualityAction) =>
      action.run({ id: q.kind, done: DONE[q.kind], verb: VERB[q.kind], call: (key) => runQualityAction(q, key) }),
  };
}
