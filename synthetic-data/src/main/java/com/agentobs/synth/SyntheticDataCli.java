package com.agentobs.synth;

import java.nio.file.Path;
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
		if (command.equals("demo-credentials")) {
			System.exit(demoCredentials(rest));
		}
		try {
			SeedOptions options = SeedCommandLine.parse(rest, generators);
			switch (command) {
				case "seed" -> seeder.seed(options);
				case "report" -> seeder.reportOnly(options);
				default -> throw new IllegalArgumentException(
						"unknown command " + command + " (seed | report | demo-credentials | --help)");
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

	/** {@code demo-credentials [--workspace SLUG] [--file PATH]}: see {@link DemoCredentials}. */
	private static int demoCredentials(List<String> args) {
		String slug = null;
		Path file = Path.of(".agentobs", "demo-credentials.json");
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if ((arg.equals("--workspace") || arg.equals("--file")) && i + 1 < args.size()) {
				String value = args.get(++i);
				if (arg.equals("--workspace")) {
					slug = value;
				}
				else {
					file = Path.of(value);
				}
			}
			else {
				System.err.println("synthetic-data: demo-credentials [--workspace SLUG] [--file PATH]; unknown "
						+ "or incomplete option " + arg);
				return 2;
			}
		}
		DemoCredentials credentials = new DemoCredentials(Seeder.Database.fromEnvironment(), System.out);
		try {
			credentials.print(credentials.ensure(slug, file), file);
			return 0;
		}
		catch (Seeder.SeedRefusedException e) {
			System.err.println("synthetic-data: " + e.getMessage());
			return 2;
		}
		catch (Exception e) {
			System.err.println("synthetic-data: demo-credentials failed: " + e);
			return 1;
		}
	}

}
