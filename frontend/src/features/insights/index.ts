export { InsightsPanel } from './InsightsPanel';
export type { InsightTab } from './api';
export { draftPostmortem, postmortemFields } from './api';
export type { PostmortemDraft } from './api';
