#!/usr/bin/env python3
"""Where guardrail-service's CPU goes, from a flight recording (AGENTOBS_BENCH_JFR of bench/guardrail-check.sh).

Each execution sample is attributed to the innermost frame that names a part of the request path (the
detectors, JSON, Spring Security, Tomcat, ...); prints samples and shares per part.
Usage: bench/jfr-profile.py RECORDING.jfr
"""
import collections
import re
import subprocess
import sys

PARTS = [("detectors", "safety.detect"), ("violation excerpt", "Redactor"), ("violation write", "ViolationStore"),
         ("check recorder", "CheckRecorder"), ("trace scanner", "TraceScanner"), ("governance jobs", "configuration."),
         ("json read", "readWithMessageConverters"), ("json write", "writeWithMessageConverters"),
         ("json write", "handleReturnValue"), ("caller interceptor", "CallerInterceptor"),
         ("check controller", "CheckController"), ("jwt decode", "JwtDecoder"), ("api key", "ApiKey"),
         ("bearer resolve", "BearerTokenResolver"), ("firewall", "StrictHttpFirewall"),
         ("spring security filters", "springframework.security"), ("observation/metrics", "micrometer"),
         ("observation/metrics", "ServerHttpObservationFilter"), ("dispatcher", "DispatcherServlet"),
         ("tomcat", "apache")]

text = subprocess.run(["jfr", "print", "--stack-depth", "80", "--events", "jdk.ExecutionSample", sys.argv[1]],
                      check=True, capture_output=True, text=True).stdout
counts = collections.Counter()
total = 0
for event in text.split("jdk.ExecutionSample")[1:]:
    frames = re.findall(r"^\s+([\w.$<>/]+)\(", event, re.M)
    if not frames:
        continue
    total += 1
    part = next((name for frame in frames for name, pattern in PARTS if pattern in frame), "other: " + frames[0])
    counts[part] += 1
print(f"samples {total}")
for part, n in counts.most_common(25):
    print(f"{n:6d} {100 * n / total:5.1f} %  {part}")
