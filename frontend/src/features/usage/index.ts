import { lazy } from 'react';

export const UsagePage = lazy(() => import('./UsagePage'));
