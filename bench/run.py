"""The performance benchmark: PostgreSQL, a generated national-scale corpus, real HTTP, Datasette beside it.

    .venv/bin/python bench/run.py --items 1000000          # the full run (see bench/README.md)
    .venv/bin/python bench/run.py --items 30000 --quick    # a smoke run in a few minutes

Steps (each bounded in time, all traffic to 127.0.0.1):
1. parse timings: the seed minutes (MB/s), and a generated 200-page PDF: extraction alone
   (pdfplumber in its child process, as the importer runs it; pypdfium2 for comparison), parse
   alone and load alone (in a transaction that is rolled back);
2. the corpus: `bench.corpus_generator.generate()` into DATABASE_URL (default
   postgres://postgres@127.0.0.1:5432/minutes_bench), reused when it already has the meetings
   for --items; a load sample into a scratch database measures items per second in every run;
3. latency (p50/p95/p99) of each page with one keep-alive client against gunicorn, and
   requests per second with wrk at 32 connections;
4. SQL queries per page (Django's test client in-process);
5. the same data exported to SQLite with FTS5 and served by Datasette: its filtered table page
   and full-text search, measured the same way, as a ratio (facet suggestions off, 20 rows on
   both sides, the rows each side finds reported);
6. one table on stdout, JSON in bench/results/, and the table in docs/PERFORMANCE.md;
7. recall of bench/recall.py's real queries on PostgreSQL and on SQLite (scratch databases).

One module per step: bench/parsing.py, database.py, pages.py, latency.py, datasette_peer.py and
report.py (bench/common.py holds what they share).
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/minutes_bench"

sys.path.insert(0, str(ROOT))

from bench.common import DATASETTE_PORT, GUNICORN_PORT, RESULTS, load_average, log  # noqa: E402
from bench.database import bench_corpus, ensure_database  # noqa: E402
from bench.datasette_peer import datasette, datasette_counts, datasette_urls, export_sqlite  # noqa: E402
from bench.latency import flush_cache, gunicorn, single_client, under_load  # noqa: E402
from bench.pages import count_queries, pick_urls  # noqa: E402
from bench.parsing import bench_parsing  # noqa: E402
from bench.recall import measure_recall  # noqa: E402
from bench.report import report_rows, table, write_performance_md, write_scale_md  # noqa: E402

# --- set-up -----------------------------------------------------------------------------------


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    # In-process measurements (queries per page, SQL vs Python) are of the work behind a page.
    os.environ["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
    import django

    django.setup()


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
        "--skip",
        action="append",
        default=[],
        help="Skip a step: parsing, load, cached, datasette, recall.",
    )
    parser.add_argument(
        "--quick", action="store_true", help="Fewer requests and shorter load runs (smoke test)."
    )
    parser.add_argument(
        "--searches-only",
        action="store_true",
        help="Only the searches and the person/party pages (single client), for the table of search "
        "cost by corpus size; results in bench/results/scale-<items>.json.",
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
        write_scale_md(results)
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
        if "parsing" not in args.skip and not args.searches_only:
            log("1. parsing: seeds and a 200-page PDF")
            results["parsing"] = bench_parsing(work_dir)
        log("2. corpus")
        results["corpus"] = bench_corpus(
            args.items,
            args.seed,
            args.database_url,
            0 if "load" in args.skip or args.searches_only else args.sample_meetings,
        )
        urls, meta = pick_urls()
        results["pages"] = {"urls": {k: v[:3] for k, v in urls.items()}, **meta}
        if args.searches_only:
            return searches_only(args, results, urls, work_dir)
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
        log("3b. the meeting page without the workers' item cache either: every item rendered")
        with gunicorn(
            args.database_url,
            args.workers,
            Path(work_dir) / "gunicorn-no-item-cache.log",
            args.worker_class,
            args.threads,
            item_cache=False,
        ):
            paths = urls["meeting page"]
            results["no_item_cache"] = {
                "single_client": single_client(GUNICORN_PORT, {"meeting page": paths}, args.requests, 30),
                "under_load": {
                    "meeting page": under_load(
                        GUNICORN_PORT, paths, args.connections, args.seconds, work_dir, "no-item-cache"
                    )
                },
            }
        if "cached" not in args.skip:
            log(f"3c. the same with the site's page cache in Redis ({args.cache_url})")
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
                    "counts": datasette_counts(d_urls),
                }
        if "recall" not in args.skip:
            log("7. recall of the own set of real queries, on each database")
            results["recall"] = measure_recall(args.database_url, work_dir)
    finally:
        if not args.searches_only:  # searches_only() keeps its own (scale-<items>.json)
            results["load_average_end"] = load_average()
            stamp = time.strftime("%Y%m%d-%H%M%S")
            out = json.dumps(results, indent=2, default=str)
            (RESULTS / f"run-{stamp}.json").write_text(out)
            (RESULTS / "latest.json").write_text(out)
            if results.get("single_client") and results.get("corpus", {}).get("items"):
                # Its searches are the by-size table's column for its size, until a later run's.
                (RESULTS / f"scale-{results['corpus']['items']}.json").write_text(out)
        shutil.rmtree(work_dir, ignore_errors=True)
    rows = report_rows(results)
    print()
    print(table(rows))
    write_performance_md(results, rows)
    write_scale_md(results)
    log(f"JSON: bench/results/run-{stamp}.json; table written to docs/PERFORMANCE.md")


def searches_only(args, results, urls, work_dir):
    """The searches and the person/party pages with one client: bench/results/scale-<items>.json."""
    measured = {k: v for k, v in urls.items() if k.startswith(("search", "person page", "party page"))}
    with gunicorn(
        args.database_url, args.workers, Path(work_dir) / "gunicorn.log", args.worker_class, args.threads
    ):
        results["single_client"] = single_client(GUNICORN_PORT, measured, args.requests, timeout=30)
    results["load_average_end"] = load_average()
    out = json.dumps(results, indent=2, default=str)
    (RESULTS / f"scale-{results['corpus']['items']}.json").write_text(out)
    shutil.rmtree(work_dir, ignore_errors=True)
    write_scale_md(results)
    log(f"JSON: bench/results/scale-{results['corpus']['items']}.json; table written to docs/PERFORMANCE.md")


if __name__ == "__main__":
    main()
