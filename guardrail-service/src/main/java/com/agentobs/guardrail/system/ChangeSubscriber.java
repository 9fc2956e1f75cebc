package com.agentobs.guardrail.system;

import java.util.Set;

/** An in-memory cache kept current by database change notifications (see {@link DatabaseChangeListener}). */
public interface ChangeSubscriber {

	/** The {@code NOTIFY} channels this subscriber listens to. */
	Set<String> channels();

	/** One notification on one of {@link #channels()}, delivered after the changing transaction committed. */
	void onNotification(String channel, String payload);

	/**
	 * {@code true} once the listener is connected (drop anything cached before), {@code false} when the
	 * connection is lost (serve nothing from memory until it is back).
	 */
	void setListening(boolean listening);

}
