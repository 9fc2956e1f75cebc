import { lazy } from 'react';

export const IncidentsPage = lazy(() => import('./IncidentsPage'));
