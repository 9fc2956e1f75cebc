export { UnpricedTraffic, WorkspacePrices, RecomputeProgress } from './PricingPanels';
