package com.agentobs.guardrail.agentcontrol;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.agentobs.guardrail.system.ChangeSubscriber;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The effective configurations agents poll, in memory, with their ETag computed once, so a
 * read costs no database transaction. Correctness rules:
 * <ul>
 * <li>Only used while the database change listener is listening to the database's
 * change notifications ({@code NOTIFY agentobs_agent_config}, sent by a trigger on
 * {@code agents} at commit, V051): otherwise every read goes to the database.</li>
 * <li>A change made by this instance is evicted when its transaction commits, before the
 * action's answer is sent, so the very next read here sees it; other instances evict on the
 * notification, which PostgreSQL delivers at the same commit.</li>
 * <li>A load that raced with an eviction is not kept: every eviction bumps a generation and
 * an entry loaded under an older generation is dropped.</li>
 * </ul>
 */
@Component
class AgentConfigCache implements ChangeSubscriber {

	/** Sent by a trigger on {@code agents} with {@code '<workspace_id> <agent_id>'} (V051). */
	static final String CHANNEL = "agentobs_agent_config";

	/**
	 * One agent's effective configuration, its strong ETag and, when prepared, its 200 body
	 * for {@link AgentConfigFastPath} (null: that read goes through the controller).
	 */
	record Entry(AgentConfigResponse config, String etag, PreparedConfigBody body) {

		Entry(AgentConfigResponse config, String etag) {
			this(config, etag, null);
		}

	}

	/** An entry and whether it came from memory ({@code meta.cached}). */
	record Read(Entry entry, boolean fromMemory) {
	}

	private record Key(UUID workspaceId, String agentId) {
	}

	private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	private final int maxEntries;

	private volatile boolean listening;

	AgentConfigCache(AgentControlProperties properties) {
		this.maxEntries = properties.configCacheMaxEntries();
	}

	/** The cached entry, else {@code loader}'s (kept only if nothing was evicted meanwhile). */
	Entry get(UUID workspaceId, String agentId, Supplier<Entry> loader) {
		return read(workspaceId, agentId, loader).entry();
	}

	Read read(UUID workspaceId, String agentId, Supplier<Entry> loader) {
		if (!this.listening || this.maxEntries == 0) {
			return new Read(loader.get(), false);
		}
		Key key = new Key(workspaceId, agentId);
		Entry cached = this.entries.get(key);
		if (cached != null) {
			return new Read(cached, true);
		}
		long before = this.generation.get();
		Entry loaded = loader.get();
		if (this.entries.size() >= this.maxEntries) {
			this.entries.clear();
		}
		this.entries.put(key, loaded);
		// evictions bump the generation before removing: if one ran since the load began, the
		// loaded entry may predate it and must not be served
		if (this.generation.get() != before || !this.listening) {
			this.entries.remove(key, loaded);
		}
		return new Read(loaded, false);
	}

	/** The entry held in memory, or {@code null} (not cached, or the cache is bypassed): never loads. */
	Entry peek(UUID workspaceId, String agentId) {
		if (!this.listening) {
			return null;
		}
		return this.entries.get(new Key(workspaceId, agentId));
	}

	boolean isCached(UUID workspaceId, String agentId) {
		return this.entries.containsKey(new Key(workspaceId, agentId));
	}

	void evict(UUID workspaceId, String agentId) {
		this.generation.incrementAndGet();
		this.entries.remove(new Key(workspaceId, agentId));
	}

	/** Evicts the agent when the current transaction commits (at once outside a transaction). */
	void evictAfterCommit(UUID workspaceId, String agentId) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			evict(workspaceId, agentId);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				// also after a rollback: harmless, and a load may have raced with the attempt
				evict(workspaceId, agentId);
			}
		});
	}

	void clear() {
		this.generation.incrementAndGet();
		this.entries.clear();
	}

	@Override
	public Set<String> channels() {
		return Set.of(CHANNEL);
	}

	@Override
	public void onNotification(String channel, String payload) {
		int space = (payload != null) ? payload.indexOf(' ') : -1;
		if (space < 0) {
			clear();
			return;
		}
		try {
			evict(UUID.fromString(payload.substring(0, space)), payload.substring(space + 1));
		}
		catch (IllegalArgumentException ex) {
			clear();
		}
	}

	@Override
	public void setListening(boolean listening) {
		this.listening = listening;
		clear();
	}

	boolean listening() {
		return this.listening;
	}

}
