import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '../../components';
import { newIdempotencyKey } from '../../lib/ids';
import { describeActionError, useUndoAction, UNDO_WINDOW_MS, type ActionRecord } from '../agents';
import { roleAtLeast, useAuth } from '../auth';
import { invalidateSafety } from './api';

type Role = Parameters<typeof roleAtLeast>[1];

interface Run {
  /** Past tense for the toast, e.g. "PII policy set to block". */
  done: string;
  /** What failed, e.g. "set PII policy to block". */
  what: string;
  call: (idempotencyKey: string) => Promise<ActionRecord>;
}

/**
 * One Safety action: role gate, pending state, a success toast with Undo (the action's rollback),
 * an error toast, and the whole tab refreshed after every outcome. One click = one fresh Idempotency-Key.
 */
export function useSafetyAction(minRole: Role) {
  const { role } = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  const undo = useUndoAction();
  const mutation = useMutation({
    mutationFn: ({ run, key }: { run: Run; key: string }) => run.call(key),
    retry: (count, error) => error instanceof TypeError && count < 2,
    onSuccess: (record, { run }) => {
      toast.show({
        tone: 'success',
        title: run.done,
        message: `Recorded as action ${record.action_id}.`,
        action: record.rollback_available
          ? { label: 'Undo', pendingLabel: 'Undoing…', onClick: () => undo(record).then((ok) => (void invalidateSafety(client), ok)) }
          : undefined,
        durationMs: record.rollback_available ? UNDO_WINDOW_MS : undefined,
      });
    },
    onError: (error, { run }) => toast.show({ tone: 'error', title: `Could not ${run.what}`, message: describeActionError(error) }),
    onSettled: () => invalidateSafety(client),
  });
  const allowed = roleAtLeast(role, minRole);
  return {
    allowed,
    pending: mutation.isPending,
    run: (run: Run) => mutation.mutateAsync({ run, key: newIdempotencyKey() }).then(() => true, () => false),
  };
}
