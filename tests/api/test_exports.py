"""Open-data exports: Open Civic Data JSON per meeting and per case, CSV of the meeting list and a search."""

import csv
import io

import pytest
from django.urls import reverse

from agenda_items.models import AgendaItem, Case
from api import exports
from meetings.models import Meeting
from tests.factories import AgendaItemFactory, CaseFactory, MeetingFactory, meeting_with_items

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


def ocd(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")  # so Excel reads UTF-8 (æøå)
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff")), delimiter=";"))


# --- OCD Event ------------------------------------------------------------------------------


def test_meeting_as_an_ocd_event(client, seeds):
    meeting = Meeting.objects.get(date="2026-02-03")

    event = ocd(client, reverse("meeting_ocd", kwargs={"pk": meeting.pk}))

    assert event["_type"] == "event"
    assert event["id"].startswith("ocd-event/")
    assert event["name"] == "Arbejdsmarkeds- og Uddannelsesudvalget – Referat"
    assert event["classification"] == "committee-meeting"
    assert event["start_date"] == "2026-02-03T14:30:00+01:00"
    assert event["end_date"] is None and event["all_day"] is False
    assert event["location"]["name"] == "Loungen v/byrådssalen, Skelbækvej"
    assert event["participants"][0] == {
        "name": "Arbejdsmarkeds- og Uddannelsesudvalget",
        "entity_type": "organization",
        "note": "host",
    }
    assert {"name": "Rasmus Andresen", "entity_type": "person", "note": "participant"} in event[
        "participants"
    ]
    assert [a["order"] for a in event["agenda"]] == [str(n) for n in range(10, 20)]
    first = event["agenda"][0]
    assert first["description"] == "Godkendelse af dagsorden"
    assert first["related_entities"] == [
        {
            "entity_type": "bill",
            "name": "25/31181",
            "note": "consideration",
            "url": f"{BASE}{Case.objects.by_number('25/31181').get().get_absolute_url()}",
        }
    ]
    assert "Beslutning: Godkendt." in first["notes"]
    assert event["sources"] == [{"url": f"{BASE}/meetings/{meeting.pk}/", "note": "Referatarkivet"}]


def test_ocd_ids_are_stable_and_distinct(client, seeds):
    first, second = Meeting.objects.order_by("pk")[:2]
    url = reverse("meeting_ocd", kwargs={"pk": first.pk})

    assert ocd(client, url)["id"] == ocd(client, url)["id"]
    assert ocd(client, url)["id"] != ocd(client, reverse("meeting_ocd", kwargs={"pk": second.pk}))["id"]


def test_closed_item_in_an_ocd_event_is_its_number_only(client, seeds):
    meeting = Meeting.objects.get(kind="agenda")

    agenda = ocd(client, reverse("meeting_ocd", kwargs={"pk": meeting.pk}))["agenda"]

    closed = [entry for entry in agenda if entry["extras"]["closed"]]
    assert [entry["order"] for entry in closed] == ["6", "7"]
    assert closed[0]["description"] == "Lukket punkt"
    assert set(closed[0]["extras"]) == {"archive_id", "number", "closed", "url"}


def test_undated_meeting_has_no_start(client, seeds):
    meeting = Meeting.objects.get(date=None)

    event = ocd(client, reverse("meeting_ocd", kwargs={"pk": meeting.pk}))

    assert event["start_date"] is None and event["all_day"] is False


def test_ocd_export_of_an_unknown_meeting_is_404(client, db):
    assert client.get("/meetings/999999/ocd.json").status_code == 404


@pytest.mark.parametrize("count", [1, 40])
def test_ocd_event_query_count_is_fixed(client, count, django_assert_max_num_queries):
    meeting = meeting_with_items(count)

    with django_assert_max_num_queries(7):  # + the items' positions and history
        event = ocd(client, reverse("meeting_ocd", kwargs={"pk": meeting.pk}))
    assert len(event["agenda"]) == count


# --- OCD Bill -------------------------------------------------------------------------------


def test_case_as_an_ocd_bill_with_an_action_per_item(client, seeds):
    case = Case.objects.by_number("25/31181").get()

    bill = ocd(client, reverse("case_ocd", kwargs={"pk": case.pk}))

    assert bill["_type"] == "bill"
    assert bill["identifier"] == "25/31181"
    assert bill["title"] == "Underskriftsside"
    assert {t["title"] for t in bill["other_titles"]} == {
        "Godkendelse af dagsorden",
        "Orientering fra formanden og forvaltningen",
    }
    assert [a["date"] for a in bill["actions"]] == ["2026-02-03"] * 3
    assert bill["actions"][0]["description"] == "Punkt 10: Godkendelse af dagsorden"
    assert bill["actions"][0]["organization"] == "Arbejdsmarkeds- og Uddannelsesudvalget"
    assert bill["sources"] == [{"url": f"{BASE}/cases/{case.pk}/", "note": "Referatarkivet"}]


def test_case_bill_follows_the_case_over_meetings(client, db):
    case = CaseFactory()
    for month in (3, 1, 2):
        meeting = MeetingFactory(date=f"2025-0{month}-01", committee__municipality=case.municipality)
        AgendaItemFactory(meeting=meeting, case=case)

    bill = ocd(client, reverse("case_ocd", kwargs={"pk": case.pk}))

    assert [a["date"] for a in bill["actions"]] == ["2025-01-01", "2025-02-01", "2025-03-01"]


def test_case_export_of_a_case_only_closed_items_hold_is_404(client, secret):
    hidden = Case.objects.by_number("99/66666").get()

    assert client.get(reverse("case_ocd", kwargs={"pk": hidden.pk})).status_code == 404


# --- CSV ------------------------------------------------------------------------------------


def test_meeting_list_csv_has_the_lists_meetings_and_columns(client, seeds):
    rows = read_csv(client.get(reverse("meeting_list_csv"), {"municipality": "aarhus"}))

    assert rows[0] == [
        "id",
        "url",
        "kommune",
        "udvalg",
        "type",
        "dato",
        "starttid",
        "sluttid",
        "mødested",
        "opdateret",
    ]
    listed = client.get(reverse("meetings:meeting_list"), {"municipality": "aarhus"}).context["meetings"]
    assert [int(row[0]) for row in rows[1:]] == [m.pk for m in listed]
    agenda = next(row for row in rows if row[4] == "Dagsorden")
    assert agenda[2:9] == [
        "Aarhus",
        "Social- og Beskæftigelsesudvalget",
        "Dagsorden",
        "2024-06-26",
        "17:50",
        "19:45",
        "Rådhuset, lokale 398",
    ]


def test_meeting_list_csv_streams_every_meeting_in_batches(client, db, monkeypatch):
    monkeypatch.setattr(exports, "CSV_BATCH", 4)
    for _ in range(9):
        MeetingFactory()
    MeetingFactory(date=None)

    rows = read_csv(client.get(reverse("meeting_list_csv")))

    assert [int(row[0]) for row in rows[1:]] == list(
        Meeting.objects.newest_first().values_list("pk", flat=True)
    )


def test_meeting_list_csv_refuses_a_bad_filter(client, seeds):
    assert client.get(reverse("meeting_list_csv"), {"municipality": "atlantis"}).status_code == 400


def test_search_csv_has_the_hits(client, seeds):
    rows = read_csv(client.get(reverse("search_csv"), {"q": "ukrainesituationen"}))

    assert rows[0] == [
        "id",
        "url",
        "kommune",
        "udvalg",
        "dato",
        "type",
        "punkt",
        "titel",
        "sag",
        "uddrag",
        "udfald",
        "holdninger",
    ]
    item = AgendaItem.objects.get(number="15", meeting__committee__municipality__slug="aabenraa")
    assert rows[1][:9] == [
        str(item.pk),
        f"{BASE}{item.get_absolute_url()}",
        "Aabenraa",
        "Arbejdsmarkeds- og Uddannelsesudvalget",
        "2026-02-03",
        "Referat",
        "15",
        "Orientering om status på ukrainesituationen",
        "24/34838",
    ]
    assert "<mark>" not in rows[1][9]
    assert len(rows) == 2


def test_search_csv_goes_past_the_first_page(client, db):
    meeting = MeetingFactory()
    for n in range(45):
        AgendaItemFactory(meeting=meeting, title=f"Cykelsti etape {n}")
    from search.index import refresh_search_vectors

    refresh_search_vectors()

    rows = read_csv(client.get(reverse("search_csv"), {"q": "cykelsti"}))

    assert len(rows) == 1 + 45
    assert len({row[0] for row in rows[1:]}) == 45


def test_csv_cells_that_look_like_formulas_are_text(client, db):
    AgendaItemFactory(title='=HYPERLINK("http://x")', decision="Cykelsti")
    from search.index import refresh_search_vectors

    refresh_search_vectors()

    rows = read_csv(client.get(reverse("search_csv"), {"q": "hyperlink"}))

    assert rows[1][7] == '\'=HYPERLINK("http://x")'


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "a\x00"}, {"q": "x", "date_after": "nej"}])
def test_search_csv_without_a_usable_search_is_400(client, db, params):
    assert client.get(reverse("search_csv"), params).status_code == 400
