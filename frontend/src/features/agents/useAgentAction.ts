import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useToast } from '../../components';
import { describeActionError, UNDO_WINDOW_MS } from '../actions';
import { newIdempotencyKey } from '../../lib/ids';
import { roleAtLeast, useAuth } from '../auth';
import { ACTION_COPY, ACTION_ROLE, DENIED_REASON } from './actionCopy';
import { agentKeys, invalidateAfterAction, rollbackAction, runAgentAction, type ActionRecord, type AgentActionKind, type AgentConfig, type AgentSummary } from './api';

export interface AgentRef {
  agentId: string;
  name?: string | null;
}

/** `is_paused` from an action's result, or from the nested result of its rollback. */
export function pausedAfter(record: ActionRecord): boolean | null {
  const result = record.result as { is_paused?: unknown; result?: { is_paused?: unknown } } | null;
  if (typeof result?.is_paused === 'boolean') return result.is_paused;
  if (typeof result?.result?.is_paused === 'boolean') return result.result.is_paused;
  return null;
}

/** Shows the new paused flag at once, before the refetch that follows every action confirms it. */
function applyPaused(client: QueryClient, agentId: string, paused: boolean | null) {
  if (paused === null) return;
  client.setQueryData<AgentSummary[]>(agentKeys.summaries, (list) => list?.map((a) => (a.agent_id === agentId ? { ...a, is_paused: paused } : a)));
  client.setQueryData<AgentConfig>(agentKeys.config(agentId), (c) =>
    c ? { ...c, status: paused ? 'paused' : c.lifecycle === 'deprecated' ? 'deprecated' : 'active' } : c,
  );
}

/** A network failure is retried with the same Idempotency-Key: the server answers the retry from the first row. */
const retryNetworkOnly = (count: number, error: unknown) => error instanceof TypeError && count < 2;

interface Variables {
  kind: AgentActionKind;
  idempotencyKey: string;
}

/**
 * Undo of any completed, reversible action: `POST /actions/{id}/rollback` with a fresh Idempotency-Key,
 * then a toast saying what the agent is now, and the caches refreshed.
 */
export function useUndoAction() {
  const toast = useToast();
  const client = useQueryClient();
  return async function undo(record: ActionRecord, label: string = record.target_id ?? 'the target'): Promise<boolean> {
    try {
      const rollback = await rollbackAction(record.action_id, newIdempotencyKey());
      const paused = pausedAfter(rollback);
      if (record.target_id) applyPaused(client, record.target_id, paused);
      toast.show({
        tone: 'success',
        title: `Undone: ${paused === null ? `${label} is back to how it was` : paused ? `${label} is paused again` : `${label} is active again`}`,
        message: `Rolled back ${record.action_type} (action ${record.action_id}).`,
      });
      return true;
    } catch (error) {
      toast.show({ tone: 'error', title: `Could not undo ${record.action_type} on ${label}`, message: describeActionError(error) });
      return false;
    } finally {
      await invalidateAfterAction(client);
    }
  };
}

/**
 * One agent's actions: role gate, pending state, success toast with an undo that calls
 * `POST /actions/{id}/rollback`, failure toast, and cache invalidation after every outcome.
 */
export function useAgentAction(agent: AgentRef) {
  const { role } = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  const allowed = roleAtLeast(role, ACTION_ROLE);
  const label = agent.name ?? agent.agentId;

  const undo = useUndoAction();

  const mutation = useMutation({
    mutationFn: ({ kind, idempotencyKey }: Variables) => runAgentAction(kind, agent.agentId, idempotencyKey),
    retry: retryNetworkOnly,
    onSuccess: (record, { kind }) => {
      applyPaused(client, agent.agentId, pausedAfter(record));
      toast.show({
        tone: 'success',
        title: ACTION_COPY[kind].done(label),
        message: `Recorded as action ${record.action_id}.`,
        action: record.rollback_available ? { label: 'Undo', pendingLabel: 'Undoing…', onClick: () => undo(record, label) } : undefined,
        durationMs: record.rollback_available ? UNDO_WINDOW_MS : undefined,
      });
    },
    onError: (error, { kind }) => {
      toast.show({ tone: 'error', title: `Could not ${ACTION_COPY[kind].label.toLowerCase()} ${label}`, message: describeActionError(error) });
    },
    // a failed action writes a `failed` row too: refresh the trail either way
    onSettled: () => invalidateAfterAction(client),
  });

  return {
    allowed,
    deniedReason: allowed ? null : DENIED_REASON,
    /** The action running now, or null. */
    pendingKind: mutation.isPending ? mutation.variables.kind : null,
    /** One user click: a fresh Idempotency-Key. Resolves when the action settled (never rejects). */
    run: (kind: AgentActionKind) =>
      mutation.mutateAsync({ kind, idempotencyKey: newIdempotencyKey() }).then(
        () => true,
        () => false,
      ),
  };
}
