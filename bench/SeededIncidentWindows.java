import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.agentobs.synth.model.OrgPlan;
import com.agentobs.synth.model.OrgPlanner;
import com.agentobs.synth.model.SeedOptions;

/**
 * Where the seeder injected incidents: rebuilds its plan (OrgPlanner) from the workspace id and the seed
 * options recorded on the workspace, and prints one line per incident window:
 * {@code window <from> <to> <severity> <department> <agent_id,agent_id,...> <fail share> <latency factor>}
 * (ISO instants; only the listed agents, all of the department, fail and slow down).
 * Args: workspace-id seed days agents users sample-rate end-date.
 * Run with synthetic-data's classes: see bench/anomaly-recall-seeded.sh.
 */
public final class SeededIncidentWindows {

	public static void main(String[] args) {
		UUID ws = UUID.fromString(args[0]);
		SeedOptions d = SeedOptions.defaults(LocalDate.parse(args[6]));
		SeedOptions options = new SeedOptions(null, Integer.parseInt(args[2]), Integer.parseInt(args[3]),
				Integer.parseInt(args[4]), d.minTracesPerAgentDay(), d.maxTracesPerAgentDay(), d.volumeScale(),
				Integer.parseInt(args[5]), Long.parseLong(args[1]), d.endDate(), Set.of(), false, false, false, false,
				false, false, null);
		OrgPlan plan = OrgPlanner.plan(options, ws);
		for (OrgPlan.Window w : plan.incidentWindows()) {
			System.out.println("window " + Instant.ofEpochMilli(w.fromMillis()) + " " + Instant.ofEpochMilli(w.toMillis())
					+ " " + w.severity() + " " + w.department() + " "
					+ w.agents().stream().map((i) -> plan.agents().get(i).agentId()).collect(Collectors.joining(","))
					+ " " + w.failShare() + " " + w.latencyFactor());
		}
	}

}
