/**
 * Shared read layer over traces and their rollups, used by every analytics feature:
 * {@link com.agentobs.query.fleetdata.Sources} picks raw traces (windows up to
 * {@code agentobs.query.raw-max-window}, exact), {@code traces_hourly}, or daily rollups
 * with hourly edges; {@link com.agentobs.query.fleetdata.FleetReader} aggregates the
 * chosen source with bound parameters only. Percentiles are read from merged latency
 * histograms (log buckets, growth 1.05): within ±2.5 % of the exact value.
 */
package com.agentobs.query.fleetdata;
