package com.agentobs.contracts.security;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Workspace roles, ordered: reads < exports and saved views < actions < policy, RBAC and keys. */
public enum Role {

	VIEWER, ANALYST, OPERATOR, ADMIN;

	public static final List<String> CODES = Arrays.stream(values()).map(Role::code).toList();

	public String code() {
		return name().toLowerCase();
	}

	public boolean atLeast(Role required) {
		return compareTo(required) >= 0;
	}

	public static Optional<Role> fromCode(String code) {
		return Arrays.stream(values()).filter((r) -> r.code().equals(code)).findFirst();
	}

}
