package com.agentobs.ingestion.rest;

import java.util.List;

// POST /api/v1/traces → 202 {"data": {accepted, rejected[], trace_ids[]}}
record IngestTracesResponse(int accepted, List<Rejection> rejected, List<String> traceIds) {

	IngestTracesResponse {
		rejected = List.copyOf(rejected);
		traceIds = List.copyOf(traceIds);
	}

	/** One trace of the batch that was not accepted, by its position in the request. */
	record Rejection(int index, String field, String message) {
	}

}
