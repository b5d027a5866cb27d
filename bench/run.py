"""The performance benchmark: PostgreSQL, a generated national-scale corpus, real HTTP, Datasette beside it.

    .venv/bin/python bench/run.py --items 1000000          # the full run (see bench/README.md)
    .venv/bin/python bench/run.py --items 30000 --quick    # a smoke run in a few minutes

Steps (each bounded in time, all traffic to 127.0.0.1):
1. parse timings: the seed minutes (MB/s), and a generated 200-page PDF: extraction alone
   (pdfplumber in its child process, as the importer runs it; pypdfium2 for comparison), parse
   alone and load alone (in a transaction that is rolled back);
2. the corpus: `meetings.corpus.generate()` into DATABASE_URL (default
   postgres://postgres@127.0.0.1:5432/minutes_bench), reused when it already has the meetings
   for --items; a load sample into a scratch database measures items per second in every run;
3. latency (p50/p95/p99) of each page with one keep-alive client against gunicorn, and
   requests per second with wrk at 32 connections;
4. SQL queries per page (Django's test client in-process);
5. the same data exported to SQLite with FTS5 and served by Datasette: its filtered table page
   and full-text search, measured the same way, as a ratio;
6. one table on stdout, JSON in bench/results/, and the table in docs/PERFORMANCE.md.
"""

import argparse
import datetime
import http.client
import json
import logging
import math
import os
import platform
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PERFORMANCE_MD = ROOT / "docs" / "PERFORMANCE.md"
VENV_BIN = Path(sys.executable).parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/minutes_bench"
ITEMS_PER_MEETING = 15  # the generator's mean (5–25 items a meeting)
GUNICORN_PORT = 8765
DATASETTE_PORT = 8766
# What the reverse proxy in front of gunicorn sends: TLS ends there (settings: SECURE_PROXY_SSL_HEADER).
HEADERS = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
MARK_START = "<!-- bench:start (written by bench/run.py; edit outside these marks) -->"
MARK_END = "<!-- bench:end -->"

sys.path.insert(0, str(ROOT))


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return None
    k = (len(ordered) - 1) * p / 100
    low, high = math.floor(k), math.ceil(k)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


# --- set-up -----------------------------------------------------------------------------------


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    # In-process measurements (queries per page, SQL vs Python) are of the work behind a page.
    os.environ["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
    import django

    django.setup()


def ensure_database(database_url, reset=False):
    """Create the PostgreSQL database if it is missing (dropped first with reset)."""
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if reset:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def machine():
    info = {"nproc": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    try:
        with open("/proc/meminfo") as f:
            kb = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
        info["memory_gib"] = round(kb / 1024 / 1024, 1)
    except (OSError, StopIteration, ValueError):
        pass
    try:
        with open("/proc/cpuinfo") as f:
            info["cpu"] = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        info["postgresql"] = cursor.fetchone()[0]
        for setting in ("shared_buffers", "work_mem", "effective_cache_size"):
            cursor.execute(f"SHOW {setting}")
            info[setting] = cursor.fetchone()[0]
    return info


def load_average():
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


# --- 1. parsing -------------------------------------------------------------------------------


def timed(function, *args, min_seconds=1.0, **kwargs):
    """(seconds per call, result): the best of repeated calls filling at least `min_seconds`."""
    times, result, started = [], None, time.perf_counter()
    while not times or time.perf_counter() - started < min_seconds:
        t = time.perf_counter()
        result = function(*args, **kwargs)
        times.append(time.perf_counter() - t)
        if len(times) >= 50:
            break
    return min(times), result


@contextmanager
def rolled_back():
    """A transaction that is always rolled back: loads are measured without keeping their rows."""
    from django.db import transaction

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            yield
            raise Rollback
    except Rollback:
        pass


def big_minutes_text(pages=200, lines_per_page=48):
    """An Aabenraa REFERAT of `pages` pages: the seed's items again and again, renumbered.

    Each page's first line starts with a space, which is where tests/importers/pdfmaker.py
    starts a new PDF page.
    """
    seed = next(ROOT.glob("fixtures/minutes/aabenraa-*.txt")).read_text(encoding="utf-8")
    head, _, body = seed.partition("\nPunkt ")
    head = head.split("\nIndholdsfortegnelse")[0]
    items = ("Punkt " + body).split("\nPunkt ")
    blocks = [re.sub(r"^Punkt \d+:", "", item.strip()).strip() for item in items]
    lines, number = head.strip().split("\n"), 1
    while len(lines) < pages * lines_per_page:
        for block in blocks:
            lines += ["", f"Punkt {number}: {block}"]
            number += 1
        lines = "\n".join(lines).split("\n")
    lines = lines[: pages * lines_per_page]
    for start in range(0, len(lines), lines_per_page):
        lines[start] = " " + (lines[start] or "-")
    return "\n".join(lines)


def bench_parsing(work_dir):
    from imports import pdf as pdf_module
    from imports.detect import parse_text
    from imports.load import load_meetings

    result = {}
    seeds = sorted(ROOT.glob("fixtures/minutes/*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    size = sum(len(t.encode("utf-8")) for t in texts)
    seconds, parsed = timed(lambda: [m for t in texts for m in parse_text(t)], min_seconds=3)
    result["seeds"] = {
        "files": [p.name for p in seeds],
        "bytes": size,
        "parse_seconds": seconds,
        "parse_mb_per_s": size / seconds / 1e6,
        "meetings": len(parsed),
        "items": sum(len(m.items) for m in parsed),
    }
    with rolled_back():
        t = time.perf_counter()
        load_meetings(parsed, source_name="bench-seeds")
        result["seeds"]["load_seconds"] = time.perf_counter() - t

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # fpdf2's font subsetting chatter
    sys.path.insert(0, str(ROOT / "tests" / "importers"))
    from pdfmaker import make_pdf

    text = big_minutes_text()
    path = Path(work_dir) / "minutes-200-pages.pdf"
    t = time.perf_counter()
    make_pdf(text, path)
    build_seconds = time.perf_counter() - t
    t = time.perf_counter()
    pages = pdf_module.extract_pages(path, max_pages=500, timeout=900)
    extract_seconds = time.perf_counter() - t
    joined = pdf_module.pages_to_text(pages)
    parse_seconds, parsed = timed(parse_text, joined, min_seconds=2)
    with rolled_back():
        t = time.perf_counter()
        load_meetings(parsed, source_name="bench-200-pages.pdf")
        load_seconds = time.perf_counter() - t
    pdfium_seconds = None
    try:
        import pypdfium2

        t = time.perf_counter()
        document = pypdfium2.PdfDocument(str(path))
        for page in document:
            page.get_textpage().get_text_range()
        pdfium_seconds = time.perf_counter() - t
    except ImportError:
        pass
    result["pdf"] = {
        "pages": len(pages),
        "bytes": path.stat().st_size,
        "text_bytes": len(joined.encode("utf-8")),
        "build_seconds": build_seconds,
        "extract_seconds": extract_seconds,
        "extract_pypdfium2_seconds": pdfium_seconds,
        "parse_seconds": parse_seconds,
        "load_seconds": load_seconds,
        "items": sum(len(m.items) for m in parsed),
        "overhead": (parse_seconds + load_seconds) / extract_seconds,
    }
    return result


# --- 2. the corpus ----------------------------------------------------------------------------


def bench_corpus(items, seed, database_url, sample_meetings):
    from django.db import connection

    from agenda_items.models import AgendaItem
    from meetings.corpus import generate
    from meetings.models import Meeting

    meetings = math.ceil(items / ITEMS_PER_MEETING)
    present = Meeting.objects.count()
    record_path = RESULTS / f"corpus-{connection.settings_dict['NAME']}.json"
    result = {"meetings": meetings}
    if present == meetings:
        log(f"reusing the corpus in the database ({present} meetings)")
        result["reused"] = True
        if record_path.exists():
            result["generation"] = json.loads(record_path.read_text())
    elif present:
        raise SystemExit(
            f"The database holds {present} meetings, not {meetings}: "
            "use --reset (drops it) or another DATABASE_URL."
        )
    else:
        log(f"generating {meetings} meetings (≈ {items} items)")
        stats = run_generate(generate, meetings, seed)
        result["generation"] = {
            "date": datetime.datetime.now().isoformat(timespec="seconds"),
            "meetings": stats.meetings,
            "items": stats.items,
            "load_seconds": stats.load_seconds,
            "items_per_second": stats.items_per_second,
            "index_seconds": stats.index_seconds,
            "load_average_after": load_average(),
        }
        RESULTS.mkdir(parents=True, exist_ok=True)
        record_path.write_text(json.dumps(result["generation"], indent=2))
    result["items"] = AgendaItem.objects.count()
    result["database_bytes"] = database_size()
    if sample_meetings:
        result["sample"] = load_sample(database_url, sample_meetings, seed)
    return result


def run_generate(generate, meetings, seed):
    try:
        from tqdm import tqdm
    except ImportError:  # the bar is a nicety
        return generate(meetings, seed=seed)
    with (
        tqdm(total=meetings, unit="meeting", desc="meetings") as bar,
        tqdm(unit="item", desc="index") as bar2,
    ):
        return generate(meetings, seed=seed, progress=bar.update, index_progress=bar2.update)


def database_size():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


def load_sample(database_url, meetings, seed):
    """Generate `meetings` into a fresh scratch database in a child process: the load rate of this run."""
    scratch = urlsplit(database_url)._replace(path=urlsplit(database_url).path + "_load").geturl()
    ensure_database(scratch, reset=True)
    env = {**os.environ, "DATABASE_URL": scratch}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT, timeout=600)
    code = (
        "import django, json; django.setup(); from meetings.corpus import generate; "
        f"s = generate({meetings}, seed={seed + 1}); "
        "print(json.dumps({'items': s.items, 'load_seconds': s.load_seconds, "
        "'items_per_second': s.items_per_second, 'index_seconds': s.index_seconds}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    sample = json.loads(out.stdout.strip().splitlines()[-1])
    sample["meetings"] = meetings
    ensure_database_dropped(scratch)
    return sample


def ensure_database_dropped(database_url):
    import psycopg

    parts = urlsplit(database_url)
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


# --- the pages to measure ---------------------------------------------------------------------


def pick_urls(rotate=100):
    """Each measured page: name -> list of paths (several where the page is one of many)."""
    import random

    from django.db.models import Count

    from agenda_items.models import AgendaItem, Case
    from meetings.models import Committee, Meeting
    from meetings.views import Cursor

    rng = random.Random(1)
    max_id = Meeting.objects.order_by("-id").values_list("id", flat=True).first()
    meeting_ids = []
    while len(meeting_ids) < rotate:
        found = (
            Meeting.objects.filter(id__gte=rng.randint(1, max_id)).order_by("id").values_list("id", flat=True)
        )
        meeting_ids += list(found[:1])
    items = []
    for meeting_id in meeting_ids:
        item = AgendaItem.objects.filter(meeting_id=meeting_id, closed=False).order_by("order").first()
        if item:
            items.append(item.get_absolute_url())
    recurring = list(
        Case.objects.filter(items__closed=False)
        .annotate(n=Count("items"))
        .filter(n__gte=3, n__lte=6)
        .values_list("id", "number")[:rotate]
    )
    committee = (
        Committee.objects.filter(name="Økonomiudvalget").annotate(n=Count("meetings")).order_by("-n").first()
        or Committee.objects.annotate(n=Count("meetings")).order_by("-n").first()
    )
    filters = {
        "municipality": committee.municipality.slug,
        "committee": committee.slug,
        "date_after": "2012-01-01",
        "date_before": "2016-12-31",
    }
    ordered = Meeting.objects.filter(date__isnull=False).order_by("-date", "-id")
    depth = min(100_000, ordered.count() - 21)
    deep = ordered[depth]
    from agenda_items.search import MANY_RESULTS_PAGES

    search_words = pick_search_words()
    urls = {
        "front page": ["/"],
        "meeting list, first page": ["/meetings/"],
        "meeting list, filtered (committee + dates)": ["/meetings/?" + urlencode(filters)],
        f"meeting list, deep page ({depth // 20 + 1})": ["/meetings/?after=" + str(Cursor.of(deep))],
        "meeting page": [f"/meetings/{pk}/" for pk in meeting_ids],
        "item page": items,
        "case page": [f"/cases/{pk}/" for pk, _ in recurring],
        f"search, common word ({search_words['common']})": [
            "/search/?" + urlencode({"q": search_words["common"]})
        ],
        f"search, rare word ({search_words['rare']})": ["/search/?" + urlencode({"q": search_words["rare"]})],
        f"search, phrase ({search_words['phrase']})": [
            "/search/?" + urlencode({"q": search_words["phrase"]})
        ],
        "search, case number (redirect)": [
            "/search/?" + urlencode({"q": number}) for _, number in recurring[:20]
        ],
        f"search, common word, last page ({MANY_RESULTS_PAGES})": [
            "/search/?" + urlencode({"q": search_words["common"], "page": MANY_RESULTS_PAGES})
        ],
    }
    urls[f"search, rare phrase of common words ({search_words['rare_phrase']})"] = [
        "/search/?" + urlencode({"q": search_words["rare_phrase"]})
    ]
    if search_words.get("ranked"):
        urls[f"search, ranked word ({search_words['ranked']})"] = [
            "/search/?" + urlencode({"q": search_words["ranked"]})
        ]
    return urls, {"filters": filters, "words": search_words, "deep_position": depth}


def pick_search_words():
    """A common word, a rare one (a generated place name in a handful of items), a phrase, and a
    "ranked" word: a place-name prefix in 1 000-10 000 items, which search counts, ranks and facets
    in full (the costliest of its paths)."""
    import random

    from django.contrib.postgres.search import SearchQuery

    from agenda_items.models import AgendaItem
    from meetings.corpus import place_names

    def matches(word, cap=100_000):
        query = SearchQuery(word, config="danish", search_type="websearch")
        return AgendaItem.objects.filter(search_vector=query).values("pk")[:cap].count()

    rare = None
    names = place_names(random.Random(1))
    for name in names[2000::97]:
        if 5 <= matches(name, 200) <= 60:
            rare = name
            break
    ranked = None
    for name in names[::97]:
        prefix = name[: max(4, len(name) - 4)]
        query = SearchQuery(f"{prefix}:*", config="danish", search_type="raw")
        if 1_000 <= AgendaItem.objects.filter(search_vector=query).values("pk")[:10_001].count() <= 10_000:
            ranked = prefix
            break
    return {
        "common": "kommune",
        "rare": rare or names[-1],
        "phrase": '"sociale ydelser"',
        # Both words are in most items, next to each other in almost none: the phrase's worst case.
        "rare_phrase": '"budget kommune"',
        "ranked": ranked,
    }


# --- 3./4. measuring the site -----------------------------------------------------------------


def count_queries(urls, repeat=5):
    """Per page, in-process: SQL queries, and the median time in SQL and in the whole view (ms).

    The two times tell the database's share from Python's (view, template) on this machine.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_X_FORWARDED_PROTO="https")
    counts = {}
    for name, paths in urls.items():
        sql_ms, total_ms = [], []
        for i in range(repeat + 1):
            with CaptureQueriesContext(connection) as context:
                started = time.perf_counter()
                response = client.get(paths[i % len(paths)])
                elapsed = (time.perf_counter() - started) * 1000
            if i:  # the first request warms caches
                total_ms.append(elapsed)
                sql_ms.append(sum(float(q["time"]) for q in context.captured_queries) * 1000)
        counts[name] = {
            "queries": len(context.captured_queries),
            "status": response.status_code,
            "sql_ms": statistics.median(sql_ms),
            "view_ms": statistics.median(total_ms),
        }
        log(f"  {name}: {counts[name]}")
    return counts


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


def gunicorn(database_url, workers, log_path, worker_class="sync", threads=1, page_cache_url=None):
    """gunicorn serving the site; without `page_cache_url` the page cache is off, so every request
    measures the work behind a page, with it the site's own page cache in that (shared) cache."""
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


# --- 5. Datasette -----------------------------------------------------------------------------

DATASETTE_SCHEMA = """
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY, municipality TEXT, municipality_slug TEXT, committee TEXT,
    committee_slug TEXT, kind TEXT, date TEXT
);
CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY, meeting_id INTEGER REFERENCES meetings(id), date TEXT, municipality TEXT,
    committee TEXT, number TEXT, title TEXT, case_number TEXT, presentation TEXT, recommendation TEXT,
    decision TEXT
);
"""
DATASETTE_INDEXES = """
CREATE INDEX meetings_filter ON meetings (municipality_slug, committee_slug, date);
CREATE INDEX meetings_date ON meetings (date);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id);
CREATE VIRTUAL TABLE agenda_items_fts USING fts5(
    title, presentation, recommendation, decision,
    content=[agenda_items], content_rowid=[id], tokenize='unicode61 remove_diacritics 0'
);
INSERT INTO agenda_items_fts (agenda_items_fts) VALUES ('rebuild');
"""


def export_sqlite(path, expected_items):
    """The archive's public rows in SQLite with an FTS5 index, as a Datasette user would build it."""
    if path.exists():
        with sqlite3.connect(path) as db:
            try:
                if db.execute("SELECT count(*) FROM agenda_items").fetchone()[0] == expected_items:
                    log(f"reusing {path}")
                    return {"reused": True, "bytes": path.stat().st_size}
            except sqlite3.Error:
                pass
        path.unlink()
    from django.db import connection

    started = time.perf_counter()
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + DATASETTE_SCHEMA)
    raw = (
        connection.connection
        if connection.connection
        else (connection.ensure_connection() or connection.connection)
    )
    with raw.cursor() as cursor:
        cursor.execute(
            "SELECT m.id, mu.name, mu.slug, c.name, c.slug, m.kind, m.date::text FROM meetings_meeting m "
            "JOIN meetings_committee c ON c.id = m.committee_id "
            "JOIN meetings_municipality mu ON mu.id = c.municipality_id"
        )
        db.executemany("INSERT INTO meetings VALUES (?, ?, ?, ?, ?, ?, ?)", cursor.fetchall())
    with raw.transaction(), raw.cursor(name="export") as cursor:
        cursor.itersize = 10_000
        cursor.execute(
            "SELECT i.id, i.meeting_id, m.date::text, mu.name, c.name, i.number, i.title, cs.number, "
            "i.presentation, i.recommendation, i.decision FROM agenda_items_agendaitem i "
            "JOIN meetings_meeting m ON m.id = i.meeting_id "
            "JOIN meetings_committee c ON c.id = m.committee_id "
            "JOIN meetings_municipality mu ON mu.id = c.municipality_id "
            "LEFT JOIN agenda_items_case cs ON cs.id = i.case_id WHERE NOT i.closed ORDER BY i.id"
        )
        while rows := cursor.fetchmany(10_000):
            db.executemany("INSERT INTO agenda_items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.commit()
    db.executescript(DATASETTE_INDEXES + "ANALYZE;")
    db.close()
    tmp.rename(path)
    return {"reused": False, "seconds": time.perf_counter() - started, "bytes": path.stat().st_size}


def datasette_urls(meta):
    f = meta["filters"]
    words = meta["words"]
    table_filter = {
        "municipality_slug": f["municipality"],
        "committee_slug": f["committee"],
        "date__gte": f["date_after"],
        "date__lte": f["date_before"],
        "_sort_desc": "date",
    }
    return {
        "meeting list, filtered (committee + dates)": ["/minutes/meetings?" + urlencode(table_filter)],
        f"search, common word ({words['common']})": [
            "/minutes/agenda_items?" + urlencode({"_search": words["common"]})
        ],
        f"search, rare word ({words['rare']})": [
            "/minutes/agenda_items?" + urlencode({"_search": words["rare"]})
        ],
        f"search, phrase ({words['phrase']})": [
            "/minutes/agenda_items?" + urlencode({"_search": words["phrase"]})
        ],
        f"search, rare phrase of common words ({words['rare_phrase']})": [
            "/minutes/agenda_items?" + urlencode({"_search": words["rare_phrase"]})
        ],
    }


def datasette(path, log_path):
    command = [
        str(VENV_BIN / "datasette"),
        "serve",
        "-i",
        str(path),
        "--host",
        "127.0.0.1",
        "--port",
        str(DATASETTE_PORT),
        "--setting",
        "sql_time_limit_ms",
        "5000",
    ]
    return server(command, DATASETTE_PORT, dict(os.environ), log_path, ready_path="/-/versions.json")


# --- 6. the report ----------------------------------------------------------------------------


def verdict(value, target, higher_is_better=False):
    if value is None:
        return "not measured"
    met = value >= target if higher_is_better else value <= target
    return "met" if met else "MISSED"


def report_rows(results):
    """(what, target, measured, verdict) for the table."""
    rows = []
    parsing = results.get("parsing")
    if parsing:
        s, p = parsing["seeds"], parsing["pdf"]
        rows.append(
            (
                "Parse seed minutes",
                "≥ 5 MB/s",
                f"{s['parse_mb_per_s']:.1f} MB/s",
                verdict(s["parse_mb_per_s"], 5, True),
            )
        )
        rows.append(
            (
                f"PDF {p['pages']} pages: parse + load vs pdfplumber extraction",
                "≤ 20%",
                f"{p['overhead'] * 100:.1f}% (extract {p['extract_seconds']:.1f} s, "
                f"parse {p['parse_seconds']:.2f} s, "
                f"load {p['load_seconds']:.2f} s; pypdfium2 {p['extract_pypdfium2_seconds'] or 0:.2f} s)",
                verdict(p["overhead"], 0.20),
            )
        )
    corpus = results.get("corpus")
    if corpus:
        generation = corpus.get("generation")
        if generation:
            rows.append(
                (
                    f"Load {generation['items']:,} items (generate_corpus)",
                    "≥ 2 000 items/s",
                    f"{generation['items_per_second']:.0f} items/s "
                    f"({generation['load_seconds'] / 60:.1f} min; "
                    f"search index {generation['index_seconds'] / 60:.1f} min more)",
                    verdict(generation["items_per_second"], 2000, True),
                )
            )
        sample = corpus.get("sample")
        if sample:
            rows.append(
                (
                    f"Load {sample['items']:,} items (sample, this run)",
                    "≥ 2 000 items/s",
                    f"{sample['items_per_second']:.0f} items/s",
                    verdict(sample["items_per_second"], 2000, True),
                )
            )
    single = results.get("single_client", {})
    queries = results.get("queries", {})
    targets = {
        "meeting list, filtered": 50,
        "meeting page": 30,
        "item page": 30,
        "case page": 30,
        "search": 200,
    }
    first_page = single.get("meeting list, first page", {}).get("p95_ms")
    for name, r in single.items():
        target = next((t for prefix, t in targets.items() if name.startswith(prefix)), None)
        q = queries.get(name, {}).get("queries")
        measured = f"p50 {r['p50_ms']:.1f} / p95 {r['p95_ms']:.1f} / p99 {r['p99_ms']:.1f} ms; {q} queries"
        if r["requests"] < results.get("requests_per_page", r["requests"]):
            measured += f"; only {r['requests']} requests in the time limit"
        if "sql_ms" in queries.get(name, {}):
            measured += (
                f" (in-process: SQL {queries[name]['sql_ms']:.0f} of {queries[name]['view_ms']:.0f} ms)"
            )
        if name.startswith("meeting list, deep page") and first_page:
            rows.append(
                (
                    name,
                    f"as fast as page 1 (p95 {first_page:.1f} ms)",
                    measured,
                    verdict(r["p95_ms"], first_page * 1.5 + 2),
                )
            )
        elif target:
            rows.append((name, f"p95 ≤ {target} ms", measured, verdict(r["p95_ms"], target)))
        else:
            rows.append((name, "—", measured, ""))
    for name, r in results.get("under_load", {}).items():
        if "requests_per_second" in r:
            ok = r["requests_per_second"] and r["requests_per_second"] >= 300 and r["errors"] == 0
            rows.append(
                (
                    f"{name}, no page cache, {r['connections']} connections",
                    "≥ 300 req/s, 0 errors" if name == "meeting page" else "—",
                    f"{r['requests_per_second']:.0f} req/s, "
                    f"p50 {r.get('p50_ms', 0):.0f} / p99 {r.get('p99_ms', 0):.0f} ms, "
                    f"{r['errors']} errors",
                    ("met" if ok else "MISSED") if name == "meeting page" else "",
                )
            )
    for name, r in results.get("cached", {}).get("under_load", {}).items():
        if r.get("requests_per_second") is not None:
            one = results["cached"]["single_client"].get(name, {})
            ok = r["requests_per_second"] >= 300 and r["errors"] == 0
            rows.append(
                (
                    f"{name} with the site's page cache (Redis), {r['connections']} connections",
                    "≥ 300 req/s, 0 errors" if name == "meeting page" else "—",
                    f"{r['requests_per_second']:.0f} req/s, {r['errors']} errors; "
                    f"single client p50 {one.get('p50_ms', 0):.1f} / p95 {one.get('p95_ms', 0):.1f} ms",
                    ("met" if ok else "MISSED") if name == "meeting page" else "",
                )
            )
    for name, r in results.get("datasette", {}).get("single_client", {}).items():
        ours = single.get(name)
        if ours and r.get("p50_ms"):
            ratio = r["p50_ms"] / ours["p50_ms"]
            rows.append(
                (
                    f"vs Datasette: {name}",
                    "ratio ≥ 1 (Datasette p50 / ours)",
                    f"{ratio:.2f}× (Datasette p50 {r['p50_ms']:.1f} / p95 {r['p95_ms']:.1f} ms; "
                    f"ours p50 {ours['p50_ms']:.1f} ms)",
                    verdict(ratio, 1, True),
                )
            )
    return rows


def table(rows):
    lines = ["| What | Target | Measured | |", "| --- | --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def write_performance_md(results, rows):
    m = results["machine"]
    corpus = results.get("corpus", {})
    block = "\n".join(
        [
            MARK_START,
            f"Latest run: {results['date']} — `{results['command']}`",
            "",
            f"Machine: {m.get('nproc')} cores ({m.get('cpu', '?')}), {m.get('memory_gib')} GiB, "
            f"PostgreSQL {m.get('postgresql')} (shared_buffers {m.get('shared_buffers')}), "
            f"Python {m.get('python')}; "
            f"load average at start {results.get('load_average_start')}, "
            f"at end {results.get('load_average_end')}.",
            f"Corpus: {corpus.get('items', 0):,} agenda items in {corpus.get('meetings', 0):,} meetings, "
            f"database {corpus.get('database_bytes', 0) / 1e9:.1f} GB. gunicorn: {results.get('gunicorn')}.",
            "",
            table(rows),
            MARK_END,
        ]
    )
    text = PERFORMANCE_MD.read_text(encoding="utf-8") if PERFORMANCE_MD.exists() else "# Performance\n\n"
    if MARK_START in text and MARK_END in text:
        before, rest = text.split(MARK_START, 1)
        after = rest.split(MARK_END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    PERFORMANCE_MD.write_text(text, encoding="utf-8")


# --- main -------------------------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--items", type=int, default=1_000_000, help="Agenda items in the corpus (≈ 15 a meeting)."
    )
    parser.add_argument("--seed", type=int, default=1, help="Corpus seed.")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument(
        "--reset", action="store_true", help="Drop and re-create the benchmark database first."
    )
    parser.add_argument("--requests", type=int, default=200, help="Requests per page, single client.")
    parser.add_argument("--connections", type=int, default=32, help="Concurrent connections for wrk.")
    parser.add_argument("--seconds", type=int, default=20, help="Seconds per wrk run.")
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers."
    )
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class (sync, gthread).")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker (gthread).")
    parser.add_argument(
        "--sample-meetings", type=int, default=7000, help="Meetings in the load sample (0: none)."
    )
    parser.add_argument(
        "--cache-url",
        default="redis://127.0.0.1:6379/15",
        help="Redis database for the page-cache run (flushed first).",
    )
    parser.add_argument(
        "--skip", action="append", default=[], help="Skip a step: parsing, load, cached, datasette."
    )
    parser.add_argument(
        "--quick", action="store_true", help="Fewer requests and shorter load runs (smoke test)."
    )
    parser.add_argument(
        "--report",
        metavar="JSON",
        help="Only print the table of a saved run and write it to docs/PERFORMANCE.md.",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.requests, args.seconds, args.sample_meetings = 30, 5, 0
    if args.report:
        results = json.loads(Path(args.report).read_text())
        rows = report_rows(results)
        print(table(rows))
        write_performance_md(results, rows)
        return

    RESULTS.mkdir(parents=True, exist_ok=True)
    ensure_database(args.database_url, reset=args.reset)
    setup_django(args.database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    results = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": "bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "machine": machine(),
        "load_average_start": load_average(),
        "requests_per_page": args.requests,
        "gunicorn": f"{args.workers} {args.worker_class} workers"
        + (f" × {args.threads} threads" if args.threads > 1 else ""),
    }
    work_dir = tempfile.mkdtemp(prefix="minutes-bench-")
    try:
        if "parsing" not in args.skip:
            log("1. parsing: seeds and a 200-page PDF")
            results["parsing"] = bench_parsing(work_dir)
        log("2. corpus")
        results["corpus"] = bench_corpus(
            args.items, args.seed, args.database_url, 0 if "load" in args.skip else args.sample_meetings
        )
        urls, meta = pick_urls()
        results["pages"] = {"urls": {k: v[:3] for k, v in urls.items()}, **meta}
        log("4. queries per page")
        results["queries"] = count_queries(urls)
        log("3. HTTP latency against gunicorn")
        with gunicorn(
            args.database_url, args.workers, Path(work_dir) / "gunicorn.log", args.worker_class, args.threads
        ):
            results["single_client"] = single_client(GUNICORN_PORT, urls, args.requests, timeout=30)
            results["under_load"] = {}
            for name in ("meeting page", "item page", "meeting list, filtered (committee + dates)"):
                results["under_load"][name] = under_load(
                    GUNICORN_PORT, urls[name], args.connections, args.seconds, work_dir, name
                )
        if "cached" not in args.skip:
            log(f"3b. the same with the site's page cache in Redis ({args.cache_url})")
            flush_cache(args.cache_url)
            log_path = Path(work_dir) / "gunicorn-cached.log"
            with gunicorn(
                args.database_url,
                args.workers,
                log_path,
                args.worker_class,
                args.threads,
                page_cache_url=args.cache_url,
            ):
                cached = {name: urls[name] for name in ("meeting page", "item page")}
                results["cached"] = {
                    "single_client": single_client(GUNICORN_PORT, cached, args.requests, timeout=30),
                    "under_load": {
                        name: under_load(GUNICORN_PORT, paths, args.connections, args.seconds, work_dir, name)
                        for name, paths in cached.items()
                    },
                }
        if "datasette" not in args.skip:
            log("5. Datasette (SQLite + FTS5)")
            # Datasette names the database after the file: /minutes/<table>.
            db_path = (
                ROOT / "var" / "bench-datasette" / urlsplit(args.database_url).path.lstrip("/") / "minutes.db"
            )
            db_path.parent.mkdir(parents=True, exist_ok=True)
            from agenda_items.models import AgendaItem

            export = export_sqlite(db_path, AgendaItem.objects.filter(closed=False).count())
            d_urls = datasette_urls(meta)
            with datasette(db_path, Path(work_dir) / "datasette.log"):
                results["datasette"] = {
                    "export": export,
                    "urls": d_urls,
                    "single_client": single_client(DATASETTE_PORT, d_urls, args.requests, timeout=30),
                }
    finally:
        results["load_average_end"] = load_average()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        out = json.dumps(results, indent=2, default=str)
        (RESULTS / f"run-{stamp}.json").write_text(out)
        (RESULTS / "latest.json").write_text(out)
        shutil.rmtree(work_dir, ignore_errors=True)
    rows = report_rows(results)
    print()
    print(table(rows))
    write_performance_md(results, rows)
    log(f"JSON: bench/results/run-{stamp}.json; table written to docs/PERFORMANCE.md")


if __name__ == "__main__":
    main()
