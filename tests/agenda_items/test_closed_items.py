"""A closed item (lukket punkt) shows its number and "Lukket punkt" and nothing else on every public page."""

import pytest

from tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    CaseFactory,
    MeetingFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "HEMMELIG"


@pytest.fixture
def closed_item():
    """A closed item whose every field is full of secret text, next to an open item on the same meeting."""
    meeting = MeetingFactory()
    municipality = meeting.committee.municipality
    AgendaItemFactory(meeting=meeting, number="1", order=1, title="Godkendelse af dagsorden")
    item = AgendaItemFactory(
        meeting=meeting,
        number="2",
        order=2,
        closed=True,
        title=f"{SECRET} titel",
        case=CaseFactory(municipality=municipality, number="HEMMELIG-1"),
        presentation=f"{SECRET} sagsfremstilling",
        recommendation=f"{SECRET} indstilling",
        decision=f"{SECRET} beslutning",
        decided_by=[f"{SECRET} udvalg"],
        responsible=f"{SECRET} ansvarlig",
        duration_minutes=987,
        sections=[{"heading": f"{SECRET} overskrift", "text": f"{SECRET} afsnit"}],
        absences=[PersonFactory(municipality=municipality, name=f"{SECRET} person")],
    )
    AttachmentFactory(agenda_item=item, title=f"{SECRET} bilag")
    AgendaItemFactory(meeting=meeting, number="3", order=3, title="Eventuelt")
    return item


def assert_shows_only_number_and_closed(html, item):
    assert SECRET not in html
    assert SECRET.lower() not in html.lower()
    assert "987" not in html
    assert f"Punkt {item.number}: Lukket punkt" in html


def test_meeting_page(client, closed_item):
    html = client.get(closed_item.meeting.get_absolute_url()).content.decode()

    assert_shows_only_number_and_closed(html, closed_item)
    assert "Godkendelse af dagsorden" in html and "Eventuelt" in html
    assert f'href="{closed_item.get_absolute_url()}"' not in html


def test_item_page(client, closed_item):
    response = client.get(closed_item.get_absolute_url())

    assert response.status_code == 200
    assert_shows_only_number_and_closed(response.content.decode(), closed_item)


def test_neighbouring_item_pages(client, closed_item):
    for number in ("1", "3"):
        html = client.get(f"/meetings/{closed_item.meeting_id}/punkt/{number}/").content.decode()
        assert SECRET not in html


def test_case_page_of_a_case_seen_only_on_closed_items_is_404(client, closed_item):
    response = client.get(closed_item.case.get_absolute_url())

    assert response.status_code == 404
    assert SECRET not in response.content.decode()


def test_case_page_leaves_the_closed_item_out(client, closed_item):
    open_item = AgendaItemFactory(case=closed_item.case, meeting__committee=closed_item.meeting.committee)

    html = client.get(closed_item.case.get_absolute_url()).content.decode()

    assert open_item.title in html
    assert SECRET not in html.replace(
        "HEMMELIG-1", ""
    )  # the case's own number is public once an open item has it
    assert f'href="{closed_item.get_absolute_url()}"' not in html
    assert "1 gang" in html


def test_case_lookup_does_not_reveal_a_case_seen_only_on_closed_items(client, closed_item):
    response = client.get("/cases/", {"number": "HEMMELIG-1"})

    assert response.status_code == 404


def test_meeting_list_case_filter_does_not_reveal_the_meeting(client, closed_item):
    response = client.get("/meetings/", {"case": "HEMMELIG-1"})

    assert list(response.context["meetings"]) == []


def test_front_municipality_and_committee_pages(client, closed_item):
    committee = closed_item.meeting.committee
    for url in ["/", committee.municipality.get_absolute_url(), committee.get_absolute_url(), "/meetings/"]:
        assert SECRET not in client.get(url).content.decode()
