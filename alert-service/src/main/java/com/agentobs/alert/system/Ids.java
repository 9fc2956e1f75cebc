package com.agentobs.alert.system;

import java.util.UUID;

import com.agentobs.contracts.error.ApiException;

/** Parses ids from paths and bodies: a malformed one is a 400 naming the field, never a 500. */
public final class Ids {

	private Ids() {
	}

	public static UUID uuid(String field, String value) {
		if (value == null || value.isBlank()) {
			throw ApiException.validation(field, "is required");
		}
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.validation(field, "must be a UUID");
		}
	}


}
