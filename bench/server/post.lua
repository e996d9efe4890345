-- One authenticated, schema-valid POST per request; the token comes from the environment.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Auth-Token"] = os.getenv("BENCH_TOKEN")
wrk.body = '{"resource_type": "DESKTOP", "resource_ids": ["desktop-01", "desktop-02", "desktop-03"],'
  .. ' "gray_count": 1, "gray_fail_threshold": 0, "script_ids": ["script-cleanup"], "execution_timeout": 30}'
