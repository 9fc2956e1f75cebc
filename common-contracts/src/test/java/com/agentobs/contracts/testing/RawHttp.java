package com.agentobs.contracts.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately naive HTTP/1.1 client over a socket: it sends the request target and
 * header bytes exactly as given (a raw {@code %zz}, NUL, invalid UTF-8, a 100 KB header),
 * which {@code java.net.http} refuses to build, and reads whatever comes back.
 */
public final class RawHttp {

	/** A response; {@code status} is -1 when none arrived ({@code failure} says why). */
	public record Response(int status, Map<String, String> headers, String body, String failure) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

	private RawHttp() {
	}

	/**
	 * Sends one request on a fresh connection ({@code Connection: close}). {@code headers}
	 * are raw {@code name: value} byte strings; {@code Host}, {@code Connection} and
	 * {@code Content-Length} are added.
	 */
	public static Response send(int port, String method, byte[] target, List<byte[]> headers, byte[] body,
			int timeoutMillis) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
			socket.setSoTimeout(timeoutMillis);
			ByteArrayOutputStream request = new ByteArrayOutputStream();
			request.writeBytes((method + " ").getBytes(StandardCharsets.ISO_8859_1));
			request.writeBytes(target);
			request.writeBytes(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n".getBytes(StandardCharsets.US_ASCII));
			for (byte[] header : headers) {
				request.writeBytes(header);
				request.writeBytes(new byte[] { '\r', '\n' });
			}
			if (body != null) {
				request.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
			}
			request.writeBytes(new byte[] { '\r', '\n' });
			if (body != null) {
				request.writeBytes(body);
			}
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request.toByteArray());
				out.flush();
			}
			catch (IOException ex) {
				// the server may answer and close before reading everything: read what it said
			}
			return read(socket.getInputStream());
		}
		catch (SocketTimeoutException ex) {
			return new Response(-1, Map.of(), "", "no answer within " + timeoutMillis + " ms");
		}
		catch (IOException ex) {
			return new Response(-1, Map.of(), "", ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private static Response read(InputStream in) throws IOException {
		byte[] raw = in.readAllBytes();
		String text = new String(raw, StandardCharsets.ISO_8859_1);
		int headerEnd = text.indexOf("\r\n\r\n");
		if (raw.length == 0 || headerEnd < 0 || !text.startsWith("HTTP/1.")) {
			return new Response(-1, Map.of(), text, (raw.length == 0) ? "connection closed without a response"
					: "not an HTTP response");
		}
		String[] lines = text.substring(0, headerEnd).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
		}
		byte[] body = java.util.Arrays.copyOfRange(raw, headerEnd + 4, raw.length);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = dechunk(body);
		}
		return new Response(status, headers, new String(body, StandardCharsets.UTF_8), null);
	}

	private static byte[] dechunk(byte[] chunked) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int pos = 0;
		while (pos < chunked.length) {
			int lineEnd = indexOfCrlf(chunked, pos);
			if (lineEnd < 0) {
				break;
			}
			String sizeLine = new String(chunked, pos, lineEnd - pos, StandardCharsets.ISO_8859_1).split(";")[0].trim();
			int size = Integer.parseInt(sizeLine, 16);
			if (size == 0) {
				break;
			}
			int start = lineEnd + 2;
			out.write(chunked, start, Math.min(size, chunked.length - start));
			pos = start + size + 2;
		}
		return out.toByteArray();
	}

	private static int indexOfCrlf(byte[] bytes, int from) {
		for (int i = from; i + 1 < bytes.length; i++) {
			if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
				return i;
			}
		}
		return -1;
	}

}
