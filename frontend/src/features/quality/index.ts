import { lazy } from 'react';

/** The Quality tab (route /quality): scores, trends, low-score drill-down, review queue and rubrics. */
export const QualityPage = lazy(() => import('./QualityPage'));
