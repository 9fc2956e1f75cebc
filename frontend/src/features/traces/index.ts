import { lazy } from 'react';

export const TraceExplorerPage = lazy(() => import('./TraceExplorerPage'));
