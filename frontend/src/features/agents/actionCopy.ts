import type { AgentActionKind } from './api';

/** The words for each agent action: buttons, pending state, confirmation and toasts. */
export interface ActionCopy {
  label: string;
  pendingLabel: string;
  title: (agent: string) => string;
  /** What happens, in the confirmation dialog. */
  effect: (agent: string) => string;
  done: (agent: string) => string;
  tone: 'default' | 'danger';
}

export const ACTION_COPY: Record<AgentActionKind, ActionCopy> = {
  pause: {
    label: 'Pause',
    pendingLabel: 'Pausing…',
    title: (a) => `Pause ${a}?`,
    effect: (a) =>
      `${a} will report status "paused" on its next configuration poll and stop taking requests until it is resumed. ` +
      'The change is recorded in the audit trail and can be undone.',
    done: (a) => `${a} is paused`,
    tone: 'danger',
  },
  resume: {
    label: 'Resume',
    pendingLabel: 'Resuming…',
    title: (a) => `Resume ${a}?`,
    effect: (a) =>
      `${a} will report status "active" on its next configuration poll and take requests again. ` +
      'The change is recorded in the audit trail and can be undone.',
    done: (a) => `${a} is active again`,
    tone: 'default',
  },
  rollback_version: {
    label: 'Roll back',
    pendingLabel: 'Rolling back…',
    title: (a) => `Roll back ${a} to its previous configuration?`,
    effect: (a) =>
      `${a} gets the latest earlier configuration version that differs from the current one (model, rate limit, ` +
      'policy…), deployed as a new version; the current one is marked rolled back. Pausing is not affected. ' +
      'The change is recorded in the audit trail and can be undone.',
    done: (a) => `${a} was rolled back to its previous configuration`,
    tone: 'danger',
  },
};

/** The minimum role for any agent action (guardrail `@RequiresRole(Role.OPERATOR)`). */
export const ACTION_ROLE = 'operator' as const;
export const DENIED_REASON = 'Pausing, resuming and rolling back agents needs the operator or admin role.';
