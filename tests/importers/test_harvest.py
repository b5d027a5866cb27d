"""Harvesting a FirstAgenda Publication site (imports/harvest.py, manage.py harvest) from a local
stand-in for dagsordener.greve.dk on 127.0.0.1 that serves real Greve meeting JSON
(fixtures/greve/), a committee list built from them and small generated PDFs as Bilag.

Nothing here touches the internet; timeouts are half a second and retries one, so every test is
bounded in time.
"""

import copy
import datetime
import gzip
import hashlib
import json
import re
import time
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from pytest_httpserver import HTTPServer
from werkzeug import Response

from agenda_items.models import AgendaItem
from attachments.models import Attachment
from bench.pdfmaker import make_pdf
from imports.detect import parse_text
from imports.harvest import SiteLock, enqueue_all, get_site, harvest_site, listed_meetings
from imports.load import load_meetings
from imports.models import HarvestedBilag, HarvestedMeeting, HarvestRun, HarvestSite
from meetings.models import Meeting
from search.backends import search

pytestmark = pytest.mark.django_db

GREVE = Path(__file__).resolve().parents[2] / "fixtures" / "greve"
# Small meetings (few Bilag): the publisher's meeting Id is the file name's last part's prefix.
FILES = {
    "oeu": "greve_2022-01-10_oekonomiudvalget_e049b9bf",  # 4 items, item 3 closed, 1 Bilag (item 2)
    "byr": "greve_2022-01-14_byraad-2022-2025_8b2f1d8b",
    "oeu2": "greve_2022-04-04_oekonomiudvalget_d4066f67",
    "kfu": "greve_2023-03-06_kultur-og-fritidsudvalget_2eb73dc3",  # 3 items, 2 Bilag on item 2
    "oeu3": "greve_2022-10-27_oekonomiudvalget_398aefc4",  # no Bilag
    "kfu2": "greve_2022-03-21_kultur-og-fritidsudvalget_1d3fb686",  # no Bilag, one closed item
}
OEU_ID = "e049b9bf-8473-4034-9a27-cd30a5583562"
KFU_ID = "2eb73dc3-feb7-4cf5-afe6-ce61ff93d53a"
# The Bilag of item 2 of Økonomiudvalget 10 January 2022: "Tilsynets afgørelse af 15. december 2021".
OEU_BILAG = "93c3aaae-cc73-48d9-aa78-64a0193af304"
# Kultur- og Fritidsudvalget 6 March 2023, item 2 (Greve Svømmehal): the later of its two Bilag.
KFU_LATE_BILAG = "0411332c-19fa-4d16-97a8-8603f5c6c841"
SECRET_BILAG = "5ec7e700-0000-4000-8000-000000000001"


def load_fixture(key):
    return json.loads(gzip.decompress((GREVE / f"{FILES[key]}.json.gz").read_bytes()))


def bilag_word(bilag_id):
    """A word found only in that Bilag's generated PDF: "bilagord93c3aaae"."""
    return "bilagord" + bilag_id.split("-")[0]


class Publisher:
    """The stand-in site: what it serves can be changed between runs; `hits` counts requests by path."""

    def __init__(self, server, pdf_dir):
        self.server, self.pdf_dir = server, pdf_dir
        self.meetings = {}  # meeting id -> JSON (a dict)
        self.committees = {}  # meeting id -> committee name as the list gives it
        self.fail, self.slow, self.broken = set(), {}, set()  # meeting ids: 500, seconds, bad JSON
        self.not_pdf = set()  # Bilag ids answered with an HTML page
        self.etags = True
        self.robots = "User-agent: *\nDisallow: /private/\n"
        self.hits = Counter()
        self.user_agents = set()
        self._pdfs = {}
        server.expect_request(re.compile("^/.*$")).respond_with_handler(self.handle)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.port}"

    def add(self, key, data=None):
        data = data or load_fixture(key)
        self.meetings[data["Id"]] = data
        self.committees[data["Id"]] = data["Udvalg"]["Navn"]
        # Every Bilag PDF is made now, not while a request waits: making one can take longer than the
        # harvester's timeout on a loaded machine, and a timed-out fetch is retried (counted twice).
        for point in data.get("Dagsordenpunkter") or []:
            for bilag in point.get("Bilag") or []:
                self.pdf(bilag["Id"])
        return data

    def udvalgsliste(self):
        by_committee = {}
        for meeting_id, data in self.meetings.items():
            by_committee.setdefault(self.committees[meeting_id], []).append(
                {"Id": meeting_id, "Dato": data["Moede"]["Dato"]}
            )
        entries = [
            {"Navn": name, "Id": f"u{i}", "Moeder": m} for i, (name, m) in enumerate(by_committee.items())
        ]
        # The same committee may be listed in two groups; its meetings must be harvested once.
        return {"Udvalg": {"Aktuelle politiske udvalg": entries, "Alle udvalg": entries[:1]}}

    def pdf(self, bilag_id):
        if bilag_id not in self._pdfs:
            path = self.pdf_dir / f"{bilag_id}.pdf"
            if not path.exists():
                make_pdf(f"Bilag {bilag_id}\n{bilag_word(bilag_id)} Greve Kommune", path)
            self._pdfs[bilag_id] = path.read_bytes()
        return self._pdfs[bilag_id]

    def handle(self, request):
        path = request.path
        self.hits[path] += 1
        self.user_agents.add(request.headers.get("User-Agent", ""))
        if path == "/robots.txt":
            return Response(self.robots, content_type="text/plain")
        if path == "/api/agenda/udvalgsliste":
            return Response(json.dumps(self.udvalgsliste()), content_type="application/json")
        if path.startswith("/api/agenda/dagsorden/"):
            meeting_id = path.rsplit("/", 1)[-1]
            if meeting_id in self.slow:
                time.sleep(self.slow[meeting_id])
            if meeting_id in self.fail:
                return Response("Internal Server Error", status=500)
            if meeting_id in self.broken:
                truncated = json.dumps(self.meetings[meeting_id])[:5000]  # the connection dropped
                return Response(truncated, content_type="application/json")
            if meeting_id not in self.meetings:
                return Response("Not found", status=404)
            return self.answer(json.dumps(self.meetings[meeting_id]).encode(), "application/json", request)
        if path.startswith("/Vis/Pdf/bilag/"):
            bilag_id = path.rsplit("/", 1)[-1]
            if bilag_id in self.not_pdf:
                return Response("<html>Siden findes ikke</html>", content_type="text/html")
            return self.answer(self.pdf(bilag_id), "application/pdf", request)
        return Response("Not found", status=404)

    def answer(self, body, content_type, request):
        if not self.etags:
            return Response(body, content_type=content_type)
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, content_type=content_type, headers={"ETag": etag})

    def bilag_hits(self):
        return sum(n for path, n in self.hits.items() if path.startswith("/Vis/Pdf/bilag/"))


@pytest.fixture(scope="module")
def pdf_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("bilag-pdfs")


@pytest.fixture
def publisher(pdf_dir, settings):
    settings.MINUTES_HARVEST_TIMEOUT = 0.5
    settings.MINUTES_HARVEST_RETRIES = 1
    settings.MINUTES_HARVEST_BACKOFF = 0
    settings.MINUTES_HARVEST_USER_AGENT = "minutes-archive/test (tester@example.org)"
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        yield Publisher(server, pdf_dir)
    finally:
        server.clear()
        server.stop()


def serve_all(publisher):
    for key in FILES:
        publisher.add(key)


def run(publisher, *args):
    """manage.py harvest on the stand-in site: (exit status, output)."""
    out = StringIO()
    try:
        call_command(
            "harvest", publisher.url, "--municipality", "Greve", "--delay", "0", *args, stdout=out, stderr=out
        )
    except SystemExit as exc:
        return exc.code, out.getvalue()
    return 0, out.getvalue()


def item(meeting_id, number):
    return AgendaItem.objects.get(meeting__external_id=meeting_id, number=number)


# --- The first run --------------------------------------------------------------------------------


def test_first_run_fills_an_empty_archive(publisher, settings):
    serve_all(publisher)
    # A closed item's Bilag is never fetched: give the closed item 3 one (the real JSON lists none).
    oeu = publisher.meetings[OEU_ID]
    oeu["Dagsordenpunkter"][2]["Bilag"] = [{"Order": 0, "Navn": "Fortroligt", "Id": SECRET_BILAG}]

    status, output = run(publisher)

    assert status == 0, output
    assert "6 meetings listed: 6 new, 0 updated, 0 unchanged, 0 failed" in output
    assert Meeting.objects.count() == 6
    meeting = Meeting.objects.get(external_id=OEU_ID)
    assert (meeting.committee.name, meeting.date, meeting.kind) == (
        "Økonomiudvalget",
        datetime.date(2022, 1, 10),
        "minutes",
    )
    assert meeting.committee.municipality.name == "Greve"
    assert meeting.source_url == f"{publisher.url}/api/agenda/dagsorden/{OEU_ID}"
    assert [i.number for i in meeting.items.order_by("order")] == ["1", "2", "3", "4"]
    first = item(OEU_ID, "1")
    assert first.decision.startswith("Dagsordenen blev godkendt.")
    assert [p.name for p in first.absences.all()] == ["Mehmet Zeki Dogru"]
    closed = item(OEU_ID, "3")
    assert closed.closed and closed.decision == "" and not closed.attachments.exists()
    assert publisher.hits[f"/Vis/Pdf/bilag/{SECRET_BILAG}"] == 0

    # The Bilag's text is stored and searchable; its file is not (the publisher keeps it).
    bilag = item(OEU_ID, "2").attachments.get()
    assert bilag.title == "Tilsynets afgørelse af 15. december 2021"
    assert bilag.url == f"{publisher.url}/Vis/Pdf/bilag/{OEU_BILAG}" and bilag.external_id == OEU_BILAG
    assert bilag_word(OEU_BILAG) in bilag.text and len(bilag.pages) == 1
    assert not bilag.file
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
    hits = search(bilag_word(OEU_BILAG)).hits
    assert [hit.item.pk for hit in hits] == [item(OEU_ID, "2").pk]

    # Every Bilag of an open item was fetched once; the requests named the archive and its contact.
    assert Attachment.objects.exclude(text="").count() == Attachment.objects.count() == publisher.bilag_hits()
    assert publisher.user_agents == {"minutes-archive/test (tester@example.org)"}
    site = HarvestSite.objects.get()
    assert site.url == publisher.url and site.municipality == "Greve" and site.last_success is not None
    run_row = HarvestRun.objects.get()
    assert (run_row.status, run_row.new, run_row.failed) == ("ok", 6, 0)


def test_the_municipality_page_says_when_it_was_last_harvested(publisher, client):
    publisher.add("oeu")
    assert run(publisher)[0] == 0
    page = client.get(Meeting.objects.get().committee.municipality.get_absolute_url())
    assert "Senest hentet fra kommunens dagsordenside" in page.content.decode()


# --- The second run -------------------------------------------------------------------------------


@pytest.mark.parametrize("etags", [True, False], ids=["etag", "no-etag"])
def test_second_run_downloads_only_what_changed(publisher, etags):
    publisher.etags = etags
    serve_all(publisher)
    # Kultur- og Fritidsudvalget 6 March 2023 is first published as an agenda, with one Bilag.
    minutes = copy.deepcopy(publisher.meetings[KFU_ID])
    agenda = publisher.meetings[KFU_ID]
    agenda["Moede"]["Afsluttet"] = False
    agenda["Dagsordenpunkter"][1]["Bilag"] = [
        b for b in agenda["Dagsordenpunkter"][1]["Bilag"] if b["Id"] != KFU_LATE_BILAG
    ]
    assert run(publisher)[0] == 0
    meeting = Meeting.objects.get(external_id=KFU_ID)
    assert meeting.kind == "agenda"
    first_bilag = item(KFU_ID, "2").attachments.get()
    meetings_before, items_before = Meeting.objects.count(), AgendaItem.objects.count()

    # Nothing changed: no Bilag, nothing loaded.
    publisher.hits.clear()
    status, output = run(publisher)
    assert status == 0, output
    assert "0 new, 0 updated, 6 unchanged, 0 failed" in output
    assert publisher.bilag_hits() == 0
    assert publisher.hits["/api/agenda/udvalgsliste"] == 1
    assert all(publisher.hits[f"/api/agenda/dagsorden/{m}"] == 1 for m in publisher.meetings)

    # The agenda becomes minutes with a second Bilag: the same meeting is updated, only the new
    # Bilag is downloaded, and the first keeps its text.
    publisher.meetings[KFU_ID] = minutes
    publisher.hits.clear()
    status, output = run(publisher)
    assert status == 0, output
    assert "0 new, 1 updated, 5 unchanged, 0 failed" in output
    assert publisher.bilag_hits() == 1 and publisher.hits[f"/Vis/Pdf/bilag/{KFU_LATE_BILAG}"] == 1
    updated = Meeting.objects.get(external_id=KFU_ID)
    assert (updated.pk, updated.kind) == (meeting.pk, "minutes")
    texts = {a.external_id: a.text for a in item(KFU_ID, "2").attachments.all()}
    assert bilag_word(first_bilag.external_id) in texts[first_bilag.external_id]
    assert bilag_word(KFU_LATE_BILAG) in texts[KFU_LATE_BILAG]
    assert (Meeting.objects.count(), AgendaItem.objects.count()) == (meetings_before, items_before)
    assert HarvestedMeeting.objects.count() == 6


# --- Failures -------------------------------------------------------------------------------------


def test_a_failing_meeting_is_reported_and_caught_up_next_run(publisher):
    serve_all(publisher)
    failing = load_fixture("oeu3")["Id"]
    slow = load_fixture("kfu2")["Id"]
    broken = load_fixture("byr")["Id"]
    publisher.fail.add(failing)
    publisher.slow[slow] = 1.2  # the harvest waits 0.5 s
    publisher.broken.add(broken)

    status, output = run(publisher)

    assert status == 1
    assert "3 new, 0 updated, 0 unchanged, 3 failed" in output
    assert f"({failing}): failed: " in output and "the server answered 500" in output
    assert f"({slow}): failed: " in output and "no answer within 0.5 s (2 tries)" in output
    assert f"({broken}): failed: the meeting's answer is not valid JSON" in output
    assert "Traceback" not in output
    record = HarvestedMeeting.objects.get(external_id=failing)
    assert "500" in record.error and record.attempts == 1 and record.failed_at is not None
    assert Meeting.objects.count() == 3
    assert HarvestRun.objects.get().status == "failed"
    # Every meeting was tried: the site counts as brought up to date, the failures are retried.
    assert HarvestSite.objects.get().last_success is not None

    # The site is fixed: the failed meetings are caught up, the others not fetched again.
    publisher.fail.clear()
    publisher.slow.clear()
    publisher.broken.clear()
    publisher.hits.clear()
    status, output = run(publisher)
    assert status == 0, output
    assert "3 new, 0 updated, 3 unchanged, 0 failed" in output
    assert Meeting.objects.count() == 6
    assert not HarvestedMeeting.objects.exclude(error="").exists()
    assert (
        publisher.bilag_hits() == Attachment.objects.filter(agenda_item__meeting__external_id=broken).count()
    )
    assert Meeting.objects.filter(external_id=failing).count() == 1


def test_a_bilag_that_is_no_pdf_is_kept_without_text_and_not_fetched_again(publisher):
    publisher.add("oeu")
    publisher.not_pdf.add(OEU_BILAG)

    status, output = run(publisher)

    assert status == 0, output
    assert "1 Bilag fetched (1 without text)" in output
    bilag = item(OEU_ID, "2").attachments.get()
    assert bilag.text == "" and bilag.url.endswith(OEU_BILAG)
    assert "not a PDF (Content-Type: text/html)" in HarvestedBilag.objects.get(bilag_id=OEU_BILAG).error
    # The meeting changes (a new location): it is loaded again, but the unreadable Bilag is not refetched.
    publisher.meetings[OEU_ID]["Moede"]["Sted"] = "Byrådssalen"
    publisher.hits.clear()
    assert run(publisher)[0] == 0
    assert Meeting.objects.get().location == "Byrådssalen"
    assert publisher.bilag_hits() == 0


def test_a_bilag_that_cannot_be_downloaded_fails_the_meeting_until_it_can(publisher):
    publisher.add("oeu")
    publisher.server.expect_oneshot_request(f"/Vis/Pdf/bilag/{OEU_BILAG}").respond_with_data(
        "down", status=503
    )
    publisher.server.expect_oneshot_request(f"/Vis/Pdf/bilag/{OEU_BILAG}").respond_with_data(
        "down", status=503
    )

    status, output = run(publisher)

    assert status == 1
    assert f"Bilag {OEU_BILAG} (Tilsynets afgørelse af 15. december 2021)" in output and "503" in output
    assert Meeting.objects.count() == 1 and item(OEU_ID, "2").attachments.get().text == ""

    status, output = run(publisher)
    assert status == 0, output
    assert "0 new, 1 updated, 0 unchanged, 0 failed" in output
    assert bilag_word(OEU_BILAG) in item(OEU_ID, "2").attachments.get().text


# --- robots.txt and the lock --------------------------------------------------------------------


def test_robots_txt_disallowing_the_bilag_is_respected(publisher):
    publisher.add("oeu")
    publisher.robots = "User-agent: *\nDisallow: /Vis/\n"

    status, output = run(publisher)

    assert status == 0, output
    assert Meeting.objects.count() == 1
    assert publisher.bilag_hits() == 0
    assert item(OEU_ID, "2").attachments.get().text == ""


def test_robots_txt_disallowing_the_site_stops_the_run(publisher):
    publisher.add("oeu")
    publisher.robots = "User-agent: minutes-archive\nDisallow: /\n"

    status, output = run(publisher)

    assert status == 1
    assert "robots.txt disallows it" in output
    assert HarvestSite.objects.get().last_success is None
    assert set(publisher.hits) == {"/robots.txt"}
    assert not Meeting.objects.exists()


def test_a_site_being_harvested_is_not_harvested_again(publisher):
    publisher.add("oeu")
    site = get_site(publisher.url, "Greve")
    other_worker = SiteLock(site)
    assert other_worker.acquire()

    summary = harvest_site(site, delay=0)

    assert summary.skipped and not summary.failed
    assert sum(publisher.hits.values()) == 0
    assert not Meeting.objects.exists()
    # Released (or run out, for a worker that died), the site is harvested again.
    other_worker.release()
    assert harvest_site(site, delay=0).new == 1
    stale = SiteLock(site)
    assert stale.acquire()
    HarvestSite.objects.filter(pk=site.pk).update(
        locked_until=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    )
    assert harvest_site(site, delay=0).unchanged == 1


# --- Many sites -----------------------------------------------------------------------------------


def test_all_queues_one_job_per_enabled_site_for_any_worker(publisher, caplog):
    import fakeredis
    from rq import Queue, SimpleWorker

    publisher.add("oeu")
    get_site(publisher.url, "Greve")
    HarvestSite.objects.create(url="http://127.0.0.1:9/", municipality="Køge", enabled=False)
    connection = fakeredis.FakeStrictRedis()

    jobs = enqueue_all(connection)

    assert [job.args for job in jobs] == [(HarvestSite.objects.get(municipality="Greve").pk,)]
    queue = Queue("harvest", connection=connection)
    assert queue.count == 1
    HarvestSite.objects.update(delay_seconds=0)
    SimpleWorker([queue], connection=connection).work(burst=True)
    assert Meeting.objects.get().external_id == OEU_ID
    assert jobs[0].latest_result().return_value["new"] == 1
    # A queued run has no terminal: its line per meeting goes to the log.
    assert f"Økonomiudvalget 2022-01-10 ({OEU_ID}): new" in caplog.text


def test_all_foreground_harvests_every_enabled_site_here(publisher):
    publisher.add("oeu")
    get_site(publisher.url, "Greve")
    out = StringIO()
    call_command("harvest", "--all", "--foreground", "--delay", "0", stdout=out)
    assert Meeting.objects.count() == 1 and "1 new" in out.getvalue()


def test_all_without_redis_says_so(settings):
    settings.MINUTES_HARVEST_REDIS_URL = "redis://127.0.0.1:1/0"
    HarvestSite.objects.create(url="http://127.0.0.1:9", municipality="Greve")
    with pytest.raises(CommandError, match="cannot queue the harvest on Redis.*--foreground"):
        call_command("harvest", "--all")


def test_the_command_needs_a_municipality_for_a_new_site():
    with pytest.raises(CommandError, match="--municipality"):
        call_command("harvest", "https://dagsordener.greve.dk")
    with pytest.raises(CommandError, match="either a SITE_URL or --all"):
        call_command("harvest")


# --- The committee list --------------------------------------------------------------------------


def test_listed_meetings_filters_by_committee_and_date_and_lists_each_once():
    data = {
        "Udvalg": {
            "Aktuelle politiske udvalg": [
                {
                    "Navn": "Byråd 2022-2025",
                    "Id": "b",
                    "Moeder": [{"Id": "m2", "Dato": "2023-05-01T17:00:00"}],
                },
                {
                    "Navn": "Økonomiudvalget",
                    "Id": "o",
                    "Moeder": [{"Id": "m1", "Dato": "2022-01-10T07:45:00+01:00"}],
                },
            ],
            "Historiske udvalg": [
                {
                    "Navn": "Byråd 2022-2025",
                    "Id": "b",
                    "Moeder": [{"Id": "m2", "Dato": "2023-05-01T17:00:00"}],
                },
                {"Navn": "Byråd 2018-2021", "Id": "b0", "Moeder": [{"Id": "m0", "Dato": None}]},
            ],
        }
    }
    assert [m.external_id for m in listed_meetings(data)] == ["m0", "m1", "m2"]
    assert [m.external_id for m in listed_meetings(data, committees=["byråd"])] == ["m0", "m2"]
    assert [m.external_id for m in listed_meetings(data, since=datetime.date(2023, 1, 1))] == ["m0", "m2"]
    with pytest.raises(Exception, match="not .*Udvalg"):
        listed_meetings({"Udvalg": []})


# --- The loader keeps harvested text ---------------------------------------------------------------


def test_reimporting_keeps_a_harvested_bilag_text_while_the_bilag_is_the_same():
    data = load_fixture("kfu")
    site = "https://dagsordener.greve.dk"

    def load(doc):
        text = json.dumps(doc)
        load_meetings(parse_text(text, base_url=site), source_name="kfu.json", source_bytes=text.encode())

    load(data)
    first, second = item(KFU_ID, "2").attachments.order_by("order")
    Attachment.objects.filter(pk=first.pk).update(text="høstet tekst", pages=["høstet tekst"])
    Attachment.objects.filter(pk=second.pk).update(text="anden tekst", pages=["anden tekst"])
    # A new version of the meeting: the first Bilag is the same, the second is replaced by another.
    data["Moede"]["Sted"] = "Rådhuset"
    data["Dagsordenpunkter"][1]["Bilag"][1]["Id"] = "11111111-2222-3333-4444-555555555555"
    load(data)
    first, second = item(KFU_ID, "2").attachments.order_by("order")
    assert (first.text, first.pages) == ("høstet tekst", ["høstet tekst"])
    assert (second.external_id, second.text, second.pages) == ("11111111-2222-3333-4444-555555555555", "", [])


# --- The admin ----------------------------------------------------------------------------------


def test_staff_see_runs_and_failures_and_only_superusers_change_sites(publisher, client, django_user_model):
    publisher.add("oeu")
    publisher.add("oeu3")
    failing = load_fixture("oeu3")["Id"]
    publisher.fail.add(failing)
    assert run(publisher)[0] == 1
    site = HarvestSite.objects.get()
    staff = django_user_model.objects.create_user("redaktoer", password="x-hemmelig-1", is_staff=True)
    client.force_login(staff)

    runs = client.get("/admin/imports/harvestrun/")
    assert runs.status_code == 200 and publisher.url in runs.content.decode()
    failures = client.get("/admin/imports/harvestedmeeting/?failing=yes").content.decode()
    assert failing in failures and OEU_ID not in failures
    assert client.get(f"/admin/imports/harvestsite/{site.pk}/change/").status_code == 200  # view only
    change = {"url": site.url, "municipality": "Greve", "enabled": "", "delay_seconds": "2"}
    assert client.post(f"/admin/imports/harvestsite/{site.pk}/change/", change).status_code == 403

    SiteLock(site).acquire()  # a harvest is running while the superuser edits the site
    client.force_login(django_user_model.objects.create_superuser("admin", password="x-hemmelig-2"))
    assert client.post(f"/admin/imports/harvestsite/{site.pk}/change/", change).status_code == 302
    site.refresh_from_db()
    assert (site.enabled, site.delay_seconds) == (False, 2.0) and site.locked_by
