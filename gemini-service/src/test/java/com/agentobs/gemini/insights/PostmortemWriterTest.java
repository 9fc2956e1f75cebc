package com.agentobs.gemini.insights;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import com.agentobs.gemini.llm.GeminiApiStub;
import com.agentobs.gemini.llm.GeminiTextGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Gemini path of the postmortem draft against the local HTTP stub of the Gemini API: a
 * grounded answer is used (its hypothesis kept marked as one); an invented number, a
 * schema-invalid answer, a timeout and a persistent 429 give the offline draft with the reason;
 * the timeline is the recorded events either way.
 */
class PostmortemWriterTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Instant DETECTED = Instant.parse("2026-12-01T10:10:00Z");

	static final PostmortemFacts.IncidentSheet INCIDENT = new PostmortemFacts.IncidentSheet(UUID.randomUUID(),
			new FactSheet("incidents", List.of(Fact.text("incident_title", "Incident", "Support bot error spike"),
					Fact.text("severity", "Severity", "sev2"), Fact.text("status", "Status", "resolved"),
					Fact.text("scope", "Scope", "agent support-bot"),
					Fact.text("detected_at", "Detected", "2026-12-01 10:10 UTC"),
					Fact.text("resolved_at", "Resolved", "2026-12-01 12:45 UTC"),
					Fact.minutes("minutes_to_acknowledge", "MTTA", new BigDecimal("20.5")),
					Fact.minutes("minutes_to_resolve", "MTTR", new BigDecimal("155")),
					Fact.count("alerts_attached", "Alerts", 1), Fact.text("alert_1", "Alert", "Error rate above 5%"),
					Fact.measure("alert_1_value", "Value", new BigDecimal("25.500000"), "pct"),
					Fact.measure("alert_1_threshold", "Threshold", new BigDecimal("5.000000"), "pct"),
					Fact.text("window_from", "From", "2026-12-01 10:00 UTC"),
					Fact.text("window_to", "To", "2026-12-01 13:00 UTC"), Fact.count("requests_during", "Requests", 300),
					Fact.count("requests_before", "Before", 200), Fact.count("errors_during", "Errors", 60),
					Fact.pct("error_rate_during_pct", "Error rate", new BigDecimal("20")),
					Fact.pct("error_rate_before_pct", "Before", new BigDecimal("1")),
					Fact.ms("avg_latency_during_ms", "Latency", new BigDecimal("1500")),
					Fact.usd("cost_during_usd", "Cost", new BigDecimal("9"), 2)),
					List.of(Evidence.chart("incidents", "Incident timeline"))),
			List.of(new PostmortemFacts.TimelineEntry(DETECTED, "opened", "Support bot error spike"),
					new PostmortemFacts.TimelineEntry(DETECTED.plusSeconds(1230), "acknowledged", "On it")));

	@RegisterExtension
	static final GeminiApiStub stub = GeminiApiStub.start();

	static PostmortemWriter writer(Duration timeout) {
		return writer(timeout, TestRedactors.EMAILS);
	}

	static PostmortemWriter writer(Duration timeout, TextRedactor redactor) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		return new PostmortemWriter(new GeminiTextGenerator(stub.api(timeout, 2), JSON, registry), redactor, JSON, 2048,
				registry);
	}

	@Test
	void offlineDraft_isGrounded() {
		PostmortemProse prose = PostmortemProse.offline(INCIDENT.sheet());
		assertThat(PostmortemWriter.violation(prose, INCIDENT.sheet())).isEmpty();
		assertThat(prose.impact()).contains("300 requests and 60 failed (20.0%, against 1.0%");
	}

	@Test
	void draft_usesTheModelsProse_whenItIsGrounded_andKeepsTheHypothesisMarked() {
		stub.enqueue(GeminiApiStub.Reply.ok(answer("From 2026-12-01 10:00 UTC, 60 of 300 requests failed (20.0%).",
				"A bad deploy of support-bot, since errors rose from 1.0% to 20.0%.")));

		PostmortemDraft draft = writer(Duration.ofSeconds(5)).write(TestRedactors.WORKSPACE, INCIDENT);

		assertThat(draft.provider()).isEqualTo("gemini");
		assertThat(draft.fallbackReason()).isNull();
		assertThat(draft.status()).isEqualTo("draft");
		assertThat(draft.impact()).isEqualTo("From 2026-12-01 10:00 UTC, 60 of 300 requests failed (20.0%).");
		assertThat(draft.rootCauseHypothesis()).isEqualTo(PostmortemProse.HYPOTHESIS
				+ "A bad deploy of support-bot, since errors rose from 1.0% to 20.0%.");
		assertThat(draft.timeline()).isEqualTo(INCIDENT.timeline());
		assertThat(draft.usage().inputTokens()).isEqualTo(12);
		assertThat(draft.usage().costUsd()).isPositive();
		assertThat(stub.requests().get(0).at("/contents/0/parts/0/text").asString())
			.contains("\"display\":\"20.5\"").contains("\"event_type\":\"acknowledged\"");
	}

	@Test
	void draft_fallsBackToOffline_whenTheModelInventsANumber() {
		stub.enqueue(GeminiApiStub.Reply.ok(answer("About 450 requests failed.", "A bad deploy.")));

		PostmortemDraft draft = writer(Duration.ofSeconds(5)).write(TestRedactors.WORKSPACE, INCIDENT);

		assertThat(draft.provider()).isEqualTo("offline");
		assertThat(draft.fallbackReason()).isEqualTo("grounding: the draft states 450, which is not in the facts");
		assertThat(draft.impact()).isEqualTo(PostmortemProse.offline(INCIDENT.sheet()).impact());
		assertThat(draft.usage().inputTokens()).isEqualTo(12);
	}

	@Test
	void draft_fallsBackToOffline_whenTheAnswerIsNotTheSchema() {
		stub.enqueue(GeminiApiStub.Reply.ok("{\"summary\":\"x\"}"));

		assertThat(writer(Duration.ofSeconds(5)).write(TestRedactors.WORKSPACE, INCIDENT).fallbackReason())
			.startsWith("invalid_response:");
	}

	@Test
	void draft_fallsBackToOffline_whenRateLimitedOrTimedOut() {
		stub.enqueue(GeminiApiStub.Reply.rateLimited("0"), GeminiApiStub.Reply.rateLimited("0"));
		assertThat(writer(Duration.ofSeconds(5)).write(TestRedactors.WORKSPACE, INCIDENT).fallbackReason())
			.startsWith("rate_limited:");

		stub.enqueue(GeminiApiStub.Reply.slow(1_000), GeminiApiStub.Reply.slow(1_000));
		PostmortemDraft late = writer(Duration.ofMillis(100)).write(TestRedactors.WORKSPACE, INCIDENT);
		assertThat(late.provider()).isEqualTo("offline");
		assertThat(late.fallbackReason()).startsWith("timeout:");
	}

	@Test
	void draft_sendsTheTimelineRedacted_andShowsTheProseRedacted() {
		PostmortemFacts.IncidentSheet withAddress = new PostmortemFacts.IncidentSheet(INCIDENT.incidentId(),
				INCIDENT.sheet(), List.of(new PostmortemFacts.TimelineEntry(DETECTED, "note",
						"Customer jane.doe@example.com reported the errors")));
		stub.enqueue(GeminiApiStub.Reply.ok(answer("60 of 300 requests failed; jane.doe@example.com was told.",
				"A bad deploy.")));

		PostmortemDraft draft = writer(Duration.ofSeconds(5)).write(TestRedactors.WORKSPACE, withAddress);

		assertThat(draft.provider()).isEqualTo("gemini");
		assertThat(draft.impact()).isEqualTo("60 of 300 requests failed; <EMAIL_1> was told.");
		String sent = stub.requests().get(0).at("/contents/0/parts/0/text").asString();
		assertThat(sent).contains("Customer <EMAIL_1> reported the errors").doesNotContain("jane.doe");
		// the draft's timeline is the recorded events, for the workspace's own operators
		assertThat(draft.timeline()).isEqualTo(withAddress.timeline());
	}

	@Test
	void draft_fallsBackToOffline_withoutCallingTheModel_whenTheRedactorCannotAnswer() {
		PostmortemDraft draft = writer(Duration.ofSeconds(5), TestRedactors.DOWN).write(TestRedactors.WORKSPACE,
				INCIDENT);

		assertThat(draft.provider()).isEqualTo("offline");
		assertThat(draft.fallbackReason()).isEqualTo("redactor_unavailable: guardrail answered 503");
		assertThat(stub.requests()).isEmpty();
	}

	private static String answer(String impact, String hypothesis) {
		return JSON.writeValueAsString(Map.of("summary", "SEV2 error spike on agent support-bot, resolved after 155.0 minutes.",
				"impact", impact, "root_cause_hypothesis", hypothesis, "action_items",
				List.of("Add a canary for support-bot.", "Review the 5% threshold.")));
	}

}
