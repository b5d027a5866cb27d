"""What the benchmark's steps share (bench/run.py): paths, ports, the proxy's headers, logging."""

import math
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
VENV_BIN = Path(sys.executable).parent
GUNICORN_PORT = 8765
DATASETTE_PORT = 8766
# What the reverse proxy in front of gunicorn sends: TLS ends there (settings: SECURE_PROXY_SSL_HEADER).
HEADERS = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return None
    k = (len(ordered) - 1) * p / 100
    low, high = math.floor(k), math.ceil(k)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def empty_database(name, database_url=None):
    """Django set up on an empty, migrated database: `database_url` flushed, else a fresh SQLite
    file var/bench-<name>.sqlite3 (for the scripts that run on their own: alerts.py, harvest.py)."""
    db_file = ROOT / "var" / f"bench-{name}.sqlite3"
    if not database_url:
        db_file.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{db_file}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if database_url:
        call_command("flush", interactive=False, verbosity=0)


def load_average():
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None
