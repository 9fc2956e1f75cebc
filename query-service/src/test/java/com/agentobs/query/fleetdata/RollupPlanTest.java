package com.agentobs.query.fleetdata;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;


import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the catalog picks a rollup, how a window is cut into raw / hourly / 6-hour / daily parts,
 * and the histogram text reader.
 */
class RollupPlanTest {

	private static final Set<Measure> TRAFFIC = RollupCatalog.TRAFFIC;

	private static RollupCatalog.Rollup rollup(String name) {
		return RollupCatalog.ROLLUPS.stream().filter((r) -> r.name().equals(name)).findFirst().orElseThrow();
	}

	private static Instant t(String iso) {
		return Instant.parse(iso);
	}

	@Test
	void offTheHourWindow_isRawEdgesHourlyEdgesBlocksAndWholeDays() {
		Source s = new Source(Grain.MIXED, t("2026-01-01T10:20:00Z"), t("2026-01-05T07:45:00Z"), null, null);
		Tiers tiers = Tiers.of(s);
		assertThat(tiers.hourFrom()).isEqualTo(t("2026-01-01T11:00:00Z"));
		assertThat(tiers.hourTo()).isEqualTo(t("2026-01-05T07:00:00Z"));
		assertThat(tiers.dayFrom()).isEqualTo(t("2026-01-02T00:00:00Z"));
		assertThat(tiers.dayTo()).isEqualTo(t("2026-01-05T00:00:00Z"));
		Map<String, Object> params = new LinkedHashMap<>();
		List<Tiers.Part> slim = tiers.parts(rollup("agent"), TRAFFIC, params);
		assertThat(slim).extracting(Tiers.Part::kind)
			.containsExactly(Tiers.Kind.RAW, Tiers.Kind.ROLLUP, Tiers.Kind.ROLLUP,
					Tiers.Kind.ROLLUP);
		assertThat(params.get("raw_lo")).isEqualTo(Tiers.at(t("2026-01-01T11:00:00Z")));
		assertThat(params.get("raw_hi")).isEqualTo(Tiers.at(t("2026-01-05T07:00:00Z")));
		assertThat(tiers.parts(rollup("model"), TRAFFIC, params)).extracting(Tiers.Part::from)
			.satisfiesExactly((raw) -> assertThat(raw).contains("FROM traces t"),
					(hourly) -> assertThat(hourly).contains("FROM traces_model_hourly r"),
					(blocks) -> assertThat(blocks).contains("FROM traces_model_6h r"),
					(daily) -> assertThat(daily).contains("FROM traces_model_daily r"));
		assertThat(tiers.parts(rollup("intent"), TRAFFIC, params)).extracting(Tiers.Part::from)
			.satisfiesExactly((raw) -> assertThat(raw).contains("FROM traces t"),
					(hourly) -> assertThat(hourly).contains("FROM traces_intent_hourly r"),
					(daily) -> assertThat(daily).contains("FROM traces_intent_daily r"));
	}

	@Test
	void alignedWindow_readsNoRaw_andAWindowWithoutAWholeHourIsAllRaw() {
		Source aligned = new Source(Grain.MIXED, t("2026-01-01T00:00:00Z"), t("2026-01-03T05:00:00Z"), null, null);
		Map<String, Object> params = new LinkedHashMap<>();
		assertThat(Tiers.of(aligned).parts(rollup("agent"), TRAFFIC, params)).extracting(Tiers.Part::kind)
			.containsExactly(Tiers.Kind.ROLLUP, Tiers.Kind.ROLLUP);
		Source tiny = new Source(Grain.MIXED, t("2026-01-01T10:05:00Z"), t("2026-01-01T10:55:00Z"), null, null);
		Tiers tiers = Tiers.of(tiny);
		assertThat(tiers.rawOnly()).isTrue();
		assertThat(tiers.parts(rollup("agent"), TRAFFIC, params)).extracting(Tiers.Part::kind)
			.containsExactly(Tiers.Kind.RAW);
		assertThat(params.get("raw_lo")).isEqualTo(Tiers.at(tiny.to()));
	}

	@Test
	void catalog_servesAReadFromTheCoarsestRollupKeepingItsDimensionsAndMeasures() {
		assertThat(RollupCatalog.serving(List.of(Dim.AGENT, Dim.BUCKET), TRAFFIC).name()).isEqualTo("agent");
		assertThat(RollupCatalog.serving(List.of(Dim.DEPARTMENT, Dim.PROVIDER), TRAFFIC).name()).isEqualTo("model");
		assertThat(RollupCatalog.serving(List.of(Dim.DEPARTMENT, Dim.INTENT), TRAFFIC).name()).isEqualTo("intent");
		assertThat(RollupCatalog.serving(List.of(Dim.SEGMENT, Dim.BUCKET), TRAFFIC).name()).isEqualTo("segment");
		// the token split is stored by the model rollup only, and not by its 6-hour table
		Set<Measure> split = Set.of(Measure.TOKENS_INPUT, Measure.TOKENS_OUTPUT);
		RollupCatalog.Rollup model = RollupCatalog.serving(List.of(Dim.BUCKET), split);
		assertThat(model.name()).isEqualTo("model");
		assertThat(model.blocks(split)).isNull();
		assertThat(model.blocks(TRAFFIC).name()).isEqualTo("traces_model_6h");
		assertThatThrownBy(() -> RollupCatalog.serving(List.of(Dim.SEGMENT, Dim.INTENT), TRAFFIC))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> RollupCatalog.serving(List.of(Dim.MODEL, Dim.INTENT), TRAFFIC))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void rollupParts_selectEveryDimensionColumn_nullWhereTheTableDoesNotKeepIt() {
		Source s = new Source(Grain.MIXED, t("2026-01-01T00:00:00Z"), t("2026-01-03T00:00:00Z"), null, null);
		List<Tiers.Part> parts = Tiers.of(s).parts(rollup("intent"), TRAFFIC, new LinkedHashMap<>());
		assertThat(FleetSql.dims(parts.get(0))).isEqualTo("r.day AS ts, r.agent_id, r.department_id, r.environment, "
				+ "r.version, NULL::VARCHAR AS model, NULL::VARCHAR AS model_provider, r.intent_category, "
				+ "NULL::VARCHAR AS user_segment");
	}

	@Test
	void hourlyGrain_neverReadsDailyRows() {
		Source s = new Source(Grain.HOURLY, t("2026-01-01T10:20:00Z"), t("2026-01-05T07:45:00Z"), null, null);
		assertThat(Tiers.of(s).parts(rollup("intent"), TRAFFIC, new LinkedHashMap<>()))
			.extracting(Tiers.Part::from)
			.satisfiesExactly((raw) -> assertThat(raw).contains("FROM traces t"),
					(hourly) -> assertThat(hourly).contains("FROM traces_intent_hourly r"));
	}

	@Test
	void sixHourGrain_readsWholeBlocksFromTheAgentBlocks_andHoursAroundThem() {
		Source s = new Sources(Duration.ofHours(24)).seriesWithBucket(t("2026-01-01T10:20:00Z"),
				t("2026-01-08T10:20:00Z"), Duration.ofHours(6));
		assertThat(s.grain()).isEqualTo(Grain.SIX_HOURLY);
		assertThat(s.origin()).isEqualTo(t("2026-01-01T06:00:00Z"));
		Tiers tiers = Tiers.of(s);
		assertThat(tiers.blockFrom()).isEqualTo(t("2026-01-01T12:00:00Z"));
		assertThat(tiers.blockTo()).isEqualTo(t("2026-01-08T06:00:00Z"));
		assertThat(tiers.dayFrom()).isEqualTo(tiers.hourTo()); // no day tier: hour-and-day callers read hours
		Map<String, Object> params = new LinkedHashMap<>();
		assertThat(tiers.parts(rollup("agent"), TRAFFIC, params)).extracting(Tiers.Part::from)
			.satisfiesExactly((raw) -> assertThat(raw).contains("FROM traces t"),
					(hourly) -> assertThat(hourly).contains("FROM traces_agent_hourly r"),
					(blocks) -> assertThat(blocks).contains("FROM traces_agent_6h r").contains("r.block >= :block_from"));
		assertThat(params.get("hour_lo")).isEqualTo(Tiers.at(t("2026-01-01T12:00:00Z")));
		assertThat(params.get("hour_hi")).isEqualTo(Tiers.at(t("2026-01-08T06:00:00Z")));
		// no day tier: every whole block is read, [block_from, block_lo) the empty tail [block_hi, block_to)
		assertThat(params.get("block_from")).isEqualTo(Tiers.at(t("2026-01-01T12:00:00Z")));
		assertThat(params.get("block_lo")).isEqualTo(Tiers.at(t("2026-01-08T06:00:00Z")));
		assertThat(params.get("block_hi")).isEqualTo(params.get("block_to"));
		// a level without 6-hour rollups reads every whole hour hourly
		params.clear();
		assertThat(tiers.parts(rollup("intent"), TRAFFIC, params)).extracting(Tiers.Part::from)
			.satisfiesExactly((raw) -> assertThat(raw).contains("FROM traces t"),
					(hourly) -> assertThat(hourly).contains("FROM traces_intent_hourly r"));
		assertThat(params.get("hour_lo")).isEqualTo(Tiers.at(tiers.hourTo()));
		assertThat(Tiers.blockFloor(t("2026-01-01T05:59:59Z"))).isEqualTo(t("2026-01-01T00:00:00Z"));
	}

	@Test
	void mixedGrain_readsEdgeDaysAsBlocksAndHours_whereTheRollupHasBlocks() {
		Source s = new Source(Grain.MIXED, t("2026-01-01T10:20:00Z"), t("2026-01-31T10:20:00Z"), null, null);
		Tiers tiers = Tiers.of(s);
		Map<String, Object> params = new LinkedHashMap<>();
		tiers.bind(params);
		assertThat(tiers.parts(rollup("model"), TRAFFIC, params)).extracting(Tiers.Part::from)
			.satisfiesExactly((raw) -> assertThat(raw).contains("FROM traces t"),
					(hourly) -> assertThat(hourly).contains("FROM traces_model_hourly r"),
					(blocks) -> assertThat(blocks).contains("FROM traces_model_6h r"),
					(daily) -> assertThat(daily).contains("FROM traces_model_daily r"));
		// hours 11:00-12:00 and 06:00-10:00, blocks 12:00 Jan 1 - Jan 2 and Jan 31 - 06:00, days Jan 2 - Jan 31
		assertThat(params).containsEntry("raw_lo", Tiers.at(t("2026-01-01T11:00:00Z")))
			.containsEntry("raw_hi", Tiers.at(t("2026-01-31T10:00:00Z")))
			.containsEntry("hour_lo", Tiers.at(t("2026-01-01T12:00:00Z")))
			.containsEntry("hour_hi", Tiers.at(t("2026-01-31T06:00:00Z")))
			.containsEntry("block_lo", Tiers.at(t("2026-01-02T00:00:00Z")))
			.containsEntry("block_hi", Tiers.at(t("2026-01-31T00:00:00Z")))
			.containsEntry("day_from", Tiers.at(t("2026-01-02T00:00:00Z")))
			.containsEntry("day_to", Tiers.at(t("2026-01-31T00:00:00Z")));
		params.clear();
		tiers.bind(params);
		assertThat(tiers.parts(rollup("segment"), TRAFFIC, params)).extracting(Tiers.Part::from)
			.satisfiesExactly((raw) -> assertThat(raw).contains("FROM traces t"),
					(hourly) -> assertThat(hourly).contains("FROM traces_segment_hourly r"),
					(daily) -> assertThat(daily).contains("FROM traces_segment_daily r"));
		assertThat(params).containsEntry("hour_lo", Tiers.at(t("2026-01-02T00:00:00Z")))
			.containsEntry("hour_hi", Tiers.at(t("2026-01-31T00:00:00Z")));
	}

	@Test
	void sources_alignHourlySeriesToTheHour_andLastHoursEndsWithTheCurrentHour() {
		Sources sources = new Sources(Duration.ofHours(24));
		Source day = sources.series(t("2026-01-01T10:20:00Z"), t("2026-01-02T10:20:00Z"), 24);
		assertThat(day.grain()).isEqualTo(Grain.HOURLY);
		assertThat(day.origin()).isEqualTo(t("2026-01-01T10:00:00Z"));
		assertThat(day.bucketStarts()).hasSize(25);
		Source last = sources.lastHours(t("2026-01-02T10:20:00Z"), 24);
		assertThat(last.bucketStarts()).hasSize(24).startsWith(t("2026-01-01T11:00:00Z"))
			.endsWith(t("2026-01-02T10:00:00Z"));
		Source onTheHour = sources.lastHours(t("2026-01-02T10:00:00Z"), 24);
		assertThat(onTheHour.from()).isEqualTo(t("2026-01-01T10:00:00Z"));
		Source fiveMinutes = sources.series(t("2026-01-01T10:20:00Z"), t("2026-01-01T11:20:00Z"), 12);
		assertThat(fiveMinutes.grain()).isEqualTo(Grain.RAW);
		assertThat(fiveMinutes.origin()).isEqualTo(t("2026-01-01T10:20:00Z"));
	}

	@Test
	void histogramText_readsArraysAndJsonObjects() {
		assertThat(HistogramText.numbers(ascii("{3,17,142}"))).containsExactly(3, 17, 142);
		assertThat(HistogramText.numbers(ascii("{\"3\": 2, \"17\": 5}"))).containsExactly(3, 2, 17, 5);
		assertThat(HistogramText.numbers(ascii("{}"))).isEmpty();
		assertThatThrownBy(() -> HistogramText.numbers(ascii("{\"3\": 2.5}"))).isInstanceOf(IllegalArgumentException.class);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
	}

}
