-- wrk script for the portal benchmark. BENCH_SPEC names a file written by load.py:
--   line 1: "mode\t<cycle|once|mixed>"   line 2: "origin\t<origin>"
--   then "req\t<op>\t<cookie>\t<json body>" lines, and in mixed mode
--   "sup\t<employee nip>\t<supervisor cookie>" lines (who decides that employee's requests).
-- cycle: every thread walks all requests from its own offset, round and round.
-- once:  threads share the requests out (thread k takes k, k+T, ...) and stop when done.
-- mixed: like cycle; a successful request is followed by its supervisor's REJECT (which frees the
--        pair for the next round). Answers are classified by their body, errors counted by code.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC: comparable across threads
  return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
end

local threads = {}
local thread_count = 0
function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
  table.insert(threads, thread)
end

local DECIDE = 'mutation DecideEnrollment($input: DecideEnrollmentInput!) {\\n  decideEnrollment(input: $input) {\\n    __typename\\n    ... on DecideEnrollmentSuccess {\\n      enrollment {\\n        id\\n        status\\n      }\\n    }\\n    ... on DecideEnrollmentError {\\n      code\\n      field\\n      message\\n    }\\n  }\\n}'

local mode, origin, nthreads
local reqs, ops, sup = {}, {}, {}
local pos, step, queue = 1, 1, {}
function init(args)
  -- globals, read back by done() through thread:get
  sent, answered, first, last, exhausted = 0, 0, 0, 0, 0
  counts, errors = {}, {}
  local f = assert(io.open(os.getenv("BENCH_SPEC")))
  for line in f:lines() do
    local kind, a, b, c = line:match("^([^\t]*)\t([^\t]*)\t?([^\t]*)\t?(.*)$")
    if kind == "mode" then mode = a
    elseif kind == "origin" then origin = a
    elseif kind == "threads" then nthreads = tonumber(a)
    elseif kind == "req" then
      local headers = { ["Content-Type"] = "application/json", ["Origin"] = origin, ["Cookie"] = b }
      table.insert(reqs, wrk.format("POST", "/graphql", headers, c))
      table.insert(ops, a)
    elseif kind == "sup" then sup[a] = b
    end
  end
  f:close()
  local t, T, n = tid or 1, nthreads or 1, #reqs
  if mode == "once" then pos, step = t, T
  else pos, step = ((t - 1) * math.floor(n / T)) % n + 1, 1 end
end

function request()
  if first == 0 then first = now() end
  if #queue > 0 then
    sent = sent + 1
    return table.remove(queue, 1)
  end
  if pos > #reqs then
    if mode == "once" then
      exhausted = 1
      wrk.thread:stop()
      return wrk.format("GET", "/healthz") -- harmless if it still goes out; not counted
    end
    pos = (pos - 1) % #reqs + 1
  end
  local r = reqs[pos]
  pos = pos + step
  sent = sent + 1
  return r
end

local function count(tbl, key) tbl[key] = (tbl[key] or 0) + 1 end

local function classify(body)
  local op = body:match('^{"data":{"(%w+)"') or body:match('"data":{"(%w+)"') or "unknown"
  return op
end

function response(status, headers, body)
  if body:sub(1, 10) == '{"status":' then return end -- the /healthz sent after stopping
  answered = answered + 1
  last = now()
  if status ~= 200 then
    count(errors, "HTTP_" .. status)
    return
  end
  local op = classify(body)
  count(counts, op)
  if body:find('"errors":', 1, true) then
    count(errors, op .. ":" .. (body:match('"code":"([%w_]+)"') or "ERROR"))
    return
  end
  local code = body:match('Error","code":"([%w_]+)"')
  if code then
    count(errors, op .. ":" .. code)
    return
  end
  if mode == "mixed" and op == "requestEnrollment" then
    local id = body:match('"enrollment":{"id":"([^"]+)"')
    local nip = body:match('"employee":{"nip":"(%d+)"')
    local cookie = nip and sup[nip]
    if id and cookie then
      local input = '{"enrollmentId":"' .. id .. '","decision":"REJECT","note":"bench"}'
      local json = '{"query":"' .. DECIDE .. '","operationName":"DecideEnrollment","variables":{"input":' .. input .. '}}'
      local h = { ["Content-Type"] = "application/json", ["Origin"] = origin, ["Cookie"] = cookie }
      table.insert(queue, wrk.format("POST", "/graphql", h, json))
    end
  end
end

function done(summary, latency, requests)
  local total, t0, t1, ex = 0, math.huge, 0, 0
  local c, e = {}, {}
  for _, t in ipairs(threads) do
    total = total + t:get("answered")
    local f, l = t:get("first"), t:get("last")
    if f > 0 and f < t0 then t0 = f end
    if l > t1 then t1 = l end
    ex = math.max(ex, t:get("exhausted"))
    for k, v in pairs(t:get("counts")) do c[k] = (c[k] or 0) + v end
    for k, v in pairs(t:get("errors")) do e[k] = (e[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(c) do table.insert(parts, string.format('"%s":%d', k, v)) end
  local errs = {}
  for k, v in pairs(e) do table.insert(errs, string.format('"%s":%d', k, v)) end
  io.write(string.format(
    'BENCH_JSON {"answered":%d,"elapsed":%.6f,"exhausted":%d,"wrk_requests":%d,"wrk_duration_us":%d,' ..
    '"socket_errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"p50":%d,"p90":%d,"p95":%d,"p99":%d,"max":%d,"mean":%.1f},"ops":{%s},"errors":{%s}}\n',
    total, (t1 > t0) and (t1 - t0) or 0, ex, summary.requests, summary.duration,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean, table.concat(parts, ","), table.concat(errs, ",")))
end
