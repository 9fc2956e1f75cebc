import { lazy } from 'react';

/** The Configuration tab: drift, version history and diffs, policy compliance, approvals, role grants. */
export const ConfigurationPage = lazy(() => import('./ConfigurationPage'));
