-- wrk script for the benchmarks (bench/support.ts runWrk): replays requests from a file, one per line:
--   METHOD <tab> PATH <tab> extra headers as "Name: value" joined by "|" (or "-") <tab> body (or nothing)
-- The Authorization header comes from the environment (WRK_AUTHORIZATION). At the end it prints one JSON line with the
-- totals and latency percentiles in milliseconds, which runWrk parses.
local requests = {}
local auth = os.getenv("WRK_AUTHORIZATION")

local function split(s, sep)
  local out = {}
  for part in string.gmatch(s .. sep, "(.-)" .. sep) do
    table.insert(out, part)
  end
  return out
end

-- Built in init(): wrk.host (the Host header) is only known once the threads start.
local function load()
for line in io.lines(os.getenv("WRK_REQUESTS")) do
  local f = split(line, "\t")
  local headers = { ["Content-Type"] = "application/json" }
  if auth and auth ~= "" then headers["Authorization"] = auth end
  if f[3] and f[3] ~= "-" and f[3] ~= "" then
    for _, h in ipairs(split(f[3], "|")) do
      local name, value = string.match(h, "^([^:]+):%s*(.*)$")
      headers[name] = value
    end
  end
  local body = f[4]
  if body == "" then body = nil end
  table.insert(requests, wrk.format(f[1], f[2], headers, body))
end
end

function init(args)
  load()
end

local counter = 0
local threadCount = 0

function setup(thread)
  thread:set("offset", threadCount * 7919)
  threadCount = threadCount + 1
end

function request()
  counter = counter + 1
  return requests[((counter + (offset or 0)) % #requests) + 1]
end

function done(summary, latency, requests_)
  local non2xx = summary.errors.status
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"non2xx":%d,"socketErrors":%d,"p50":%.3f,"p90":%.3f,"p99":%.3f,"max":%.3f,"mean":%.3f}\n',
    summary.requests, summary.duration / 1e6, non2xx,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000))
end
