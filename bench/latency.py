"""Benchmark step 3: HTTP latency with one keep-alive client, and throughput under load with wrk.

Also the servers measured: gunicorn serving the site (with or without its page cache) and, for
any server command, a context manager that waits until it answers and always kills it.
"""

import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from bench.common import GUNICORN_PORT, HEADERS, ROOT, VENV_BIN, log, percentile


def single_client(port, urls, requests, timeout):
    """Latency of each page with one keep-alive client: p50/p95/p99 in milliseconds."""
    result = {}
    for name, paths in urls.items():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        latencies, statuses, size = [], {}, 0
        deadline = time.monotonic() + 120
        for i in range(requests + 5):
            path = paths[i % len(paths)]
            t = time.perf_counter()
            try:
                conn.request("GET", path, headers=HEADERS)
                response = conn.getresponse()
                body = response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
                status, body = "error", b""
            elapsed = (time.perf_counter() - t) * 1000
            if i >= 5:  # the first few warm the worker and the cache
                latencies.append(elapsed)
                statuses[str(status)] = statuses.get(str(status), 0) + 1
                size = max(size, len(body))
            if time.monotonic() > deadline:
                break
        conn.close()
        result[name] = {
            "requests": len(latencies),
            "p50_ms": percentile(latencies, 50),
            "p95_ms": percentile(latencies, 95),
            "p99_ms": percentile(latencies, 99),
            "mean_ms": statistics.fmean(latencies) if latencies else None,
            "statuses": statuses,
            "bytes": size,
        }
        log(
            f"  {name}: p50 {result[name]['p50_ms']:.1f} ms, p95 {result[name]['p95_ms']:.1f} ms ({statuses})"
        )
    return result


WRK_SCRIPT = """
paths = {%s}
headers = {["Host"] = "127.0.0.1", ["X-Forwarded-Proto"] = "https"}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1], headers)
end
"""


def under_load(port, paths, connections, seconds, work_dir, name):
    """wrk with `connections` connections for `seconds`: requests/s, latency percentiles, errors."""
    wrk = shutil.which("wrk")
    if not wrk:
        return {"error": "wrk is not installed (apt-get install -y wrk)"}
    script = Path(work_dir) / f"paths-{abs(hash(name))}.lua"
    script.write_text(WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths))
    command = [
        wrk,
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}",
    ]
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout
    result = {"connections": connections, "seconds": seconds, "raw": out}
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    result["requests_per_second"] = float(m.group(1)) if m else None
    m = re.search(r"(\d+) requests in", out)
    result["requests"] = int(m.group(1)) if m else None
    for p in ("50", "90", "99"):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\b", out, re.MULTILINE)
        if m:
            value = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
            result[f"p{p}_ms"] = value
    errors = 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        errors += sum(int(x) for x in m.groups())
    result["errors"] = errors
    log(f"  {name} under {connections} connections: {result['requests_per_second']} req/s, {errors} errors")
    return result


@contextmanager
def server(command, port, env, log_path, ready_path="/"):
    """Run a server in its own process group; wait until it answers; always kill the group."""
    with open(log_path, "w") as log_file:
        proc = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            deadline = time.monotonic() + 120
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"{command[0]} exited early; see {log_path}")
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    conn.request("GET", ready_path, headers=HEADERS)
                    conn.getresponse().read()
                    conn.close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError(
                            f"{command[0]} did not answer on port {port}; see {log_path}"
                        ) from None
                    time.sleep(0.5)
            yield proc
        finally:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=20)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def flush_cache(cache_url):
    """Empty the page cache's Redis database, so the cached run starts cold."""
    import redis

    redis.Redis.from_url(cache_url).flushdb()


def gunicorn(
    database_url, workers, log_path, worker_class="sync", threads=1, page_cache_url=None, item_cache=True
):
    """gunicorn serving the site; without `page_cache_url` the page cache is off, so every request
    measures the work behind a page, with it the site's own page cache in that (shared) cache.
    `item_cache=False` turns off each worker's cache of rendered items too: every item rendered."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "minutes_site.settings",
        "DATABASE_URL": database_url,
        "DJANGO_PAGE_CACHE_SECONDS": "300" if page_cache_url else "0",
        "DJANGO_CACHE_URL": page_cache_url or "",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-not-secret-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    if not item_cache:
        env["DJANGO_ITEM_CACHE_ENTRIES"] = "0"
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    command = [
        str(VENV_BIN / "gunicorn"),
        "minutes_site.wsgi",
        "--bind",
        f"127.0.0.1:{GUNICORN_PORT}",
        "--workers",
        str(workers),
        "--worker-class",
        worker_class,
        "--threads",
        str(threads),
        "--timeout",
        "60",
        "--log-level",
        "warning",
    ]
    return server(command, GUNICORN_PORT, env, log_path, ready_path="/healthz")
