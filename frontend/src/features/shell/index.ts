export { AppShell } from './AppShell';
export { TabPage } from './TabPage';
export { TABS } from './tabs';
export type { TabDef } from './tabs';
