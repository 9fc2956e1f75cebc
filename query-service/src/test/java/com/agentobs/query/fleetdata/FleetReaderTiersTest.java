package com.agentobs.query.fleetdata;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How a window is cut into raw / hourly / daily parts, and the histogram text reader.
 */
class FleetReaderTiersTest {

	private static Instant t(String iso) {
		return Instant.parse(iso);
	}

	@Test
	void offTheHourWindow_isRawEdgesHourlyEdgesBlocksAndWholeDays() {
		Source s = new Source(Grain.MIXED, t("2026-01-01T10:20:00Z"), t("2026-01-05T07:45:00Z"), null, null);
		FleetReader.Tiers tiers = FleetReader.Tiers.of(s);
		assertThat(tiers.hourFrom()).isEqualTo(t("2026-01-01T11:00:00Z"));
		assertThat(tiers.hourTo()).isEqualTo(t("2026-01-05T07:00:00Z"));
		assertThat(tiers.dayFrom()).isEqualTo(t("2026-01-02T00:00:00Z"));
		assertThat(tiers.dayTo()).isEqualTo(t("2026-01-05T00:00:00Z"));
		Map<String, Object> params = new LinkedHashMap<>();
		List<FleetReader.Part> slim = tiers.parts(FleetReader.Level.AGENT, true, params);
		assertThat(slim).extracting(FleetReader.Part::kind)
			.containsExactly(FleetReader.Kind.RAW, FleetReader.Kind.ARRAYS, FleetReader.Kind.ARRAYS,
					FleetReader.Kind.ARRAYS);
		assertThat(params.get("raw_lo")).isEqualTo(FleetReader.at(t("2026-01-01T11:00:00Z")));
		assertThat(params.get("raw_hi")).isEqualTo(FleetReader.at(t("2026-01-05T07:00:00Z")));
		assertThat(tiers.parts(FleetReader.Level.MODEL, true, params)).extracting(FleetReader.Part::from)
			.satisfiesExactly((raw) -> assertThat(raw).contains("FROM traces t"),
					(hourly) -> assertThat(hourly).contains("FROM traces_model_hourly r"),
					(blocks) -> assertThat(blocks).contains("FROM traces_model_6h r"),
					(daily) -> assertThat(daily).contains("FROM traces_model_daily r"));
		assertThat(tiers.parts(FleetReader.Level.INTENT, true, params)).extracting(FleetReader.Part::from)
			.satisfiesExactly((raw) -> assertThat(raw).contains("FROM traces t"),
					(hourly) -> assertThat(hourly).contains("FROM traces_intent_hourly r"),
					(daily) -> assertThat(daily).contains("FROM traces_intent_daily r"));
	}

	@Test
	void alignedWindow_readsNoRaw_andAWindowWithoutAWholeHourIsAllRaw() {
		Source aligned = new Source(Grain.MIXED, t("2026-01-01T00:00:00Z"), t("2026-01-03T05:00:00Z"), null, null);
		Map<String, Object> params = new LinkedHashMap<>();
		assertThat(FleetReader.Tiers.of(aligned).parts(FleetReader.Level.AGENT, false, params)).extracting(FleetReader.Part::kind)
			.containsExactly(FleetReader.Kind.ARRAYS, FleetReader.Kind.ARRAYS);
		Source tiny = new Source(Grain.MIXED, t("2026-01-01T10:05:00Z"), t("2026-01-01T10:55:00Z"), null, null);
		FleetReader.Tiers tiers = FleetReader.Tiers.of(tiny);
		assertThat(tiers.rawOnly()).isTrue();
		assertThat(tiers.parts(FleetReader.Level.AGENT, true, params)).extracting(FleetReader.Part::kind)
			.containsExactly(FleetReader.Kind.RAW);
		assertThat(params.get("raw_lo")).isEqualTo(FleetReader.at(tiny.to()));
	}

	@Test
	void level_isTheFinestDimensionGroupedBy() {
		assertThat(FleetReader.Level.of(List.of(Dim.AGENT, Dim.BUCKET))).isEqualTo(FleetReader.Level.AGENT);
		assertThat(FleetReader.Level.of(List.of(Dim.DEPARTMENT, Dim.PROVIDER))).isEqualTo(FleetReader.Level.MODEL);
		assertThat(FleetReader.Level.of(List.of(Dim.DEPARTMENT, Dim.INTENT))).isEqualTo(FleetReader.Level.INTENT);
		assertThat(FleetReader.Level.of(List.of(Dim.SEGMENT, Dim.BUCKET))).isEqualTo(FleetReader.Level.SEGMENT);
		assertThatThrownBy(() -> FleetReader.Level.of(List.of(Dim.SEGMENT, Dim.INTENT)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> FleetReader.Level.of(List.of(Dim.MODEL, Dim.INTENT)))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void hourlyGrain_neverReadsDailyRows() {
		Source s = new Source(Grain.HOURLY, t("2026-01-01T10:20:00Z"), t("2026-01-05T07:45:00Z"), null, null);
		assertThat(FleetReader.Tiers.of(s).parts(FleetReader.Level.INTENT, false, new LinkedHashMap<>()))
			.extracting(FleetReader.Part::from)
			.satisfiesExactly((raw) -> assertThat(raw).contains("FROM traces t"),
					(hourly) -> assertThat(hourly).contains("FROM traces_intent_hourly r"));
	}

	@Test
	void sixHourGrain_readsWholeBlocksFromTheAgentBlocks_andHoursAroundThem() {
		Source s = new Sources(Duration.ofHours(24)).seriesWithBucket(t("2026-01-01T10:20:00Z"),
				t("2026-01-08T10:20:00Z"), Duration.ofHours(6));
		assertThat(s.grain()).isEqualTo(Grain.SIX_HOURLY);
		assertThat(s.origin()).isEqualTo(t("2026-01-01T06:00:00Z"));
		FleetReader.Tiers tiers = FleetReader.Tiers.of(s);
		assertThat(tiers.blockFrom()).isEqualTo(t("2026-01-01T12:00:00Z"));
		assertThat(tiers.blockTo()).isEqualTo(t("2026-01-08T06:00:00Z"));
		assertThat(tiers.dayFrom()).isEqualTo(tiers.hourTo()); // no day tier: hour-and-day callers read hours
		Map<String, Object> params = new LinkedHashMap<>();
		assertThat(tiers.parts(FleetReader.Level.AGENT, true, params)).extracting(FleetReader.Part::from)
			.satisfiesExactly((raw) -> assertThat(raw).contains("FROM traces t"),
					(hourly) -> assertThat(hourly).contains("FROM traces_agent_hourly r"),
					(blocks) -> assertThat(blocks).contains("FROM traces_agent_6h r").contains("r.block >= :block_from"));
		assertThat(params.get("hour_lo")).isEqualTo(FleetReader.at(t("2026-01-01T12:00:00Z")));
		assertThat(params.get("hour_hi")).isEqualTo(FleetReader.at(t("2026-01-08T06:00:00Z")));
		// no day tier: every whole block is read, [block_from, block_lo) the empty tail [block_hi, block_to)
		assertThat(params.get("block_from")).isEqualTo(FleetReader.at(t("2026-01-01T12:00:00Z")));
		assertThat(params.get("block_lo")).isEqualTo(FleetReader.at(t("2026-01-08T06:00:00Z")));
		assertThat(params.get("block_hi")).isEqualTo(params.get("block_to"));
		// a level without 6-hour rollups reads every whole hour hourly
		params.clear();
		assertThat(tiers.parts(FleetReader.Level.INTENT, true, params)).extracting(FleetReader.Part::from)
			.satisfiesExactly((raw) -> assertThat(raw).contains("FROM traces t"),
					(hourly) -> assertThat(hourly).contains("FROM traces_intent_hourly r"));
		assertThat(params.get("hour_lo")).isEqualTo(FleetReader.at(tiers.hourTo()));
		assertThat(FleetReader.Tiers.blockFloor(t("2026-01-01T05:59:59Z"))).isEqualTo(t("2026-01-01T00:00:00Z"));
	}

	@Test
	void mixedGrain_readsEdgeDaysAsBlocksAndHours_whereTheLevelKeepsBlocks() {
		Source s = new Source(Grain.MIXED, t("2026-01-01T10:20:00Z"), t("2026-01-31T10:20:00Z"), null, null);
		FleetReader.Tiers tiers = FleetReader.Tiers.of(s);
		Map<String, Object> params = new LinkedHashMap<>();
		tiers.bind(params);
		assertThat(tiers.parts(FleetReader.Level.MODEL, true, params)).extracting(FleetReader.Part::from)
			.satisfiesExactly((raw) -> assertThat(raw).contains("FROM traces t"),
					(hourly) -> assertThat(hourly).contains("FROM traces_model_hourly r"),
					(blocks) -> assertThat(blocks).contains("FROM traces_model_6h r"),
					(daily) -> assertThat(daily).contains("FROM traces_model_daily r"));
		// hours 11:00-12:00 and 06:00-10:00, blocks 12:00 Jan 1 - Jan 2 and Jan 31 - 06:00, days Jan 2 - Jan 31
		assertThat(params).containsEntry("raw_lo", FleetReader.at(t("2026-01-01T11:00:00Z")))
			.containsEntry("raw_hi", FleetReader.at(t("2026-01-31T10:00:00Z")))
			.containsEntry("hour_lo", FleetReader.at(t("2026-01-01T12:00:00Z")))
			.containsEntry("hour_hi", FleetReader.at(t("2026-01-31T06:00:00Z")))
			.containsEntry("block_lo", FleetReader.at(t("2026-01-02T00:00:00Z")))
			.containsEntry("block_hi", FleetReader.at(t("2026-01-31T00:00:00Z")))
			.containsEntry("day_from", FleetReader.at(t("2026-01-02T00:00:00Z")))
			.containsEntry("day_to", FleetReader.at(t("2026-01-31T00:00:00Z")));
		params.clear();
		tiers.bind(params);
		assertThat(tiers.parts(FleetReader.Level.SEGMENT, true, params)).extracting(FleetReader.Part::from)
			.satisfiesExactly((raw) -> assertThat(raw).contains("FROM traces t"),
					(hourly) -> assertThat(hourly).contains("FROM traces_segment_hourly r"),
					(daily) -> assertThat(daily).contains("FROM traces_segment_daily r"));
		assertThat(params).containsEntry("hour_lo", FleetReader.at(t("2026-01-02T00:00:00Z")))
			.containsEntry("hour_hi", FleetReader.at(t("2026-01-31T00:00:00Z")));
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
