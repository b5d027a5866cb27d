"""An import killed with SIGKILL half-way leaves nothing behind; importing again gives everything."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from bench.import_child import CHILD
from bench.minutes import aabenraa_minutes

ROOT = Path(__file__).resolve().parents[2]
ITEMS = 400
TABLES = {
    "municipalities": "meetings_municipality",
    "committees": "meetings_committee",
    "meetings": "meetings_meeting",
    "items": "agenda_items_agendaitem",
    "cases": "agenda_items_case",
    "attachments": "attachments_attachment",
}


def child_env(database_url, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {**env, "DATABASE_URL": database_url, "DJANGO_MEDIA_ROOT": str(tmp_path / "media")}


@pytest.fixture
def database(transactional_db, tmp_path):
    """(URL, counts()) of a database a child process can write: PostgreSQL's test database, or an
    SQLite file (the SQLite test database lives in this process's memory)."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"

        def counts():
            with connection.cursor() as cursor:
                found = {}
                for name, table in TABLES.items():
                    cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 (fixed names)
                    found[name] = cursor.fetchone()[0]
                return found

        return url, counts
    path = tmp_path / "archive.sqlite3"
    url = f"sqlite:///{path}"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=ROOT,
        env=child_env(url, tmp_path),
        check=True,
        timeout=300,
    )

    def counts():
        with sqlite3.connect(path) as db:  # a new connection rolls back what the killed one left
            return {
                name: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for name, table in TABLES.items()
            }

    return url, counts


def test_an_import_killed_half_way_leaves_no_partial_meeting(database, tmp_path):
    url, counts = database
    minutes = tmp_path / "stor-referat.txt"
    minutes.write_text(aabenraa_minutes(ITEMS), encoding="utf-8")
    env = child_env(url, tmp_path)

    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(minutes), str(ITEMS // 2)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        started = time.monotonic()
        line = child.stdout.readline()  # blocks until half the items are saved (or the child ends)
        assert line.strip() == "half-way", child.stderr.read()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL, "the import finished before it could be killed"
    print(f"killed after {time.monotonic() - started:.1f} s, half of {ITEMS} items saved")
    # The file's one transaction died with the process: not a meeting, item or case of it remains.
    assert counts() == dict.fromkeys(TABLES, 0)

    # Importing the file again gives the whole meeting.
    full = subprocess.run(
        [sys.executable, "manage.py", "import_minutes", str(minutes)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert full.returncode == 0, full.stderr
    assert f"{ITEMS} items — created" in full.stdout
    assert counts() == {
        "municipalities": 1,
        "committees": 1,
        "meetings": 1,
        "items": ITEMS,
        "cases": ITEMS,
        "attachments": 2 * ITEMS,
    }
