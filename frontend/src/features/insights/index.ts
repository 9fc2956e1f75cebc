export { InsightsPanel } from './InsightsPanel';
export type { InsightTab } from './api';
