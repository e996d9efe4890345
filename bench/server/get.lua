-- One authenticated GET per request; the token comes from the environment.
wrk.method = "GET"
wrk.headers["X-Auth-Token"] = os.getenv("BENCH_TOKEN")
