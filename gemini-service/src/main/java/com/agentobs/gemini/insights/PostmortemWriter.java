package com.agentobs.gemini.insights;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import com.agentobs.gemini.llm.GenerationException;
import com.agentobs.gemini.llm.TextGeneration;
import com.agentobs.gemini.llm.TextGenerationRequest;
import com.agentobs.gemini.llm.TextGenerator;
import com.agentobs.gemini.system.GeminiProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Writes a postmortem draft's prose from the incident's fact sheet: the offline template when
 * the model gateway is offline; otherwise the model (facts and timeline as JSON, a response
 * schema), checked like the insight cards: any failure or any number not in the sheet gives the
 * offline prose with the reason. The timeline is never rewritten: it is the recorded events. What
 * people wrote in it passes through the safety redactor before it is sent to the model, and the
 * model's prose before it is shown ({@link TextRedactor}); a redactor that cannot answer gives the
 * offline prose.
 */
@Component
class PostmortemWriter {

	private static final Logger log = LoggerFactory.getLogger(PostmortemWriter.class);

	static final String SYSTEM = """
			You draft incident postmortems for an observability platform of AI agents; a person edits the draft.
			Use only the facts and timeline given. Write every number exactly as its "display" value, and no other
			number: no dates, times, counts or percentages that are not in the facts. "summary": two or three
			sentences on what happened. "impact": who and what was affected, with the window's figures.
			"root_cause_hypothesis": the most likely cause the facts support, stated as a hypothesis to be
			confirmed, never as a finding; say so when the facts do not point at one. "action_items": 2 to 6
			short, concrete follow-ups.
			""";

	static final JsonNode SCHEMA = schema();

	private final TextGenerator generator;

	private final TextRedactor redactor;

	private final JsonMapper mapper;

	private final int maxOutputTokens;

	private final MeterRegistry registry;

	@Autowired
	PostmortemWriter(TextGenerator generator, TextRedactor redactor, JsonMapper mapper, GeminiProperties properties,
			MeterRegistry registry) {
		this(generator, redactor, mapper, properties.insights().maxOutputTokens(), registry);
	}

	PostmortemWriter(TextGenerator generator, TextRedactor redactor, JsonMapper mapper, int maxOutputTokens,
			MeterRegistry registry) {
		this.generator = generator;
		this.redactor = redactor;
		this.mapper = mapper;
		this.maxOutputTokens = maxOutputTokens;
		this.registry = registry;
	}

	PostmortemDraft write(UUID workspaceId, PostmortemFacts.IncidentSheet incident) {
		FactSheet sheet = incident.sheet();
		PostmortemProse offline = PostmortemProse.offline(sheet);
		if (TextGenerator.OFFLINE.equals(this.generator.provider())) {
			return draft(incident, offline, OfflineInsightGenerator.PROVIDER, null, 0, 0, BigDecimal.ZERO);
		}
		List<PostmortemFacts.TimelineEntry> timeline;
		try {
			timeline = redacted(workspaceId, incident.timeline());
		}
		catch (TextRedactor.RedactionUnavailableException ex) {
			return fallback(incident, offline, "redactor_unavailable: " + ex.getMessage(), 0, 0, BigDecimal.ZERO);
		}
		TextGeneration answer;
		try {
			answer = this.generator.generate(
					new TextGenerationRequest(prompt(incident.sheet(), timeline), SYSTEM, SCHEMA, this.maxOutputTokens));
		}
		catch (GenerationException ex) {
			return fallback(incident, offline, ex.reason().code() + ": " + ex.getMessage(), 0, 0, BigDecimal.ZERO);
		}
		JsonNode root = this.mapper.readTree(answer.text());
		List<String> items = new ArrayList<>();
		root.path("action_items").forEach((item) -> items.add(item.asString()));
		PostmortemProse written = new PostmortemProse(root.path("summary").asString(""),
				root.path("impact").asString(""), root.path("root_cause_hypothesis").asString(""), items);
		Optional<String> violation = violation(written, sheet);
		if (violation.isPresent()) {
			return fallback(incident, offline, "grounding: " + violation.get(), answer.inputTokens(),
					answer.outputTokens(), answer.costUsd());
		}
		try {
			List<String> clean = this.redactor.redact(workspaceId, written.texts());
			written = new PostmortemProse(clean.get(0), clean.get(1), clean.get(2), clean.subList(3, clean.size()));
		}
		catch (TextRedactor.RedactionUnavailableException ex) {
			return fallback(incident, offline, "redactor_unavailable: " + ex.getMessage(), answer.inputTokens(),
					answer.outputTokens(), answer.costUsd());
		}
		this.registry.counter("agentobs.gemini.postmortem_drafts", "outcome", "model").increment();
		return draft(incident, written, answer.provider(), null, answer.inputTokens(), answer.outputTokens(),
				answer.costUsd());
	}

	/** The first reason the prose is not grounded in the sheet: an empty section or a number not in the facts. */
	static Optional<String> violation(PostmortemProse prose, FactSheet sheet) {
		if (prose.summary().isBlank() || prose.impact().isBlank() || prose.actionItems().isEmpty()) {
			return Optional.of("a section is empty");
		}
		for (String text : prose.texts()) {
			if (text.isBlank()) {
				return Optional.of("a section is empty");
			}
			List<String> ungrounded = GroundingCheck.ungroundedNumbers(text, sheet);
			if (!ungrounded.isEmpty()) {
				return Optional.of("the draft states " + ungrounded.get(0) + ", which is not in the facts");
			}
		}
		return Optional.empty();
	}

	private PostmortemDraft fallback(PostmortemFacts.IncidentSheet incident, PostmortemProse offline, String reason,
			int inputTokens, int outputTokens, BigDecimal costUsd) {
		log.info("postmortem draft fell back to offline: {}", reason);
		this.registry.counter("agentobs.gemini.postmortem_drafts", "outcome", "fallback").increment();
		return draft(incident, offline, OfflineInsightGenerator.PROVIDER, reason, inputTokens, outputTokens, costUsd);
	}

	private static PostmortemDraft draft(PostmortemFacts.IncidentSheet incident, PostmortemProse prose,
			String provider, String reason, int inputTokens, int outputTokens, BigDecimal costUsd) {
		return new PostmortemDraft(incident.incidentId(), PostmortemDraft.STATUS, provider, reason, prose.summary(),
				prose.impact(), incident.timeline(), prose.rootCauseHypothesis(), prose.actionItems(),
				incident.sheet().facts(), incident.sheet().evidence(),
				new InsightsResponse.Usage(inputTokens, outputTokens, costUsd));
	}

	/** The timeline with the people-written texts through the redactor, in one call. */
	private List<PostmortemFacts.TimelineEntry> redacted(UUID workspaceId, List<PostmortemFacts.TimelineEntry> timeline)
			throws TextRedactor.RedactionUnavailableException {
		List<String> clean = this.redactor.redact(workspaceId,
				timeline.stream().map(PostmortemFacts.TimelineEntry::text).toList());
		List<PostmortemFacts.TimelineEntry> out = new ArrayList<>(timeline.size());
		for (int i = 0; i < timeline.size(); i++) {
			PostmortemFacts.TimelineEntry e = timeline.get(i);
			out.add(new PostmortemFacts.TimelineEntry(e.at(), e.eventType(), clean.get(i)));
		}
		return out;
	}

	/** The facts and the timeline as JSON; nothing else about the workspace reaches the model. */
	String prompt(FactSheet sheet, List<PostmortemFacts.TimelineEntry> timeline) {
		ObjectNode root = JsonNodeFactory.instance.objectNode();
		ArrayNode facts = root.putArray("facts");
		sheet
			.facts()
			.forEach((f) -> facts.addObject()
				.put("key", f.key())
				.put("label", f.label())
				.put("display", f.display())
				.put("unit", f.unit()));
		ArrayNode events = root.putArray("timeline");
		timeline
			.forEach((e) -> events.addObject()
				.put("at", PostmortemFacts.TIME.format(e.at()))
				.put("event_type", e.eventType())
				.put("text", e.text()));
		return "Draft the postmortem of this incident from these facts:\n" + this.mapper.writeValueAsString(root);
	}

	private static JsonNode schema() {
		ObjectNode root = JsonNodeFactory.instance.objectNode();
		root.put("type", "object");
		root.putArray("required").add("summary").add("impact").add("root_cause_hypothesis").add("action_items");
		ObjectNode properties = root.putObject("properties");
		properties.putObject("summary").put("type", "string");
		properties.putObject("impact").put("type", "string");
		properties.putObject("root_cause_hypothesis").put("type", "string");
		ObjectNode items = properties.putObject("action_items");
		items.put("type", "array").put("minItems", 1).put("maxItems", 6);
		items.putObject("items").put("type", "string");
		return root;
	}

}
