package com.agentobs.synth;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.agentobs.synth.model.SeedOptions;

/** Parses {@code seed} / {@code report} options; every mistake names the option. */
final class SeedCommandLine {

	static final String USAGE = """
			Usage: java -jar synthetic-data.jar seed   [OPTIONS]   seed a synthetic demo workspace
			       java -jar synthetic-data.jar report [OPTIONS]   print realised distributions vs the targets
			       java -jar synthetic-data.jar demo-credentials [--workspace SLUG] [--file PATH]
			                                     demo API keys, the isolation sandbox, and the git-ignored
			                                     .agentobs/demo-credentials.json that scripts log in with
			       java -jar synthetic-data.jar --help

			Options:
			  --workspace SLUG             workspace to seed (default: the first workspace, or demo-org when none)
			  --days N                     days of history before --end-date (default 90)
			  --agents N                   agents, spread over the 10 departments as the spec says (default 100)
			  --users N                    end users (default 500)
			  --traces-per-agent-day A-B   uniform draw per agent and day before the multipliers (default 50-200)
			  --volume-scale X             multiplies that draw (default 1.2; 3.75 gives ≈ 2.0M traces)
			  --sample-rate N              production agents record 1 in N requests (default 100)
			  --seed N                     random seed: same seed + end date => identical data (default 42)
			  --end-date YYYY-MM-DD        "now" = 00:00 UTC of this day; history ends there, whole days, same
			                               seed + end date = identical data (default: live — history runs up
			                               to the moment of seeding, so "last 24h" is full)
			  --only LIST                  comma-separated generators: %s
			  --reset                      delete the workspace's data (of the selected generators) first
			  --yes                        do not ask before --reset
			  --force                      seed a workspace that holds non-synthetic data
			  --dry-run                    print what would be created, write nothing
			  --report                     after seeding, print realised distributions beside the targets
			  --bench                      after seeding, time a raw COPY of the same traces and spans into the
			                               same tables (rolled back): with indexes in place, and load-then-index
			  --help                       this text

			Environment: AGENTOBS_DB_URL (default jdbc:postgresql://127.0.0.1:5432/agentobs),
			             AGENTOBS_DB_OWNER_USER (agentobs), AGENTOBS_DB_OWNER_PASSWORD (agentobs),
			             AGENTOBS_DB_APP_USER (agentobs_app; granted privileges by the migrations)
			""";

	private SeedCommandLine() {
	}

	static SeedOptions parse(List<String> args, Set<String> generators) {
		SeedOptions d = SeedOptions.defaults(LocalDate.now(ZoneOffset.UTC));
		String workspace = d.workspaceSlug();
		int days = d.days();
		int agents = d.agents();
		int users = d.users();
		int min = d.minTracesPerAgentDay();
		int max = d.maxTracesPerAgentDay();
		double volume = d.volumeScale();
		int sampleRate = d.sampleRate();
		long seed = d.seed();
		LocalDate end = null;
		Set<String> only = new LinkedHashSet<>();
		boolean reset = false;
		boolean yes = false;
		boolean force = false;
		boolean dryRun = false;
		boolean report = false;
		boolean bench = false;
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			String value = null;
			int eq = arg.indexOf('=');
			if (arg.startsWith("--") && eq > 0) {
				value = arg.substring(eq + 1);
				arg = arg.substring(0, eq);
			}
			switch (arg) {
				case "--reset" -> reset = true;
				case "--yes", "-y" -> yes = true;
				case "--force" -> force = true;
				case "--dry-run" -> dryRun = true;
				case "--report" -> report = true;
				case "--bench" -> bench = true;
				case "--workspace", "--days", "--agents", "--users", "--traces-per-agent-day", "--volume-scale",
						"--sample-rate", "--seed", "--end-date", "--only" -> {
					if (value == null) {
						if (i + 1 >= args.size()) {
							throw new IllegalArgumentException(arg + " needs a value");
						}
						value = args.get(++i);
					}
					switch (arg) {
						case "--workspace" -> {
							if (!value.matches("[a-z0-9][a-z0-9-]{0,99}")) {
								throw new IllegalArgumentException(
										"--workspace must be a slug (lower-case letters, digits, '-'), got " + value);
							}
							workspace = value;
						}
						case "--days" -> days = integer(arg, value);
						case "--agents" -> agents = integer(arg, value);
						case "--users" -> users = integer(arg, value);
						case "--traces-per-agent-day" -> {
							String[] parts = value.split("-", -1);
							if (parts.length == 1) {
								min = max = integer(arg, parts[0]);
							}
							else if (parts.length == 2) {
								min = integer(arg, parts[0]);
								max = integer(arg, parts[1]);
							}
							else {
								throw new IllegalArgumentException(arg + " must be MIN-MAX, got " + value);
							}
						}
						case "--volume-scale" -> {
							try {
								volume = Double.parseDouble(value);
							}
							catch (NumberFormatException e) {
								throw new IllegalArgumentException(arg + " must be a number, got " + value);
							}
						}
						case "--sample-rate" -> sampleRate = integer(arg, value);
						case "--seed" -> {
							try {
								seed = Long.parseLong(value);
							}
							catch (NumberFormatException e) {
								throw new IllegalArgumentException(arg + " must be an integer, got " + value);
							}
						}
						case "--end-date" -> {
							try {
								end = LocalDate.parse(value);
							}
							catch (DateTimeParseException e) {
								throw new IllegalArgumentException(arg + " must be YYYY-MM-DD, got " + value);
							}
						}
						default -> {
							for (String g : value.split(",")) {
								String name = g.trim();
								if (!generators.contains(name)) {
									throw new IllegalArgumentException(
											"--only: unknown generator '" + name + "'; known: " + String.join(",", generators));
								}
								only.add(name);
							}
						}
					}
				}
				default -> throw new IllegalArgumentException("unknown option " + args.get(i) + " (see --help)");
			}
		}
		Long liveUntil = null;
		if (end == null) {
			// live: whole days up to tomorrow 00:00 UTC, clipped at now
			end = d.endDate().plusDays(1);
			liveUntil = System.currentTimeMillis();
		}
		return new SeedOptions(workspace, days, agents, users, min, max, volume, sampleRate, seed, end, only, reset, yes,
				force, dryRun, report, bench, liveUntil);
	}

	private static int integer(String option, String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException(option + " must be an integer, got " + value);
		}
	}

	static String usage(Set<String> generators) {
		return USAGE.formatted(String.join(",", generators));
	}

	static boolean wantsHelp(String[] args) {
		return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h") || a.equals("help"));
	}

}
