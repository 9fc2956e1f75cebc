/**
 * The ingest payload shared by ingestion (which validates and enqueues it) and processing
 * (which enriches and writes it). Wire names are snake_case like every other API.
 */
package com.agentobs.contracts.ingest;
