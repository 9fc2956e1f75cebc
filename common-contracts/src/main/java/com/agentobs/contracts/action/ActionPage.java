package com.agentobs.contracts.action;

import java.util.List;

/** One page of the audit trail, newest first; {@code nextCursor} is {@code null} on the last page. */
public record ActionPage(List<ActionRecord> items, long total, String nextCursor) {

	public ActionPage {
		items = List.copyOf(items);
	}

}
