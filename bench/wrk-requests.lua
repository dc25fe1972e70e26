-- wrk script for the benchmarks (bench/support.ts runWrk): replays requests from a file, one per line:
--   METHOD <tab> PATH <tab> extra headers as "Name: value" joined by "|" (or "-") <tab> body (or nothing)
-- The Authorization header comes from the environment (WRK_AUTHORIZATION). At the end it prints one JSON line with the
-- totals and latency percentiles in milliseconds, which runWrk parses.
-- With WRK_TIMINGS set to a file, each request's X-Request-Id gets "-<n>" appended (unique), each answer is timed by
-- the id it echoes, and done() writes "<id> <ms>" lines there: latencies by kind of request, as the client saw them.
-- This costs the client more CPU per request than the plain replay.
local requests = {}
local auth = os.getenv("WRK_AUTHORIZATION")
local timings = os.getenv("WRK_TIMINGS")
if timings == "" then timings = nil end

local function split(s, sep)
  local out = {}
  for part in string.gmatch(s .. sep, "(.-)" .. sep) do
    table.insert(out, part)
  end
  return out
end

local now
if timings then
  local ffi = require("ffi")
  ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } wrk_timespec;
    int clock_gettime(int clk_id, wrk_timespec *tp);
  ]]
  local ts = ffi.new("wrk_timespec[1]")
  now = function()
    ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
    return tonumber(ts[0].tv_sec) * 1000 + tonumber(ts[0].tv_nsec) / 1e6
  end
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
  if timings then
    table.insert(requests, { method = f[1], path = f[2], headers = headers, body = body })
  else
    table.insert(requests, wrk.format(f[1], f[2], headers, body))
  end
end
end

function init(args)
  load()
end

local counter = 0
local threadCount = 0
local threads = {}
sent = {}
times = {}

function setup(thread)
  thread:set("offset", threadCount * 7919)
  threadCount = threadCount + 1
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local r = requests[((counter + (offset or 0)) % #requests) + 1]
  if not timings then return r end
  local headers = {}
  for k, v in pairs(r.headers) do headers[k] = v end
  local id = (headers["X-Request-Id"] or "r") .. "-" .. counter
  headers["X-Request-Id"] = id
  sent[id] = now()
  return wrk.format(r.method, r.path, headers, r.body)
end

if timings then
  function response(status, headers, body)
    local id = headers["X-Request-Id"] or headers["x-request-id"]
    local t = id and sent[id]
    if t then
      times[#times + 1] = id .. " " .. string.format("%.3f", now() - t)
      sent[id] = nil
    end
  end
end

-- wrk corrects its latency histogram for coordinated omission before done() sees it (stats_correct in its source):
-- every answer n >= 2e (e: the run's time divided by the requests per connection, in whole microseconds) adds one
-- made-up sample at n - e, n - 2e, ... while above e. That is undone here, from the largest value down, so the
-- percentiles below are those of the answers wrk timed, with no response() callback to pay for. `latency(i)` is
-- the i-th distinct value and its count. WRK_CONNECTIONS must be the run's -c.
local function uncorrected(summary, latency)
  local connections = tonumber(os.getenv("WRK_CONNECTIONS") or "")
  local perConnection = connections and math.floor(summary.requests / connections) or 0
  local values, counts, at = {}, {}, {}
  for i = 1, #latency do
    local v, c = latency(i)
    values[i], counts[i], at[v] = v, c, i
  end
  local n = #values
  if n == 0 or perConnection == 0 then return nil end
  local e = math.floor(summary.duration / perConnection)
  local max = values[n]
  local total = 0
  for i = n, 1, -1 do
    local m = values[i]
    if m > e then
      local src = m + e
      while src <= max do
        local j = at[src]
        if j then counts[i] = counts[i] - counts[j] end
        src = src + e
      end
    end
    total = total + counts[i]
  end
  local function percentile(p)
    local rank = math.floor(p / 100 * total + 0.5 + 0.5)
    local sum = 0
    for i = 1, n do
      sum = sum + counts[i]
      if sum >= rank then return values[i] end
    end
    return max
  end
  return { count = total, p50 = percentile(50), p90 = percentile(90), p99 = percentile(99) }
end

function done(summary, latency, requests_)
  if timings then
    local f = io.open(timings, "w")
    for _, thread in ipairs(threads) do
      for _, line in ipairs(thread:get("times")) do f:write(line, "\n") end
    end
    f:close()
  end
  local non2xx = summary.errors.status
  local raw = uncorrected(summary, latency) or { count = 0, p50 = 0, p90 = 0, p99 = 0 }
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"non2xx":%d,"socketErrors":%d,"p50":%.3f,"p90":%.3f,"p99":%.3f,"max":%.3f,"mean":%.3f,' ..
    '"timed":%d,"timedP50":%.3f,"timedP90":%.3f,"timedP99":%.3f}\n',
    summary.requests, summary.duration / 1e6, non2xx,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000,
    raw.count, raw.p50 / 1000, raw.p90 / 1000, raw.p99 / 1000))
end
