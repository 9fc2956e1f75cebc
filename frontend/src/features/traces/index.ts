import { lazy } from 'react';

export const TraceExplorerPage = lazy(() => import('./TraceExplorerPage'));
export { traceSummarySchema } from './api';
export type { TraceSummary } from './api';
