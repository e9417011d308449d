-- POST /messages/create into one of the first 1,000 seeded sessions (bench/creates-ab.sh).
wrk.method = "POST"
wrk.headers["X-API-Key"] = os.getenv("ENGRAM_BENCH_KEY")
wrk.headers["Content-Type"] = "application/json"
local threads = 0
function setup(thread)
   threads = threads + 1
   thread:set("thread_number", threads)
end
function init(args)
   math.randomseed(os.time() * 100 + thread_number)
end
function request()
   local body = string.format(
      '{"sessionID":"0190a000-0000-7000-8000-%012x","role":"user","content":"I would like to change the delivery address for my order please"}', math.random(0, 999))
   return wrk.format(nil, nil, nil, body)
end
