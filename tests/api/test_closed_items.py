"""A closed item's hidden text (and its case) appears in no feed, calendar, API answer, export or sitemap.

The `secret` fixture gives a closed item every field of which holds SECRET, on a case (SECRET_CASE)
that no open item has, and a second closed item on an open case.
"""

import pytest
from django.urls import reverse

from agenda_items.models import AgendaItem, Case
from tests.feeds.conftest import SECRET, SECRET_CASE

pytestmark = pytest.mark.django_db


def body(response):
    assert response.status_code in (200, 400, 404), response.status_code
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def assert_secret_kept(text):
    assert SECRET not in text
    assert SECRET_CASE not in text
    assert SECRET_CASE.replace("/", "\\/") not in text


def every_output(secret):
    """Every address of this work that could say something about the secret meeting or its items."""
    meeting = secret
    committee = meeting.committee
    open_case = Case.objects.by_number("24/11111").get()
    hidden_case = Case.objects.by_number(SECRET_CASE).get()
    closed = AgendaItem.objects.filter(closed=True)
    committee_kwargs = {"municipality": committee.municipality.slug, "slug": committee.slug}
    # Asked for in a form the answer may echo without echoing the secret itself.
    word, number = SECRET.lower(), SECRET_CASE.replace("/", "-")
    urls = [
        "/api/",
        "/api/meetings/",
        "/api/meetings/?limit=100",
        f"/api/meetings/?case={number}",
        f"/api/meetings/{meeting.pk}/",
        "/api/items/?limit=100",
        f"/api/items/?meeting={meeting.pk}",
        f"/api/items/?case={number}",
        "/api/cases/?limit=100",
        f"/api/cases/?number={number}",
        f"/api/cases/{open_case.pk}/",
        f"/api/cases/{hidden_case.pk}/",
        f"/api/search/?q={word}",
        "/api/search/?q=budgettet",
        f"/api/search/?q={number}",
        "/api/committees/",
        "/api/municipalities/",
        reverse("case_feed", kwargs={"pk": open_case.pk}),
        reverse("case_feed", kwargs={"pk": hidden_case.pk}),
        reverse("committee_feed", kwargs=committee_kwargs),
        reverse("committee_calendar", kwargs=committee_kwargs),
        reverse("meetings_calendar"),
        reverse("meeting_list_feed"),
        reverse("meeting_list_feed") + f"?case={number}",
        reverse("search_feed") + f"?q={word}",
        reverse("search_feed") + "?q=budgettet",
        reverse("search_feed") + f"?q={number}",
        reverse("meeting_ocd", kwargs={"pk": meeting.pk}),
        reverse("case_ocd", kwargs={"pk": open_case.pk}),
        reverse("case_ocd", kwargs={"pk": hidden_case.pk}),
        reverse("meeting_list_csv"),
        reverse("meeting_list_csv") + f"?case={number}",
        reverse("search_csv") + f"?q={word}",
        reverse("search_csv") + "?q=budgettet",
        "/sitemap.xml",
        "/robots.txt",
        *(
            f"/sitemap-{name}.xml"
            for name in ["pages", "municipalities", "committees", "meetings", "items", "cases"]
        ),
        *(f"/api/items/{item.pk}/" for item in closed),
    ]
    return urls


def test_no_output_tells_a_closed_items_text_or_case(client, secret):
    for url in every_output(secret):
        assert_secret_kept(body(client.get(url, follow=True)))


def test_closed_item_is_a_stub_in_every_api_answer_that_lists_it(client, secret):
    closed = AgendaItem.objects.get(closed=True, meeting=secret)

    in_meeting = client.get(f"/api/meetings/{secret.pk}/").json()["items"]
    in_list = client.get("/api/items/", {"meeting": secret.pk}).json()["results"]
    alone = client.get(f"/api/items/{closed.pk}/").json()

    stubs = [item for item in [*in_meeting, *in_list, alone] if item["closed"]]
    assert len(stubs) == 3
    for stub in stubs:
        assert set(stub) == {"id", "url", "html_url", "meeting", "number", "order", "closed"}
        assert stub["number"] == "2" and stub["meeting"]["id"] == secret.pk


def test_search_finds_the_open_items_only(client, secret):
    hits = client.get("/api/search/", {"q": "budgettet"}).json()["results"]

    assert {hit["item"]["number"] for hit in hits} == {"1", "6"}


def test_hidden_case_is_unknown_to_every_lookup(client, secret):
    hidden = Case.objects.by_number(SECRET_CASE).get()

    assert client.get(f"/api/cases/{hidden.pk}/").status_code == 404
    assert client.get("/api/cases/", {"number": SECRET_CASE}).json()["results"] == []
    assert client.get("/api/items/", {"case": SECRET_CASE}).json()["results"] == []
    assert client.get("/api/meetings/", {"case": SECRET_CASE}).json()["results"] == []
    assert client.get("/api/search/", {"q": SECRET_CASE}).json()["cases"] == []
