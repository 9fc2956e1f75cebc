package com.agentobs.gemini.insights;

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

/**
 * Asks the model to phrase the cards from the fact sheet only (facts and evidence ids as
 * JSON, a response schema), then checks the answer: schema, and {@link GroundingCheck}. Any
 * failure — no answer, a timeout, a 429, the wrong shape, a number or evidence id not in the
 * sheet — returns the offline cards with the reason, never the model's text. Cards that pass are
 * shown only after the safety redactor has replaced any PII or secret in them ({@link TextRedactor});
 * a redactor that cannot answer is a failure like the others.
 */
class ModelInsightGenerator implements InsightGenerator {

	private static final Logger log = LoggerFactory.getLogger(ModelInsightGenerator.class);

	static final String SYSTEM = """
			You write short insight cards for an observability dashboard of AI agents.
			Use only the facts given. Write every number exactly as its "display" value, and no other number:
			no dates, counts, percentages or estimates that are not in the facts. Never guess causes.
			Cite in "evidence" only ids from the evidence list. Write 3 to 5 cards, each a title of at most
			six words and a body of one or two sentences. Severity is info, warning or critical.
			""";

	static final JsonNode SCHEMA = schema();

	private final TextGenerator generator;

	private final TextRedactor redactor;

	private final JsonMapper mapper;

	private final int maxOutputTokens;

	private final MeterRegistry registry;

	ModelInsightGenerator(TextGenerator generator, TextRedactor redactor, JsonMapper mapper, int maxOutputTokens,
			MeterRegistry registry) {
		this.generator = generator;
		this.redactor = redactor;
		this.mapper = mapper;
		this.maxOutputTokens = maxOutputTokens;
		this.registry = registry;
	}

	@Override
	public Insights generate(UUID workspaceId, FactSheet sheet) {
		List<InsightCard> offline = OfflineInsightGenerator.cards(sheet);
		TextGeneration answer;
		try {
			answer = this.generator
				.generate(new TextGenerationRequest(prompt(sheet), SYSTEM, SCHEMA, this.maxOutputTokens));
		}
		catch (GenerationException ex) {
			return fallback(offline, ex.reason().code() + ": " + ex.getMessage(), 0, 0, java.math.BigDecimal.ZERO);
		}
		List<InsightCard> cards = new ArrayList<>();
		for (JsonNode card : this.mapper.readTree(answer.text()).path("cards")) {
			List<String> evidence = new ArrayList<>();
			card.path("evidence").forEach((id) -> evidence.add(id.asString()));
			cards.add(new InsightCard(card.path("title").asString(), card.path("body").asString(),
					card.path("severity").asString(), evidence));
		}
		Optional<String> violation = GroundingCheck.firstViolation(cards, sheet);
		if (violation.isPresent()) {
			return fallback(offline, "grounding: " + violation.get(), answer.inputTokens(), answer.outputTokens(),
					answer.costUsd());
		}
		try {
			cards = redacted(workspaceId, cards);
		}
		catch (TextRedactor.RedactionUnavailableException ex) {
			return fallback(offline, "redactor_unavailable: " + ex.getMessage(), answer.inputTokens(),
					answer.outputTokens(), answer.costUsd());
		}
		this.registry.counter("agentobs.gemini.insights", "outcome", "model").increment();
		return new Insights(cards, answer.provider(), null, answer.inputTokens(), answer.outputTokens(),
				answer.costUsd());
	}

	private Insights fallback(List<InsightCard> offline, String reason, int inputTokens, int outputTokens,
			java.math.BigDecimal costUsd) {
		log.info("insights fell back to offline: {}", reason);
		this.registry.counter("agentobs.gemini.insights", "outcome", "fallback").increment();
		return new Insights(offline, OfflineInsightGenerator.PROVIDER, reason, inputTokens, outputTokens, costUsd);
	}

	/** The cards with their titles and bodies through the redactor, in one call. */
	private List<InsightCard> redacted(UUID workspaceId, List<InsightCard> cards)
			throws TextRedactor.RedactionUnavailableException {
		List<String> texts = new ArrayList<>();
		cards.forEach((c) -> {
			texts.add(c.title());
			texts.add(c.body());
		});
		List<String> clean = this.redactor.redact(workspaceId, texts);
		List<InsightCard> out = new ArrayList<>(cards.size());
		for (int i = 0; i < cards.size(); i++) {
			InsightCard c = cards.get(i);
			out.add(new InsightCard(clean.get(2 * i), clean.get(2 * i + 1), c.severity(), c.evidence()));
		}
		return out;
	}

	/** The facts and evidence as JSON; nothing else about the workspace reaches the model. */
	String prompt(FactSheet sheet) {
		ObjectNode root = JsonNodeFactory.instance.objectNode();
		root.put("tab", sheet.tab());
		ArrayNode facts = root.putArray("facts");
		sheet.facts().forEach((f) -> facts.addObject().put("key", f.key()).put("label", f.label())
			.put("display", f.display()).put("unit", f.unit())
			.put("direction", (f.value() == null || f.value().signum() >= 0) ? "up_or_zero" : "down"));
		ArrayNode evidence = root.putArray("evidence");
		sheet.evidence().forEach((e) -> evidence.addObject().put("id", e.id()).put("label", e.label()));
		return "Write the insight cards for the \"" + sheet.tab() + "\" tab from these facts:\n"
				+ this.mapper.writeValueAsString(root);
	}

	private static JsonNode schema() {
		ObjectNode root = JsonNodeFactory.instance.objectNode();
		root.put("type", "object");
		root.putArray("required").add("cards");
		ObjectNode cards = root.putObject("properties").putObject("cards");
		cards.put("type", "array").put("minItems", 1).put("maxItems", 5);
		ObjectNode card = cards.putObject("items");
		card.put("type", "object");
		card.putArray("required").add("title").add("body").add("severity").add("evidence");
		ObjectNode properties = card.putObject("properties");
		properties.putObject("title").put("type", "string");
		properties.putObject("body").put("type", "string");
		properties.putObject("severity").put("type", "string").putArray("enum").add("info").add("warning")
			.add("critical");
		properties.putObject("evidence").put("type", "array").putObject("items").put("type", "string");
		return root;
	}

}
