#!/usr/bin/env python3
"""Bounded load on the ingestion service: batches of N traces over HTTP (native JSON or
OTLP protobuf), a fixed number of requests at a fixed concurrency; prints request
latency percentiles, the accepted count and the generator's own CPU time. With --rate
the requests are paced (open loop: each request has a scheduled start, and its latency
counts from that start, so a stalled server cannot hide queueing); without it every
sender posts as fast as it is answered. Used by bench/ingest.sh."""
import argparse, datetime, http.client, json, os, random, resource, struct, sys, threading, time

def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)

def field(num, wire, payload):
    key = varint((num << 3) | wire)
    if wire == 2:
        return key + varint(len(payload)) + payload
    return key + payload

def kv_str(k, v):
    return field(1, 2, k.encode()) + field(2, 2, field(1, 2, v.encode()))

def kv_int(k, v):
    return field(1, 2, k.encode()) + field(2, 2, field(3, 0, varint(v)))

def otlp_request(n, run):
    """ExportTraceServiceRequest with n single-span traces (GenAI chat spans), hand-encoded."""
    resource = field(1, 2, kv_str("service.name", "support-bot-bench") + b"") \
        + field(1, 2, kv_str("deployment.environment.name", "production")) \
        + field(1, 2, kv_str("service.version", "v2.1"))
    spans = b""
    now = time.time_ns()
    for _ in range(n):
        start = now - random.randint(1, 3_600_000_000_000)
        span = field(1, 2, os.urandom(16)) + field(2, 2, os.urandom(8)) + field(5, 2, b"chat gpt-4-turbo") \
            + field(6, 0, varint(3)) + field(7, 1, struct.pack("<Q", start)) \
            + field(8, 1, struct.pack("<Q", start + random.randint(50, 3000) * 1_000_000)) \
            + field(9, 2, kv_str("gen_ai.operation.name", "chat")) \
            + field(9, 2, kv_str("gen_ai.provider.name", "openai")) \
            + field(9, 2, kv_str("gen_ai.request.model", "gpt-4-turbo")) \
            + field(9, 2, kv_int("gen_ai.usage.input_tokens", random.randint(100, 2000))) \
            + field(9, 2, kv_int("gen_ai.usage.output_tokens", random.randint(50, 800))) \
            + field(9, 2, kv_str("user.id", "user-%d" % random.randint(1, 5000)))
        spans += field(2, 2, span)
    scope_spans = field(2, 2, spans)
    return field(1, 2, field(1, 2, resource) + scope_spans)

AGENTS = ["support-bot-%d" % i for i in range(10)] + ["sales-agent-%d" % i for i in range(5)] + ["eng-%d" % i for i in range(5)]
MODELS = ["gpt-4-turbo", "gpt-3.5-turbo", "claude-3-sonnet", "gemini-pro"]

def json_batch(n, run, seq):
    now = datetime.datetime.now(datetime.timezone.utc)
    traces = []
    for i in range(n):
        ts = now - datetime.timedelta(seconds=random.randint(0, 3600))
        traces.append({
            "trace_id": "b%s-%d-%d" % (run, seq, i), "agent_id": random.choice(AGENTS),
            "timestamp": ts.isoformat(), "input": "How do I reset my password? " * 6,
            "output": "Open settings, choose security, then reset password. " * 6,
            "latency_ms": random.randint(80, 4000), "status": "success" if random.random() > 0.03 else "error",
            "model": random.choice(MODELS), "tokens_input": random.randint(100, 2000),
            "tokens_output": random.randint(50, 800), "environment": "production", "version": "v2.1",
            "intent_category": random.choice(["billing", "account", "technical"]),
            "user_id": "user-%d" % random.randint(1, 5000), "session_id": "s-%d" % random.randint(1, 50000),
            "metadata": {"channel": "web"}})
    return json.dumps({"traces": traces}).encode()

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--mode", choices=["json", "otlp"], default="json")
    p.add_argument("--requests", type=int, default=200)
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--concurrency", type=int, default=4)
    p.add_argument("--run", default=str(int(time.time())))
    p.add_argument("--rate", type=float, default=0, help="traces/s to pace at; 0 = as fast as answered")
    a = p.parse_args()
    # bodies are built before the clock starts, so the generator's cost is not measured
    bodies = [json_batch(a.batch, a.run, s) if a.mode == "json" else otlp_request(a.batch, a.run) for s in range(a.requests)]
    path, ctype = ("/api/v1/traces", "application/json") if a.mode == "json" else ("/v1/traces", "application/x-protobuf")
    lat, statuses, lock = [], {}, threading.Lock()
    counter = iter(range(a.requests))
    interval = a.batch / a.rate if a.rate > 0 else 0
    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", a.port, timeout=30)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            scheduled = None
            if interval:
                scheduled = start + i * interval
                wait = scheduled - time.perf_counter()
                if wait > 0:
                    time.sleep(wait)
            while True:
                t0 = scheduled if scheduled is not None else time.perf_counter()
                scheduled = None
                conn.request("POST", path, bodies[i], {"Content-Type": ctype, "X-API-Key": a.key})
                r = conn.getresponse(); r.read()
                dt = (time.perf_counter() - t0) * 1000
                with lock:
                    statuses[r.status] = statuses.get(r.status, 0) + 1
                    lat.append(dt)
                if r.status == 429:
                    time.sleep(float(r.getheader("Retry-After", "1")))
                    continue
                break
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(a.concurrency)]
    [t.start() for t in threads]; [t.join() for t in threads]
    elapsed = time.perf_counter() - start
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu_s = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    lat.sort()
    pct = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
    print(json.dumps({"mode": a.mode, "requests": a.requests, "batch": a.batch, "traces": a.requests * a.batch,
                      "seconds": round(elapsed, 3), "accept_rate_traces_per_s": round(a.requests * a.batch / elapsed),
                      "p50_ms": round(pct(0.50), 1), "p99_ms": round(pct(0.99), 1), "max_ms": round(lat[-1], 1),
                      "generator_cpu_s": round(cpu_s, 2), "paced_traces_per_s": a.rate or None,
                      "statuses": statuses}))

if __name__ == "__main__":
    main()
