"""Person, party and people pages run a fixed number of queries: the same for a member of 1 meeting
as for a member of 40 (an N+1 fails here). (The meeting and item pages, whose participants, absences
and positions link to people, are counted in tests/meetings and tests/agenda_items.)"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agenda_items.models import Position
from meetings.models import Municipality
from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    MunicipalityFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def member_of(meetings):
    """A member (party A) of `meetings` meetings of two committees: a participant of each, absent
    from one item of every other one, against one item's decision in each, with a party position."""
    municipality = MunicipalityFactory(slug="greve", name="Greve")
    committees = [CommitteeFactory(municipality=municipality) for _ in range(2)]
    person = PersonFactory(municipality=municipality, name="Mehmet Zeki Dogru", party="Ø")
    for n in range(meetings):
        meeting = MeetingFactory(
            committee=committees[n % 2], date=datetime.date(2020, 1, 6) + datetime.timedelta(days=40 * n)
        )
        meeting.participants.add(person, PersonFactory(municipality=municipality))
        first = AgendaItemFactory(meeting=meeting, absences=[person] if n % 2 else [])
        second = AgendaItemFactory(meeting=meeting)
        Position.objects.create(
            item=first, who="Mehmet Zeki Dogru (Ø)", stance="against", person=person, party="Enhedslisten"
        )
        Position.objects.create(item=second, who="Enhedslisten", stance="for", party="Enhedslisten")
    return person


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        lambda person: person.get_absolute_url(),
        lambda person: "/greve/partier/enhedslisten/",
        lambda person: "/greve/personer/",
    ],
    ids=["person", "party", "people"],
)
def test_pages_cost_the_same_for_1_and_for_40_meetings(client, url):
    small = queries(client, url(member_of(1)))
    Municipality.objects.all().delete()
    large = queries(client, url(member_of(40)))
    assert small == large
    assert large <= 8


def test_the_person_page_counts_all_40_meetings(client):
    person = member_of(40)
    page = client.get(person.get_absolute_url()).content.decode()
    # 40 meetings, 40 days apart from 6 January 2020: 10 in 2020, 9 each in 2021-2023, 3 in 2024;
    # every second one (n odd) with an absence from one of its two items: "partly".
    assert "Til stede ved 20 af 40 møder med referat, delvis til stede ved 20 og fraværende ved 0." in page
    assert page.count("chart-bar--partly") == 5
