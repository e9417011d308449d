-- GET the URL as given, with the bench key. Used for every read scenario but get-by-id.
wrk.headers["X-API-Key"] = os.getenv("ENGRAM_BENCH_KEY")
