import type { ReactNode } from 'react';
import { FilterBar, FilterProvider } from '../filters';
import type { TabDef } from './tabs';

/** A tab: its own filter context (URL > this page's localStorage > its default range) and FilterBar. */
export function TabPage({ tab, children }: { tab: TabDef; children: ReactNode }) {
  return (
    <FilterProvider page={tab.page} defaultRange={tab.defaultRange}>
      <h1 className="page-title">{tab.label}</h1>
      <FilterBar />
      {children}
    </FilterProvider>
  );
}
