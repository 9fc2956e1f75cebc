/**
 * The shared read layer over traces and their rollups, used by every analytics feature through
 * one bean, {@link com.agentobs.query.fleetdata.Fleet}: a read
 * ({@code fleet.read(source, scope).groupBy(Dim.AGENT).withLatency().fetch()}) is planned from the
 * {@link com.agentobs.query.fleetdata.RollupCatalog} (which rollup keeps the dimensions and
 * measures) and the window's {@link com.agentobs.query.fleetdata.Tiers} (raw traces for partial
 * hours, rollups for whole hours, 6-hour blocks and days: exact to the instant), with bound
 * parameters only, and returns typed {@link com.agentobs.query.fleetdata.FleetRow}s. Percentiles
 * come from merged latency histograms (log buckets, growth 1.05): within ±2.5 % of the exact value.
 */
package com.agentobs.query.fleetdata;
