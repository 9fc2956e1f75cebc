import { lazy } from 'react';

export const BusinessPage = lazy(() => import('./BusinessPage'));
