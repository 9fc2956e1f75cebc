package com.agentobs.query.home;

/**
 * The health score (fleet/health-heatmap): {@code clamp(100 − E − L − Q, 0, 100)}
 * with {@code E = min(50, 10 × error_rate_pct)}, {@code L = 0} when P90 ≤ 2000 ms else
 * {@code min(30, 30 × (P90 − 2000) / 2000)}, {@code Q = 0} when unscored or quality ≥ 80
 * else {@code min(20, 80 − quality)}. Bands: 100 healthy, 70–99 degraded, 40–69
 * unhealthy, 0–39 critical.
 */
final class HealthScore {

	static final String FORMULA = "clamp(100 - E - L - Q, 0, 100); E = min(50, 10 * error_rate_pct); "
			+ "L = 0 if p90 <= 2000 ms else min(30, 30 * (p90 - 2000) / 2000); "
			+ "Q = 0 if unscored or quality >= 80 else min(20, 80 - quality)";

	private HealthScore() {
	}

	static int score(double errorRatePct, Double p90Ms, Double quality) {
		double e = Math.min(50, 10 * errorRatePct);
		double l = (p90Ms == null || p90Ms <= 2000) ? 0 : Math.min(30, 30 * (p90Ms - 2000) / 2000);
		double q = (quality == null || quality >= 80) ? 0 : Math.min(20, 80 - quality);
		return (int) Math.max(0, Math.min(100, Math.floor(100 - e - l - q)));
	}

}
