/** Stream names and the event records that travel on them (ingestion → processing → consumers). */
package com.agentobs.contracts.stream;
