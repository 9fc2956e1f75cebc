/**
 * Shared read layer over traces and their rollups, used by every analytics feature:
 * {@link com.agentobs.query.fleetdata.Sources} plans a window as raw traces for its partial
 * hours, hourly rollups for whole hours and daily rollups for whole UTC days (exact to the
 * instant); {@link com.agentobs.query.fleetdata.FleetReader} aggregates the planned source
 * with bound parameters only, several groupings per scan. Percentiles are read from merged
 * latency histograms (log buckets, growth 1.05): within ±2.5 % of the exact value.
 */
package com.agentobs.query.fleetdata;
