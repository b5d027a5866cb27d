"""Benchmark step 5: the same data exported to SQLite with FTS5 and served by Datasette, the peer."""

import json
import os
import sqlite3
import time
import urllib.request
from urllib.parse import parse_qsl, urlencode

from bench.common import DATASETTE_PORT, VENV_BIN, log
from bench.latency import server
from search.results import PAGE_SIZE

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
    # Fair to both sides: Datasette's facet suggestions off (it computes them over the whole match
    # set by default) and a page of PAGE_SIZE rows, as ours.
    fair = {"_nosuggest": "1", "_size": str(PAGE_SIZE)}

    def search(q):
        return ["/minutes/agenda_items?" + urlencode({"_search": q, **fair})]

    return {
        "meeting list, filtered (committee + dates)": [
            "/minutes/meetings?" + urlencode({**table_filter, **fair})
        ],
        f"search, common word ({words['common']})": search(words["common"]),
        f"search, rare word ({words['rare']})": search(words["rare"]),
        f"search, phrase ({words['phrase']})": search(words["phrase"]),
        f"search, rare phrase of common words ({words['rare_phrase']})": search(words["rare_phrase"]),
    }


def datasette_counts(urls):
    """How many rows Datasette finds for each of `urls` (its JSON's filtered_table_rows_count)."""
    counts = {}
    for name, paths in urls.items():
        path, _, query = paths[0].partition("?")
        params = {**dict(parse_qsl(query)), "_size": "1"}
        url = f"http://127.0.0.1:{DATASETTE_PORT}{path}.json?{urlencode(params)}"
        try:
            with urllib.request.urlopen(url, timeout=120) as response:
                counts[name] = json.load(response).get("filtered_table_rows_count")
        except (OSError, ValueError) as exc:
            log(f"  Datasette count for {name}: {exc}")
            counts[name] = None
    return counts


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
