"""Fault test: PostgreSQL restarted under load, and an import killed half-way.

    .venv/bin/python bench/faults.py                  # both, against the load test's database
    .venv/bin/python bench/faults.py --only restart   # or --only import

1. Database restart. gunicorn (gunicorn.conf.py, production mode, 127.0.0.1) serves a mix of
   pages to 8 clients; PostgreSQL is stopped (`pg_ctlcluster ... stop -m fast`), kept down for
   --down seconds and started again. Measured: the seconds from the database accepting
   connections again (pg_isready) until /healthz and a meeting page both answer 200, with the
   same gunicorn master and workers (no restart); and that no request fails after that. Pass:
   at most 5 s. PostgreSQL is started again whatever happens (try/finally).
2. Import killed with SIGKILL. `manage.py import_minutes` on a generated 1 000-item meeting is
   killed once half its items are saved; then no meeting of that file may exist. Importing the
   file again must give the whole meeting. (The municipality it uses is deleted afterwards.)

The database is the load test's (bench/load.py prepares it: --database-url, created and filled with
the seeds if missing). Restarting PostgreSQL drops every connection to the server, other
databases' too: on a shared server the script refuses while other databases are busy, unless
--restart-shared-server is given. Prints the results and writes bench/results/faults.json.
Exit status 1 when a check failed.
"""

import argparse
import json
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

import load as load_test  # noqa: E402  (bench/load.py: database, gunicorn and URL helpers)

from bench.import_child import CHILD  # noqa: E402
from bench.minutes import aabenraa_minutes  # noqa: E402

RESULTS = ROOT / "bench" / "results"
FAULT_MUNICIPALITY = "Fejltest Kommune"


def log(message):
    load_test.log(message)


def cluster_of(database_url):
    """(version, cluster) of the local PostgreSQL cluster on the URL's port."""
    port = str(urlsplit(database_url).port or 5432)
    out = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        fields = line.split()
        if fields[2] == port:
            return fields[0], fields[1]
    sys.exit(f"no local PostgreSQL cluster on port {port}")


def pg_ctl(cluster, action):
    extra = ["-m", "fast"] if action == "stop" else []
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", *cluster, action, *extra], check=True)


def pg_ready(database_url):
    parts = urlsplit(database_url)
    command = ["pg_isready", "-q", "-h", parts.hostname, "-p", str(parts.port or 5432)]
    return subprocess.run(command).returncode == 0


def busy_elsewhere(database_url):
    import psycopg

    name = urlsplit(database_url).path.lstrip("/")
    with psycopg.connect(database_url) as conn:
        return conn.execute(
            "SELECT datname, count(*) FROM pg_stat_activity WHERE datname <> %s AND datname IS NOT NULL "
            "AND state IN ('active', 'idle in transaction') GROUP BY datname",
            [name],
        ).fetchall()


def workers_of(master_pid):
    out = subprocess.run(["pgrep", "-P", str(master_pid)], capture_output=True, text=True).stdout
    return sorted(int(pid) for pid in out.split())


class Traffic:
    """`clients` threads requesting `paths` in turn until stopped; every answer is recorded."""

    def __init__(self, port, paths, clients=8):
        self.port, self.paths, self.clients = port, paths, clients
        self.log = []  # (time, path, status or error name)
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(i,), daemon=True) for i in range(clients)]

    def run(self, offset):
        i = offset
        while not self.stopping.is_set():
            path = self.paths[i % len(self.paths)]
            i += self.clients
            try:
                status, _ = load_test.get(self.port, path, timeout=10)
            except OSError as exc:
                status = exc.__class__.__name__
            self.log.append((time.monotonic(), path, status))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=15)


def restart_test(options, env, work):
    cluster = cluster_of(options.database_url)
    busy = busy_elsewhere(options.database_url)
    if busy and not options.restart_shared_server:
        sys.exit(
            f"other databases on this server are busy ({busy}); a restart would cut them off. "
            "Run again when they are done, or give --restart-shared-server."
        )
    mix = load_test.pick_paths(options.database_url, random.Random(1), count=100)
    meeting_page = next(path for name, path in mix if name == "meeting page")
    port = load_test.free_port()
    result = {"down_seconds": options.down}
    with load_test.gunicorn(env, port, RESULTS / "faults-gunicorn.log", workers=None) as server:
        workers_before = workers_of(server.pid)
        with Traffic(port, [p for _, p in mix]) as traffic:
            time.sleep(5)
            try:
                log(f"stopping PostgreSQL {'/'.join(cluster)}")
                stopped = time.monotonic()
                pg_ctl(cluster, "stop")
                time.sleep(options.down)
                log("starting PostgreSQL")
                pg_ctl(cluster, "start")
                while not pg_ready(options.database_url):
                    time.sleep(0.05)
                back = time.monotonic()
            finally:
                if not pg_ready(options.database_url):
                    pg_ctl(cluster, "start")
            answered = {}
            while len(answered) < 2 and time.monotonic() - back < 60:
                for path in ("/healthz", meeting_page):
                    if path not in answered:
                        try:
                            if load_test.get(port, path, timeout=5)[0] == 200:
                                answered[path] = round(time.monotonic() - back, 3)
                        except OSError:
                            pass
                time.sleep(0.05)
            recovered = back + max(answered.values(), default=60)
            time.sleep(10)  # traffic goes on: nothing may fail any more
        workers_after = workers_of(server.pid)
    failed = [entry for entry in traffic.log if entry[2] != 200]
    after = [entry for entry in failed if entry[0] > recovered + 1]
    result.update(
        seconds_until_answering_again=answered,
        recovery_seconds=max(answered.values(), default=None),
        database_unavailable_seconds=round(back - stopped, 2),
        requests=len(traffic.log),
        failed_requests_while_the_database_was_away=len(failed) - len(after),
        failed_requests_after_recovery=len(after),
        failures_after_recovery=[(round(t - back, 2), p, s) for t, p, s in after[:10]],
        gunicorn_workers_same=workers_before == workers_after,
        passed=bool(answered)
        and len(answered) == 2
        and max(answered.values()) <= 5
        and not after
        and workers_before == workers_after,
    )
    log(
        f"answers again {result['recovery_seconds']} s after the database is back {answered}; "
        f"{result['failed_requests_after_recovery']} failed requests after that; workers kept: "
        f"{result['gunicorn_workers_same']}"
    )
    return result


def import_test(options, env, work):
    import psycopg

    items = 1000
    minutes = work / "fejltest.txt"
    minutes.write_text(aabenraa_minutes(items, committee="Fejltestudvalget"), encoding="utf-8")

    def meetings():
        with psycopg.connect(options.database_url) as conn:
            return conn.execute(
                "SELECT m.id, (SELECT count(*) FROM agenda_items_agendaitem i WHERE i.meeting_id = m.id) "
                "FROM meetings_meeting m JOIN meetings_committee c ON c.id = m.committee_id "
                "JOIN meetings_municipality mu ON mu.id = c.municipality_id WHERE mu.name = %s",
                [FAULT_MUNICIPALITY],
            ).fetchall()

    def delete_municipality():
        script = (
            "from meetings.models import Municipality; "
            f"Municipality.objects.filter(name={FAULT_MUNICIPALITY!r}).delete()"
        )
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-v0", "-c", script], cwd=ROOT, env=env, check=True
        )

    delete_municipality()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(minutes), str(items // 2), f"--municipality={FAULT_MUNICIPALITY}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    started = time.monotonic()
    line = child.stdout.readline()
    killed_after = time.monotonic() - started
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    left = meetings()
    log(
        f"import killed after {killed_after:.1f} s ({items // 2} of {items} items saved); "
        f"meetings left: {left}"
    )
    full = subprocess.run(
        [sys.executable, "manage.py", "import_minutes", "--municipality", FAULT_MUNICIPALITY, str(minutes)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    complete = meetings()
    log(f"full re-import: {complete}")
    delete_municipality()
    return {
        "items": items,
        "killed_after_seconds": round(killed_after, 2),
        "child_said": line.strip(),
        "killed_by_sigkill": child.returncode == -signal.SIGKILL,
        "meetings_left_after_the_kill": left,
        "reimport_exit_status": full.returncode,
        "meetings_after_reimport": complete,
        "passed": line.strip() == "half-way"
        and child.returncode == -signal.SIGKILL
        and left == []
        and full.returncode == 0
        and len(complete) == 1
        and complete[0][1] == items,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/minutes_load",
        help="The load test's database (prepared if missing).",
    )
    parser.add_argument("--only", choices=["restart", "import"], help="Run one of the two tests.")
    parser.add_argument(
        "--down", type=float, default=3.0, help="Seconds the database stays down (default 3)."
    )
    parser.add_argument(
        "--restart-shared-server",
        action="store_true",
        help="Restart PostgreSQL even though other databases on it are busy.",
    )
    parser.add_argument("--json", default=str(RESULTS / "faults.json"), help="Where to write the results.")
    options = parser.parse_args()
    if urlsplit(options.database_url).hostname not in {"127.0.0.1", "localhost", "::1"}:
        sys.exit("the fault test runs against a database on this machine only")
    RESULTS.mkdir(parents=True, exist_ok=True)
    results = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    with tempfile.TemporaryDirectory(prefix="minutes-faults-") as work_dir:
        work = Path(work_dir)
        (work / "load_settings.py").write_text(
            f"from minutes_site.settings import *  # noqa\nSTATIC_ROOT = {str(work / 'static')!r}\n"
        )
        env = load_test.production_env(options.database_url, work)
        load_test.prepare_database(options.database_url, env, 0)
        load_test.manage(env, "collectstatic", "--noinput", "-v0")
        if options.only in (None, "import"):
            results["killed_import"] = import_test(options, env, work)
        if options.only in (None, "restart"):
            results["database_restart"] = restart_test(options, env, work)
    Path(options.json).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return 0 if all(r["passed"] for k, r in results.items() if k != "when") else 1


if __name__ == "__main__":
    sys.exit(main())
