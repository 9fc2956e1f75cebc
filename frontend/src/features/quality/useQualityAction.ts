import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '../../components';
import { newIdempotencyKey } from '../../lib/ids';
import { describeActionError, UNDO_WINDOW_MS, type ActionRecord } from '../agents';
import { roleAtLeast, useAuth } from '../auth';
import { invalidateQuality, rollbackQualityAction, runQualityAction, type QualityAction } from './api';

/** Words per quality action: the toast after success and the verb after failure. */
const DONE: Record<QualityAction['kind'], string> = {
  create_rubric: 'Rubric created',
  assign_rubric: 'Rubric assignment saved',
  archive_rubric: 'Rubric archived',
  submit_review: 'Review recorded',
  create_rule: 'Evaluator rule created',
  set_rule_enabled: 'Evaluator rule updated',
  delete_rule: 'Evaluator rule deleted',
  start_backfill: 'Backfill queued',
  cancel_backfill: 'Backfill cancelled',
};
const VERB: Record<QualityAction['kind'], string> = {
  create_rubric: 'create the rubric',
  assign_rubric: 'assign the rubric',
  archive_rubric: 'archive the rubric',
  submit_review: 'record the review',
  create_rule: 'create the rule',
  set_rule_enabled: 'change the rule',
  delete_rule: 'delete the rule',
  start_backfill: 'start the backfill',
  cancel_backfill: 'cancel the backfill',
};

/** Reviews need an analyst; rubric changes and every undo (the shared rollback) need an operator. */
export function useQualityRoles() {
  const { role } = useAuth();
  return { canReview: roleAtLeast(role, 'analyst'), canManage: roleAtLeast(role, 'operator') };
}

/**
 * Runs a quality action with a fresh Idempotency-Key per click: pending state, a success toast with
 * Undo (`POST /api/v1/quality/actions/{id}/rollback`) when reversible, an error toast naming the
 * action id, and the Quality queries refreshed after every outcome.
 */
export function useQualityAction() {
  const toast = useToast();
  const client = useQueryClient();
  const { canManage } = useQualityRoles();

  async function undo(record: ActionRecord) {
    try {
      await rollbackQualityAction(record.action_id, newIdempotencyKey());
      toast.show({ tone: 'success', title: 'Undone', message: `Rolled back ${record.action_type} (action ${record.action_id}).` });
    } catch (error) {
      toast.show({ tone: 'error', title: `Could not undo ${record.action_type}`, message: describeActionError(error) });
    } finally {
      await invalidateQuality(client);
    }
  }

  const mutation = useMutation({
    mutationFn: ({ action, key }: { action: QualityAction; key: string }) => runQualityAction(action, key),
    retry: (count, error) => error instanceof TypeError && count < 2,
    onSuccess: (record, { action }) => {
      const undoable = record.rollback_available && canManage;
      toast.show({
        tone: 'success',
        title: DONE[action.kind],
        message: `Recorded as action ${record.action_id}.`,
        action: undoable ? { label: 'Undo', pendingLabel: 'Undoing…', onClick: () => undo(record) } : undefined,
        durationMs: undoable ? UNDO_WINDOW_MS : undefined,
      });
    },
    onError: (error, { action }) => {
      toast.show({ tone: 'error', title: `Could not ${VERB[action.kind]}`, message: describeActionError(error) });
    },
    onSettled: () => invalidateQuality(client),
  });

  return {
    pending: mutation.isPending ? mutation.variables.action.kind : null,
    /** Resolves true when the action completed (never rejects). */
    run: (action: QualityAction) =>
      mutation.mutateAsync({ action, key: newIdempotencyKey() }).then(
        () => true,
        () => false,
      ),
  };
}
