package com.agentobs.guardrail.agentcontrol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.contracts.hash.Sha256;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;
import com.agentobs.contracts.security.TokenClaims;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.ObjectMapper;

/**
 * The configuration agents poll on every request: cheap (served from {@link AgentConfigCache},
 * else one indexed row), with a strong
 * ETag over the configuration and {@code Cache-Control: no-cache} so a client may keep it
 * but revalidates every time ({@code If-None-Match} → 304); a change is visible on the very
 * next read.
 */
@RestController
class AgentConfigController {

	private final WorkspaceTransactions transactions;

	private final AgentStore agents;

	private final ConfigVersions versions;

	static final CacheControl CACHE_CONTROL = CacheControl.noCache().cachePrivate();

	private final ObjectMapper mapper;

	private final AgentConfigCache cache;

	private final ExperimentBlocks experiments;

	AgentConfigController(WorkspaceTransactions transactions, AgentStore agents, ConfigVersions versions,
			ObjectMapper mapper, AgentConfigCache cache, ExperimentBlocks experiments) {
		this.experiments = experiments;
		this.transactions = transactions;
		this.agents = agents;
		this.versions = versions;
		this.mapper = mapper;
		this.cache = cache;
	}

	@GetMapping("/api/v1/agents/{agent_id}/config")
	@RequiresRole(value = Role.VIEWER, agentPermission = TokenClaims.PERMISSION_CONFIG_READ)
	ResponseEntity<ApiResponse<AgentConfigResponse>> config(@PathVariable("agent_id") String agentId,
			@RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch, Caller caller) {
		long started = System.nanoTime();
		AgentIds.check(agentId);
		UUID ws = caller.workspaceId();
		AgentConfigCache.Read read = this.cache.read(ws, agentId, () -> {
			record Read(AgentState agent, List<ExperimentBlocks.Block> experiments) {
			}
			Read loaded = this.transactions.inWorkspace(ws,
					() -> new Read(this.agents.require(ws, agentId), this.experiments.running(ws, agentId)));
			AgentState agent = loaded.agent();
			AgentConfigResponse config = AgentConfigResponse.of(agent, this.versions.hash(agent.config()),
					loaded.experiments());
			return new AgentConfigCache.Entry(config, etag(config),
					PreparedConfigBody.of(this.mapper, config, filtersApplied(ws, agentId)));
		});
		AgentConfigCache.Entry entry = read.entry();
		if (matches(ifNoneMatch, entry.etag())) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(entry.etag()).cacheControl(CACHE_CONTROL).build();
		}
		return ResponseEntity.ok()
			.eTag(entry.etag())
			.cacheControl(CACHE_CONTROL)
			.body(ApiResponse.of(entry.config(), ResponseMeta.single(ResponseMeta.millisSince(started), read.fromMemory()),
					filtersApplied(ws, agentId)));
	}

	/** {@code filters_applied} of a configuration read, in a fixed order (the prepared body has the same). */
	static Map<String, Object> filtersApplied(UUID workspaceId, String agentId) {
		Map<String, Object> applied = new LinkedHashMap<>();
		applied.put("workspace_id", workspaceId.toString());
		applied.put("agent_id", agentId);
		return applied;
	}

	// GET /api/v1/agents/{agent_id}/config/versions
	@GetMapping("/api/v1/agents/{agent_id}/config/versions")
	@RequiresRole(Role.VIEWER)
	ApiResponse<List<ConfigVersionResponse>> versions(@PathVariable("agent_id") String agentId,
			StandardFilters filters, Caller caller) {
		long started = System.nanoTime();
		AgentIds.check(agentId);
		record Page(List<ConfigVersionResponse> items, long total) {
		}
		Page page = this.transactions.inWorkspace(caller.workspaceId(), () -> {
			AgentState agent = this.agents.require(caller.workspaceId(), agentId);
			return new Page(this.versions.list(caller.workspaceId(), agent.id(), filters.limit(), filters.offset()),
					this.versions.count(caller.workspaceId(), agent.id()));
		});
		Map<String, Object> applied = new LinkedHashMap<>();
		applied.put("workspace_id", caller.workspaceId().toString());
		applied.put("agent_id", agentId);
		return ApiResponse.of(page.items(),
				ResponseMeta.page(ResponseMeta.millisSince(started), false, page.total(), filters.page(), filters.limit()), applied);
	}

	String etag(AgentConfigResponse config) {
		return "\"" + Sha256.hex(this.mapper.writeValueAsBytes(config)).substring(0, 32) + "\"";
	}

	static boolean matches(String ifNoneMatch, String etag) {
		if (ifNoneMatch == null) {
			return false;
		}
		for (String candidate : ifNoneMatch.split(",")) {
			String tag = candidate.trim();
			if (tag.startsWith("W/")) {
				tag = tag.substring(2);
			}
			if (tag.equals("*") || tag.equals(etag)) {
				return true;
			}
		}
		return false;
	}



}
