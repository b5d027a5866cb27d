"""Benchmark step 2: the benchmark database and the corpus in it, and a load sample per run.

The corpus is bench/corpus_generator.py's `generate()`, reused when the database already holds
the meetings for --items; the load sample is generated into a scratch database `<db>_load`.
"""

import datetime
import json
import math
import os
import subprocess
import sys
from urllib.parse import urlsplit

from bench.common import RESULTS, ROOT, load_average, log

ITEMS_PER_MEETING = 15  # the generator's mean (5–25 items a meeting)


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


def bench_corpus(items, seed, database_url, sample_meetings):
    from django.db import connection

    from agenda_items.models import AgendaItem
    from bench.corpus_generator import generate
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
        "import django, json; django.setup(); from bench.corpus_generator import generate; "
        f"s = generate({meetings}, seed={seed + 1}); "
        "print(json.dumps({'items': s.items, 'load_seconds': s.load_seconds, "
        "'items_per_second': s.items_per_second, 'index_seconds': s.index_seconds}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=1800
    )
    if out.returncode:
        raise SystemExit(f"The load sample failed:\n{out.stderr[-3000:]}")
    sample = json.loads(out.stdout.strip().splitlines()[-1])
    sample["meetings"] = meetings
    ensure_database_dropped(scratch)
    return sample


def ensure_database_dropped(database_url):
    import psycopg

    parts = urlsplit(database_url)
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')
