package com.agentobs.contracts.action;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Every action endpoint (run or rollback) answers 201 with its audit row in the envelope. */
public final class ActionResponses {

	private ActionResponses() {
	}

	public static ResponseEntity<ApiResponse<ActionRecord>> created(ActionRecord record, long startedNanos) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(ApiResponse.of(record, ResponseMeta.single(ResponseMeta.millisSince(startedNanos), false)));
	}

}
