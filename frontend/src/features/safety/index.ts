import { lazy } from 'react';

/** The Safety tab: violations fleet-wide, policies (editable by admins), the inline check's "try it" box. */
export const SafetyPage = lazy(() => import('./SafetyPage'));
