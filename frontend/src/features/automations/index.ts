import { lazy } from 'react';

export const AutomationsPage = lazy(() => import('./AutomationsPage'));
