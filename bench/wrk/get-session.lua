-- GET /sessions/get/{id} for a random seeded session (ids as bench/Engram.Seed/SeedPlan.cs makes them).
wrk.headers["X-API-Key"] = os.getenv("ENGRAM_BENCH_KEY")
local sessions = tonumber(os.getenv("ENGRAM_BENCH_SESSIONS"))

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
   local i = math.random(0, sessions - 1)
   return wrk.format("GET", string.format("/sessions/get/0190a000-0000-7000-8000-%012x", i))
end
