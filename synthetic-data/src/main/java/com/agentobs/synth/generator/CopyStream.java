package com.agentobs.synth.generator;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One {@code COPY … FROM STDIN} (text format) fed from a reusable byte buffer: values are appended
 * as bytes without intermediate strings for numbers and timestamps, and the buffer is sent in
 * 1 MiB chunks so the server parses while the generator keeps generating.
 */
final class CopyStream implements AutoCloseable {

	private static final int FLUSH_AT = 1 << 20;

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private final CopyIn copyIn;

	private byte[] buf = new byte[FLUSH_AT + 64 * 1024];

	private int pos;

	private boolean rowStart = true;

	private long cachedDay = Long.MIN_VALUE;

	private final byte[] dayPrefix = new byte[11];

	CopyStream(Connection connection, String copySql) throws SQLException {
		this.copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
	}

	private void sep() {
		ensure(1);
		if (!rowStart) {
			buf[pos++] = '\t';
		}
		rowStart = false;
	}

	private void ensure(int n) {
		if (pos + n > buf.length) {
			byte[] bigger = new byte[Math.max(buf.length * 2, pos + n)];
			System.arraycopy(buf, 0, bigger, 0, pos);
			buf = bigger;
		}
	}

	CopyStream nul() {
		sep();
		ensure(2);
		buf[pos++] = '\\';
		buf[pos++] = 'N';
		return this;
	}

	/** Text value, escaped for COPY text format; null becomes \N. */
	CopyStream text(String s) {
		if (s == null) {
			return nul();
		}
		sep();
		ensure(s.length() * 2);
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c >= 0x80) {
				appendUtf8(s.substring(i));
				return this;
			}
			switch (c) {
				case '\\' -> {
					buf[pos++] = '\\';
					buf[pos++] = '\\';
				}
				case '\t' -> {
					buf[pos++] = '\\';
					buf[pos++] = 't';
				}
				case '\n' -> {
					buf[pos++] = '\\';
					buf[pos++] = 'n';
				}
				case '\r' -> {
					buf[pos++] = '\\';
					buf[pos++] = 'r';
				}
				default -> buf[pos++] = (byte) c;
			}
		}
		return this;
	}

	private void appendUtf8(String rest) {
		String escaped = rest.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
		byte[] bytes = escaped.getBytes(StandardCharsets.UTF_8);
		ensure(bytes.length);
		System.arraycopy(bytes, 0, buf, pos, bytes.length);
		pos += bytes.length;
	}

	/** Pre-encoded ASCII value that needs no escaping (constants, ids). */
	CopyStream raw(byte[] ascii) {
		sep();
		ensure(ascii.length);
		System.arraycopy(ascii, 0, buf, pos, ascii.length);
		pos += ascii.length;
		return this;
	}

	CopyStream num(long v) {
		sep();
		ensure(21);
		appendLong(v);
		return this;
	}

	/** prefix + 16 lower-case hex digits of v (trace and span ids). */
	CopyStream hexId(byte[] prefix, long v) {
		sep();
		ensure(prefix.length + 16);
		System.arraycopy(prefix, 0, buf, pos, prefix.length);
		pos += prefix.length;
		for (int shift = 60; shift >= 0; shift -= 4) {
			buf[pos++] = HEX[(int) (v >>> shift) & 0xF];
		}
		return this;
	}

	/** Millionths as a decimal with six places (NUMERIC(12,6)). */
	CopyStream micros(long micros) {
		sep();
		ensure(24);
		if (micros < 0) {
			buf[pos++] = '-';
			micros = -micros;
		}
		appendLong(micros / 1_000_000);
		buf[pos++] = '.';
		long frac = micros % 1_000_000;
		for (long div = 100_000; div >= 1; div /= 10) {
			buf[pos++] = (byte) ('0' + (frac / div) % 10);
		}
		return this;
	}

	CopyStream uuid(UUID id) {
		sep();
		ensure(36);
		long msb = id.getMostSignificantBits();
		long lsb = id.getLeastSignificantBits();
		hex(msb >>> 32, 8);
		buf[pos++] = '-';
		hex(msb >>> 16, 4);
		buf[pos++] = '-';
		hex(msb, 4);
		buf[pos++] = '-';
		hex(lsb >>> 48, 4);
		buf[pos++] = '-';
		hex(lsb, 12);
		return this;
	}

	private void hex(long v, int digits) {
		for (int i = digits - 1; i >= 0; i--) {
			buf[pos++] = HEX[(int) (v >>> (i * 4)) & 0xF];
		}
	}

	/** UTC timestamp with milliseconds: {@code 2025-01-31 09:15:02.123+00}. */
	CopyStream timestamp(long epochMillis) {
		sep();
		ensure(32);
		long day = Math.floorDiv(epochMillis, 86_400_000L);
		if (day != cachedDay) {
			byte[] p = (LocalDate.ofEpochDay(day) + " ").getBytes(StandardCharsets.US_ASCII);
			System.arraycopy(p, 0, dayPrefix, 0, 11);
			cachedDay = day;
		}
		System.arraycopy(dayPrefix, 0, buf, pos, 11);
		pos += 11;
		int msOfDay = (int) Math.floorMod(epochMillis, 86_400_000L);
		two(msOfDay / 3_600_000);
		buf[pos++] = ':';
		two(msOfDay / 60_000 % 60);
		buf[pos++] = ':';
		two(msOfDay / 1000 % 60);
		buf[pos++] = '.';
		int ms = msOfDay % 1000;
		buf[pos++] = (byte) ('0' + ms / 100);
		buf[pos++] = (byte) ('0' + ms / 10 % 10);
		buf[pos++] = (byte) ('0' + ms % 10);
		buf[pos++] = '+';
		buf[pos++] = '0';
		buf[pos++] = '0';
		return this;
	}

	private void two(int v) {
		buf[pos++] = (byte) ('0' + v / 10);
		buf[pos++] = (byte) ('0' + v % 10);
	}

	private void appendLong(long v) {
		if (v == 0) {
			buf[pos++] = '0';
			return;
		}
		if (v < 0) {
			if (v == Long.MIN_VALUE) {
				byte[] b = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
				System.arraycopy(b, 0, buf, pos, b.length);
				pos += b.length;
				return;
			}
			buf[pos++] = '-';
			v = -v;
		}
		int start = pos;
		while (v > 0) {
			buf[pos++] = (byte) ('0' + v % 10);
			v /= 10;
		}
		for (int i = start, j = pos - 1; i < j; i++, j--) {
			byte t = buf[i];
			buf[i] = buf[j];
			buf[j] = t;
		}
	}

	void endRow() throws SQLException {
		ensure(1);
		buf[pos++] = '\n';
		rowStart = true;
		if (pos >= FLUSH_AT) {
			flush();
		}
	}

	private void flush() throws SQLException {
		if (pos > 0) {
			copyIn.writeToCopy(buf, 0, pos);
			pos = 0;
		}
	}

	/** Sends the rest and ends the COPY; returns the rows the server stored. */
	long finish() throws SQLException {
		flush();
		return copyIn.endCopy();
	}

	@Override
	public void close() throws SQLException {
		if (copyIn.isActive()) {
			copyIn.cancelCopy();
		}
	}

}
