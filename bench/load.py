"""Load test: 60 s of mixed traffic at 64 connections against gunicorn on PostgreSQL; zero errors.

    .venv/bin/python bench/load.py                              # seeds only, 60 s, 64 connections
    .venv/bin/python bench/load.py --corpus-meetings 2000       # plus a generated corpus (~30 000 items)
    .venv/bin/python bench/load.py --seconds 20 --connections 16

It prepares a PostgreSQL database (--database-url, default minutes_load on 127.0.0.1: created,
migrated, the seed minutes imported, and with --corpus-meetings N a synthetic corpus of N meetings
added once), starts gunicorn with gunicorn.conf.py in production mode on a free 127.0.0.1 port,
and runs wrk (apt-get install wrk) against a mix of pages: the front page, meeting lists with
every filter, meeting, item, case, municipality and committee pages, and searches with and
without filters. Every request must answer 2xx or 3xx within --timeout seconds (30, half of
gunicorn's and a proxy's usual 60): any other status, socket error or timeout is an error; how
long answers took is the latency distribution (p50, p90, p99). Prints the result (requests/s,
p50/p90/p99, errors, per-page statuses from a check pass) and writes it as JSON (--json, default
bench/results/load.json).
Exit status 1 when there were errors. Traffic goes to 127.0.0.1 only and stops after --seconds.
"""

import argparse
import contextlib
import http.client
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"
HOST_HEADERS = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}  # as the TLS proxy sends them

WRK_SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1],
                    {["Host"] = "127.0.0.1", ["X-Forwarded-Proto"] = "https"})
end
"""


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(database_url, settings_dir, log_level="WARNING"):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **env,
        "PYTHONPATH": os.pathsep.join([str(settings_dir), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "load_settings",
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "load-test-only-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": log_level,
    }


def manage(env, *args, timeout=3600):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=timeout)


def prepare_database(database_url, env, corpus_meetings):
    """Create (if missing), migrate and fill the database: the seeds, and a corpus once."""
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    server = database_url.replace(parts.path, "/postgres", 1)
    with psycopg.connect(server, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            log(f"creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')
    log("migrating")
    manage(env, "migrate", "--noinput", "-v0")
    log("importing the seed minutes")
    manage(
        env, "import_minutes", "-v0", *sorted(str(p) for p in (ROOT / "fixtures" / "minutes").glob("*.txt"))
    )
    with psycopg.connect(database_url) as conn:
        meetings = conn.execute("SELECT count(*) FROM meetings_meeting").fetchone()[0]
    if corpus_meetings and meetings < corpus_meetings:
        log(f"generating a corpus of {corpus_meetings - meetings} meetings (once; kept for later runs)")
        corpus = [
            sys.executable,
            str(ROOT / "bench" / "corpus.py"),
            "--meetings",
            str(corpus_meetings - meetings),
        ]
        subprocess.run([*corpus, "--seed", "1"], cwd=ROOT, env=env, check=True, timeout=3600)


def pick_paths(database_url, rng, count=400):
    """A mix of real URLs: (weight class, path) pairs drawn from the database's own rows."""
    import psycopg

    with psycopg.connect(database_url) as conn:

        def rows(sql, limit=50):
            return conn.execute(sql + f" ORDER BY random() LIMIT {limit}").fetchall()

        meetings = rows(
            "SELECT m.id, c.slug, mu.slug, m.date FROM meetings_meeting m JOIN meetings_committee c "
            "ON c.id = m.committee_id JOIN meetings_municipality mu ON mu.id = c.municipality_id"
        )
        items = rows("SELECT meeting_id, number FROM agenda_items_agendaitem WHERE NOT closed")
        # A case shown only on closed items has no public page (404): pick cases with an open item.
        cases = rows(
            "SELECT c.id, c.number FROM agenda_items_case c WHERE EXISTS (SELECT 1 FROM "
            "agenda_items_agendaitem i WHERE i.case_id = c.id AND NOT i.closed)"
        )
        words = [
            w
            for (title,) in rows("SELECT title FROM agenda_items_agendaitem WHERE NOT closed", 200)
            for w in re.findall(r"\w{6,}", title)
        ]
    words = words or ["budget", "dagsorden"]

    def meeting_filters():
        _, committee, municipality, date = rng.choice(meetings)
        year = date.year if date else 2025
        options = [
            {"municipality": municipality},
            {"municipality": municipality, "committee": committee},
            {"committee": committee, "date_after": f"{year}-01-01", "date_before": f"{year}-12-31"},
            {"kind": rng.choice(["minutes", "agenda"])},
            {"case": rng.choice(cases)[1]} if cases else {},
        ]
        return rng.choice(options)

    kinds = {
        "front page": (5, lambda: "/"),
        "meeting list": (10, lambda: "/meetings/"),
        "meeting list, filtered": (15, lambda: "/meetings/?" + urlencode(meeting_filters())),
        "meeting page": (15, lambda: f"/meetings/{rng.choice(meetings)[0]}/"),
        "item page": (15, lambda: "/meetings/{}/punkt/{}/".format(*rng.choice(items))),
        "case page": (10, lambda: f"/cases/{rng.choice(cases)[0]}/"),
        "municipality page": (5, lambda: f"/{rng.choice(meetings)[2]}/"),
        "committee page": (5, lambda: "/{2}/{1}/".format(*rng.choice(meetings))),
        "search": (15, lambda: "/search/?" + urlencode({"q": rng.choice(words)})),
        "search, filtered": (
            5,
            lambda: "/search/?" + urlencode({"q": rng.choice(words), **meeting_filters()}),
        ),
    }
    names = list(kinds)
    weights = [kinds[n][0] for n in names]
    picked = []
    for _ in range(count):
        name = rng.choices(names, weights)[0]
        picked.append((name, kinds[name][1]()))
    return picked


@contextlib.contextmanager
def gunicorn(env, port, log_path, workers):
    command = [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    if workers:
        command += ["--workers", str(workers)]
    command.append("minutes_site.wsgi")
    with open(log_path, "w") as log_file:
        proc = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    status, _ = get(port, "/healthz")
                    if status == 200:
                        break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start; see {log_path}")
                time.sleep(0.3)
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def get(port, path, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers=HOST_HEADERS)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wrk(port, paths, connections, seconds, work_dir, timeout):
    script = Path(work_dir) / "paths.lua"
    script.write_text(WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths))
    command = [
        shutil.which("wrk"),
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        f"{timeout}s",
        "--latency",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}",
    ]
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout
    result = {"raw": out}
    m = re.search(r"(\d+) requests in ([\d.]+)(\w+)", out)
    result["requests"] = int(m.group(1)) if m else None
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    result["requests_per_second"] = float(m.group(1)) if m else None
    for p in ("50", "75", "90", "99"):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\b", out, re.MULTILINE)
        if m:
            result[f"p{p}_ms"] = round(float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)], 1)
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    result["non_2xx_3xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["socket_errors"] = (
        dict(zip(["connect", "read", "write", "timeout"], map(int, m.groups()), strict=True)) if m else {}
    )
    result["errors"] = result["non_2xx_3xx"] + sum(result["socket_errors"].values())
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/minutes_load",
        help="PostgreSQL database to fill and test (created if missing).",
    )
    parser.add_argument("--seconds", type=int, default=60, help="How long to send traffic (default 60).")
    parser.add_argument("--connections", type=int, default=64, help="Concurrent connections (default 64).")
    parser.add_argument(
        "--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py, 2 x CPUs + 1)."
    )
    parser.add_argument("--corpus-meetings", type=int, default=0, help="Fill up to this many meetings first.")
    parser.add_argument("--seed", type=int, default=1, help="Seed for the choice of URLs.")
    parser.add_argument(
        "--timeout",
        type=int,
        default=30,
        help="Seconds after which a request counts as failed (default 30; gunicorn's own limit is 60).",
    )
    parser.add_argument("--json", default=str(RESULTS / "load.json"), help="Where to write the result.")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    if urlsplit(options.database_url).hostname not in {"127.0.0.1", "localhost", "::1"}:
        sys.exit("the load test runs against a database on this machine only")

    with tempfile.TemporaryDirectory(prefix="minutes-load-") as work_dir:
        work = Path(work_dir)
        (work / "load_settings.py").write_text(
            f"from minutes_site.settings import *  # noqa\nSTATIC_ROOT = {str(work / 'static')!r}\n"
        )
        env = production_env(options.database_url, work)
        prepare_database(options.database_url, env, options.corpus_meetings)
        manage(env, "collectstatic", "--noinput", "-v0")
        rng = random.Random(options.seed)
        mix = pick_paths(options.database_url, rng)
        port = free_port()
        log_path = RESULTS / "load-gunicorn.log"
        RESULTS.mkdir(parents=True, exist_ok=True)
        with gunicorn(env, port, log_path, options.workers):
            log("checking every URL of the mix once")
            statuses = {}
            for name, path in mix:
                status, _ = get(port, path)
                statuses.setdefault(name, {}).setdefault(str(status), 0)
                statuses[name][str(status)] += 1
            load_before = os.getloadavg()
            log(f"{options.seconds} s of traffic at {options.connections} connections ({len(mix)} URLs)")
            paths = [p for _, p in mix]
            result = wrk(port, paths, options.connections, options.seconds, work, options.timeout)
            load_after = os.getloadavg()
        with open(log_path) as f:
            # A 5xx in the access log ('"GET / HTTP/1.1" 500 ...'), or an error Django logged.
            server_errors = [line for line in f if re.search(r'" 5\d\d |Traceback|ERROR', line)]

    import psycopg

    with psycopg.connect(options.database_url) as conn:
        size = {
            "meetings": conn.execute("SELECT count(*) FROM meetings_meeting").fetchone()[0],
            "agenda_items": conn.execute("SELECT count(*) FROM agenda_items_agendaitem").fetchone()[0],
        }
    summary = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "seconds": options.seconds,
        "connections": options.connections,
        "timeout_seconds": options.timeout,
        "workers": options.workers or "gunicorn.conf.py default (2 x CPUs + 1, at most 9)",
        "cpus": os.cpu_count(),
        "database": size,
        "mix": {name: sum(1 for n, _ in mix if n == name) for name in dict.fromkeys(n for n, _ in mix)},
        "check_pass_statuses": statuses,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        **{k: v for k, v in result.items() if k != "raw"},
        "server_error_lines": server_errors[:20],
        "wrk_output": result["raw"],
    }
    Path(options.json).parent.mkdir(parents=True, exist_ok=True)
    Path(options.json).write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    print(result["raw"])
    print(
        f"{summary['requests']} requests in {options.seconds} s at {options.connections} connections: "
        f"{summary['requests_per_second']} req/s, p50 {summary.get('p50_ms')} ms, "
        f"p90 {summary.get('p90_ms')} ms, p99 {summary.get('p99_ms')} ms; errors {summary['errors']} "
        f"(non-2xx/3xx {summary['non_2xx_3xx']}, socket {summary['socket_errors']}). "
        f"Database: {summary['database']}. Result: {options.json}"
    )
    bad_checks = {n: s for n, s in statuses.items() if set(s) - {"200", "301", "302"}}
    if bad_checks:
        print(f"check pass statuses other than 200/30x: {bad_checks}")
    return 1 if summary["errors"] or bad_checks or server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
