"""Harvest a FirstAgenda Publication site (dagsordener.<kommune>.dk) into the archive.

A site answers `GET <site>/api/agenda/udvalgsliste` with its committees and their meetings:

    {"Udvalg": {"Aktuelle politiske udvalg": [{"Navn": "Økonomiudvalget", "Id": "<guid>",
                                              "Moeder": [{"Id": "<meeting guid>", "Dato": "2022-01-10"}]}],
                "Historiske udvalg": [...]}}

and `GET <site>/api/agenda/dagsorden/<meeting id>` with one whole meeting, the JSON that
imports/formats/firstagenda_json.py parses. Each meeting goes through the same door as every
other import (detect.parse_text, then load.load_meetings: one transaction per meeting), so an
agenda that later becomes minutes updates the same meeting (Meeting.external_id is the
publisher's meeting Id).

Incremental: per site we keep each meeting's ETag / Last-Modified and the SHA-256 of the JSON we
imported (HarvestedMeeting) and each Bilag fetched (HarvestedBilag). A meeting the server says is
not modified (304), or whose JSON hashes as before, is neither loaded nor are its Bilag fetched;
a Bilag is fetched once. A meeting that fails (bad JSON, a 500, a timeout, a Bilag that could not
be downloaded) is recorded with its error and tried again by the next run; it never stops the run.

Bilag: only their text is kept (Attachment.text and .pages, searchable like an uploaded Bilag's),
beside the publisher's link already in Attachment.url. The PDF itself is not stored: the publisher
keeps the file and serves it at that link, our copy would be a second source of truth that could
silently go stale when the publisher replaces it, and closed items' Bilag (which the parser never
lists) are never fetched at all, so nothing confidential lands on our disk. A PDF whose text
cannot be read is kept as a Bilag without text and recorded (HarvestedBilag.error).

Many sites: `harvest --all` puts one job per enabled site on an RQ queue ("harvest"). RQ rather
than Celery: it is small, one dependency, and runs on the Redis the project already uses for its
cache; `rq worker harvest` on any number of machines shares the work. A site is never harvested
twice at once: SiteLock is a lease on the HarvestSite row taken with one conditional UPDATE, which
works on PostgreSQL and SQLite and without Redis (select_for_update would need one transaction
held open across the whole run's network traffic, and SQLite ignores it). A crashed worker's
lease runs out by itself (LEASE).
"""

import datetime
import hashlib
import json
import logging
import os
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Q
from django.utils import timezone

from attachments.models import PAGE_BREAK, Attachment
from search import index as search_index

from .detect import MAX_GZIP_BYTES, decode, parse_text
from .formats.firstagenda_json import clean_committee
from .harvest_http import FetchError, SiteClient, normalize_site
from .load import load_meetings
from .models import HarvestedBilag, HarvestedMeeting, HarvestRun, HarvestSite
from .pdf import PdfError, extract_pages, is_pdf
from .types import MinutesError

logger = logging.getLogger(__name__)

LIST_PATH = "/api/agenda/udvalgsliste"
MEETING_PATH = "/api/agenda/dagsorden/{id}"
MAX_JSON_BYTES = MAX_GZIP_BYTES
LEASE = datetime.timedelta(minutes=10)
RENEW_EVERY_SECONDS = 60
QUEUE_NAME = "harvest"


# --- The committee list ----------------------------------------------------------------------------


@dataclass
class ListedMeeting:
    """A meeting as the committee list gives it."""

    external_id: str
    committee: str
    date: datetime.date | None


def listed_meetings(data, *, committees=(), since=None):
    """The meetings of an udvalgsliste answer, each once, oldest first.

    `committees`: only these (compared without case and without an election period, so
    "Byrådet" matches "Byrådet 2022-2025"); `since`: only meetings on or after that date (a
    meeting without a readable date is kept). MinutesError when the answer is not a committee list.
    """
    groups = data.get("Udvalg") if isinstance(data, dict) else None
    if not isinstance(groups, dict):
        raise MinutesError('the committee list is not {"Udvalg": {<group>: [committees]}}')
    wanted = {clean_committee(name).casefold() for name in committees}
    found = {}
    for entries in groups.values():
        for entry in entries if isinstance(entries, list) else []:
            name = str(entry.get("Navn") or "").strip() if isinstance(entry, dict) else ""
            if not name or (wanted and clean_committee(name).casefold() not in wanted):
                continue
            for moede in entry.get("Moeder") or []:
                meeting_id = str(moede.get("Id") or "").strip() if isinstance(moede, dict) else ""
                if not meeting_id or meeting_id in found:
                    continue
                day = _date(moede.get("Dato"))
                if since and day and day < since:
                    continue
                found[meeting_id] = ListedMeeting(meeting_id, name, day)
    return sorted(found.values(), key=lambda m: (m.date or datetime.date.min, m.external_id))


def _date(value):
    try:
        return datetime.datetime.fromisoformat(str(value)).date() if value else None
    except ValueError:
        return None


# --- The lock on a site ----------------------------------------------------------------------------


class SiteLock:
    """A lease on a HarvestSite: whoever holds it harvests the site, nobody else does."""

    def __init__(self, site, lease=LEASE):
        self.site, self.lease = site, lease
        self.token = uuid.uuid4().hex
        self._renewed = 0.0

    def acquire(self):
        """Take the lease if nobody holds it or it ran out; True if taken."""
        now = timezone.now()
        free = Q(locked_until__isnull=True) | Q(locked_until__lt=now)
        taken = HarvestSite.objects.filter(free, pk=self.site.pk).update(
            locked_by=self.token, locked_until=now + self.lease
        )
        self._renewed = time.monotonic()
        return taken == 1

    def renew(self, force=False):
        """Extend the lease (at most once a minute unless `force`)."""
        if force or time.monotonic() - self._renewed > RENEW_EVERY_SECONDS:
            HarvestSite.objects.filter(pk=self.site.pk, locked_by=self.token).update(
                locked_until=timezone.now() + self.lease
            )
            self._renewed = time.monotonic()

    def release(self):
        HarvestSite.objects.filter(pk=self.site.pk, locked_by=self.token).update(
            locked_by="", locked_until=None
        )


# --- One run -------------------------------------------------------------------------------------


@dataclass
class RunSummary:
    """What a run did; `line()` is the command's closing line."""

    site: str
    listed: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    bilag_fetched: int = 0
    bilag_unreadable: int = 0
    requests: int = 0
    pdf_seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    skipped: str = ""
    completed: bool = False  # the committee list was read and every meeting in it tried

    @property
    def ok(self):
        return not self.failed and not self.skipped

    def line(self):
        if self.skipped:
            return f"{self.site}: {self.skipped}"
        return (
            f"{self.site}: {self.listed} meetings listed: {self.new} new, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.failed} failed; {self.bilag_fetched} Bilag fetched "
            f"({self.bilag_unreadable} without text); {self.requests} requests"
        )


def get_site(url, municipality=None):
    """The HarvestSite of `url`, created when new (then `municipality` is required); a given
    `municipality` replaces the stored one. MinutesError for a bad address or a missing name."""
    url = normalize_site(url)
    site = HarvestSite.objects.filter(url=url).first()
    name = " ".join((municipality or "").split())
    if site is None:
        if not name:
            raise MinutesError(f"{url} is not harvested yet: name its municipality with --municipality NAME")
        return HarvestSite.objects.create(url=url, municipality=name)
    if name and name != site.municipality:
        HarvestSite.objects.filter(pk=site.pk).update(municipality=name)
        site.municipality = name
    return site


def harvest_site(site, *, since=None, committees=(), report=None, progress=False, delay=None):
    """Bring the archive up to date with one site; returns a RunSummary (never raises for what a
    site answers). `report` gets one line per meeting; `progress` shows a bar (a terminal)."""
    # One line per meeting and a summary: to the command's output, else (a queued job) to the log.
    report = report or (lambda line: logger.info("harvest %s: %s", site.url, line))
    summary = RunSummary(site=site.url)
    lock = SiteLock(site)
    if not lock.acquire():
        summary.skipped = "being harvested elsewhere right now (the site is locked); skipped"
        report(summary.line())
        return summary
    run = HarvestRun.objects.create(site=site)
    client = SiteClient(
        site.url,
        user_agent=settings.MINUTES_HARVEST_USER_AGENT,
        delay=site.delay_seconds if delay is None else delay,
        timeout=settings.MINUTES_HARVEST_TIMEOUT,
        retries=settings.MINUTES_HARVEST_RETRIES,
        backoff=settings.MINUTES_HARVEST_BACKOFF,
        on_request=lock.renew,
    )
    try:
        _harvest(site, client, summary, since, committees, report, progress)
    except (MinutesError, DatabaseError) as exc:
        # The site as a whole: robots.txt, the committee list, or the database.
        summary.failed += 1
        summary.errors.append(f"{site.url}: {exc}")
        report(f"{site.url}: {exc}")
    finally:
        client.close()
        summary.requests = client.requests
        _finish(site, run, summary)
        lock.release()
    report(summary.line())
    return summary


def _finish(site, run, summary):
    now = timezone.now()
    HarvestRun.objects.filter(pk=run.pk).update(
        finished=now,
        status=HarvestRun.Status.OK if summary.ok else HarvestRun.Status.FAILED,
        new=summary.new,
        updated=summary.updated,
        unchanged=summary.unchanged,
        failed=summary.failed,
        bilag_fetched=summary.bilag_fetched,
        bilag_unreadable=summary.bilag_unreadable,
        requests=summary.requests,
        errors=summary.errors[:200],
    )
    # Brought up to date (the municipality's page says when): every listed meeting was tried; one
    # that failed is in the run's errors and tried again next time, but does not hold back the date.
    values = {"last_run": now, **({"last_success": now} if summary.completed else {})}
    HarvestSite.objects.filter(pk=site.pk).update(**values)


def _harvest(site, client, summary, since, committees, report, progress):
    client.read_robots()
    answer = client.get(LIST_PATH, max_bytes=MAX_JSON_BYTES)
    try:
        data = json.loads(answer.body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise MinutesError(f"the committee list is not valid JSON ({exc.__class__.__name__})") from None
    meetings = listed_meetings(data, committees=committees, since=since)
    summary.listed = len(meetings)
    known = {r.external_id: r for r in HarvestedMeeting.objects.filter(site=site)}
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(meetings), unit="meeting", desc=site.url.split("://", 1)[-1])
        report = bar.write
    try:
        for listed in meetings:
            record = known.get(listed.external_id) or HarvestedMeeting(
                site=site, external_id=listed.external_id
            )
            record.committee, record.date = listed.committee[:300], listed.date
            outcome, detail = harvest_meeting(site, client, record, summary)
            setattr(summary, outcome, getattr(summary, outcome) + 1)
            when = listed.date.isoformat() if listed.date else "no date"
            line = f"{listed.committee} {when} ({listed.external_id}): {outcome}{detail}"
            if outcome != "unchanged" or not progress:
                report(line)
            if bar is not None:
                bar.update()
        summary.completed = True
    finally:
        if bar is not None:
            bar.close()


def harvest_meeting(site, client, record, summary):
    """Fetch, and if changed load, one meeting and its Bilag; ("new" | "updated" | "unchanged" |
    "failed", detail). Saves `record` either way; a failure is recorded on it for the next run."""
    had_error = bool(record.error)
    path = MEETING_PATH.format(id=quote(record.external_id, safe="-"))
    try:
        # Validators only for a meeting imported before: an answer of 304 then means "as stored".
        imported = bool(record.sha256 and record.meeting_id)
        answer = client.get(
            path,
            etag=record.etag if imported else "",
            last_modified=record.last_modified if imported else "",
            max_bytes=MAX_JSON_BYTES,
        )
        sha256 = record.sha256 if answer.not_modified else hashlib.sha256(answer.body).hexdigest()
        if imported and sha256 == record.sha256:
            outcome = "unchanged"
            if not answer.not_modified:
                record.etag, record.last_modified = answer.etag, answer.last_modified
            if had_error and _fetch_bilag(site, client, record.meeting, summary):
                outcome = "updated"  # the JSON was loaded before, some Bilag were missing till now
        else:
            text = decode(answer.body)
            _check_json(text)
            parsed = parse_text(text, municipality=site.municipality, base_url=site.url)
            source_name = f"{site.url.split('://', 1)[-1]} {record.external_id}.json"[:300]
            result = load_meetings(parsed, source_name=source_name, source_bytes=answer.body)[0]
            # The validators are kept only with what was loaded: a changed meeting that failed to
            # load must not be answered 304 next time.
            record.etag, record.last_modified = answer.etag, answer.last_modified
            record.sha256, record.meeting, record.imported_at = sha256, result.meeting, timezone.now()
            outcome = "new" if result.created else "updated"
            record.save()  # loaded: a Bilag failing below must not make the next run load it again
            _fetch_bilag(site, client, result.meeting, summary)
    except (MinutesError, DatabaseError) as exc:
        message = str(exc) if isinstance(exc, MinutesError) else f"the database refused it ({exc})"
        record.error, record.failed_at, record.attempts = message, timezone.now(), record.attempts + 1
        record.save()
        summary.errors.append(f"{record.external_id}: {message}")
        return "failed", f": {message}"
    record.error, record.failed_at, record.attempts = "", None, 0
    record.save()
    return outcome, ""


def _check_json(text):
    """A meeting's answer must be JSON (a truncated or HTML answer gets this message rather than
    "not in a known format"); parse_text then says whether it is a meeting."""
    try:
        json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise MinutesError(
            f"the meeting's answer is not valid JSON ({exc.msg}, line {exc.lineno} column {exc.colno})"
        ) from None
    except RecursionError:
        raise MinutesError("the meeting's answer is not valid JSON (nested too deeply)") from None


class BilagFailed(MinutesError):
    """Some Bilag of a meeting could not be downloaded; the meeting is retried next run."""


def _fetch_bilag(site, client, meeting, summary):
    """Fetch the text of the meeting's open items' Bilag that have none yet; raise BilagFailed
    (after trying all) if any could not be downloaded, else return how many were fetched. An
    unreadable PDF is no failure: it is recorded and the Bilag kept without text."""
    attachments = list(
        Attachment.objects.filter(agenda_item__meeting=meeting, agenda_item__closed=False, file="", text="")
        .exclude(url="")
        .exclude(external_id="")
    )
    records = {
        b.bilag_id: b
        for b in HarvestedBilag.objects.filter(site=site, bilag_id__in=[a.external_id for a in attachments])
    }
    failures, fetched = [], 0
    with search_index.batch():
        for att in attachments:
            if not client.allowed(att.url):
                continue  # robots.txt keeps us out: the Bilag stays a link, and that is no failure
            record = records.get(att.external_id)
            if record is not None and record.sha256:
                # Fetched before: its text is on another row (the item was renumbered), or the PDF
                # had none (recorded as unreadable); either way not downloaded again.
                earlier = Attachment.objects.filter(url=att.url).exclude(text="").first()
                if earlier is not None:
                    att.text, att.pages = earlier.text, earlier.pages
                    att.save(update_fields=["text", "pages"])
                if earlier is not None or record.error:
                    continue
            record = record or HarvestedBilag(site=site, bilag_id=att.external_id)
            problem = _fetch_one(client, att, record, summary)
            fetched += not problem
            if problem:
                failures.append(f"Bilag {att.external_id} ({att.title[:60]}): {problem}")
    if failures:
        raise BilagFailed(
            "; ".join(failures[:5]) + (f" (and {len(failures) - 5} more)" if len(failures) > 5 else "")
        )
    return fetched


def _fetch_one(client, att, record, summary):
    """Download one Bilag and store its text; the download's problem, or "" (also for an
    unreadable PDF, which is recorded on `record`)."""
    try:
        answer = client.get(att.url, max_bytes=settings.MINUTES_MAX_UPLOAD_BYTES)
    except FetchError as exc:
        record.sha256, record.error, record.fetched_at = "", str(exc), timezone.now()
        record.save()
        return str(exc)
    summary.bilag_fetched += 1
    record.sha256 = hashlib.sha256(answer.body).hexdigest()
    record.etag, record.fetched_at, record.pages = answer.etag, timezone.now(), 0
    started = time.monotonic()
    try:
        pages = pdf_pages(answer.body, answer.content_type)
    except MinutesError as exc:
        record.error = str(exc)
        summary.bilag_unreadable += 1
        logger.warning("harvest: Bilag %s kept without text: %s", att.url, exc)
    else:
        record.error, record.pages = "", len(pages)
        att.pages, att.text = pages, PAGE_BREAK.join(pages)
        att.save(update_fields=["text", "pages"])
    finally:
        summary.pdf_seconds += time.monotonic() - started
    record.save()
    return ""


def pdf_pages(data, content_type=""):
    """The page texts of a downloaded Bilag, read like an uploaded one (imports/pdf.py, the upload
    limits) from a temporary file that is deleted at once; MinutesError if it has none."""
    if not is_pdf(data[:1024]):
        kind = content_type.split(";")[0].strip() or "unknown"
        raise PdfError(f"the site's answer is not a PDF (Content-Type: {kind})")
    with tempfile.NamedTemporaryFile(prefix="minutes-bilag-", suffix=".pdf") as tmp:
        tmp.write(data)
        tmp.flush()
        return extract_pages(
            tmp.name, max_pages=settings.MINUTES_MAX_PDF_PAGES, timeout=settings.MINUTES_PDF_TIMEOUT
        )


# --- Many sites: the queue ---------------------------------------------------------------------------


def redis_connection(url=None):
    from redis import Redis

    return Redis.from_url(url or settings.MINUTES_HARVEST_REDIS_URL)


def enqueue_all(connection=None):
    """Put one job per enabled site on the "harvest" queue; the jobs, in site order.

    Raises MinutesError when Redis cannot be reached (`harvest --all --foreground` needs none).
    """
    from redis.exceptions import RedisError
    from rq import Queue

    queue = Queue(QUEUE_NAME, connection=connection or redis_connection())
    jobs = []
    try:
        for site in HarvestSite.objects.enabled():
            jobs.append(
                queue.enqueue(
                    "imports.harvest_job.harvest_site_job",
                    site.pk,
                    job_timeout=int(os.environ.get("MINUTES_HARVEST_JOB_TIMEOUT", "21600")),
                    description=f"harvest {site.url}",
                )
            )
    except RedisError as exc:
        raise MinutesError(
            f"cannot queue the harvest on Redis ({exc}); use --foreground to run it here"
        ) from None
    return jobs
