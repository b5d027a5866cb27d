"""Benchmark the harvester (imports/harvest.py): 150 real Greve meetings (fixtures/greve/) and their
Bilag served from a local stand-in for dagsordener.greve.dk on 127.0.0.1, harvested with no pause
between requests into an empty database; then the same again, when nothing changed.

    .venv/bin/python bench/harvest.py                      # a fresh SQLite file under var/
    .venv/bin/python bench/harvest.py --database-url postgres://postgres@127.0.0.1:5432/minutes_harvest_bench

Reports meetings per second and the share of the time spent extracting Bilag text (imports/pdf.py's
child process). The Bilag are generated PDFs (bench/pdfmaker.py, 1-6 pages of real item text from
the same meetings), smaller than many real Bilag, so real extraction takes a larger share.
"""

import argparse
import gzip
import hashlib
import json
import os
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import empty_database, load_average  # noqa: E402 (after the path is set)

PDF_POOL = 40


def fixtures(count):
    files = sorted((ROOT / "fixtures" / "greve").glob("*.json.gz"))[:count]
    return [json.loads(gzip.decompress(f.read_bytes())) for f in files]


def pdf_pool(meetings, folder):
    """PDF_POOL generated PDFs of 1-6 pages, each page a real item's text."""
    from bench.pdfmaker import make_pdf
    from imports.html import blocks_text, fragment_blocks

    texts = []
    for meeting in meetings:
        for item in meeting["Dagsordenpunkter"]:
            html = "".join(f.get("Html") or "" for f in item.get("Felter") or [])
            text = blocks_text(fragment_blocks(html)).strip() if html else ""
            if len(text) > 300:
                texts.append(text[:2500])
    pool = []
    for n in range(PDF_POOL):
        pages = [" " + texts[(n * 7 + p) % len(texts)] for p in range(1 + n % 6)]
        path = make_pdf("\n".join(pages), Path(folder) / f"bilag{n}.pdf")
        pool.append(path.read_bytes())
    return pool


def serve(meetings, pool):
    """A ThreadingHTTPServer on 127.0.0.1 answering like a FirstAgenda site; (server, hit counter)."""
    by_id = {m["Id"]: json.dumps(m).encode() for m in meetings}
    committees = {}
    for m in meetings:
        committees.setdefault(m["Udvalg"]["Navn"], []).append({"Id": m["Id"], "Dato": m["Moede"]["Dato"]})
    listing = json.dumps(
        {"Udvalg": {"Alle": [{"Navn": n, "Id": n, "Moeder": ms} for n, ms in committees.items()]}}
    ).encode()
    hits = {"json": 0, "pdf": 0, "other": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            path = self.path
            if path == "/robots.txt":
                return self.send(b"User-agent: *\nAllow: /\n", "text/plain")
            if path == "/api/agenda/udvalgsliste":
                return self.send(listing, "application/json")
            if path.startswith("/api/agenda/dagsorden/"):
                hits["json"] += 1
                return self.send(by_id.get(path.rsplit("/", 1)[-1]), "application/json")
            if path.startswith("/Vis/Pdf/bilag/"):
                hits["pdf"] += 1
                key = int(hashlib.sha256(path.encode()).hexdigest(), 16) % len(pool)
                return self.send(pool[key], "application/pdf")
            hits["other"] += 1
            return self.send(None, "")

        def send(self, body, content_type):
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, hits


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=150)
    parser.add_argument("--database-url", help="default: a fresh SQLite file under var/")
    args = parser.parse_args()

    empty_database("harvest", args.database_url)
    from django.db import connection

    from attachments.models import Attachment
    from imports.harvest import get_site, harvest_site
    from meetings.models import Meeting

    meetings = fixtures(args.meetings)
    with tempfile.TemporaryDirectory() as folder:
        pool = pdf_pool(fixtures(50), folder)  # the same Bilag texts whatever --meetings
    server, hits = serve(meetings, pool)
    site = get_site(f"http://127.0.0.1:{server.server_port}", "Greve")

    started = time.perf_counter()
    first = harvest_site(site, delay=0)
    first_seconds = time.perf_counter() - started
    first_hits = dict(hits)
    hits.update(json=0, pdf=0, other=0)
    started = time.perf_counter()
    second = harvest_site(site, delay=0)
    second_seconds = time.perf_counter() - started
    server.shutdown()

    result = {
        "meetings": first.listed,
        "first_run": {
            "seconds": round(first_seconds, 1),
            "meetings_per_second": round(first.listed / first_seconds, 2),
            "new": first.new,
            "failed": first.failed,
            "bilag_fetched": first.bilag_fetched,
            "bilag_unreadable": first.bilag_unreadable,
            "pdf_seconds": round(first.pdf_seconds, 1),
            "pdf_share": round(first.pdf_seconds / first_seconds, 3),
            "requests": first.requests,
            "server_hits": first_hits,
        },
        "second_run": {
            "seconds": round(second_seconds, 2),
            "unchanged": second.unchanged,
            "bilag_fetched": second.bilag_fetched,
            "requests": second.requests,
            "server_hits": dict(hits),
        },
        "archive": {
            "meetings": Meeting.objects.count(),
            "bilag": Attachment.objects.count(),
            "bilag_with_text": Attachment.objects.exclude(text="").count(),
        },
        "database": connection.vendor,
        "cpus": os.cpu_count(),
        "load_average": load_average(),
    }
    print(json.dumps(result, indent=2))
    out = ROOT / "bench" / "results" / "harvest.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
