import { lazy } from 'react';

/** Loaded on demand: each tab is its own chunk. */
export const HomePage = lazy(() => import('./HomePage'));
