import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    CaseFactory,
    MeetingFactory,
    meeting_with_items,
)

pytestmark = pytest.mark.django_db

MAX_QUERIES = 6  # item with meeting etc. and case; attachments; absences; positions; history; numbers


def item_url(item):
    return reverse("agenda_items:item", kwargs={"meeting": item.meeting_id, "number": item.number})


def test_item_url_is_stable_and_citable():
    assert reverse("agenda_items:item", kwargs={"meeting": 7, "number": "10"}) == "/meetings/7/punkt/10/"


def test_item_page_shows_the_item_with_its_meeting_and_case(client):
    meeting = MeetingFactory(date=datetime.date(2026, 2, 3), committee__name="Arbejdsmarkedsudvalget")
    item = AgendaItemFactory(
        meeting=meeting,
        number="11",
        title="Godkendelse af opfølgning på Beskæftigelsesplan 2023-26",
        case=CaseFactory(number="22/12287"),
        presentation="Beskæftigelsesplan 2023-26 er Aabenraa Kommunes plan",
        recommendation="at opfølgningen godkendes.",
        decision="Godkendt.",
        sections=[{"heading": "Økonomi", "text": "Ingen."}],
    )
    AttachmentFactory(agenda_item=item, title="Opfølgning på Beskæftigelsesplan 2023-26")

    response = client.get(item_url(item))
    html = response.content.decode()

    assert response.status_code == 200
    assert "<title>Punkt 11 · Arbejdsmarkedsudvalget, 3. februar 2026 · Referatarkivet</title>" in html
    title = "Godkendelse af opfølgning på Beskæftigelsesplan 2023-26"
    assert f'<h1 class="item-title">Punkt 11: <span lang="da">{title}</span></h1>' in html
    assert "<h2>Sagsfremstilling</h2>" in html and '<h2 lang="da">Økonomi</h2>' in html
    assert "at opfølgningen godkendes." in html
    assert "Opfølgning på Beskæftigelsesplan 2023-26" in html
    assert f'href="/meetings/{meeting.pk}/"' in html
    assert f'href="/cases/{item.case.pk}/">22/12287</a>' in html


def test_item_page_links_to_the_previous_and_next_item(client):
    meeting = MeetingFactory()
    first = AgendaItemFactory(meeting=meeting, number="10", order=1)
    middle = AgendaItemFactory(meeting=meeting, number="11", order=2)
    last = AgendaItemFactory(meeting=meeting, number="12", order=3)

    html = client.get(item_url(middle)).content.decode()

    assert f'href="{item_url(first)}" rel="prev">← Punkt 10' in html
    assert f'href="{item_url(last)}" rel="next">Punkt 12 →' in html
    assert 'rel="prev"' not in client.get(item_url(first)).content.decode()


def test_unknown_item_number_or_meeting_is_404(client):
    item = AgendaItemFactory(number="3")
    assert client.get(f"/meetings/{item.meeting_id}/punkt/4/").status_code == 404
    assert client.get("/meetings/999999/punkt/3/").status_code == 404
    assert client.get("/meetings/99999999999999999999999/punkt/3/").status_code == 404
    assert client.get(f"/meetings/{item.meeting_id}/punkt/%00/").status_code == 404


def test_item_numbers_with_letters_have_pages(client):
    item = AgendaItemFactory(number="3a")

    assert client.get(f"/meetings/{item.meeting_id}/punkt/3a/").status_code == 200


@pytest.mark.parametrize("items", [1, 40])
def test_item_page_query_count_is_fixed(client, django_assert_max_num_queries, items):
    meeting = meeting_with_items(items)
    item = meeting.items.order_by("-order").first()

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(item_url(item))

    assert response.status_code == 200
