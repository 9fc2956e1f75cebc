package com.agentobs.ingestion.queue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.error.ErrorCode;
import com.agentobs.contracts.stream.TraceIngestedEvent;
import com.agentobs.contracts.stream.TraceStreams;
import com.agentobs.ingestion.system.IngestionProperties;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Appends accepted traces to {@code traces:ingest}, one entry per request, behind two
 * bounds checked and applied in one Redis script (so every ingestion instance sees the
 * same state, and a 202 always means the entry is in Redis):
 *
 * <ul>
 * <li><b>Per workspace</b>: the traces of the workspace that processing has not yet
 * acknowledged, at most {@code workspace-max-backlog} × its weight. Each workspace keeps
 * the ids of its entries (with their trace counts) in Redis and drops them from its count
 * as processing's group acknowledges them, compared with the group's last-read id and its
 * pending entries (or when they were trimmed). A stuck entry — a poison entry waiting to
 * be dead-lettered — counts only for its own workspace, and only itself.</li>
 * <li><b>Over all workspaces</b>: the consumer group's lag (entries not yet read,
 * {@code XINFO GROUPS}), at most {@code max-backlog}: the bound on what Redis holds.
 * Entries already processed but not yet trimmed (the trim waits for the oldest pending
 * entry) do not count.</li>
 * </ul>
 * Either bound answers 429 with {@code Retry-After} before anything is appended. Nothing is
 * trimmed here, and processing needs to know nothing of this accounting.
 */
@Component
public class TraceQueue {

	/**
	 * A workspace's entries the group has not read yet, oldest first
	 * ({@code "<stream id> <traces>"}). The hash tag puts every key of the script in the
	 * stream's cluster slot.
	 */
	static final String BACKLOG_LIST_PREFIX = "{" + TraceStreams.INGEST + "}:backlog:";

	/** Entries of a workspace the group has read but not acknowledged yet (same member form as the list). */
	static final String BACKLOG_PARKED_PREFIX = "{" + TraceStreams.INGEST + "}:backlog-pending:";

	/** Hash workspace id → traces in its list and parked set (the workspace's backlog). */
	static final String BACKLOG_COUNTS = "{" + TraceStreams.INGEST + "}:backlog-traces";

	/** A workspace's keys untouched this long are dropped (a workspace that stopped sending; a lost stream). */
	private static final Duration LIST_TTL = Duration.ofDays(1);

	/** Entries examined per request in the list and in the parked set: bounds the script's time; the rest waits. */
	private static final int PRUNE_STEPS = 1000;

	/**
	 * KEYS: stream, workspace list, workspace parked set, counts hash. ARGV: group,
	 * workspace, workspace bound, stream bound, traces, payload, key TTL ms, workspace field,
	 * payload field, prune steps. Returns {"ok", id} or {"workspace"|"stream", backlog}.
	 *
	 * <p>A list entry the group has read leaves the list: acknowledged, it leaves the count;
	 * still pending, it is parked in the set and leaves the count once acknowledged (or
	 * trimmed), so one stuck entry does not hold the workspace's later ones.
	 */
	private static final String ENQUEUE = """
			local stream, list, parked, counts = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
			local group, ws = ARGV[1], ARGV[2]
			local wsBound, streamBound, n = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
			local steps = tonumber(ARGV[10])
			local function before(a, b)
			  local am, as = string.match(a, '^(%d+)-(%d+)$')
			  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
			  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
			  if am ~= bm then return am < bm end
			  return as < bs
			end
			local lag = 0
			if redis.call('EXISTS', stream) == 0 then
			  redis.call('DEL', list, parked)
			else
			  local found, lastRead = false, '0-0'
			  for _, g in ipairs(redis.call('XINFO', 'GROUPS', stream)) do
			    local info = {}
			    for i = 1, #g, 2 do info[g[i]] = g[i + 1] end
			    if info['name'] == group then
			      found, lastRead, lag = true, info['last-delivered-id'], info['lag']
			    end
			  end
			  if not found or not lag then
			    -- no consumer yet, or a lag Redis cannot tell (entries deleted mid-stream): every entry counts
			    lag = redis.call('XLEN', stream)
			  end
			  local first = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)[1]
			  local function settled(id)
			    return not found or first == nil or before(id, first[1])
			      or #redis.call('XPENDING', stream, group, id, id, 1) == 0
			  end
			  for _, member in ipairs(redis.call('SRANDMEMBER', parked, steps)) do
			    local id, traces = string.match(member, '^(%S+) (%d+)$')
			    if settled(id) then
			      redis.call('SREM', parked, member)
			      redis.call('HINCRBY', counts, ws, -tonumber(traces))
			    end
			  end
			  for _ = 1, steps do
			    local head = redis.call('LINDEX', list, 0)
			    if not head then break end
			    local id, traces = string.match(head, '^(%S+) (%d+)$')
			    if first ~= nil and not before(id, first[1]) and before(lastRead, id) then break end
			    redis.call('LPOP', list)
			    if settled(id) then
			      redis.call('HINCRBY', counts, ws, -tonumber(traces))
			    else
			      redis.call('SADD', parked, head)
			    end
			  end
			end
			if redis.call('LLEN', list) == 0 and redis.call('SCARD', parked) == 0 then
			  redis.call('HDEL', counts, ws)
			end
			local backlog = tonumber(redis.call('HGET', counts, ws) or '0')
			if backlog >= wsBound then
			  return {'workspace', tostring(backlog)}
			end
			if lag >= streamBound then
			  return {'stream', tostring(lag)}
			end
			local id = redis.call('XADD', stream, '*', ARGV[8], ws, ARGV[9], ARGV[6])
			redis.call('RPUSH', list, id .. ' ' .. n)
			redis.call('PEXPIRE', list, ARGV[7])
			redis.call('PEXPIRE', parked, ARGV[7])
			redis.call('HINCRBY', counts, ws, n)
			return {'ok', id}
			""";

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> SCRIPT = RedisScript.of(ENQUEUE, List.class);

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final IngestionProperties.Stream settings;

	private final Counter refusedWorkspace;

	private final Counter refusedStream;

	private final Counter enqueuedTraces;

	TraceQueue(StringRedisTemplate redis, JsonMapper json, IngestionProperties properties, MeterRegistry meters) {
		this.redis = redis;
		this.json = json;
		this.settings = properties.stream();
		this.refusedWorkspace = meters.counter("agentobs.ingest.refused", "reason", "workspace_backlog");
		this.refusedStream = meters.counter("agentobs.ingest.refused", "reason", "backlog");
		this.enqueuedTraces = meters.counter("agentobs.ingest.enqueued.traces");
	}

	/**
	 * Appends the event, or answers 429 when its workspace or the whole stream is over its
	 * bound, 503 when Redis cannot be reached (the entry may then be in the stream or not:
	 * a client retry is safe, processing writes each trace id once).
	 */
	public RecordId enqueue(TraceIngestedEvent event) {
		UUID workspace = event.workspaceId();
		long traces = Math.max(1, event.traces().size() + event.spans().size());
		List<?> result;
		try {
			result = this.redis.execute(SCRIPT,
					List.of(TraceStreams.INGEST, BACKLOG_LIST_PREFIX + workspace, BACKLOG_PARKED_PREFIX + workspace,
							BACKLOG_COUNTS),
					TraceStreams.PROCESSORS_GROUP, workspace.toString(),
					Long.toString(this.settings.workspaceBound(workspace)), Long.toString(this.settings.maxBacklog()),
					Long.toString(traces), this.json.writeValueAsString(event), Long.toString(LIST_TTL.toMillis()),
					TraceStreams.FIELD_WORKSPACE, TraceStreams.FIELD_PAYLOAD, Integer.toString(PRUNE_STEPS));
		}
		catch (DataAccessException ex) {
			throw ApiException.unavailable("The ingest queue cannot be reached; retry after "
					+ this.settings.retryAfterSeconds() + " s", this.settings.retryAfterSeconds());
		}
		String outcome = String.valueOf(result.get(0));
		String value = String.valueOf(result.get(1));
		if (outcome.equals("ok")) {
			this.enqueuedTraces.increment(event.traces().size());
			return RecordId.of(value);
		}
		boolean ownShare = outcome.equals("workspace");
		(ownShare ? this.refusedWorkspace : this.refusedStream).increment();
		throw full(ownShare, Long.parseLong(value),
				ownShare ? this.settings.workspaceBound(workspace) : this.settings.maxBacklog());
	}

	private ApiException full(boolean ownShare, long backlog, long limit) {
		long retryAfter = this.settings.retryAfterSeconds();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("scope", ownShare ? "workspace" : "all_workspaces");
		details.put("backlog", backlog);
		details.put("limit", limit);
		details.put("retry_after_seconds", retryAfter);
		String message = ownShare
				? "This workspace has " + backlog + " traces waiting to be processed (limit " + limit + "); retry after "
						+ retryAfter + " s"
				: "The ingest queue is full; retry after " + retryAfter + " s";
		return new ApiException(ErrorCode.RATE_LIMITED, message, details, retryAfter);
	}

}
