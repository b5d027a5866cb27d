import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Meeting
from tests.factories import (
    AgendaItemFactory,
    CaseFactory,
    CommitteeFactory,
    MeetingFactory,
    MunicipalityFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("meetings:meeting_list")
# Whatever the data size or page: municipality and committee choices, the capped count, dated and undated run.
MAX_QUERIES = 5


def listed(response):
    return list(response.context["meetings"])


def next_link(response, rel):
    match = re.search(rf'href="(\?[^"]*)" rel="{rel}"', response.content.decode())
    return match and match.group(1).replace("&amp;", "&")


@pytest.fixture
def aabenraa():
    return MunicipalityFactory(name="Aabenraa Kommune", slug="aabenraa")


@pytest.fixture
def aarhus():
    return MunicipalityFactory(name="Aarhus Kommune", slug="aarhus")


def test_meeting_list_url_is_meetings():
    assert URL == "/meetings/"


def test_lists_newest_first_then_undated_then_by_id(client):
    committee = CommitteeFactory()
    old = MeetingFactory(committee=committee, date=datetime.date(2024, 1, 1))
    new = MeetingFactory(committee=committee, date=datetime.date(2026, 2, 3))
    same_day = MeetingFactory(committee=committee, date=datetime.date(2026, 2, 3), kind="agenda")
    undated_1 = MeetingFactory(committee=committee, date=None)
    undated_2 = MeetingFactory(committee=committee, date=None)

    response = client.get(URL)

    assert response.status_code == 200
    assert listed(response) == [same_day, new, old, undated_2, undated_1]


def test_shows_twenty_meetings_a_page_and_links_to_older(client):
    MeetingFactory.create_batch(25)

    response = client.get(URL)

    assert len(listed(response)) == 20
    assert next_link(response, "next")
    assert next_link(response, "prev") is None
    assert "25 møder" in response.content.decode()


def test_walking_the_pages_shows_every_meeting_once_in_both_directions(client):
    committees = CommitteeFactory.create_batch(3)
    for n in range(30):
        # Three meetings a day (one per committee), so pages break inside a day; and undated ones.
        day = datetime.date(2025, 1, 1) + datetime.timedelta(days=n // 3)
        MeetingFactory(committee=committees[n % 3], date=day)
        MeetingFactory(committee=committees[n % 3], date=None)
    expected = list(Meeting.objects.newest_first())

    pages, response = [], client.get(URL)
    while True:
        pages.append(listed(response))
        older = next_link(response, "next")
        if not older:
            break
        response = client.get(URL + older)
    assert [meeting for page in pages for meeting in page] == expected
    assert [len(page) for page in pages] == [20, 20, 20]

    # And back again from the last page with "Nyere møder".
    for page in reversed(pages[:-1]):
        response = client.get(URL + next_link(response, "prev"))
        assert listed(response) == page
    assert next_link(response, "prev") is None


def test_newer_link_near_the_top_gives_the_full_first_page(client):
    meetings = MeetingFactory.create_batch(25)
    newest_first = sorted(meetings, key=lambda m: m.date, reverse=True)
    # A cursor only three meetings down: fewer than a page of newer meetings exist.
    cursor = f"{newest_first[3].date.isoformat()}_{newest_first[3].pk}"

    response = client.get(URL, {"before": cursor})

    assert listed(response) == newest_first[:20]
    assert next_link(response, "prev") is None


def test_page_links_keep_the_filters(client, aabenraa):
    committee = CommitteeFactory(municipality=aabenraa, slug="byraadet")
    MeetingFactory.create_batch(25, committee=committee)

    response = client.get(URL, {"municipality": "aabenraa", "kind": "minutes"})
    older = next_link(response, "next")

    assert "municipality=aabenraa" in older and "kind=minutes" in older
    response = client.get(URL + older)
    assert "municipality=aabenraa" in next_link(response, "prev")
    assert len(listed(response)) == 5


def test_filter_by_municipality_slug(client, aabenraa, aarhus):
    ours = MeetingFactory(committee=CommitteeFactory(municipality=aabenraa))
    MeetingFactory(committee=CommitteeFactory(municipality=aarhus))

    response = client.get(URL, {"municipality": "aabenraa"})

    assert listed(response) == [ours]


def test_filter_by_committee_slug_matches_that_committee_in_every_municipality(client, aabenraa, aarhus):
    a = MeetingFactory(
        committee=CommitteeFactory(municipality=aabenraa, name="Økonomiudvalget", slug="okonomi")
    )
    b = MeetingFactory(
        committee=CommitteeFactory(municipality=aarhus, name="Økonomiudvalget", slug="okonomi")
    )
    MeetingFactory(committee=CommitteeFactory(municipality=aabenraa, slug="byraadet"))

    response = client.get(URL, {"committee": "okonomi"})

    assert set(listed(response)) == {a, b}


def test_filter_by_municipality_and_committee_combine(client, aabenraa, aarhus):
    a = MeetingFactory(
        committee=CommitteeFactory(municipality=aabenraa, name="Økonomiudvalget", slug="okonomi")
    )
    MeetingFactory(committee=CommitteeFactory(municipality=aarhus, name="Økonomiudvalget", slug="okonomi"))

    response = client.get(URL, {"municipality": "aabenraa", "committee": "okonomi"})

    assert listed(response) == [a]


def test_date_filters_are_inclusive(client):
    committee = CommitteeFactory()
    days = [datetime.date(2026, 1, d) for d in (1, 5, 10, 15)]
    meetings = {day: MeetingFactory(committee=committee, date=day) for day in days}
    MeetingFactory(committee=committee, date=None)

    response = client.get(URL, {"date_after": "2026-01-05", "date_before": "2026-01-10"})
    assert listed(response) == [meetings[days[2]], meetings[days[1]]]

    response = client.get(URL, {"date_after": "2026-01-10"})
    assert listed(response) == [meetings[days[3]], meetings[days[2]]]

    response = client.get(URL, {"date_before": "2026-01-01"})
    assert listed(response) == [meetings[days[0]]]


@pytest.mark.parametrize("printed", ["25/31181", "25-31181", " 25 / 31181 ", "25.31181"])
def test_filter_by_case_number_as_printed(client, aabenraa, printed):
    case = CaseFactory(municipality=aabenraa, number="25/31181")
    with_case = MeetingFactory(committee=CommitteeFactory(municipality=aabenraa))
    AgendaItemFactory(meeting=with_case, case=case)
    AgendaItemFactory(meeting=MeetingFactory(committee=with_case.committee), case=CaseFactory())

    response = client.get(URL, {"case": printed})

    assert listed(response) == [with_case]


def test_meeting_with_two_items_on_the_case_is_listed_once(client):
    case = CaseFactory(number="22/12287")
    meeting = MeetingFactory(committee=CommitteeFactory(municipality=case.municipality))
    AgendaItemFactory.create_batch(2, meeting=meeting, case=case)

    response = client.get(URL, {"case": "22/12287"})

    assert listed(response) == [meeting]
    assert "1 møde" in response.content.decode()


def test_case_filter_ignores_closed_items(client):
    case = CaseFactory(number="22/12287")
    meeting = MeetingFactory(committee=CommitteeFactory(municipality=case.municipality))
    AgendaItemFactory(meeting=meeting, case=case, closed=True)

    response = client.get(URL, {"case": "22/12287"})

    assert listed(response) == []


def test_filter_by_kind(client):
    committee = CommitteeFactory()
    agenda = MeetingFactory(committee=committee, kind="agenda")
    minutes = MeetingFactory(committee=committee, kind="minutes")

    assert listed(client.get(URL, {"kind": "agenda"})) == [agenda]
    assert listed(client.get(URL, {"kind": "minutes"})) == [minutes]


def test_all_filters_combine(client, aabenraa, aarhus):
    case = CaseFactory(municipality=aabenraa, number="25/31181")
    committee = CommitteeFactory(municipality=aabenraa, slug="arbejdsmarked")
    hit = MeetingFactory(committee=committee, kind="minutes", date=datetime.date(2026, 2, 3))
    AgendaItemFactory(meeting=hit, case=case)
    for other in [
        MeetingFactory(committee=committee, kind="agenda", date=datetime.date(2026, 2, 3)),
        MeetingFactory(committee=committee, kind="minutes", date=datetime.date(2025, 2, 3)),
        MeetingFactory(committee=CommitteeFactory(municipality=aarhus, slug="arbejdsmarked")),
    ]:
        AgendaItemFactory(meeting=other, case=case)

    response = client.get(
        URL,
        {
            "municipality": "aabenraa",
            "committee": "arbejdsmarked",
            "date_after": "2026-01-01",
            "date_before": "2026-12-31",
            "case": "25-31181",
            "kind": "minutes",
        },
    )

    assert listed(response) == [hit]


def test_form_shows_the_current_filter_values(client, aabenraa):
    CommitteeFactory(municipality=aabenraa, name="Byrådet", slug="byraadet")

    response = client.get(
        URL,
        {"municipality": "aabenraa", "committee": "byraadet", "date_after": "2026-01-05", "case": "25/31181"},
    )
    html = response.content.decode()

    assert '<option value="aabenraa" selected>' in html
    assert '<option value="byraadet" selected>' in html
    assert 'value="2026-01-05"' in html
    assert 'value="25/31181"' in html


def test_committee_choices_narrow_to_the_chosen_municipality(client, aabenraa, aarhus):
    CommitteeFactory(municipality=aabenraa, name="Byrådet", slug="byraadet")
    CommitteeFactory(municipality=aarhus, name="Magistraten", slug="magistraten")

    html = client.get(URL, {"municipality": "aabenraa"}).content.decode()

    assert 'value="byraadet"' in html
    assert 'value="magistraten"' not in html


@pytest.mark.parametrize(
    "params",
    [
        {"date_after": "2026-13-45"},
        {"date_before": "yesterday"},
        {"municipality": "atlantis"},
        {"committee": "no-such-committee"},
        {"municipality": "aabenraa", "committee": "magistraten"},  # a committee of another municipality
        {"kind": "minutes-and-more"},
        {"after": "junk"},
        {"before": "2026-02-30_1"},
        {"after": "2026-02-03_x"},
        {"municipality": "aabenraa\x00"},  # PostgreSQL refuses NUL bytes in a query
        {"committee": "\x00"},
        {"case": "25/\x00"},
    ],
)
def test_invalid_filter_value_gives_400_with_a_clear_message_not_500(client, aabenraa, aarhus, params):
    CommitteeFactory(municipality=aarhus, slug="magistraten")
    MeetingFactory()

    response = client.get(URL, params)

    assert response.status_code == 400
    html = response.content.decode()
    assert "Filteret kunne ikke bruges" in html
    assert listed(response) == []
    assert '<form class="filter-form"' in html


def test_cursor_past_the_last_meeting_gives_an_empty_page_that_links_back(client):
    meeting = MeetingFactory(date=datetime.date(2026, 2, 3))

    response = client.get(URL, {"after": f"_{meeting.pk + 1000}"})

    assert response.status_code == 200
    assert listed(response) == []
    assert next_link(response, "prev") == f"?before=_{meeting.pk + 1000}"


@pytest.mark.parametrize("cursor", ["_99999999999999999999999", "2026-01-01_-99999999999999999999999"])
def test_out_of_range_cursor_id_is_not_an_error(client, cursor):
    MeetingFactory()

    assert client.get(URL, {"after": cursor}).status_code == 200
    assert client.get(URL, {"before": cursor}).status_code == 200


def test_list_is_rendered_by_the_filter_template(client):
    response = client.get(URL)

    assert "meetings/meeting_filter.html" in [template.name for template in response.templates]
    assert type(response.context["filter"]).__name__ == "MeetingFilter"


def test_invalid_field_is_marked_for_screen_readers(client):
    html = client.get(URL, {"date_after": "2026-13-45"}).content.decode()

    assert 'aria-invalid="true"' in html
    assert 'id="id_date_after_error"' in html


def test_no_match_says_so(client):
    MeetingFactory(kind="minutes")

    response = client.get(URL, {"kind": "agenda"})

    assert response.status_code == 200
    assert "Ingen møder." in response.content.decode()


def test_count_is_capped(client, monkeypatch):
    from meetings.views import MeetingListView

    monkeypatch.setattr(MeetingListView, "count_cap", 3)
    MeetingFactory.create_batch(5)

    assert "Mere end 3 møder" in client.get(URL).content.decode()


@pytest.mark.parametrize("meetings", [1, 60])
def test_query_count_does_not_grow_with_the_data_or_the_page(client, django_assert_max_num_queries, meetings):
    committee = CommitteeFactory()
    MeetingFactory.create_batch(meetings, committee=committee)
    MeetingFactory.create_batch(meetings, committee=committee, date=None)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(URL, {"municipality": committee.municipality.slug, "case": "1/2"})
    assert response.status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(URL)
    for _ in range(4):  # deep pages, both runs
        older = next_link(response, "next")
        if not older:
            break
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(URL + older)


def test_deep_pages_use_no_offset_and_count_once(client):
    MeetingFactory.create_batch(45)
    first = client.get(URL)
    second = client.get(URL + next_link(first, "next"))

    with CaptureQueriesContext(connection) as queries:
        client.get(URL + next_link(second, "next"))

    sql = [query["sql"].upper() for query in queries.captured_queries]
    assert not any("OFFSET" in statement for statement in sql)
    assert sum("COUNT(" in statement for statement in sql) == 1
