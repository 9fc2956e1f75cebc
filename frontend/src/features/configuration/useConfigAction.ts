import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '../../components';
import { newIdempotencyKey } from '../../lib/ids';
import { describeActionError, useUndoAction, UNDO_WINDOW_MS, type ActionRecord } from '../agents';
import { roleAtLeast, useAuth } from '../auth';
import { invalidateConfiguration } from './api';

type Role = Parameters<typeof roleAtLeast>[1];

interface Run {
  /** Past tense for the toast, e.g. "Drift reconciled on support-bot". */
  done: string;
  /** What failed, e.g. "reconcile support-bot". */
  what: string;
  /** The action to offer Undo for (null: nothing to undo). */
  call: (idempotencyKey: string) => Promise<ActionRecord | null>;
}

/**
 * One Configuration action: role gate, pending state, a success toast with Undo when the action can be
 * rolled back, an error toast, and the whole tab refreshed after every outcome. One click = one fresh
 * Idempotency-Key (department-scoped grants may allow more than the role shown; the server decides).
 */
export function useConfigAction(minRole: Role) {
  const { role } = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  const undo = useUndoAction();
  const mutation = useMutation({
    mutationFn: ({ run, key }: { run: Run; key: string }) => run.call(key),
    retry: (count, error) => error instanceof TypeError && count < 2,
    onSuccess: (record, { run }) => {
      const undoable = record?.rollback_available === true;
      toast.show({
        tone: 'success',
        title: run.done,
        message: record ? `Recorded as action ${record.action_id}.` : 'Recorded.',
        action: undoable && record
          ? { label: 'Undo', pendingLabel: 'Undoing…', onClick: () => undo(record).then((ok) => (void invalidateConfiguration(client), ok)) }
          : undefined,
        durationMs: undoable ? UNDO_WINDOW_MS : undefined,
      });
    },
    onError: (error, { run }) => toast.show({ tone: 'error', title: `Could not ${run.what}`, message: describeActionError(error) }),
    onSettled: () => invalidateConfiguration(client),
  });
  return {
    allowed: roleAtLeast(role, minRole),
    pending: mutation.isPending,
    run: (run: Run) => mutation.mutateAsync({ run, key: newIdempotencyKey() }).then(() => true, () => false),
  };
}
