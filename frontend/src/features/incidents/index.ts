import { lazy } from 'react';

export const IncidentsPage = lazy(() => import('./IncidentsPage'));
export { alertItemSchema } from './api';
export type { AlertItem } from './api';
