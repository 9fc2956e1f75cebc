package com.agentobs.query.usage;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import com.agentobs.contracts.filter.StandardFilters;
import com.agentobs.query.fleetdata.AgentDirectory;
import com.agentobs.query.fleetdata.Change;
import com.agentobs.query.fleetdata.Departments;
import com.agentobs.query.fleetdata.Dim;
import com.agentobs.query.fleetdata.Fleet;
import com.agentobs.query.fleetdata.FleetRow;
import com.agentobs.query.fleetdata.Grain;
import com.agentobs.query.fleetdata.Measure;
import com.agentobs.query.fleetdata.Scope;
import com.agentobs.query.fleetdata.Source;
import com.agentobs.query.fleetdata.Totals;
import com.agentobs.query.system.View;

import org.springframework.stereotype.Service;

@Service
class UsagePatternsService {

	/** The segments every answer lists, in this order, even when empty, so charts keep a stable legend. */
	static final List<String> SEGMENTS = List.of("power_user", "regular", "new", "dormant");

	private static final Duration HOUR = Duration.ofHours(1);

	private final Fleet fleet;

	UsagePatternsService(Fleet fleet) {
		this.fleet = fleet;
	}

	/** Chart 2.6: active users (by current segment) and requests (by the trace's segment) per segment. */
	View userSegments(StandardFilters f) {
		Scope scope = this.fleet.scope(f);
		StandardFilters pf = f.previousPeriod();
		Map<String, Long> requests = requestsBySegment(this.fleet.sources().totals(f.from(), f.to()), scope);
		Map<String, Long> prevRequests = requestsBySegment(this.fleet.sources().totals(pf.from(), pf.to()), scope);
		Map<String, Long> users = this.fleet.distinctUsersBySegment(scope, f.from(), f.to());
		Map<String, Long> prevUsers = this.fleet.distinctUsersBySegment(scope, pf.from(), pf.to());
		List<String> order = new ArrayList<>(SEGMENTS);
		new TreeSet<>(requests.keySet()).forEach((s) -> addIfAbsent(order, s));
		new TreeSet<>(users.keySet()).forEach((s) -> addIfAbsent(order, s));
		long totalUsers = users.values().stream().mapToLong(Long::longValue).sum();
		long totalRequests = requests.values().stream().mapToLong(Long::longValue).sum();
		List<UsagePatternsResponses.SegmentRow> rows = order.stream().map((s) -> {
			long u = users.getOrDefault(s, 0L);
			long r = requests.getOrDefault(s, 0L);
			return new UsagePatternsResponses.SegmentRow(s, u, Change.pct(u, prevUsers.getOrDefault(s, 0L)),
					UsageService.pct(u, totalUsers), r, Change.pct(r, prevRequests.getOrDefault(s, 0L)),
					UsageService.pct(r, totalRequests));
		}).toList();
		Map<String, Object> extra = new LinkedHashMap<>();
		extra.put("total_users", totalUsers);
		extra.put("total_requests", totalRequests);
		extra.put("change_label", Change.label(f));
		extra.put("users_basis", "distinct users active in the window, by their current segment (end_users)");
		extra.put("requests_basis", "requests by the segment recorded on each trace");
		return View.of(rows, extra);
	}

	/**
	 * Chart 2.7: per time bucket and department, the share of requests served by the target
	 * version: the {@code version} filter when set, else the workspace's newest version (registry
	 * or traffic in the window).
	 * The {@code version} filter therefore picks the numerator and never narrows the denominator.
	 */
	View versionAdoption(StandardFilters f) {
		Scope filtered = this.fleet.scope(f);
		Scope scope = new Scope(filtered.workspaceId(), filtered.departmentId(), filtered.environment(), null,
				filtered.agentId());
		Source series = this.fleet.sources().series(f.from(), f.to(), 30);
		List<FleetRow> cells = this.fleet.read(series, scope)
			.groupBy(Dim.BUCKET, Dim.DEPARTMENT, Dim.VERSION)
			.measuring(Measure.REQUESTS)
			.rows()
			.list();
		Map<UUID, Departments.Department> depts = this.fleet.departmentsById(f.workspaceId());
		// the workspace's versions (registry and traffic), so a scope without the newest one shows 0 %
		List<String> versions = Stream
			.concat(cells.stream().map((r) -> r.key().version()),
					this.fleet.agents(new Scope(f.workspaceId(), null, null, null, null))
						.stream()
						.map(AgentDirectory.Agent::version))
			.filter((v) -> v != null)
			.distinct()
			.sorted(Comparator.comparing((String v) -> v, UsagePatternsService::compareVersions).reversed())
			.toList();
		String target = (f.version() != null) ? f.version() : versions.isEmpty() ? null : versions.get(0);
		Map<String, Map<Instant, long[]>> byDept = new HashMap<>();
		cells.forEach((r) -> {
			long n = r.totals().requests();
			long[] v = byDept.computeIfAbsent(Departments.code(depts, r.key().departmentId()), (d) -> new HashMap<>())
				.computeIfAbsent(r.key().bucket(), (b) -> new long[2]);
			v[0] += n;
			if (target != null && target.equals(r.key().version())) {
				v[1] += n;
			}
		});
		List<UsagePatternsResponses.AdoptionRow> rows = new ArrayList<>();
		for (String dept : new TreeSet<>(byDept.keySet())) {
			Map<Instant, long[]> points = byDept.get(dept);
			for (Instant b : series.bucketStarts()) {
				long[] v = points.getOrDefault(b, new long[2]);
				rows.add(new UsagePatternsResponses.AdoptionRow(b, dept, v[0], v[1],
						(v[0] == 0) ? null : Totals.round(100.0 * v[1] / v[0], 1)));
			}
		}
		Map<String, Object> extra = new LinkedHashMap<>();
		if (target != null) { // meta keys cannot be null: absent when the workspace has no version at all
			extra.put("target_version", target);
		}
		extra.put("versions", versions);
		extra.put("bucket_seconds", series.bucket().toSeconds());
		extra.put("time_buckets", series.bucketStarts().stream().map(Instant::toString).toList());
		extra.put("version_filter", "selects the target version; requests of every version are the denominator");
		return View.of(rows, extra);
	}

	/**
	 * Chart 2.9: requests per ISO weekday (1 = Monday) and hour of day, UTC. {@code avg_requests}
	 * divides by how many times that weekday-hour occurs in the window (hour-granular, as rollups).
	 */
	View hourlyPattern(StandardFilters f) {
		Scope scope = this.fleet.scope(f);
		Source source = this.fleet.sources().seriesWithBucket(f.from(), f.to(), HOUR);
		if (source.grain() == Grain.RAW) {
			// raw windows bucket from `from`; align to whole hours so buckets are clock hours
			source = new Source(Grain.RAW, f.from(), f.to(), HOUR, f.from().truncatedTo(ChronoUnit.HOURS));
		}
		List<FleetRow> byHour = this.fleet.read(source, scope)
			.groupBy(Dim.BUCKET)
			.measuring(Measure.REQUESTS)
			.rows()
			.list();
		long[][] requests = new long[7][24];
		int[][] occurrences = new int[7][24];
		for (Instant b : source.bucketStarts()) {
			ZonedDateTime utc = b.atZone(ZoneOffset.UTC);
			occurrences[utc.getDayOfWeek().getValue() - 1][utc.getHour()]++;
		}
		long total = 0;
		for (FleetRow row : byHour) {
			ZonedDateTime utc = row.key().bucket().atZone(ZoneOffset.UTC);
			requests[utc.getDayOfWeek().getValue() - 1][utc.getHour()] += row.totals().requests();
			total += row.totals().requests();
		}
		List<UsagePatternsResponses.HourCell> cells = new ArrayList<>(7 * 24);
		UsagePatternsResponses.HourCell peak = null;
		for (DayOfWeek day : DayOfWeek.values()) {
			for (int hour = 0; hour < 24; hour++) {
				long n = requests[day.getValue() - 1][hour];
				int times = occurrences[day.getValue() - 1][hour];
				UsagePatternsResponses.HourCell cell = new UsagePatternsResponses.HourCell(day.getValue(), hour, n,
						(times == 0) ? null : Totals.round((double) n / times, 1), UsageService.pct(n, total));
				cells.add(cell);
				if (n > 0 && (peak == null || n > peak.requests())) {
					peak = cell;
				}
			}
		}
		Map<String, Object> extra = new LinkedHashMap<>();
		extra.put("timezone", "UTC");
		extra.put("total_requests", total);
		if (peak != null) { // absent without traffic (meta keys cannot be null)
			extra.put("peak_day_of_week", peak.dayOfWeek());
			extra.put("peak_hour", peak.hour());
		}
		return View.of(cells, extra);
	}

	/** Release labels such as {@code v2.1} ordered by their numeric parts ({@code v1.10} after {@code v1.9}). */
	static int compareVersions(String a, String b) {
		String[] pa = a.replaceAll("[^0-9.]", "").split("\\.");
		String[] pb = b.replaceAll("[^0-9.]", "").split("\\.");
		for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
			String x = digits(pa, i);
			String y = digits(pb, i);
			int byValue = (x.length() != y.length()) ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
			if (byValue != 0) {
				return byValue;
			}
		}
		return a.compareTo(b);
	}

	/** Part {@code i} without leading zeros ("0" when absent), compared by length then text: no overflow. */
	private static String digits(String[] parts, int i) {
		String part = (i < parts.length) ? parts[i].replaceFirst("^0+", "") : "";
		return part.isEmpty() ? "0" : part;
	}

	/** Represented requests per segment recorded on the traces ("unknown" for traces without one). */
	private Map<String, Long> requestsBySegment(Source source, Scope scope) {
		Map<String, Long> out = new LinkedHashMap<>();
		this.fleet.read(source, scope)
			.groupBy(Dim.SEGMENT)
			.measuring(Measure.REQUESTS)
			.rows()
			.stream()
			.forEach((r) -> out.merge((r.key().segment() != null) ? r.key().segment() : "unknown",
					r.totals().requests(), Long::sum));
		return out;
	}

	private static void addIfAbsent(List<String> order, String segment) {
		if (!order.contains(segment)) {
			order.add(segment);
		}
	}

}
