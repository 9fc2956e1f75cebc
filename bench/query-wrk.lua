-- wrk script for bench/query.sh: one endpoint (BENCH_PATH) or a weighted mix (BENCH_MIX, lines
-- "weight path"), bearer tokens rotated from BENCH_TOKENS (space separated). No fork per request.
-- Prints one line: requests, non-2xx, p50/p95/p99 in ms (wrk's latency histogram).
local tokens = {}
for t in string.gmatch(os.getenv("BENCH_TOKENS") or "", "%S+") do tokens[#tokens + 1] = t end
local single = os.getenv("BENCH_PATH")
local paths, cumulative, total = {}, {}, 0
local mix = os.getenv("BENCH_MIX")
if mix and mix ~= "" then
  for line in io.lines(mix) do
    local w, p = string.match(line, "^(%d+)%s+(%S+)")
    if w then total = total + tonumber(w); paths[#paths + 1] = p; cumulative[#cumulative + 1] = total end
  end
end
local n = 0

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

local function pick()
  local r = math.random() * total
  for i = 1, #cumulative do if r < cumulative[i] then return paths[i] end end
  return paths[#paths]
end

function request()
  n = n + 1
  local path = single
  if not path or path == "" then path = pick() end
  local token = tokens[(n % #tokens) + 1]
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

function done(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout
  io.write(string.format("n=%d bad=%d p50=%.1f p95=%.1f p99=%.1f max=%.1f\n", summary.requests, bad,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
