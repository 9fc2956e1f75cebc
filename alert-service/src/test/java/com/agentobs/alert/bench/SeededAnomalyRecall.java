package com.agentobs.alert.bench;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.agentobs.alert.AlertApplication;
import com.agentobs.alert.engine.RulePreview;
import com.agentobs.alert.rules.AlertRule;
import com.agentobs.alert.rules.RuleRequest;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Replays an error-rate anomaly rule (grouped by agent) over the seeded demo with the product's rule
 * preview, and scores it against the incident windows the seeder's plan injected on its problem agents
 * (system properties {@code recall.workspace-id}, {@code recall.windows}, {@code recall.problem-agents},
 * {@code recall.seeded-until}): recall, false alerts per agent per week, and false alerts at night (00-06 UTC)
 * or on weekends. Run by {@code bench/anomaly-recall-seeded.sh}; reads only, writes nothing.
 */
public final class SeededAnomalyRecall {

	private record Incident(String agent, Instant start, Instant end) {
	}

	private record Fired(String agent, Instant firedAt, Instant resolvedAt, Double peak) {
	}

	private SeededAnomalyRecall() {
	}

	public static void main(String[] args) throws Exception {
		int replayDays = Integer.getInteger("recall.days", 56);
		int window = Integer.getInteger("recall.window-minutes", 60);
		double z = Double.parseDouble(System.getProperty("recall.z", "4"));
		int minVolume = Integer.getInteger("recall.min-volume", 20);

		SpringApplication app = new SpringApplication(AlertApplication.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		// command-line arguments outrank application.yml: no scheduler, relay or playbook engine starts
		try (ConfigurableApplicationContext ctx = app.run("--agentobs.alert.evaluation.enabled=false",
				"--agentobs.alert.notifications.enabled=false", "--agentobs.alert.automation.enabled=false",
				"--spring.flyway.enabled=false", "--spring.main.banner-mode=off", "--logging.level.root=WARN")) {
			JdbcClient jdbc = ctx.getBean(JdbcClient.class);
			WorkspaceTransactions tx = ctx.getBean(WorkspaceTransactions.class);
			RulePreview preview = ctx.getBean(RulePreview.class);

			UUID ws = UUID.fromString(System.getProperty("recall.workspace-id"));
			// injected windows and problem agents, as the seeder's plan has them (bench/SeededIncidentWindows.java)
			List<String> problemAgents = List.of(System.getProperty("recall.problem-agents").split(","));
			List<Instant[]> windows = new ArrayList<>();
			for (String w : System.getProperty("recall.windows").split(",")) {
				String[] se = w.split("/");
				windows.add(new Instant[] { Instant.parse(se[0]), Instant.parse(se[1]) });
			}
			Instant seededEnd = Instant.parse(System.getProperty("recall.seeded-until"));
			List<Incident> incidents = new ArrayList<>();
			System.out.printf("workspace %s; problem agents %s%n", ws, problemAgents);
			for (Instant[] w : windows) {
				System.out.printf("injected window %s .. %s (%s), on every problem agent%n", w[0], w[1],
						w[0].atOffset(ZoneOffset.UTC).getDayOfWeek());
				for (String a : problemAgents) {
					incidents.add(new Incident(a, w[0], w[1]));
				}
			}

			Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
			if (end.isAfter(seededEnd)) {
				end = seededEnd;
			}
			RuleRequest request = new RuleRequest("Error anomaly", "anomaly", null, "error_rate", null, null, null,
					window, 0, "agent", null, null, null, java.math.BigDecimal.valueOf(z), minVolume, "up", null, null,
					null, null);
			AlertRule rule = request.toRule(null, "bench");
			System.out.printf("rule: error_rate anomaly by agent, window %d min, for 0 min, z >= %s, direction up, "
					+ "min volume %d; replayed %d days to %s in 7-day previews (step %d min)%n", window, z, minVolume,
					replayDays, end, RulePreview.step(rule, 7).toMinutes());

			long started = System.nanoTime();
			List<Fired> fired = new ArrayList<>();
			Map<String, Fired> openAtChunkEnd = new HashMap<>();
			int evaluations = 0;
			for (int chunk = replayDays / 7 - 1; chunk >= 0; chunk--) {
				Instant chunkEnd = end.minus(Duration.ofDays(7L * chunk));
				RulePreview.Result r = tx.inWorkspace(ws, () -> preview.replay(ws, rule, null, chunkEnd, 7));
				evaluations += r.evaluations();
				Map<String, Fired> stillOpen = new HashMap<>();
				for (RulePreview.Firing f : r.firings()) {
					String agent = f.labels().get("agent_id");
					Fired prev = openAtChunkEnd.get(agent);
					// a firing open at the previous chunk's end and breached at this chunk's first instant is one alert
					boolean continues = prev != null && !f.startedAt().isAfter(r.from());
					Fired x = continues ? new Fired(agent, prev.firedAt(), f.resolvedAt(), f.peakValue())
							: new Fired(agent, f.firedAt(), f.resolvedAt(), f.peakValue());
					if (continues) {
						fired.remove(prev);
					}
					fired.add(x);
					if (f.resolvedAt() == null) {
						stillOpen.put(agent, x);
					}
				}
				openAtChunkEnd = stillOpen;
			}
			double seconds = (System.nanoTime() - started) / 1e9;

			// an evaluation at t sees [t - window, t): a window is found by an alert fired in (start, end + window]
			Duration grace = Duration.ofMinutes(window);
			Instant replayFrom = end.minus(Duration.ofDays(replayDays));
			List<Incident> inRange = incidents.stream().filter((i) -> i.start().isAfter(replayFrom)).toList();
			List<Incident> found = inRange.stream().filter((i) -> fired.stream().anyMatch((f) -> matches(f, i, grace)))
				.toList();
			List<Fired> falseAlerts = fired.stream()
				.filter((f) -> incidents.stream().noneMatch((i) -> matches(f, i, grace)))
				.toList();
			long nightOrWeekend = falseAlerts.stream().filter((f) -> nightOrWeekend(f.firedAt())).count();
			long agents = tx.inWorkspace(ws, () -> jdbc.sql("SELECT count(DISTINCT agent_id) FROM traces_agent_hourly WHERE workspace_id = ? "
					+ "AND hour >= ?").param(ws).param(java.sql.Timestamp.from(replayFrom)).query(Long.class).single());
			double weeks = replayDays / 7.0;

			for (Fired f : fired) {
				boolean hit = incidents.stream().anyMatch((i) -> matches(f, i, grace));
				System.out.printf("  fired %s %-36s peak %6.2f %s%s%n", f.firedAt(), f.agent(),
						f.peak() == null ? Double.NaN : f.peak(), hit ? "injected window" : "FALSE",
						!hit && nightOrWeekend(f.firedAt()) ? " (night/weekend)" : "");
			}
			System.out.printf("replay: %d evaluations in %.1f s%n", evaluations, seconds);
			System.out.printf("recall: %d of %d injected (agent, window) pairs found (%d windows x %d problem agents)%n",
					found.size(), inRange.size(), windows.size(), problemAgents.size());
			Map<Instant, Long> perWindow = found.stream().collect(Collectors.groupingBy(Incident::start,
					Collectors.counting()));
			System.out.printf("windows with at least one problem agent alerted: %d of %d%n", perWindow.size(),
					inRange.stream().map(Incident::start).distinct().count());
			System.out.printf("false alerts: %d over %d agents x %.1f weeks = %.3f per agent per week (max %d on one agent)%n",
					falseAlerts.size(), agents, weeks, falseAlerts.size() / (agents * weeks),
					falseAlerts.stream().collect(Collectors.groupingBy(Fired::agent, Collectors.counting())).values()
						.stream().mapToLong(Long::longValue).max().orElse(0));
			System.out.printf("false alerts at night (00-06 UTC) or on weekends: %d%n", nightOrWeekend);
			System.out.printf("load average: %.2f (nproc %d)%n",
					java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
					Runtime.getRuntime().availableProcessors());
		}
	}

	private static boolean matches(Fired f, Incident i, Duration grace) {
		return f.agent().equals(i.agent()) && f.firedAt().isAfter(i.start())
				&& !f.firedAt().isAfter(i.end().plus(grace));
	}

	private static boolean nightOrWeekend(Instant t) {
		var at = t.atOffset(ZoneOffset.UTC);
		return at.getHour() < 6 || at.getDayOfWeek() == DayOfWeek.SATURDAY || at.getDayOfWeek() == DayOfWeek.SUNDAY;
	}

}
