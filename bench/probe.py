"""Probe a running site for leaks of closed items and for 5xx answers to abusive input.

Starts nothing: point it at a site you started (`manage.py runserver 127.0.0.1:8765`, gunicorn):

    .venv/bin/python bench/probe.py --base-url http://127.0.0.1:8765
    .venv/bin/python bench/probe.py --closed-text closed.txt   # without database access

1. Leaks. Every public address from /sitemap.xml (index and sections), the API's lists (every
   page, bounded) and each item's and meeting's API detail is fetched, and every Bilag link
   (/files/...) found in them, and each answer is searched for the text of closed items. The
   closed texts come from the database (Django ORM, the project's settings and DATABASE_URL) or
   from --closed-text (one text per line). Closed items' own stored files are fetched too; any
   200 is a leak.
2. Abuse. Every list, search, feed and API endpoint is asked with NUL and control characters,
   huge parameters, bad dates and numbers; any 5xx is counted.

Only 127.0.0.1 / localhost / ::1 is accepted, and the run is bounded by --max-requests and
--max-seconds. Prints a JSON report; exit status 1 if anything leaked or answered 5xx.
"""

import argparse
import json
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# Shorter closed texts would match ordinary words on public pages ("Godkendt.").
MIN_TEXT = 25

LIST_ENDPOINTS = [
    "/meetings/",
    "/search/",
    "/en/search/",
    "/search/feed/",
    "/search/export.csv",
    "/meetings/feed/",
    "/meetings/export.csv",
    "/meetings/calendar.ics",
    "/cases/",
    "/api/meetings/",
    "/api/items/",
    "/api/cases/",
    "/api/committees/",
    "/api/municipalities/",
    "/api/search/",
]
ABUSIVE_PARAMS = {
    "q": ["\x00", "a\x00b", "\x01\x02\x1f", "%", "'\"<script>", "x" * 20000, '"' * 500, "(" * 300, "&&||!!"],
    "page": ["-1", "0", "999999999999999999999", "abc", "\x00"],
    "date_after": ["not-a-date", "2026-13-45", "0000-00-00", "\x00", "9" * 50],
    "date_before": ["2026-02-30", "-1"],
    "after": ["_", "2026-01-01_abc", "x_1", "\x00_1", "2026-01-01_" + "9" * 40],
    "before": ["garbage", "_-5"],
    "committee": ["abc", "-1", "9" * 40, "\x00"],
    "municipality": ["\x00", "x" * 5000],
    "year": ["abc", "99999", "\x00"],
    "limit": ["-1", "abc", "100000000"],
    "offset": ["-5", "abc", "9" * 30],
    "cursor": ["\x00", "%%%"],
    "sort": ["\x00", "nonsense"],
}


class Probe:
    def __init__(self, base_url, max_requests, max_seconds):
        parsed = urllib.parse.urlsplit(base_url)
        if parsed.hostname not in LOCAL_HOSTS and f"[{parsed.hostname}]" not in LOCAL_HOSTS:
            raise SystemExit(f"refusing to probe {parsed.hostname}: only 127.0.0.1 / localhost")
        self.base = base_url.rstrip("/")
        self.host = parsed.netloc
        self.max_requests = max_requests
        self.deadline = time.monotonic() + max_seconds
        self.requests = 0
        self.status_counts = {}
        self.errors = []  # (url, status)
        self.leaks = []  # (url, text)
        self.seen = set()
        self.stopped = None

    def budget_left(self):
        if self.requests >= self.max_requests:
            self.stopped = f"request limit {self.max_requests}"
        elif time.monotonic() > self.deadline:
            self.stopped = "time limit"
        return self.stopped is None

    def get(self, path_or_url):
        """(status, body bytes) of a GET; status 0 if the connection failed."""
        url = path_or_url if "://" in path_or_url else self.base + path_or_url
        if urllib.parse.urlsplit(url).netloc != self.host:
            return None, b""  # a link off the site (a publisher's Bilag): not ours to probe
        self.requests += 1
        request = urllib.request.Request(url, headers={"User-Agent": "minutes-probe/1"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read()
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            status, body = 0, str(exc).encode()
        self.status_counts[status] = self.status_counts.get(status, 0) + 1
        if status == 0 or status >= 500:
            self.errors.append((url[:300], status))
        return status, body

    def check_leaks(self, url, body, closed_texts):
        text = body.decode("utf-8", "replace")
        for closed in closed_texts:
            if closed in text:
                self.leaks.append((url[:300], closed[:80]))

    # 1. Leaks --------------------------------------------------------------------------------

    def public_urls(self):
        """Addresses from the sitemap (index and sections) and the API's lists and details."""
        urls = []
        status, body = self.get("/sitemap.xml")
        sections = [loc.text for loc in _locs(body)] if status == 200 else []
        for section in sections:
            if not self.budget_left():
                break
            status, body = self.get(section)
            if status == 200:
                urls += [loc.text for loc in _locs(body)]
        for endpoint in ("/api/meetings/", "/api/items/", "/api/cases/", "/api/committees/"):
            urls += self.api_list(endpoint, pages=20)
        return urls

    def api_list(self, endpoint, pages):
        """The list pages and the detail address of every row on them."""
        found, url = [], endpoint
        for _ in range(pages):
            if not url or not self.budget_left():
                break
            found.append(url)
            status, body = self.get(url)
            if status != 200:
                break
            data = json.loads(body)
            rows = data.get("results", data) if isinstance(data, dict) else data
            found += [row["url"] for row in rows if isinstance(row, dict) and row.get("url")]
            url = data.get("next") if isinstance(data, dict) else None
        return found

    def sweep_leaks(self, closed_texts, closed_files):
        queue = self.public_urls()
        while queue and self.budget_left():
            url = queue.pop(0)
            if url in self.seen:
                continue
            self.seen.add(url)
            status, body = self.get(url)
            if status != 200:
                continue
            self.check_leaks(url, body, closed_texts)
            # Follow the Bilag links a page or API answer gives, once each.
            queue += [link for link in _file_links(body) if link not in self.seen]
        for name in closed_files:
            if not self.budget_left():
                break
            status, _ = self.get("/files/" + urllib.parse.quote(name))
            if status == 200:
                self.leaks.append(("/files/" + name, "a closed item's Bilag was served"))

    # 2. Abuse --------------------------------------------------------------------------------

    def sweep_abuse(self, extra_paths=()):
        for endpoint in [*LIST_ENDPOINTS, *extra_paths]:
            for name, values in ABUSIVE_PARAMS.items():
                for value in values:
                    if not self.budget_left():
                        return
                    self.get(f"{endpoint}?{urllib.parse.urlencode({name: value})}")
        # Bad path segments.
        for path in [
            "/meetings/99999999999999999999/",
            "/meetings/0/punkt/%00/",
            "/files/%00",
            "/files/../x",
        ]:
            if self.budget_left():
                self.get(path)


def _locs(body):
    try:
        return ElementTree.fromstring(body).iter(f"{SITEMAP_NS}loc")
    except ElementTree.ParseError:
        return iter(())


def _file_links(body):
    text = body.decode("utf-8", "replace")
    return sorted(set(re.findall(r"(?:https?://[^\"'\s<>/]+)?/files/[^\"'\s<>]+", text)))


def closed_from_database():
    """(closed texts, stored names of closed items' Bilag) through the Django ORM."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
    import django

    django.setup()
    from django.db.models import Q

    from agenda_items.models import AgendaItem
    from attachments.models import Attachment

    texts = set()
    fields = ["title", "presentation", "recommendation", "decision"]
    for row in AgendaItem.objects.filter(closed=True).values_list(*fields).iterator():
        texts.update(_phrases(value) for value in row if value)
    for title in Attachment.objects.filter(agenda_item__closed=True).values_list("title", flat=True):
        texts.add(_phrases(title))
    files = list(
        Attachment.objects.filter(agenda_item__closed=True).exclude(file="").values_list("file", flat=True)
    )
    # A text that an open item or Bilag also has ("Orientering fra administrationen") is no secret.
    public = AgendaItem.objects.filter(closed=False)
    secret = set()
    for text in (text for text in texts if len(text) >= MIN_TEXT):
        anywhere = Q()
        for field in fields:
            anywhere |= Q(**{f"{field}__icontains": text})
        if (
            not public.filter(anywhere).exists()
            and not Attachment.objects.filter(agenda_item__closed=False, title__icontains=text).exists()
        ):
            secret.add(text)
    return secret, files


def _phrases(value):
    """The first line of a text, as a page would show it (escaping aside): enough to recognise it."""
    line = value.strip().splitlines()[0].strip()
    return line[:120]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--closed-text", type=Path, help="closed texts, one per line (else: the database)")
    parser.add_argument("--max-requests", type=int, default=5000)
    parser.add_argument("--max-seconds", type=float, default=600)
    args = parser.parse_args(argv)

    if args.closed_text:
        lines = args.closed_text.read_text(encoding="utf-8").splitlines()
        closed_texts, closed_files = {line.strip() for line in lines if len(line.strip()) >= MIN_TEXT}, []
    else:
        closed_texts, closed_files = closed_from_database()

    probe = Probe(args.base_url, args.max_requests, args.max_seconds)
    started = time.monotonic()
    probe.sweep_leaks(closed_texts, closed_files)
    leak_requests = probe.requests
    probe.sweep_abuse()
    report = {
        "base_url": probe.base,
        "closed_texts_checked": len(closed_texts),
        "closed_files_checked": len(closed_files),
        "pages_swept_for_leaks": len(probe.seen),
        "requests_leak_sweep": leak_requests,
        "requests_abuse_sweep": probe.requests - leak_requests,
        "seconds": round(time.monotonic() - started, 1),
        "status_counts": {str(k): v for k, v in sorted(probe.status_counts.items())},
        "server_errors": len(probe.errors),
        "leaks": len(probe.leaks),
        "leak_examples": probe.leaks[:10],
        "error_examples": probe.errors[:10],
        "stopped_by": probe.stopped,
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 1 if probe.errors or probe.leaks else 0


if __name__ == "__main__":
    sys.exit(main())
