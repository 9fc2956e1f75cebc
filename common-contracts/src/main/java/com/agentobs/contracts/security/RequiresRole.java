package com.agentobs.contracts.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The minimum role for an endpoint (method or controller class). Without it, {@code GET}
 * and {@code HEAD} need {@code viewer} and every other method {@code operator}.
 * {@link #agentPermission()} additionally admits agent tokens that carry that permission.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresRole {

	Role value();

	/** A permission that lets an agent (API-key) token call the endpoint; empty = users only. */
	String agentPermission() default "";

}
