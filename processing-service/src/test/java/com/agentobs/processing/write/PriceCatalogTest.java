package com.agentobs.processing.write;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

import com.agentobs.migrations.PriceCatalogLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known answers for the shipped catalog ({@code pricing/catalog.csv}): a model id as a client sends it and
 * its token counts by kind give this provider and this cost in USD, to the micro-dollar; an id no entry
 * matches gives no price (stored as NULL cost, {@code cost_source = unknown}).
 */
class PriceCatalogTest {

	static final PriceTable CATALOG = new PriceTable(List.of(), PriceCatalogLoader.read()
		.stream()
		.map((r) -> PriceTable.Price.catalog(r.model(), r.provider(), r.matchPattern(),
				r.effectiveFrom().toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant(), r.prices()[0], r.prices()[1],
				r.prices()[2], r.prices()[3], r.prices()[4], r.prices()[5],
				(r.tierInputTokens() != null) ? new PriceTable.Tier(r.tierInputTokens(), r.prices()[6], r.prices()[7],
						r.prices()[8], r.prices()[9]) : null))
		.toList());

	@ParameterizedTest(name = "{0}: {8}")
	@CsvSource(nullValues = "-", textBlock = """
			# model as sent,                                  at,                   in,      out,   cache read, cache write, reasoning, provider,  USD
			gpt-4o,                                           2026-12-01T00:00:00Z, 1000,    500,   -,      -,    -,    openai,    0.007500
			gpt-4,                                            2026-12-01T00:00:00Z, 1000,    500,   -,      -,    -,    openai,    0.060000
			gpt-4-0613,                                       2026-12-01T00:00:00Z, 1000,    500,   -,      -,    -,    openai,    0.060000
			gpt-4o-2024-08-06,                                2026-12-01T00:00:00Z, 1000000, 0,     -,      -,    -,    openai,    2.500000
			GPT-4O-MINI,                                      2026-12-01T00:00:00Z, 10000,   2000,  -,      -,    -,    openai,    0.002700
			openai/gpt-4o-mini,                               2026-12-01T00:00:00Z, 10000,   2000,  -,      -,    -,    openai,    0.002700
			gpt-4o,                                           2026-12-01T00:00:00Z, 10000,   1000,  8000,   -,    -,    openai,    0.025000
			o4-mini,                                          2026-12-01T00:00:00Z, 2000,    5000,  -,      -,    4000, openai,    0.024200
			o3,                                               2025-06-01T00:00:00Z, 1000,    1000,  -,      -,    -,    openai,    0.050000
			o3-2025-04-16,                                    2026-12-01T00:00:00Z, 1000,    1000,  -,      -,    -,    openai,    0.010000
			claude-sonnet-4-5-20250929,                       2026-12-01T00:00:00Z, 10000,   500,   5000,   2000, -,    anthropic, 0.025500
			anthropic/claude-3-5-haiku-latest,                2026-12-01T00:00:00Z, 1000,    1000,  -,      -,    -,    anthropic, 0.004800
			us.anthropic.claude-sonnet-4-5-20250929-v1:0,     2026-12-01T00:00:00Z, 1000,    1000,  -,      -,    -,    bedrock,   0.019800
			global.anthropic.claude-sonnet-4-5-20250929-v1:0, 2026-12-01T00:00:00Z, 1000,    1000,  -,      -,    -,    bedrock,   0.018000
			eu.anthropic.claude-3-5-sonnet-20240620-v1:0,     2026-12-01T00:00:00Z, 1000,    1000,  -,      -,    -,    bedrock,   0.018000
			us.meta.llama3-3-70b-instruct-v1:0,               2026-12-01T00:00:00Z, 1000,    1000,  -,      -,    -,    bedrock,   0.001440
			models/gemini-2.5-flash,                          2026-12-01T00:00:00Z, 1234567, 89012, -,      -,    -,    google,    0.592900
			gemini-2.5-flash-lite,                            2026-12-01T00:00:00Z, 1000,    1000,  -,      -,    -,    google,    0.000500
			mistral/mistral-large-latest,                     2026-12-01T00:00:00Z, 1000,    1000,  -,      -,    -,    mistral,   0.008000
			deepseek-v4-flash,                                2026-12-01T00:00:00Z, 1000000, 0,     900000, -,    -,    deepseek,  0.016520
			gpt-4-turbo-2024-04-09,                           2026-12-01T00:00:00Z, 1000,    500,   -,      -,    -,    openai,    0.015000
			claude-3-sonnet,                                  2026-12-01T00:00:00Z, 300,     200,   -,      -,    -,    anthropic, 0.007500
			gemini-2.5-pro,                                   2026-12-01T00:00:00Z, 200000,  1000,  -,      -,    -,    google,    0.260000
			gemini-2.5-pro,                                   2026-12-01T00:00:00Z, 200001,  1000,  -,      -,    -,    google,    0.515003
			gemini-2.5-pro-preview-06-05,                     2026-12-01T00:00:00Z, 250000,  2000,  100000, -,    1000, google,    0.430000
			claude-sonnet-4-5,                                2026-12-01T00:00:00Z, 300000,  1000,  200000, 50000, -,   anthropic, 0.817500
			my-fine-tuned-model,                              2026-12-01T00:00:00Z, 1000,    500,   -,      -,    -,    -,         -
			gpt-4o-2024-05-13,                                2026-12-01T00:00:00Z, 1000,    500,   -,      -,    -,    -,         -
			gpt-4o-audio-preview,                             2026-12-01T00:00:00Z, 1000,    500,   -,      -,    -,    -,         -
			""")
	void cost_isTheKnownAnswer_forAModelIdAsSentAndItsTokenCountsByKind(String model, Instant at, Integer in,
			Integer out, Integer cacheRead, Integer cacheWrite, Integer reasoning, String provider, BigDecimal usd) {
		PriceTable.Price price = CATALOG.find(model, at);

		assertThat((price != null) ? price.provider() : null).isEqualTo(provider);
		BigDecimal cost = PriceTable.cost(price, new PriceTable.Usage(in, out, null, cacheRead, cacheWrite, reasoning));
		if (usd == null) {
			assertThat(cost).isNull();
		}
		else {
			assertThat(cost).isEqualTo(usd.setScale(6));
		}
	}

	@ParameterizedTest
	@CsvSource({ "gpt-4o, gpt-4o", "gpt-4o-2024-11-20, gpt-4o", "gpt-4, gpt-4", "gpt-4o-mini, gpt-4o-mini",
			"gpt-4.1, gpt-4.1", "gpt-4.1-mini, gpt-4.1-mini", "gpt-5, gpt-5", "gpt-5-mini, gpt-5-mini",
			"o3-mini, o3-mini", "gemini-2.0-flash-lite-001, gemini-2.0-flash-lite", "gemini-2.0-flash-001, gemini-2.0-flash",
			"claude-sonnet-4-20250514, claude-sonnet-4", "claude-sonnet-4-5, claude-sonnet-4-5",
			"anthropic.claude-sonnet-4-20250514-v1:0, bedrock/claude-sonnet-4" })
	void find_picksTheEntryWhosePatternMatchesTheWholeId_whereAPrefixWouldPickAnother(String id, String entry) {
		assertThat(CATALOG.find(id, Instant.parse("2026-12-01T00:00:00Z")).model()).isEqualTo(entry);
	}

	@ParameterizedTest
	@CsvSource({ "gpt-4o", "gpt-4o-2024-08-06", "gpt-4", "gpt-4o-mini", "gpt-4.1-mini", "gpt-5-mini", "o3", "o3-mini",
			"claude-sonnet-4-5-20250929", "claude-sonnet-4-20250514", "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
			"global.anthropic.claude-sonnet-4-5-20250929-v1:0", "models/gemini-2.5-flash", "gemini-2.5-flash-lite",
			"gemini-2.0-flash-lite-001", "mistral-large-latest", "deepseek-v4-flash", "gpt-4-turbo-2024-04-09" })
	void catalog_hasExactlyOneEntryWhosePatternMatches_eachKnownId(String id) {
		assertThat(PriceCatalogLoader.read()
			.stream()
			.filter((r) -> Pattern.compile(r.matchPattern(), Pattern.CASE_INSENSITIVE).matcher(id).matches())
			.map(PriceCatalogLoader.Row::model)
			.distinct()).as(id).hasSize(1);
	}

}
