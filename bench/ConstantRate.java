import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A constant-rate (open-loop) HTTP/1.1 load generator for GET requests, so a latency figure
 * comes with the rate it was measured at. Request i is due at start + i/rate; a worker takes
 * the next due request, waits for its time, sends it on its own keep-alive connection and
 * records done - due (so a slow answer also delays the requests queued behind it, as in wrk2:
 * no coordinated omission). Prints achieved rate and p50/p90/p99/max. Bounded: no request is sent
 * later than SECONDS + max(10, SECONDS / 2) after the start; the ones left are counted as "not sent"
 * (the server fell that far behind) instead of stretching the run.
 *
 * Usage: java bench/ConstantRate.java URL RATE SECONDS CONNECTIONS ['Header: value' ...]
 * With CONSTANT_RATE_BODY=file in the environment, every request is a POST of that file as JSON.
 */
public class ConstantRate {

	public static void main(String[] args) throws Exception {
		if (args.length < 4) {
			System.err.println("usage: java bench/ConstantRate.java URL RATE SECONDS CONNECTIONS ['Header: value' ...]");
			System.exit(2);
		}
		URI uri = URI.create(args[0]);
		double rate = Double.parseDouble(args[1]);
		double seconds = Double.parseDouble(args[2]);
		int connections = Integer.parseInt(args[3]);
		StringBuilder request = new StringBuilder();
		String target = (uri.getRawQuery() != null) ? uri.getRawPath() + "?" + uri.getRawQuery() : uri.getRawPath();
		String bodyFile = System.getenv("CONSTANT_RATE_BODY");
		byte[] body = (bodyFile != null) ? java.nio.file.Files.readAllBytes(java.nio.file.Path.of(bodyFile)) : null;
		request.append((body != null) ? "POST " : "GET ").append(target).append(" HTTP/1.1\r\n");
		request.append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
		if (body != null) {
			request.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
		}
		for (int i = 4; i < args.length; i++) {
			request.append(args[i]).append("\r\n");
		}
		request.append("\r\n");
		byte[] head = request.toString().getBytes(StandardCharsets.UTF_8);
		byte[] bytes = (body != null) ? java.nio.ByteBuffer.allocate(head.length + body.length).put(head).put(body).array()
				: head;

		long total = (long) (rate * seconds);
		long intervalNanos = (long) (1_000_000_000L / rate);
		long start = System.nanoTime() + 50_000_000L;
		long stop = start + (long) ((seconds + Math.max(10, seconds / 2)) * 1e9);
		AtomicLong next = new AtomicLong();
		AtomicLong notSent = new AtomicLong();
		long[][] latencies = new long[connections][];
		long[] ok = new long[connections];
		long[] bad = new long[connections];
		long[] errors = new long[connections];
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < connections; c++) {
			int worker = c;
			Thread thread = new Thread(() -> {
				long[] mine = new long[(int) (total / connections) * 2 + 16];
				int count = 0;
				Connection connection = null;
				long i;
				while ((i = next.getAndIncrement()) < total) {
					if (System.nanoTime() > stop) {
						notSent.incrementAndGet();
						continue;
					}
					long due = start + i * intervalNanos;
					long wait;
					while ((wait = due - System.nanoTime()) > 0) {
						LockSupport.parkNanos(wait);
					}
					try {
						if (connection == null) {
							connection = new Connection(uri.getHost(), uri.getPort());
						}
						int status = connection.exchange(bytes);
						if (connection.closing()) { // e.g. Tomcat's maxKeepAliveRequests: answered, then reconnect
							connection.close();
							connection = null;
						}
						if (status >= 200 && status < 400) {
							ok[worker]++;
						}
						else {
							bad[worker]++;
						}
					}
					catch (IOException ex) {
						errors[worker]++;
						if (connection != null) {
							connection.close();
						}
						connection = null;
					}
					if (count == mine.length) {
						mine = Arrays.copyOf(mine, count * 2);
					}
					mine[count++] = System.nanoTime() - due;
				}
				if (connection != null) {
					connection.close();
				}
				latencies[worker] = Arrays.copyOf(mine, count);
			});
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
		long okTotal = Arrays.stream(ok).sum();
		long badTotal = Arrays.stream(bad).sum();
		long errorTotal = Arrays.stream(errors).sum();
		System.out.printf("target %.0f req/s  achieved %.0f req/s  requests %d  p50 %s  p90 %s  p99 %s  max %s"
				+ "  non-2xx/3xx %d  errors %d  not sent %d%n", rate, all.length / elapsed, all.length, ms(all, 0.50),
				ms(all, 0.90), ms(all, 0.99), ms(all, 1.0), badTotal, errorTotal, notSent.get());
		if (okTotal == 0) {
			System.exit(1);
		}
	}

	private static String ms(long[] sorted, double quantile) {
		if (sorted.length == 0) {
			return "-";
		}
		int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
		return String.format("%.2fms", sorted[Math.max(0, index)] / 1e6);
	}

	/** One keep-alive HTTP/1.1 connection; reads Content-Length or chunked bodies. */
	static final class Connection {

		private final Socket socket;

		private final OutputStream out;

		private final InputStream in;

		private boolean closing;

		Connection(String host, int port) throws IOException {
			this.socket = new Socket();
			this.socket.setTcpNoDelay(true);
			this.socket.connect(new InetSocketAddress(host, port), 5_000);
			this.socket.setSoTimeout(30_000);
			this.out = this.socket.getOutputStream();
			this.in = new BufferedInputStream(this.socket.getInputStream(), 64 * 1024);
		}

		int exchange(byte[] request) throws IOException {
			this.out.write(request);
			this.out.flush();
			String statusLine = line();
			int status = Integer.parseInt(statusLine.substring(9, 12));
			long length = -1;
			boolean chunked = false;
			boolean close = false;
			String header;
			while (!(header = line()).isEmpty()) {
				String lower = header.toLowerCase();
				if (lower.startsWith("content-length:")) {
					length = Long.parseLong(header.substring(15).trim());
				}
				else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
				else if (lower.startsWith("connection:") && lower.contains("close")) {
					close = true;
				}
			}
			if (chunked) {
				long size;
				while ((size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0) {
					skip(size);
					line();
				}
				while (!line().isEmpty()) {
					// trailers
				}
			}
			else if (length > 0) {
				skip(length);
			}
			this.closing = close;
			return status;
		}

		private String line() throws IOException {
			StringBuilder line = new StringBuilder();
			int b;
			while ((b = this.in.read()) != '\n') {
				if (b < 0) {
					throw new IOException("connection closed");
				}
				if (b != '\r') {
					line.append((char) b);
				}
			}
			return line.toString();
		}

		private void skip(long n) throws IOException {
			this.in.skipNBytes(n); // EOFException when the connection closes early
		}

		/** The last answer said {@code Connection: close}. */
		boolean closing() {
			return this.closing;
		}

		void close() {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing
			}
		}

	}

}
