import { lazy } from 'react';

export const PerformancePage = lazy(() => import('./PerformancePage'));
