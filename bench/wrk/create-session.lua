-- POST /sessions/create with a server-made id, one of the 1,000 seeded customers and one metadata item.
wrk.method = "POST"
wrk.headers["X-API-Key"] = os.getenv("ENGRAM_BENCH_KEY")
wrk.headers["Content-Type"] = "application/json"

-- Each wrk thread gets its own number, so the threads draw different sequences.
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
      '{"customerUserID":"cust-%04d","metadata":[{"key":"channel","value":"phone"}]}', math.random(0, 999))
   return wrk.format(nil, nil, nil, body)
end
