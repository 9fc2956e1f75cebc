package com.agentobs.ingestion.otlp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which OTLP attributes give which trace and span fields, declared as data: for every
 * {@link Field}, its sources in order of precedence (the first one present wins). One table
 * for every instrumentation convention, so protobuf and JSON exports, and agents instrumented
 * by different libraries, map the same way. Names are the conventions' published ones:
 * OpenTelemetry GenAI (current and deprecated), OpenInference, OpenLLMetry/Traceloop, OpenLIT
 * and the Vercel AI SDK.
 */
final class OtlpAttributeMap {

	/** Our fields an OTLP span or its resource can fill. */
	enum Field {

		AGENT, ENVIRONMENT, VERSION, USER, SESSION, MODEL, PROVIDER, TOKENS_INPUT, TOKENS_OUTPUT, TOKENS_TOTAL,
		TOKENS_CACHE_READ, TOKENS_CACHE_WRITE, TOKENS_REASONING, COST, INPUT, OUTPUT, SPAN_TYPE, TOOL_NAME, TAGS,
		METADATA, INTENT, SAMPLE_RATE

	}

	/** Who publishes the attribute name (documentation, and the tests' coverage per convention). */
	enum Convention {

		AGENTOBS, OTEL_RESOURCE, GENAI, GENAI_DEPRECATED, OPENINFERENCE, OPENLLMETRY, OPENLIT, VERCEL_AI

	}

	/**
	 * Where a source is read: the span's attributes, its resource's, one attribute of a span
	 * event named {@code event}, the indexed family {@code key.N.content} (with {@code key.N.role}),
	 * or every span attribute under the prefix {@code key.}.
	 */
	enum Where {

		SPAN, RESOURCE, EVENT, INDEXED, PREFIX

	}

	/**
	 * One source of a field. {@code values}, when set, translates the attribute's value
	 * (span kinds onto our span types); a value missing from it does not match.
	 */
	record Source(Field field, Where where, String key, String event, Convention convention,
			Map<String, String> values) {
	}

	/** OpenInference span kinds onto our span types. */
	static final Map<String, String> OPENINFERENCE_KINDS = Map.of("LLM", "llm", "EMBEDDING", "llm", "TOOL", "tool",
			"RETRIEVER", "retrieval", "RERANKER", "retrieval", "GUARDRAIL", "guardrail", "CHAIN", "other", "AGENT",
			"other", "EVALUATOR", "other", "PROMPT", "other");

	/** GenAI {@code gen_ai.operation.name} values onto our span types. */
	static final Map<String, String> GENAI_OPERATIONS = Map.of("chat", "llm", "text_completion", "llm",
			"generate_content", "llm", "embeddings", "llm", "completion", "llm", "execute_tool", "tool", "retrieval",
			"retrieval", "invoke_agent", "other", "create_agent", "other", "invoke_workflow", "other");

	/** Traceloop {@code traceloop.span.kind} values (workflow, task, agent, tool). */
	static final Map<String, String> TRACELOOP_KINDS = Map.of("workflow", "other", "task", "other", "agent", "other",
			"tool", "tool");

	/** OpenLLMetry {@code llm.request.type} values: every one is a model call. */
	static final Map<String, String> TRACELOOP_REQUEST_TYPES = Map.of("chat", "llm", "completion", "llm",
			"embedding", "llm", "rerank", "retrieval");

	/** Vercel AI SDK {@code ai.operationId}: the provider calls ({@code do*}) and tool calls. */
	static final Map<String, String> VERCEL_OPERATIONS = Map.of("ai.generateText.doGenerate", "llm",
			"ai.streamText.doStream", "llm", "ai.generateObject.doGenerate", "llm", "ai.streamObject.doStream", "llm",
			"ai.embed.doEmbed", "llm", "ai.embedMany.doEmbed", "llm", "ai.toolCall", "tool", "ai.generateText", "other",
			"ai.streamText", "other");

	/** Every source, in order of precedence within its field. */
	static final List<Source> SOURCES = List.of(
			// agent identity: an explicit attribute on the span or resource, then the service
			span(Field.AGENT, "agentobs.agent_id", Convention.AGENTOBS),
			resource(Field.AGENT, "agentobs.agent_id", Convention.AGENTOBS),
			span(Field.AGENT, "gen_ai.agent.name", Convention.GENAI),
			resource(Field.AGENT, "gen_ai.agent.name", Convention.GENAI),
			resource(Field.AGENT, "service.name", Convention.OTEL_RESOURCE),
			resource(Field.ENVIRONMENT, "deployment.environment.name", Convention.OTEL_RESOURCE),
			resource(Field.ENVIRONMENT, "deployment.environment", Convention.OTEL_RESOURCE),
			span(Field.ENVIRONMENT, "deployment.environment.name", Convention.OTEL_RESOURCE),
			span(Field.ENVIRONMENT, "gen_ai.environment", Convention.OPENLIT),
			resource(Field.VERSION, "service.version", Convention.OTEL_RESOURCE),
			span(Field.VERSION, "gen_ai.agent.version", Convention.GENAI),
			span(Field.USER, "agentobs.user_id", Convention.AGENTOBS),
			span(Field.USER, "user.id", Convention.OPENINFERENCE),
			span(Field.USER, "enduser.id", Convention.OTEL_RESOURCE),
			span(Field.USER, "traceloop.association.properties.user_id", Convention.OPENLLMETRY),
			span(Field.USER, "llm.user", Convention.OPENLLMETRY),
			span(Field.USER, "gen_ai.request.user", Convention.OPENLIT),
			span(Field.USER, "ai.telemetry.metadata.userId", Convention.VERCEL_AI),
			resource(Field.USER, "user.id", Convention.OPENINFERENCE),
			span(Field.SESSION, "agentobs.session_id", Convention.AGENTOBS),
			span(Field.SESSION, "session.id", Convention.OPENINFERENCE),
			span(Field.SESSION, "gen_ai.conversation.id", Convention.GENAI),
			span(Field.SESSION, "traceloop.association.properties.session_id", Convention.OPENLLMETRY),
			span(Field.SESSION, "ai.telemetry.metadata.sessionId", Convention.VERCEL_AI),
			resource(Field.SESSION, "session.id", Convention.OPENINFERENCE),
			// the model that answered before the one asked for
			span(Field.MODEL, "gen_ai.response.model", Convention.GENAI),
			span(Field.MODEL, "gen_ai.request.model", Convention.GENAI),
			span(Field.MODEL, "llm.model_name", Convention.OPENINFERENCE),
			span(Field.MODEL, "embedding.model_name", Convention.OPENINFERENCE),
			span(Field.MODEL, "ai.response.model", Convention.VERCEL_AI),
			span(Field.MODEL, "ai.model.id", Convention.VERCEL_AI),
			span(Field.PROVIDER, "gen_ai.provider.name", Convention.GENAI),
			span(Field.PROVIDER, "gen_ai.system", Convention.GENAI_DEPRECATED),
			span(Field.PROVIDER, "llm.provider", Convention.OPENINFERENCE),
			span(Field.PROVIDER, "llm.system", Convention.OPENINFERENCE),
			span(Field.PROVIDER, "ai.model.provider", Convention.VERCEL_AI),
			span(Field.TOKENS_INPUT, "gen_ai.usage.input_tokens", Convention.GENAI),
			span(Field.TOKENS_INPUT, "gen_ai.usage.prompt_tokens", Convention.GENAI_DEPRECATED),
			span(Field.TOKENS_INPUT, "llm.token_count.prompt", Convention.OPENINFERENCE),
			span(Field.TOKENS_INPUT, "ai.usage.inputTokens", Convention.VERCEL_AI),
			span(Field.TOKENS_INPUT, "ai.usage.promptTokens", Convention.VERCEL_AI),
			span(Field.TOKENS_OUTPUT, "gen_ai.usage.output_tokens", Convention.GENAI),
			span(Field.TOKENS_OUTPUT, "gen_ai.usage.completion_tokens", Convention.GENAI_DEPRECATED),
			span(Field.TOKENS_OUTPUT, "llm.token_count.completion", Convention.OPENINFERENCE),
			span(Field.TOKENS_OUTPUT, "ai.usage.outputTokens", Convention.VERCEL_AI),
			span(Field.TOKENS_OUTPUT, "ai.usage.completionTokens", Convention.VERCEL_AI),
			span(Field.TOKENS_TOTAL, "llm.token_count.total", Convention.OPENINFERENCE),
			span(Field.TOKENS_TOTAL, "llm.usage.total_tokens", Convention.OPENLLMETRY),
			span(Field.TOKENS_TOTAL, "gen_ai.usage.total_tokens", Convention.OPENLIT),
			span(Field.TOKENS_TOTAL, "ai.usage.totalTokens", Convention.VERCEL_AI),
			span(Field.TOKENS_CACHE_READ, "gen_ai.usage.cache_read.input_tokens", Convention.GENAI),
			span(Field.TOKENS_CACHE_READ, "llm.token_count.prompt_details.cache_read", Convention.OPENINFERENCE),
			span(Field.TOKENS_CACHE_READ, "gen_ai.usage.cache_read_input_tokens", Convention.OPENLLMETRY),
			span(Field.TOKENS_CACHE_READ, "ai.usage.cachedInputTokens", Convention.VERCEL_AI),
			span(Field.TOKENS_CACHE_WRITE, "gen_ai.usage.cache_creation.input_tokens", Convention.GENAI),
			span(Field.TOKENS_CACHE_WRITE, "llm.token_count.prompt_details.cache_write", Convention.OPENINFERENCE),
			span(Field.TOKENS_CACHE_WRITE, "gen_ai.usage.cache_creation_input_tokens", Convention.OPENLLMETRY),
			span(Field.TOKENS_REASONING, "gen_ai.usage.reasoning.output_tokens", Convention.GENAI),
			span(Field.TOKENS_REASONING, "llm.token_count.completion_details.reasoning", Convention.OPENINFERENCE),
			span(Field.TOKENS_REASONING, "gen_ai.usage.reasoning_tokens", Convention.OPENLIT),
			span(Field.TOKENS_REASONING, "ai.usage.reasoningTokens", Convention.VERCEL_AI),
			span(Field.COST, "agentobs.cost_usd", Convention.AGENTOBS),
			span(Field.COST, "gen_ai.usage.cost", Convention.OPENLIT),
			span(Field.COST, "llm.cost.total", Convention.OPENINFERENCE),
			// content: the convention's own text first, then structured messages, then the older forms
			span(Field.INPUT, "agentobs.input", Convention.AGENTOBS),
			span(Field.INPUT, "input.value", Convention.OPENINFERENCE),
			span(Field.INPUT, "traceloop.entity.input", Convention.OPENLLMETRY),
			span(Field.INPUT, "gen_ai.input.messages", Convention.GENAI),
			event(Field.INPUT, "gen_ai.content.prompt", "gen_ai.prompt", Convention.GENAI_DEPRECATED),
			span(Field.INPUT, "gen_ai.prompt", Convention.GENAI_DEPRECATED),
			indexed(Field.INPUT, "gen_ai.prompt", Convention.OPENLLMETRY),
			span(Field.INPUT, "ai.prompt.messages", Convention.VERCEL_AI),
			span(Field.INPUT, "ai.prompt", Convention.VERCEL_AI),
			span(Field.INPUT, "gen_ai.system_instructions", Convention.GENAI),
			span(Field.OUTPUT, "agentobs.output", Convention.AGENTOBS),
			span(Field.OUTPUT, "output.value", Convention.OPENINFERENCE),
			span(Field.OUTPUT, "traceloop.entity.output", Convention.OPENLLMETRY),
			span(Field.OUTPUT, "gen_ai.output.messages", Convention.GENAI),
			event(Field.OUTPUT, "gen_ai.content.completion", "gen_ai.completion", Convention.GENAI_DEPRECATED),
			span(Field.OUTPUT, "gen_ai.completion", Convention.GENAI_DEPRECATED),
			indexed(Field.OUTPUT, "gen_ai.completion", Convention.OPENLLMETRY),
			span(Field.OUTPUT, "ai.response.text", Convention.VERCEL_AI),
			span(Field.OUTPUT, "ai.response.object", Convention.VERCEL_AI),
			kind("openinference.span.kind", OPENINFERENCE_KINDS, Convention.OPENINFERENCE),
			kind("gen_ai.operation.name", GENAI_OPERATIONS, Convention.GENAI),
			kind("traceloop.span.kind", TRACELOOP_KINDS, Convention.OPENLLMETRY),
			kind("llm.request.type", TRACELOOP_REQUEST_TYPES, Convention.OPENLLMETRY),
			kind("ai.operationId", VERCEL_OPERATIONS, Convention.VERCEL_AI),
			span(Field.TOOL_NAME, "gen_ai.tool.name", Convention.GENAI),
			span(Field.TOOL_NAME, "tool.name", Convention.OPENINFERENCE),
			span(Field.TOOL_NAME, "ai.toolCall.name", Convention.VERCEL_AI),
			span(Field.TAGS, "tag.tags", Convention.OPENINFERENCE),
			span(Field.METADATA, "metadata", Convention.OPENINFERENCE),
			prefix(Field.METADATA, "traceloop.association.properties", Convention.OPENLLMETRY),
			prefix(Field.METADATA, "ai.telemetry.metadata", Convention.VERCEL_AI),
			span(Field.INTENT, "agentobs.intent_category", Convention.AGENTOBS),
			span(Field.SAMPLE_RATE, "agentobs.sample_rate", Convention.AGENTOBS));

	private static final Map<Field, List<Source>> BY_FIELD = byField();

	private OtlpAttributeMap() {
	}

	/** The sources of {@code field}, in order of precedence. */
	static List<Source> sources(Field field) {
		return BY_FIELD.getOrDefault(field, List.of());
	}

	private static Map<Field, List<Source>> byField() {
		Map<Field, List<Source>> map = new EnumMap<>(Field.class);
		for (Source source : SOURCES) {
			map.computeIfAbsent(source.field(), (f) -> new ArrayList<>()).add(source);
		}
		map.replaceAll((f, list) -> Collections.unmodifiableList(list));
		return map;
	}

	private static Source span(Field field, String key, Convention convention) {
		return new Source(field, Where.SPAN, key, null, convention, null);
	}

	private static Source resource(Field field, String key, Convention convention) {
		return new Source(field, Where.RESOURCE, key, null, convention, null);
	}

	private static Source event(Field field, String event, String key, Convention convention) {
		return new Source(field, Where.EVENT, key, event, convention, null);
	}

	private static Source indexed(Field field, String key, Convention convention) {
		return new Source(field, Where.INDEXED, key, null, convention, null);
	}

	private static Source prefix(Field field, String key, Convention convention) {
		return new Source(field, Where.PREFIX, key, null, convention, null);
	}

	private static Source kind(String key, Map<String, String> values, Convention convention) {
		return new Source(Field.SPAN_TYPE, Where.SPAN, key, null, convention, values);
	}

}
