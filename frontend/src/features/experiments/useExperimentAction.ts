import { useAction } from '../actions';
import { invalidateExperiments, rollbackExperimentAction, runExperimentAction, type ExperimentAction } from './api';

const DONE: Record<ExperimentAction['kind'], string> = {
  create: 'Experiment created',
  start: 'Experiment started',
  pause: 'Experiment paused',
  stop: 'Experiment stopped',
  promote: 'Winner promoted to the agent configuration',
  declare_winner: 'Winner declared',
  abort_canary: 'Canary aborted',
};
const VERB: Record<ExperimentAction['kind'], string> = {
  create: 'create the experiment',
  start: 'start the experiment',
  pause: 'pause the experiment',
  stop: 'stop the experiment',
  promote: 'promote the winner',
  declare_winner: 'declare the winner',
  abort_canary: 'abort the canary',
};

/**
 * Runs an experiment or canary action through the shared action path (operator); undo is
 * evaluation-service's `POST /api/v1/experiments/actions/{id}/rollback`.
 */
export function useExperimentAction() {
  const action = useAction({ minRole: 'operator', rollback: rollbackExperimentAction, invalidate: invalidateExperiments });
  return {
    allowed: action.allowed,
    pending: (action.pendingRun?.id ?? null) as ExperimentAction['kind'] | null,
    run: (a: ExperimentAction) => action.run({ id: a.kind, done: DONE[a.kind], verb: VERB[a.kind], call: (key) => runExperimentAction(a, key) }),
  };
}
