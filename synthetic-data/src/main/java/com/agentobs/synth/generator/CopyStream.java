package com.agentobs.synth.generator;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One {@code COPY … FROM STDIN} (text format) fed from reusable byte buffers: values are appended
 * as bytes without intermediate strings for numbers and timestamps. Full 1 MiB buffers are handed to
 * a sender thread, so the generator keeps generating while the socket write waits for the server
 * (one generator feeds two streams: a slow one must not stall the other).
 */
final class CopyStream implements AutoCloseable {

	private static final int FLUSH_AT = 1 << 20;

	/** Buffers per stream: one being filled, the rest queued or being sent. */
	private static final int BUFFERS = 3;

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private record Chunk(byte[] bytes, int length) {
	}

	private static final Chunk END = new Chunk(new byte[0], -1);

	private final CopyIn copyIn;

	private final BlockingQueue<Chunk> toSend = new ArrayBlockingQueue<>(BUFFERS);

	private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);

	private final Thread sender;

	private volatile SQLException failure;

	private boolean ended;

	private byte[] buf = new byte[FLUSH_AT + 64 * 1024];

	private int pos;

	private boolean rowStart = true;

	private long cachedDay = Long.MIN_VALUE;

	private final byte[] dayPrefix = new byte[11];

	CopyStream(Connection connection, String copySql) throws SQLException {
		this.copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
		for (int i = 1; i < BUFFERS; i++) {
			free.add(new byte[buf.length]);
		}
		this.sender = new Thread(this::send, "copy-sender");
		this.sender.setDaemon(true);
		this.sender.start();
	}

	/** Sender thread: writes queued chunks until END; after a failure it only recycles buffers. */
	private void send() {
		while (true) {
			Chunk chunk;
			try {
				chunk = toSend.take();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			if (chunk == END) {
				return;
			}
			if (failure == null) {
				try {
					copyIn.writeToCopy(chunk.bytes(), 0, chunk.length());
				}
				catch (SQLException e) {
					failure = e;
				}
			}
			free.add(chunk.bytes());
		}
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
		if (failure != null) {
			throw failure;
		}
		if (pos > 0) {
			try {
				toSend.put(new Chunk(buf, pos));
				buf = free.take();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new SQLException("interrupted while sending COPY data", e);
			}
			pos = 0;
		}
	}

	/** Waits until the sender thread has written everything queued and stopped. */
	private void endSender() throws SQLException {
		if (ended) {
			return;
		}
		ended = true;
		try {
			toSend.put(END);
			sender.join();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new SQLException("interrupted while sending COPY data", e);
		}
	}

	/** Sends the rest and ends the COPY; returns the rows the server stored. */
	long finish() throws SQLException {
		flush();
		endSender();
		if (failure != null) {
			throw failure;
		}
		return copyIn.endCopy();
	}

	@Override
	public void close() throws SQLException {
		endSender();
		if (copyIn.isActive()) {
			copyIn.cancelCopy();
		}
	}

}
