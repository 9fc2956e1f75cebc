import { useId, useState } from 'react';
import { ConfirmDialog } from '../../../components';
import { ACTION_COPY } from '../actionCopy';
import type { AgentActionKind } from '../api';
import { useAgentAction, type AgentRef } from '../useAgentAction';
import '../agents.css';

interface AgentActionsProps {
  agent: AgentRef;
  /** Current paused flag; null while unknown (then Pause is offered). */
  paused: boolean | null;
  /** Small buttons for a heatmap row. */
  compact?: boolean;
  /** -1 keeps the buttons out of the tab order (a heatmap row that is not the current one). */
  tabIndex?: number;
}

/**
 * Pause or Resume, and Roll back (to the previous configuration version), each behind a confirmation
 * that names the effect. Below the operator role the buttons stay visible but inert, with the reason
 * as their tooltip and description.
 */
export function AgentActions({ agent, paused, compact = false, tabIndex }: AgentActionsProps) {
  const action = useAgentAction(agent);
  const [confirming, setConfirming] = useState<AgentActionKind | null>(null);
  const reasonId = useId();
  const label = agent.name ?? agent.agentId;
  const kinds: AgentActionKind[] = [paused ? 'resume' : 'pause', 'rollback_version'];
  const size = compact ? ' btn--small' : '';

  async function confirm(kind: AgentActionKind) {
    await action.run(kind);
    setConfirming(null);
  }

  return (
    <div className={`agent-actions${compact ? ' agent-actions--compact' : ''}`} data-testid="agent-actions" data-agent-id={agent.agentId} data-paused={paused === null ? '' : String(paused)}>
      {paused && <span className="badge badge--paused" data-testid="agent-paused">Paused</span>}
      {kinds.map((kind) => {
        const copy = ACTION_COPY[kind];
        const pending = action.pendingKind === kind;
        return (
          <button
            key={kind}
            type="button"
            className={`btn${size}`}
            tabIndex={tabIndex}
            aria-label={`${copy.label} ${label}`}
            aria-disabled={!action.allowed || action.pendingKind !== null ? true : undefined}
            aria-describedby={action.allowed ? undefined : reasonId}
            aria-busy={pending || undefined}
            title={action.deniedReason ?? undefined}
            onClick={() => {
              if (action.allowed && action.pendingKind === null) setConfirming(kind);
            }}
          >
            {pending ? copy.pendingLabel : copy.label}
          </button>
        );
      })}
      {!action.allowed && <span id={reasonId} className="sr-only">{action.deniedReason}</span>}
      {confirming && (
        <ConfirmDialog
          open
          title={ACTION_COPY[confirming].title(label)}
          confirmLabel={ACTION_COPY[confirming].label}
          pendingLabel={ACTION_COPY[confirming].pendingLabel}
          pending={action.pendingKind === confirming}
          tone={ACTION_COPY[confirming].tone}
          onConfirm={() => void confirm(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>{ACTION_COPY[confirming].effect(label)}</p>
          <p className="muted">Agent ID: <code>{agent.agentId}</code></p>
        </ConfirmDialog>
      )}
    </div>
  );
}
