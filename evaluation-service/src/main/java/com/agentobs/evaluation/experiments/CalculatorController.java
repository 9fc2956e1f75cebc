package com.agentobs.evaluation.experiments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.agentobs.contracts.api.ApiResponse;
import com.agentobs.contracts.api.ResponseMeta;
import com.agentobs.contracts.error.ApiException;
import com.agentobs.contracts.security.Caller;
import com.agentobs.contracts.security.RequiresRole;
import com.agentobs.contracts.security.Role;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The statistics calculator the create wizard and SDK users call: analyse two arms' summaries,
 * and the per-arm sample size for a minimum detectable effect. Pure computation, any viewer.
 */
@RestController
@RequestMapping("/api/v1/experiments")
class CalculatorController {

	/** One arm: {@code successes}+{@code n} for a proportion, {@code mean}+{@code sd}+{@code n} for a mean. */
	record Arm(Long successes, Long n, Double mean, Double sd) {
	}

	record AnalyzeRequest(String metric, Arm control, Arm treatment, Double alpha, Boolean sequential, Double tau) {
	}

	record SampleSizeRequest(String metric, Double baseline, Double minimumDetectableEffect, Boolean relative,
			Double sd, Double alpha, Double power) {
	}

	// POST /api/v1/experiments/analyze
	@PostMapping("/analyze")
	@RequiresRole(Role.VIEWER)
	ApiResponse<Map<String, Object>> analyze(@RequestBody(required = false) AnalyzeRequest body, Caller caller) {
		long started = System.nanoTime();
		if (body == null) {
			throw ApiException.validation("metric", "a body is required");
		}
		String metric = metric(body.metric());
		double alpha = probability("alpha", body.alpha(), 0.05, 0.5);
		Arm c = require("control", body.control());
		Arm t = require("treatment", body.treatment());
		Stats.Comparison result;
		if ("proportion".equals(metric)) {
			long cn = count("control.n", c.n(), 1);
			long tn = count("treatment.n", t.n(), 1);
			long cs = count("control.successes", c.successes(), 0);
			long ts = count("treatment.successes", t.successes(), 0);
			if (cs > cn) {
				throw ApiException.validation("control.successes", "must not exceed control.n");
			}
			if (ts > tn) {
				throw ApiException.validation("treatment.successes", "must not exceed treatment.n");
			}
			result = Stats.proportions(cs, cn, ts, tn, alpha);
		}
		else {
			long cn = count("control.n", c.n(), 2);
			long tn = count("treatment.n", t.n(), 2);
			result = Stats.means(finite("control.mean", c.mean()), sd("control.sd", c.sd()), cn,
					finite("treatment.mean", t.mean()), sd("treatment.sd", t.sd()), tn, alpha);
		}
		Map<String, Object> out = answer(metric, alpha, result);
		if (Boolean.TRUE.equals(body.sequential())) {
			double tau = (body.tau() != null) ? positive("tau", body.tau())
					: Math.max(Math.abs(result.controlValue()) * 0.1, 1e-9);
			out.put("sequential_p_value", Stats.msprtPValue(result.diff(), result.standardError(), tau));
			out.put("tau", tau);
		}
		return ApiResponse.of(out, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	// POST /api/v1/experiments/sample-size
	@PostMapping("/sample-size")
	@RequiresRole(Role.VIEWER)
	ApiResponse<Map<String, Object>> sampleSize(@RequestBody(required = false) SampleSizeRequest body,
			Caller caller) {
		long started = System.nanoTime();
		if (body == null) {
			throw ApiException.validation("metric", "a body is required");
		}
		String metric = metric(body.metric());
		double alpha = probability("alpha", body.alpha(), 0.05, 0.5);
		double power = probability("power", body.power(), 0.8, 1);
		double baseline = finite("baseline", body.baseline());
		double mde = finite("minimum_detectable_effect", body.minimumDetectableEffect());
		if (mde == 0) {
			throw ApiException.validation("minimum_detectable_effect", "must not be 0");
		}
		double absolute = Boolean.TRUE.equals(body.relative()) ? baseline * mde : mde;
		long n;
		double sd;
		if ("proportion".equals(metric)) {
			if (baseline <= 0 || baseline >= 1) {
				throw ApiException.validation("baseline", "a rate between 0 and 1 (exclusive)");
			}
			if (baseline + absolute <= 0 || baseline + absolute >= 1) {
				throw ApiException.validation("minimum_detectable_effect",
						"baseline + effect must stay between 0 and 1");
			}
			n = Stats.sampleSizeProportion(baseline, absolute, alpha, power);
			sd = Stats.bernoulliSd(baseline);
		}
		else {
			sd = positive("sd", body.sd());
			n = Stats.sampleSizeMean(sd, absolute, alpha, power);
		}
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("metric", metric);
		out.put("per_arm", n);
		out.put("total", 2 * n);
		out.put("baseline", baseline);
		out.put("absolute_effect", absolute);
		out.put("relative_effect", (baseline != 0) ? absolute / baseline : null);
		out.put("alpha", alpha);
		out.put("power", power);
		out.put("sd", sd);
		return ApiResponse.of(out, ResponseMeta.single(ResponseMeta.millisSince(started), false));
	}

	static Map<String, Object> answer(String metric, double alpha, Stats.Comparison r) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("metric", metric);
		out.put("statistic", r.statistic());
		out.put("p_value", r.pValue());
		out.put("ci_low", r.ciLow());
		out.put("ci_high", r.ciHigh());
		out.put("diff", r.diff());
		out.put("lift", r.lift());
		out.put("control_value", r.controlValue());
		out.put("treatment_value", r.treatmentValue());
		out.put("standard_error", r.standardError());
		out.put("df", r.df());
		out.put("alpha", alpha);
		out.put("significant", r.pValue() < alpha);
		out.put("test", "proportion".equals(metric) ? "two_proportion_z" : "welch_t");
		return out;
	}

	private static String metric(String metric) {
		if (!"proportion".equals(metric) && !"mean".equals(metric)) {
			throw ApiException.validation("metric", "must be proportion or mean", List.of("proportion", "mean"));
		}
		return metric;
	}

	private static Arm require(String field, Arm arm) {
		if (arm == null) {
			throw ApiException.validation(field, "is required");
		}
		return arm;
	}

	private static long count(String field, Long value, long min) {
		if (value == null || value < min) {
			throw ApiException.validation(field, "is required, at least " + min);
		}
		return value;
	}

	private static double finite(String field, Double value) {
		if (value == null || !Double.isFinite(value)) {
			throw ApiException.validation(field, "is required (a number)");
		}
		return value;
	}

	private static double sd(String field, Double value) {
		double v = finite(field, value);
		if (v < 0) {
			throw ApiException.validation(field, "must be 0 or more");
		}
		return v;
	}

	private static double positive(String field, Double value) {
		double v = finite(field, value);
		if (v <= 0) {
			throw ApiException.validation(field, "must be more than 0");
		}
		return v;
	}

	private static double probability(String field, Double value, double fallback, double maxExclusive) {
		if (value == null) {
			return fallback;
		}
		if (!Double.isFinite(value) || value <= 0 || value >= maxExclusive) {
			throw ApiException.validation(field, "must be between 0 and " + maxExclusive + " (exclusive)");
		}
		return value;
	}


}
