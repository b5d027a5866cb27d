"""iCalendar files per committee and for all meetings, as a calendar app reads them (icalendar)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from meetings import feeds
from tests.factories import CommitteeFactory, MeetingFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def events(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert not calendar.get_missing_tzids()  # every TZID used has its VTIMEZONE
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def committee():
    return CommitteeFactory(name="Teknik- og Miljøudvalget", slug="teknik", municipality__slug="aabenraa")


def committee_url(committee):
    return reverse(
        "committee_calendar", kwargs={"municipality": committee.municipality.slug, "slug": committee.slug}
    )


def test_timed_meeting_is_an_event_in_copenhagen_time(client, committee):
    meeting = MeetingFactory(
        committee=committee,
        date=TODAY + datetime.timedelta(days=10),
        start_time=datetime.time(14, 30),
        end_time=datetime.time(16, 0),
        location="Byrådssalen; 2. sal, Skelbækvej",
    )

    event = events(client, committee_url(committee))[f"meeting-{meeting.pk}@testserver"]

    copenhagen = ZoneInfo("Europe/Copenhagen")
    assert event.start == datetime.datetime.combine(meeting.date, datetime.time(14, 30), tzinfo=copenhagen)
    assert event.end == datetime.datetime.combine(meeting.date, datetime.time(16, 0), tzinfo=copenhagen)
    assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert str(event["LOCATION"]) == "Byrådssalen; 2. sal, Skelbækvej"  # escaped and unescaped faithfully
    assert str(event["URL"]) == f"http://testserver{meeting.get_absolute_url()}"
    assert str(event["SUMMARY"]) == "Teknik- og Miljøudvalget (Referat)"


def test_meeting_without_a_time_is_an_all_day_event(client, committee):
    meeting = MeetingFactory(
        committee=committee, date=TODAY - datetime.timedelta(days=3), start_time=None, end_time=None
    )

    event = events(client, committee_url(committee))[f"meeting-{meeting.pk}@testserver"]

    assert event.start == meeting.date
    assert event.end == meeting.date + datetime.timedelta(days=1)


def test_uid_is_stable_across_requests_and_updates(client, committee):
    meeting = MeetingFactory(committee=committee, date=TODAY)
    first = set(events(client, committee_url(committee)))
    meeting.location = "Et andet sted"
    meeting.save()

    assert set(events(client, committee_url(committee))) == first == {f"meeting-{meeting.pk}@testserver"}


def test_committee_calendar_holds_every_dated_meeting_but_no_undated_one(client, committee):
    recent = MeetingFactory(committee=committee, date=TODAY - datetime.timedelta(days=600))
    future = MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=400))
    old = MeetingFactory(committee=committee, date=TODAY - datetime.timedelta(days=3 * 365))
    oldest = MeetingFactory(committee=committee, date=datetime.date(2009, 3, 2))
    MeetingFactory(committee=committee, date=None)

    uids = set(events(client, committee_url(committee)))

    assert uids == {f"meeting-{m.pk}@testserver" for m in (recent, future, old, oldest)}


def test_all_meetings_calendar_is_capped(client, committee, monkeypatch):
    monkeypatch.setattr(feeds, "CALENDAR_LIMIT", 3)
    meetings = [
        MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=n)) for n in range(5)
    ]

    uids = set(events(client, reverse("meetings_calendar")))

    # The newest ones: a calendar shows what is coming.
    assert uids == {f"meeting-{m.pk}@testserver" for m in meetings[2:]}
    # A committee's own calendar is not capped.
    assert len(events(client, committee_url(committee))) == 5


def test_committee_page_offers_a_calendar_only_with_dated_meetings(client, committee):
    page = committee.get_absolute_url()
    assert "calendar.ics" not in client.get(page).content.decode()
    MeetingFactory(committee=committee, date=None)
    assert "calendar.ics" not in client.get(page).content.decode()
    MeetingFactory(committee=committee, date=datetime.date(2019, 5, 6))
    assert 'calendar.ics" type="text/calendar"' in client.get(page).content.decode()


def test_all_meetings_calendar_has_every_committee(client, committee):
    other = MeetingFactory(date=TODAY)
    mine = MeetingFactory(committee=committee, date=TODAY)

    uids = set(events(client, reverse("meetings_calendar")))

    assert uids == {f"meeting-{other.pk}@testserver", f"meeting-{mine.pk}@testserver"}


def test_unknown_committee_calendar_is_404(client, committee):
    assert client.get("/aabenraa/intet/calendar.ics").status_code == 404


def test_calendar_query_count_does_not_grow_with_meetings(client, committee, django_assert_max_num_queries):
    for n in range(30):
        MeetingFactory(committee=committee, date=TODAY + datetime.timedelta(days=n))

    with django_assert_max_num_queries(2):  # the committee; its meetings with committee and municipality
        client.get(committee_url(committee))
