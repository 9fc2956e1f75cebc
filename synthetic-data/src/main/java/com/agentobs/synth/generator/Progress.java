package com.agentobs.synth.generator;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on stderr with rate and ETA. Redraws in place (at most 4×/s) on a terminal; prints a
 * line every 10 % otherwise, so logs of non-interactive runs stay short.
 */
public final class Progress {

	private static final int WIDTH = 28;

	private final PrintStream out;

	private final String label;

	private final long total;

	private final boolean interactive;

	private final long startNanos = System.nanoTime();

	private long done;

	private long lastDrawNanos;

	private int lastDecile = -1;

	public Progress(PrintStream out, String label, long total, boolean interactive) {
		this.out = out;
		this.label = label;
		this.total = Math.max(total, 1);
		this.interactive = interactive;
	}

	public void advance(long n) {
		done += n;
		long now = System.nanoTime();
		if (interactive) {
			if (now - lastDrawNanos > 250_000_000L) {
				lastDrawNanos = now;
				out.print("\r" + line(now));
				out.flush();
			}
		}
		else {
			int decile = (int) Math.min(10, done * 10 / total);
			if (decile > lastDecile) {
				lastDecile = decile;
				out.println(line(now));
			}
		}
	}

	public void finish() {
		long now = System.nanoTime();
		if (interactive) {
			out.print("\r" + line(now) + "\n");
		}
		else if (lastDecile < 10) {
			out.println(line(now));
		}
		out.flush();
	}

	private String line(long now) {
		double seconds = Math.max((now - startNanos) / 1e9, 1e-3);
		double rate = done / seconds;
		double fraction = Math.min(1.0, done / (double) total);
		int filled = (int) Math.round(fraction * WIDTH);
		String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
		String eta = rate > 0 && done < total ? String.format(Locale.ROOT, "ETA %4.0fs", (total - done) / rate)
				: String.format(Locale.ROOT, "%5.1fs   ", seconds);
		return String.format(Locale.ROOT, "  %-8s [%s] %3.0f%% %,11d/%,d  %,9.0f/s  %s", label, bar, fraction * 100,
				done, total, rate, eta);
	}

}
