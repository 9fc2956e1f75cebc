package com.agentobs.synth;

import java.util.Arrays;
import java.util.List;

import com.agentobs.synth.model.SeedOptions;

/** {@code java -jar synthetic-data.jar seed|report [options]}: see {@link SeedCommandLine#USAGE}. */
public final class SyntheticDataCli {

	private SyntheticDataCli() {
	}

	public static void main(String[] args) {
		Seeder seeder = new Seeder(Seeder.Database.fromEnvironment(), System.out, System.err,
				System.console() != null);
		var generators = seeder.registry().names();
		if (args.length == 0 || SeedCommandLine.wantsHelp(args)) {
			System.out.print(SeedCommandLine.usage(generators));
			System.exit(args.length == 0 ? 2 : 0);
		}
		String command = args[0];
		List<String> rest = Arrays.asList(args).subList(1, args.length);
		try {
			SeedOptions options = SeedCommandLine.parse(rest, generators);
			switch (command) {
				case "seed" -> seeder.seed(options);
				case "report" -> seeder.reportOnly(options);
				default -> throw new IllegalArgumentException("unknown command " + command + " (seed | report | --help)");
			}
		}
		catch (IllegalArgumentException | Seeder.SeedRefusedException e) {
			System.err.println("synthetic-data: " + e.getMessage());
			System.exit(2);
		}
		catch (Exception e) {
			System.err.println("synthetic-data: seeding failed: " + e);
			e.printStackTrace(System.err);
			System.exit(1);
		}
	}

}
