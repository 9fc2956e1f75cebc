import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useToast } from '../../components';
import { ApiError, ContractError } from '../../lib/http';
import { newIdempotencyKey } from '../../lib/ids';
import type { ActionRecord } from '../agents';
import { roleAtLeast, useAuth } from '../auth';

type Role = Parameters<typeof roleAtLeast>[1];

/** How long the success toast (and its Undo) stays; the audit trail's Undo remains afterwards. */
export const UNDO_WINDOW_MS = 20_000;

/** Why an action failed, in words for a toast: the server's message with the field, action and request ids. */
export function describeActionError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return 'Your role does not allow this. Ask an admin for a higher role in this workspace.';
    const details = error.details && typeof error.details === 'object' ? (error.details as Record<string, unknown>) : {};
    const ref = [
      details.field != null && `field ${String(details.field)}`,
      details.action_id != null && `action ${String(details.action_id)}`,
      error.requestId && `request ${error.requestId}`,
    ]
      .filter(Boolean)
      .join(', ');
    return `${error.message}${ref ? ` (${ref})` : ''}`;
  }
  if (error instanceof ContractError) return error.message;
  if (error instanceof TypeError) return 'The server could not be reached. Nothing was changed twice; try again.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/** One user click on an action button. */
export interface ActionRun {
  /** What the success toast says, e.g. "Incident acknowledged". */
  done: string;
  /** What failed, after "Could not", e.g. "acknowledge the incident". */
  verb: string;
  /** Sends the action with the given Idempotency-Key and answers its audit row. */
  call: (idempotencyKey: string) => Promise<ActionRecord>;
  /** Optional name of the kind of action, so a form can tell which of its buttons is pending. */
  id?: string;
}

export interface ActionOptions {
  /** The lowest role that may run these actions (the server checks it too). */
  minRole: Role;
  /** The lowest role that may undo them, when higher than `minRole` (Undo is offered only to it). */
  undoRole?: Role;
  /** Undo: the owning service's `POST …/actions/{id}/rollback`. */
  rollback: (actionId: string, idempotencyKey: string) => Promise<unknown>;
  /** Refreshes what the actions change; called after every outcome, undo included. */
  invalidate: (client: QueryClient) => Promise<unknown>;
}

/**
 * The one action path of every tab: role gate, one fresh Idempotency-Key per click (reused only by a
 * network retry, which the server answers from the first row), a success toast with Undo when the
 * action is reversible, an error toast naming the field and action id, and a refresh after every outcome.
 */
export function useAction({ minRole, undoRole, rollback, invalidate }: ActionOptions) {
  const { role } = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  const allowed = roleAtLeast(role, minRole);
  const mayUndo = roleAtLeast(role, undoRole ?? minRole);

  const undo = async (record: ActionRecord) => {
    try {
      await rollback(record.action_id, newIdempotencyKey());
      toast.show({ tone: 'success', title: 'Undone', message: `Rolled back ${record.action_type} (action ${record.action_id}).` });
      return true;
    } catch (error) {
      toast.show({ tone: 'error', title: `Could not undo ${record.action_type}`, message: describeActionError(error) });
      return false;
    } finally {
      await invalidate(client);
    }
  };

  const mutation = useMutation({
    mutationFn: ({ run, key }: { run: ActionRun; key: string }) => run.call(key),
    retry: (count, error) => error instanceof TypeError && count < 2,
    onSuccess: (record, { run }) => {
      const undoable = record.rollback_available && mayUndo;
      toast.show({
        tone: 'success',
        title: run.done,
        message: `Recorded as action ${record.action_id}.`,
        action: undoable ? { label: 'Undo', pendingLabel: 'Undoing…', onClick: () => undo(record) } : undefined,
        durationMs: undoable ? UNDO_WINDOW_MS : undefined,
      });
    },
    onError: (error, { run }) => toast.show({ tone: 'error', title: `Could not ${run.verb}`, message: describeActionError(error) }),
    // a failed action writes a `failed` audit row too: refresh either way
    onSettled: () => invalidate(client),
  });

  return {
    allowed,
    pending: mutation.isPending,
    /** The run in flight, or null. */
    pendingRun: mutation.isPending ? mutation.variables.run : null,
    /** Resolves true when the action completed (never rejects). */
    run: (run: ActionRun) => mutation.mutateAsync({ run, key: newIdempotencyKey() }).then(() => true, () => false),
  };
}
