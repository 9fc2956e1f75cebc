export { describeActionError, useAction, UNDO_WINDOW_MS } from './useAction';
export type { ActionOptions, ActionRun } from './useAction';
