"""Hostile text and hostile URLs: script and HTML in imported minutes stay inert on every page, and
odd query strings on every filter of every page give 200 or 400 (or a redirect), never a 500."""

import re
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agenda_items.models import AgendaItem
from bench.minutes import aabenraa_minutes
from imports.detect import parse_text
from imports.load import load_meetings
from meetings.models import Meeting
from tests.admin.conftest import AABENRAA_SEED, AARHUS_SEED

pytestmark = pytest.mark.django_db

# Markup that would run if a page printed it as HTML. Its words are searchable ("skadelig").
PAYLOAD = '"><script>alert("xss")</script><img src=x onerror=alert(1)><svg onload=alert(2)>'
LIVE_MARKUP = re.compile(r"<script>alert|<img src=x|<svg onload", re.IGNORECASE)
ESCAPED = "&lt;script&gt;alert("


def hostile_minutes():
    return aabenraa_minutes(
        2,
        committee=f"Økonomiudvalget {PAYLOAD}",
        title=f"Skadelig titel {PAYLOAD} {{n}}",
        text=f"Skadelig sagsfremstilling {PAYLOAD}",
        decision=f"Skadelig beslutning {PAYLOAD}",
        location=f"Skadeligt mødested {PAYLOAD}",
        participants=f"Mette {PAYLOAD} (A), Ib Mikkelsen (Æ)",
        attachment=f"Skadeligt bilag {PAYLOAD}",
    )


@pytest.fixture
def hostile():
    """A meeting whose every field carries the payload, in a municipality whose name does too."""
    parsed = parse_text(hostile_minutes(), municipality=f"Skadelig Kommune {PAYLOAD}")
    meeting = load_meetings(parsed)[0].meeting
    return meeting


def public_pages(meeting):
    item = meeting.items.order_by("order").first()
    committee = meeting.committee
    municipality = committee.municipality
    return {
        "front": "/",
        "meeting list": "/meetings/",
        "meeting list, filtered": f"/meetings/?municipality={quote(municipality.slug)}",
        "meeting": meeting.get_absolute_url(),
        "item": reverse("agenda_items:item", kwargs={"meeting": meeting.pk, "number": item.number}),
        "case": item.case.get_absolute_url(),
        "search": "/search/?q=skadelig",
        "search in titles": "/search/?q=skadelig&section=title",
        "municipality": municipality.get_absolute_url(),
        "committee": committee.get_absolute_url(),
    }


@pytest.mark.parametrize(
    "page_name",
    [
        "front",
        "meeting list",
        "meeting list, filtered",
        "meeting",
        "item",
        "case",
        "search",
        "search in titles",
        "municipality",
        "committee",
    ],
)
def test_script_and_html_in_imported_text_are_inert_on_every_public_page(client, hostile, page_name):
    response = client.get(public_pages(hostile)[page_name])
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert not LIVE_MARKUP.search(html), LIVE_MARKUP.search(html).group(0)
    assert ESCAPED in html, "the page should show the text (escaped), or this test proves nothing"
    # And even if markup slipped through, the policy would not let an inline script run.
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "path",
    ["/meetings/feed/", "/search/feed/?q=skadelig", "/sitemap.xml"],
)
def test_feeds_carry_the_text_escaped(client, hostile, path):
    response = client.get(path)
    assert response.status_code == 200
    assert not LIVE_MARKUP.search(response.content.decode())


@pytest.mark.parametrize(
    "path",
    [
        "/meetings/calendar.ics",
        "/meetings/export.csv",
        "/search/export.csv?q=skadelig",
        "/api/meetings/",
        "/api/search/?q=skadelig",
    ],
)
def test_calendars_and_data_exports_are_never_served_as_html(client, hostile, path):
    # They carry the text as it is (plain text in a calendar or a CSV cell is not markup) ...
    response = client.get(path)
    assert response.status_code == 200
    # ... so they must never reach a browser as HTML.
    assert not response["Content-Type"].startswith("text/html")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_admin_import_preview_shows_the_text_escaped(admin_client):
    upload = SimpleUploadedFile("skadelig.txt", hostile_minutes().encode("utf-8"))
    response = admin_client.post("/admin/imports/import/", {"file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    html = admin_client.get(response.url).content.decode()
    assert "Skadelig titel" in html and ESCAPED in html
    assert not LIVE_MARKUP.search(html)


def test_the_admin_pages_of_a_hostile_meeting_show_the_text_escaped(admin_client, hostile):
    for url in [
        reverse("admin:meetings_meeting_change", args=[hostile.pk]),
        reverse("admin:meetings_meeting_changelist"),
        reverse("admin:agenda_items_agendaitem_changelist"),
    ]:
        html = admin_client.get(url).content.decode()
        assert not LIVE_MARKUP.search(html), url


# Odd query strings ---------------------------------------------------------------------------

NASTY = [
    "",
    " ",
    "'",
    '"',
    "\\",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%",
    "%%",
    "%00",
    "%ED%A0%80",  # a UTF-16 surrogate as UTF-8: not valid UTF-8
    "%FF%FE",
    "%C0%AF",  # overlong "/"
    "%0D%0ASet-Cookie:%20x=1",
    "x" * 5000,
    "9" * 400,
    "-1",
    "0",
    "1e309",
    "NaN",
    "2026-02-30",
    "99999-12-31",
    "0000-00-00",
    "2026-02-03_",
    "_",
    "_-1",
    "2026-02-03_99999999999999999999999",
    "../../../etc/passwd",
    "25/31181",
    "a[]=1",
    "😀æøå",
    "\u202e\u200b",
    "null",
]
MEETING_FILTERS = ["municipality", "committee", "date_after", "date_before", "case", "kind"]


def pages_and_parameters(meeting):
    item = meeting.items.order_by("order").first()
    committee = meeting.committee
    return {
        "/": ["page", "q"],
        "/meetings/": [*MEETING_FILTERS, "after", "before"],
        "/search/?q=budget": ["q", "page", "section", "sort", *MEETING_FILTERS],
        "/cases/": ["number"],
        committee.municipality.get_absolute_url(): [*MEETING_FILTERS, "after", "before"],
        committee.get_absolute_url(): [*MEETING_FILTERS, "after", "before"],
        meeting.get_absolute_url(): ["page"],
        reverse("agenda_items:item", kwargs={"meeting": meeting.pk, "number": item.number}): ["page"],
        item.case.get_absolute_url(): ["page", "after"],
        "/meetings/feed/": MEETING_FILTERS,
        "/meetings/calendar.ics": MEETING_FILTERS,
        "/meetings/export.csv": MEETING_FILTERS,
        "/search/feed/?q=budget": ["q", "section", *MEETING_FILTERS],
        "/search/export.csv?q=budget": ["q", "section", *MEETING_FILTERS],
        "/api/meetings/": [*MEETING_FILTERS, "cursor", "page_size", "ordering"],
        "/api/items/": ["case", "meeting", "cursor", "page_size"],
        "/api/cases/": ["number", "municipality", "cursor"],
        "/api/committees/": ["municipality", "cursor"],
        "/api/search/?q=budget": ["q", "cursor", "page_size", *MEETING_FILTERS],
    }


@pytest.fixture
def archive():
    for seed in (AABENRAA_SEED, AARHUS_SEED):
        load_meetings(parse_text(seed.read_text(encoding="utf-8")))
    return Meeting.objects.filter(items__case__isnull=False).order_by("pk").first()


PAGES = [
    "front",
    "meeting list",
    "search",
    "case lookup",
    "municipality",
    "committee",
    "meeting",
    "item",
    "case",
    "meeting feed",
    "meeting calendar",
    "meeting csv",
    "search feed",
    "search csv",
    "api meetings",
    "api items",
    "api cases",
    "api committees",
    "api search",
]


@pytest.mark.parametrize("page_name", PAGES)
def test_odd_query_strings_on_every_filter_give_200_or_400_never_500(client, archive, page_name):
    path, parameters = list(pages_and_parameters(archive).items())[PAGES.index(page_name)]
    joiner = "&" if "?" in path else "?"
    queries = []
    for parameter in parameters:
        # Sent as raw as a browser or a script could: already-escaped values stay as they are.
        queries += [f"{parameter}={value if '%' in value else quote(value, safe='')}" for value in NASTY]
        queries += [f"{parameter}=%27&{parameter}=1", f"{parameter}[]=1", f"{parameter}"]
    seen = {}
    for query in queries:
        response = client.get(f"{path}{joiner}{query}")
        seen.setdefault(response.status_code, f"{path}{joiner}{query}"[:200])
        assert response.status_code < 500, f"{path}{joiner}{query}"
    assert set(seen) <= {200, 301, 302, 400, 404}, seen
    # The page works at all (the case lookup answers 404 or a redirect for any number but a known one).
    assert 200 in seen or page_name == "case lookup", seen


def test_an_item_number_with_odd_characters_is_a_404_not_a_500(client, archive):
    item = AgendaItem.objects.filter(meeting=archive).first()
    for number in ["%00", "%ED%A0%80", "..", "%2F", "x" * 300, "'", "<script>"]:
        response = client.get(f"/meetings/{item.meeting_id}/punkt/{number}/")
        assert response.status_code in {301, 302, 400, 404}, number
