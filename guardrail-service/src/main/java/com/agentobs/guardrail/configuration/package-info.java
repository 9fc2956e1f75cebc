/**
 * Configuration &amp; Policy (tab 10): configuration diffs and hashes ({@code diff}), drift between
 * what agents run and what was approved ({@code drift}), CEL governance policies and compliance
 * ({@code policy}), change approvals ({@code approvals}), role grants ({@code rbac}) and the tab's
 * reads ({@code read}). Configuration changes go through the agent control plane's
 * {@link com.agentobs.guardrail.agentcontrol.AgentConfigurations} inside actions.
 */
package com.agentobs.guardrail.configuration;
