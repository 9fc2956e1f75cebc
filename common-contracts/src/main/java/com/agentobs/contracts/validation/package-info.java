/**
 * Input rules shared by every service: text that can be stored and shown
 * ({@link com.agentobs.contracts.validation.PlainTexts}, {@code @PlainText}) and the
 * accepted window for client-supplied timestamps ({@link com.agentobs.contracts.validation.Timestamps}).
 */
package com.agentobs.contracts.validation;
