import { lazy } from 'react';

export const CostPage = lazy(() => import('./CostPage'));
