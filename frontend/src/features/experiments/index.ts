import { lazy } from 'react';

/** The Experiments tab (route /experiments): A/B tests with significance, canaries, winners. */
export const ExperimentsPage = lazy(() => import('./ExperimentsPage'));
