import type { TimeRange } from '../filters';

export interface TabDef {
  path: string;
  /** localStorage key for this page's filters. */
  page: string;
  label: string;
  defaultRange: TimeRange;
}

/**
 * The product's 11 tabs in order. Only tabs whose backend exists are listed; each later
 * issue adds its entry when its backend lands; tabs without one are left out of the navigation. The trace explorer is the drill-down level under them.
 */
export const TABS: TabDef[] = [
  { path: '/', page: 'home', label: 'Home', defaultRange: '24h' },
  { path: '/usage', page: 'usage', label: 'Usage', defaultRange: '30d' },
  { path: '/cost', page: 'cost', label: 'Cost', defaultRange: '30d' },
  { path: '/performance', page: 'performance', label: 'Performance', defaultRange: '24h' },
  { path: '/quality', page: 'quality', label: 'Quality', defaultRange: '7d' },
  { path: '/safety', page: 'safety', label: 'Safety', defaultRange: '30d' },
  { path: '/business', page: 'business', label: 'Business', defaultRange: '30d' },
  { path: '/incidents', page: 'incidents', label: 'Incidents', defaultRange: '30d' },
  { path: '/experiments', page: 'experiments', label: 'Experiments', defaultRange: '30d' },
  { path: '/configuration', page: 'configuration', label: 'Configuration', defaultRange: '30d' },
  { path: '/automations', page: 'automations', label: 'Automations', defaultRange: '30d' },
  { path: '/traces', page: 'traces', label: 'Traces', defaultRange: '24h' },
];
