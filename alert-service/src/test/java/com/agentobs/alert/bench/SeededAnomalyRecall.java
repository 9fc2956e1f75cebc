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
import com.agentobs.alert.rules.RuleStore;
import com.agentobs.contracts.tenancy.WorkspaceTransactions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Replays the seeded workspace's own anomaly rules (as saved by the seeder) over the seeded demo with the
 * product's rule preview, and scores them against the incident windows the seeder's plan injected (system
 * properties {@code recall.workspace-id}, {@code recall.windows}: {@code from/to/severity/department/agent;agent…}
 * joined by commas, {@code recall.seeded-until}, {@code recall.days}). A window is found when any rule fired
 * inside it (after its start, up to one rule window after its end) on an affected scope: one of its agents, or
 * its department. Every other firing is a false alert; they are reported per agent per week and at night
 * (00-06 UTC) or on weekends. Run by {@code bench/anomaly-recall-seeded.sh}; reads only, writes nothing.
 */
public final class SeededAnomalyRecall {

	private record Incident(Instant start, Instant end, String severity, String department, List<String> agents) {
	}

	private record Fired(String rule, String agent, String department, Instant firedAt, Instant resolvedAt,
			Double peak, Duration window) {

		String scope() {
			return (this.agent != null) ? this.agent : this.department;
		}

	}

	private SeededAnomalyRecall() {
	}

	public static void main(String[] args) throws Exception {
		int replayDays = Integer.getInteger("recall.days", 77);

		SpringApplication app = new SpringApplication(AlertApplication.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		// command-line arguments outrank application.yml: no scheduler, relay or playbook engine starts
		try (ConfigurableApplicationContext ctx = app.run("--agentobs.alert.evaluation.enabled=false",
				"--agentobs.alert.notifications.enabled=false", "--agentobs.alert.automation.enabled=false",
				"--spring.flyway.enabled=false", "--spring.main.banner-mode=off", "--logging.level.root=WARN")) {
			JdbcClient jdbc = ctx.getBean(JdbcClient.class);
			WorkspaceTransactions tx = ctx.getBean(WorkspaceTransactions.class);
			RulePreview preview = ctx.getBean(RulePreview.class);
			RuleStore store = ctx.getBean(RuleStore.class);

			UUID ws = UUID.fromString(System.getProperty("recall.workspace-id"));
			List<Incident> incidents = new ArrayList<>();
			for (String w : System.getProperty("recall.windows").split(",")) {
				String[] f = w.split("/");
				incidents.add(new Incident(Instant.parse(f[0]), Instant.parse(f[1]), f[2], f[3], List.of(f[4].split(";"))));
			}
			Instant seededEnd = Instant.parse(System.getProperty("recall.seeded-until"));
			Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
			if (end.isAfter(seededEnd)) {
				end = seededEnd;
			}
			Instant replayFrom = end.minus(Duration.ofDays(replayDays));
			List<AlertRule> rules = tx.inWorkspace(ws, () -> store.active(ws)).stream()
				.filter((r) -> "anomaly".equals(r.kind()))
				.toList();
			System.out.printf("workspace %s; %d injected incident windows, %d in the replayed range%n", ws,
					incidents.size(), incidents.stream().filter((i) -> i.start().isAfter(replayFrom)).count());
			for (Incident i : incidents) {
				System.out.printf("injected %s .. %s %-9s %s %-12s %s%n", i.start(), i.end(),
						i.start().atOffset(ZoneOffset.UTC).getDayOfWeek(), i.severity(), i.department(),
						String.join(",", i.agents()));
			}

			long started = System.nanoTime();
			List<Fired> fired = new ArrayList<>();
			int evaluations = 0;
			for (AlertRule rule : rules) {
				System.out.printf("rule \"%s\": %s anomaly by %s, window %d min, for %d min, z >= %s, direction %s, "
						+ "min volume %s; replayed %d days to %s in 7-day previews (step %d min)%n", rule.name(),
						rule.measure(), rule.groupBy(), rule.windowMinutes(), rule.forMinutes(), rule.zThreshold(),
						rule.direction(), rule.minVolume(), replayDays, end, RulePreview.step(rule, 7).toMinutes());
				Map<String, Fired> openAtChunkEnd = new HashMap<>();
				for (int chunk = (replayDays + 6) / 7 - 1; chunk >= 0; chunk--) {
					Instant chunkEnd = end.minus(Duration.ofDays(7L * chunk));
					RulePreview.Result r = tx.inWorkspace(ws, () -> preview.replay(ws, rule, null, chunkEnd, 7));
					evaluations += r.evaluations();
					Map<String, Fired> stillOpen = new HashMap<>();
					for (RulePreview.Firing f : r.firings()) {
						String key = f.labels().toString();
						Fired prev = openAtChunkEnd.get(key);
						// a firing open at the previous chunk's end and breached at this chunk's first instant is one alert
						boolean continues = prev != null && !f.startedAt().isAfter(r.from());
						Fired x = new Fired(rule.name(), f.labels().get("agent_id"), f.labels().get("department"),
								continues ? prev.firedAt() : f.firedAt(), f.resolvedAt(), f.peakValue(),
								Duration.ofMinutes(rule.windowMinutes()));
						if (continues) {
							fired.remove(prev);
						}
						fired.add(x);
						if (f.resolvedAt() == null) {
							stillOpen.put(key, x);
						}
					}
					openAtChunkEnd = stillOpen;
				}
			}
			double seconds = (System.nanoTime() - started) / 1e9;

			List<Incident> inRange = incidents.stream().filter((i) -> i.start().isAfter(replayFrom)).toList();
			List<Incident> found = inRange.stream().filter((i) -> fired.stream().anyMatch((f) -> matches(f, i))).toList();
			List<Fired> falseAlerts = fired.stream()
				.filter((f) -> !f.firedAt().isBefore(replayFrom))
				.filter((f) -> incidents.stream().noneMatch((i) -> matches(f, i)))
				.toList();
			long nightOrWeekend = falseAlerts.stream().filter((f) -> nightOrWeekend(f.firedAt())).count();
			long agents = tx.inWorkspace(ws, () -> jdbc.sql("SELECT count(DISTINCT agent_id) FROM traces_agent_hourly "
					+ "WHERE workspace_id = ? AND hour >= ?").param(ws).param(java.sql.Timestamp.from(replayFrom))
				.query(Long.class).single());
			double weeks = replayDays / 7.0;

			for (Fired f : fired) {
				boolean hit = incidents.stream().anyMatch((i) -> matches(f, i));
				System.out.printf("  fired %s %-30s %-36s peak %6.2f %s%s%n", f.firedAt(), f.rule(), f.scope(),
						f.peak() == null ? Double.NaN : f.peak(), hit ? "injected window" : "FALSE",
						!hit && nightOrWeekend(f.firedAt()) ? " (night/weekend)" : "");
			}
			for (Incident i : inRange) {
				if (!found.contains(i)) {
					System.out.printf("  missed %s %s %s %s%n", i.start(), i.severity(), i.department(),
							String.join(",", i.agents()));
				}
			}
			System.out.printf("replay: %d evaluations in %.1f s%n", evaluations, seconds);
			System.out.printf("recall: %d of %d injected windows found (%.0f %%)%n", found.size(), inRange.size(),
					100.0 * found.size() / Math.max(1, inRange.size()));
			Map<String, long[]> bySeverity = new java.util.TreeMap<>();
			for (Incident i : inRange) {
				long[] c = bySeverity.computeIfAbsent(i.severity(), (s) -> new long[2]);
				c[1]++;
				c[0] += found.contains(i) ? 1 : 0;
			}
			System.out.printf("by severity: %s%n", bySeverity.entrySet().stream()
				.map((e) -> e.getKey() + " " + e.getValue()[0] + "/" + e.getValue()[1]).collect(Collectors.joining(", ")));
			System.out.printf("false alerts: %d over %d agents x %.1f weeks = %.3f per agent per week (max %d on one scope)%n",
					falseAlerts.size(), agents, weeks, falseAlerts.size() / (agents * weeks),
					falseAlerts.stream().collect(Collectors.groupingBy(Fired::scope, Collectors.counting())).values()
						.stream().mapToLong(Long::longValue).max().orElse(0));
			System.out.printf("false alerts by rule: %s%n", falseAlerts.stream()
				.collect(Collectors.groupingBy(Fired::rule, java.util.TreeMap::new, Collectors.counting())));
			System.out.printf("false alerts at night (00-06 UTC) or on weekends: %d%n", nightOrWeekend);
			System.out.printf("load average: %.2f (nproc %d)%n",
					java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
					Runtime.getRuntime().availableProcessors());
		}
	}

	/** An evaluation at t sees [t - window, t): a window is found by a firing in (start, end + window] on its scope. */
	private static boolean matches(Fired f, Incident i) {
		boolean scope = (f.agent() != null) ? i.agents().contains(f.agent()) : i.department().equals(f.department());
		return scope && f.firedAt().isAfter(i.start()) && !f.firedAt().isAfter(i.end().plus(f.window()));
	}

	private static boolean nightOrWeekend(Instant t) {
		var at = t.atOffset(ZoneOffset.UTC);
		return at.getHour() < 6 || at.getDayOfWeek() == DayOfWeek.SATURDAY || at.getDayOfWeek() == DayOfWeek.SUNDAY;
	}

}
