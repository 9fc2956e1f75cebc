package com.agentobs.guardrail.agentcontrol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import com.agentobs.contracts.action.ActionContext;
import com.agentobs.contracts.action.ActionHandler;
import com.agentobs.contracts.action.ActionOutcome;
import com.agentobs.contracts.action.ActionTarget;

/**
 * Sets one on/off switch of an agent ({@link #PAUSED}, {@link #QUARANTINED}): each switch has a
 * pair of actions that differ only in the type and the value. Inverse: the previous value, in
 * the switch's own state record (the shape stored with every action, so undo keeps working).
 * The result names the switch: {@code agent_id}, {@code is_<name>}, {@code was_<name>}.
 */
abstract class SetAgentSwitchAction<S> implements ActionHandler<AgentChange, S> {

	/** Pause and resume: the effective configuration says {@code paused} while it is on. */
	static final Switch<PausedState> PAUSED = new Switch<>("paused", PausedState.class, AgentState::paused,
			AgentStore::setPaused, PausedState::new, PausedState::agentId, PausedState::paused);

	/**
	 * Quarantine and release: while it is on, every inline guardrail check of the agent answers
	 * {@code block} and its effective configuration says {@code quarantined}.
	 */
	static final Switch<QuarantineState> QUARANTINED = new Switch<>("quarantined", QuarantineState.class,
			AgentState::quarantined, AgentStore::setQuarantined, QuarantineState::new, QuarantineState::agentId,
			QuarantineState::quarantined);

	private final AgentStore agents;

	private final String type;

	private final Switch<S> agentSwitch;

	private final boolean on;

	SetAgentSwitchAction(AgentStore agents, String type, Switch<S> agentSwitch, boolean on) {
		this.agents = agents;
		this.type = type;
		this.agentSwitch = agentSwitch;
		this.on = on;
	}

	@Override
	public String type() {
		return this.type;
	}

	@Override
	public Class<AgentChange> paramsType() {
		return AgentChange.class;
	}

	@Override
	public Class<S> inverseType() {
		return this.agentSwitch.stateType();
	}

	@Override
	public ActionTarget prepare(ActionContext context, AgentChange params) {
		return ActionTarget.agent(this.agents.require(context.workspaceId(), params.agentId()).agentId());
	}

	@Override
	public ActionOutcome<S> execute(ActionContext context, AgentChange params) {
		AgentState agent = this.agents.lock(context.workspaceId(), params.agentId());
		boolean was = this.agentSwitch.current().test(agent);
		this.agentSwitch.write().set(this.agents, context.workspaceId(), agent.id(), this.on);
		return ActionOutcome.of(result(agent.agentId(), this.on, was),
				this.agentSwitch.state().apply(agent.agentId(), was));
	}

	@Override
	public Object revert(ActionContext context, S inverse) {
		AgentState agent = this.agents.lock(context.workspaceId(), this.agentSwitch.stateAgent().apply(inverse));
		boolean restored = this.agentSwitch.stateValue().test(inverse);
		this.agentSwitch.write().set(this.agents, context.workspaceId(), agent.id(), restored);
		return result(agent.agentId(), restored, this.agentSwitch.current().test(agent));
	}

	private Map<String, Object> result(String agentId, boolean value, boolean was) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("agent_id", agentId);
		result.put("is_" + this.agentSwitch.name(), value);
		result.put("was_" + this.agentSwitch.name(), was);
		return result;
	}

	/**
	 * One switch: its name in results, its inverse record and how that is built and read, and how
	 * the switch is read from an agent and written to the store.
	 */
	record Switch<S>(String name, Class<S> stateType, Predicate<AgentState> current, Writer write,
			BiFunction<String, Boolean, S> state, Function<S, String> stateAgent, Predicate<S> stateValue) {
	}

	/** Writes a switch of agent {@code id} in workspace {@code ws}. */
	@FunctionalInterface
	interface Writer {

		void set(AgentStore agents, UUID ws, UUID id, boolean on);

	}

}
