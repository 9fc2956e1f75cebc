package com.agentobs.query.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.query.fleetdata.Change;
import com.agentobs.query.fleetdata.Dim;
import com.agentobs.query.fleetdata.Fleet;
import com.agentobs.query.fleetdata.FleetKey;
import com.agentobs.query.fleetdata.FleetRows;
import com.agentobs.query.fleetdata.Measure;
import com.agentobs.query.fleetdata.Scope;
import com.agentobs.query.fleetdata.Source;
import com.agentobs.query.fleetdata.Totals;
import com.agentobs.query.system.View;

import org.springframework.stereotype.Service;

@Service
class CostBreakdownService {

	private final Fleet fleet;

	CostBreakdownService(Fleet fleet) {
		this.fleet = fleet;
	}

	/** Chart 3.7: cost, requests and tokens per intent, with the cost change vs the previous period. */
	View byIntent(StandardFilters f) {
		Scope scope = this.fleet.scope(f);
		StandardFilters pf = f.previousPeriod();
		Map<String, Totals> now = byIntent(this.fleet.sources().totals(f.from(), f.to()), scope);
		Map<String, Totals> before = byIntent(this.fleet.sources().totals(pf.from(), pf.to()), scope);
		BigDecimal total = now.values().stream().map(Totals::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
		List<CostBreakdownResponses.IntentCost> rows = new ArrayList<>();
		now.forEach((intent, t) -> {
			BigDecimal perRequest = (t.requests() == 0) ? null
					: t.costUsd().divide(BigDecimal.valueOf(t.requests()), 6, RoundingMode.HALF_UP);
			double share = (total.signum() == 0) ? 0
					: t.costUsd().multiply(BigDecimal.valueOf(100)).divide(total, 1, RoundingMode.HALF_UP).doubleValue();
			Totals prev = before.get(intent);
			rows.add(new CostBreakdownResponses.IntentCost(intent, t.costCents(), t.requests(), perRequest, share,
					Change.pct(t.costUsd(), (prev != null) ? prev.costUsd() : BigDecimal.ZERO), t.tokens()));
		});
		rows.sort(Comparator.comparing(CostBreakdownResponses.IntentCost::totalCost)
			.reversed()
			.thenComparing(CostBreakdownResponses.IntentCost::intent));
		Map<String, Object> extra = new LinkedHashMap<>();
		extra.put("total_cost", total.setScale(2, RoundingMode.HALF_UP));
		extra.put("intents_count", rows.size());
		extra.put("change_label", Change.label(f));
		return View.of(rows, extra);
	}

	/** Chart 3.8: input and output tokens over the window and per bucket, totals with % change. */
	View tokenUsage(StandardFilters f) {
		Scope scope = this.fleet.scope(f);
		StandardFilters pf = f.previousPeriod();
		// the token split is kept by the model-level rollups only: the catalog plans these reads there
		long[] now = tokens(this.fleet.read(f.from(), f.to(), scope)
			.measuring(Measure.TOKENS_INPUT, Measure.TOKENS_OUTPUT)
			.total());
		long[] before = tokens(this.fleet.read(pf.from(), pf.to(), scope)
			.measuring(Measure.TOKENS_INPUT, Measure.TOKENS_OUTPUT)
			.total());
		Source series = this.fleet.sources().series(f.from(), f.to(), 30);
		FleetRows buckets = this.fleet.read(series, scope)
			.groupBy(Dim.BUCKET)
			.measuring(Measure.TOKENS_INPUT, Measure.TOKENS_OUTPUT)
			.rows();
		List<CostBreakdownResponses.TokenPoint> points = series.bucketStarts().stream().map((b) -> {
			Totals t = buckets.totals(FleetKey.ofBucket(b));
			return new CostBreakdownResponses.TokenPoint(b, t.tokensInput(), t.tokensOutput());
		}).toList();
		Double ratio = (now[0] == 0) ? null : Totals.round((double) now[1] / now[0], 3);
		return View.of(new CostBreakdownResponses.TokenUsage(Change.Metric.of(now[0], before[0], f),
				Change.Metric.of(now[1], before[1], f), Change.Metric.of(now[0] + now[1], before[0] + before[1], f),
				ratio, points), Map.of("bucket_seconds", series.bucket().toSeconds()));
	}

	private Map<String, Totals> byIntent(Source source, Scope scope) {
		Map<String, Totals> out = new LinkedHashMap<>();
		this.fleet.read(source, scope)
			.groupBy(Dim.INTENT)
			.rows()
			.stream()
			.forEach((r) -> out.merge((r.key().intent() != null) ? r.key().intent() : "unknown", r.totals(),
					Totals::plus));
		return out;
	}

	/** {input, output} tokens of a token-split read. */
	private static long[] tokens(Totals t) {
		return new long[] { t.tokensInput(), t.tokensOutput() };
	}

}
