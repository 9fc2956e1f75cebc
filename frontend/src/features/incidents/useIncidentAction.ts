import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '../../components';
import { ApiError, ContractError } from '../../lib/http';
import { newIdempotencyKey } from '../../lib/ids';
import { roleAtLeast, useAuth } from '../auth';
import type { ActionRecord } from '../agents';
import { invalidateIncidents, rollbackAlertAction } from './api';

/** How long the success toast and its Undo stay. */
export const UNDO_WINDOW_MS = 20_000;

export function describeActionError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return 'Your role does not allow this (operators run actions).';
    const id = error.details && typeof error.details === 'object' && 'action_id' in error.details ? String((error.details as { action_id: unknown }).action_id) : null;
    const field = error.details && typeof error.details === 'object' && 'field' in error.details ? String((error.details as { field: unknown }).field) : null;
    const ref = [field && `field ${field}`, id && `action ${id}`, error.requestId && `request ${error.requestId}`].filter(Boolean).join(', ');
    return `${error.message}${ref ? ` (${ref})` : ''}`;
  }
  if (error instanceof ContractError) return error.message;
  if (error instanceof TypeError) return 'The server could not be reached. Nothing was changed twice; try again.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}

interface Run {
  /** What the toast says, e.g. "Incident acknowledged". */
  done: string;
  /** e.g. "acknowledge the incident". */
  verb: string;
  call: (idempotencyKey: string) => Promise<ActionRecord>;
}

/**
 * The Incidents tab's action path: role gate, one Idempotency-Key per click (reused only by a network
 * retry), a success toast with Undo (`POST /alerts/actions/{id}/rollback`) or the error, and the tab's
 * queries refreshed after every outcome.
 */
export function useIncidentAction() {
  const { role } = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  const allowed = roleAtLeast(role, 'operator');

  const undo = async (record: ActionRecord) => {
    try {
      await rollbackAlertAction(record.action_id, newIdempotencyKey());
      toast.show({ tone: 'success', title: 'Undone', message: `Rolled back ${record.action_type} (action ${record.action_id}).` });
      return true;
    } catch (error) {
      toast.show({ tone: 'error', title: `Could not undo ${record.action_type}`, message: describeActionError(error) });
      return false;
    } finally {
      await invalidateIncidents(client);
    }
  };

  const mutation = useMutation({
    mutationFn: ({ run, key }: { run: Run; key: string }) => run.call(key),
    retry: (count, error) => error instanceof TypeError && count < 2,
    onSuccess: (record, { run }) => {
      toast.show({
        tone: 'success',
        title: run.done,
        message: `Recorded as action ${record.action_id}.`,
        action: record.rollback_available ? { label: 'Undo', pendingLabel: 'Undoing…', onClick: () => undo(record) } : undefined,
        durationMs: record.rollback_available ? UNDO_WINDOW_MS : undefined,
      });
    },
    onError: (error, { run }) => toast.show({ tone: 'error', title: `Could not ${run.verb}`, message: describeActionError(error) }),
    onSettled: () => invalidateIncidents(client),
  });

  return {
    allowed,
    pending: mutation.isPending,
    /** Resolves true when the action completed (never rejects). */
    run: (run: Run) => mutation.mutateAsync({ run, key: newIdempotencyKey() }).then(() => true, () => false),
  };
}
