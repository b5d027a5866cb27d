"""The read-only JSON API: every endpoint, the meeting list's filters, keyset pages, query counts."""

import pytest
from django.urls import reverse

from agenda_items.models import AgendaItem, Case
from meetings.models import Meeting
from tests.factories import (
    AgendaItemFactory,
    CaseFactory,
    CommitteeFactory,
    MeetingFactory,
    meeting_with_items,
)

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


def get(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    return response.json()


def walk(client, url, params=None):
    """Every row of a list, following `next` links."""
    rows, data = [], get(client, url, params)
    while True:
        rows += data["results"]
        if not data["next"]:
            return rows
        data = get(client, data["next"].removeprefix(BASE))


def test_root_links_every_list(client, db):
    data = get(client, "/api/")

    assert set(data) == {"municipalities", "committees", "meetings", "items", "cases", "people"}
    assert data["meetings"] == f"{BASE}/api/meetings/"


def test_municipalities_and_committees(client, seeds):
    municipalities = walk(client, "/api/municipalities/")
    aarhus = next(m for m in municipalities if m["slug"] == "aarhus")

    assert get(client, aarhus["url"].removeprefix(BASE)) == aarhus
    assert aarhus["html_url"] == f"{BASE}/aarhus/"
    committees = walk(client, "/api/committees/", {"municipality": "aarhus"})
    assert {c["municipality"]["slug"] for c in committees} == {"aarhus"}
    assert len(committees) == 2
    committee = committees[0]
    assert committee["feed_url"] == f"{committee['html_url']}feed/"
    assert committee["calendar_url"] == f"{committee['html_url']}calendar.ics"


# --- Meetings: the list's own filters -------------------------------------------------------

LIST_PARAMS = [
    {},
    {"municipality": "aarhus"},
    {"municipality": "aabenraa", "committee": "arbejdsmarkeds-og-uddannelsesudvalget"},
    {"committee": "arbejdsmarkeds-og-uddannelsesudvalget"},
    {"kind": "agenda"},
    {"kind": "minutes"},
    {"case": "25/31181"},
    {"case": "25 31181"},
    {"case": "EMN-2024-027961"},
    {"date_after": "2024-06-25"},
    {"date_before": "2024-06-25"},
    {"date_after": "2024-06-24", "date_before": "2024-06-24"},
    {"municipality": ""},
]


@pytest.mark.parametrize("params", LIST_PARAMS)
def test_meetings_filter_exactly_like_the_meeting_list(client, seeds, params):
    listed = client.get(reverse("meetings:meeting_list"), params).context["meetings"]

    rows = walk(client, "/api/meetings/", params)

    assert [row["id"] for row in rows] == [meeting.pk for meeting in listed]


INVALID_PARAMS = [
    {"municipality": "atlantis"},
    {"committee": "intet-udvalg"},
    {"date_after": "i går"},
    {"date_before": "2024-13-01"},
    {"kind": "protocol"},
    {"case": "25/\x00"},
    {"after": "garbage"},
    {"before": "2024-01-01_x"},
]


@pytest.mark.parametrize("params", INVALID_PARAMS)
def test_a_filter_the_list_refuses_is_a_400_json_answer(client, seeds, params):
    assert client.get(reverse("meetings:meeting_list"), params).status_code == 400

    data = get(client, "/api/meetings/", params, status=400)

    assert set(data) <= {
        "municipality",
        "committee",
        "date_after",
        "date_before",
        "kind",
        "case",
        "after",
        "before",
    }


@pytest.mark.parametrize("limit", ["0", "101", "-1", "ti", "1.5"])
def test_bad_limit_is_400(client, db, limit):
    get(client, "/api/meetings/", {"limit": limit}, status=400)
    get(client, "/api/items/", {"limit": limit}, status=400)


def test_meeting_fields(client, seeds):
    meeting = Meeting.objects.get(date="2026-02-03")
    row = walk(client, "/api/meetings/", {"municipality": "aabenraa"})[0]

    assert row["id"] == meeting.pk
    assert row["url"] == f"{BASE}/api/meetings/{meeting.pk}/"
    assert row["html_url"] == f"{BASE}/meetings/{meeting.pk}/"
    assert row["ocd_url"] == f"{BASE}/meetings/{meeting.pk}/ocd.json"
    assert row["kind"] == "minutes" and row["date"] == "2026-02-03" and row["start_time"] == "14:30"
    assert row["location"] == "Loungen v/byrådssalen, Skelbækvej"
    assert row["committee"]["name"] == "Arbejdsmarkeds- og Uddannelsesudvalget"
    assert row["municipality"]["slug"] == "aabenraa"


@pytest.fixture
def many_meetings(db):
    committee = CommitteeFactory()
    dated = [MeetingFactory(committee=committee) for _ in range(41)]
    # Two on one day and some undated: the cursor must tell them apart.
    dated += [MeetingFactory(committee__municipality=committee.municipality, date=dated[5].date)]
    undated = [MeetingFactory(committee=committee, date=None) for _ in range(4)]
    return dated + undated


def test_meeting_pages_walk_the_whole_list_in_order_and_back(client, many_meetings):
    listed = list(Meeting.objects.newest_first().values_list("pk", flat=True))

    pages, data = [], get(client, "/api/meetings/", {"limit": 10})
    while True:
        pages.append([row["id"] for row in data["results"]])
        if not data["next"]:
            break
        data = get(client, data["next"].removeprefix(BASE))

    assert [pk for page in pages for pk in page] == listed
    assert len(pages) == 5
    # And back again with the previous links.
    back = []
    while data["previous"]:
        data = get(client, data["previous"].removeprefix(BASE))
        back.append([row["id"] for row in data["results"]])
    assert back == pages[-2::-1]


def test_meeting_detail_lists_participants_and_items_in_order(client, seeds):
    meeting = Meeting.objects.get(date="2026-02-03")

    data = get(client, f"/api/meetings/{meeting.pk}/")

    assert [item["number"] for item in data["items"]] == [str(n) for n in range(10, 20)]
    assert "Rasmus Andresen" in [person["name"] for person in data["participants"]]
    first = data["items"][0]
    assert first["title"] == "Godkendelse af dagsorden"
    assert first["case"]["number"] == "25/31181"
    assert first["html_url"] == f"{BASE}/meetings/{meeting.pk}/punkt/10/"
    assert first["closed"] is False


def test_closed_item_shows_only_number_meeting_and_closed(client, seeds):
    item = AgendaItem.objects.filter(closed=True).select_related("meeting").first()

    data = get(client, f"/api/items/{item.pk}/")

    assert set(data) == {"id", "url", "html_url", "meeting", "number", "order", "closed"}
    assert data["closed"] is True and data["number"] == item.number
    assert data["meeting"]["id"] == item.meeting_id


@pytest.mark.parametrize(
    "path",
    [
        "/api/meetings/999999/",
        "/api/items/999999/",
        "/api/cases/999999/",
        "/api/committees/999999/",
        "/api/municipalities/999999/",
        "/api/meetings/99999999999999999999999/",
    ],
)
def test_unknown_id_is_404_json(client, db, path):
    get(client, path, status=404)


# --- Items and cases ------------------------------------------------------------------------


def test_items_of_a_meeting_and_of_a_case(client, seeds):
    meeting = Meeting.objects.get(date="2026-02-03")

    of_meeting = walk(client, "/api/items/", {"meeting": meeting.pk})
    of_case = walk(client, "/api/items/", {"case": "25-31181"})

    assert [row["number"] for row in of_meeting] == [str(n) for n in range(10, 20)]
    assert [row["number"] for row in of_case] == ["10", "18", "19"]
    assert len(walk(client, "/api/items/")) == AgendaItem.objects.count()


def test_item_pages_are_in_id_order_without_gaps(client, db):
    meeting_with_items(45)

    rows = walk(client, "/api/items/", {"limit": 7})

    assert [row["id"] for row in rows] == sorted(AgendaItem.objects.values_list("pk", flat=True))


def test_cases_and_a_case_timeline(client, seeds):
    cases = walk(client, "/api/cases/", {"number": "25/31181"})

    assert len(cases) == 1
    case = get(client, cases[0]["url"].removeprefix(BASE))
    assert case["number"] == "25/31181"
    assert [item["number"] for item in case["timeline"]] == ["10", "18", "19"]
    assert case["feed_url"] == f"{BASE}/cases/{case['id']}/feed/"
    assert case["ocd_url"] == f"{BASE}/cases/{case['id']}/ocd.json"
    # The Aarhus seed's only case number is its agenda letterhead's, which is no item's case.
    assert walk(client, "/api/cases/", {"municipality": "aarhus"}) == []
    assert len(walk(client, "/api/cases/")) == Case.objects.count()


# --- Search ---------------------------------------------------------------------------------


def test_search(client, seeds):
    data = get(client, "/api/search/", {"q": "ukrainesituationen"})

    assert data["total"] == 1 and not data["more_than_max"]
    assert data["results"][0]["item"]["number"] == "15"
    assert "<mark>" in data["results"][0]["snippet"] or data["results"][0]["snippet"] == ""
    assert data["next"] is None and data["previous"] is None


def test_search_with_the_meeting_filters(client, seeds):
    everywhere = get(client, "/api/search/", {"q": "dagsorden"})
    in_aarhus = get(client, "/api/search/", {"q": "dagsorden", "municipality": "aarhus"})

    assert 0 < in_aarhus["total"] < everywhere["total"]
    assert {hit["item"]["meeting"]["municipality"]["slug"] for hit in in_aarhus["results"]} == {"aarhus"}


def test_search_pages(client, db):
    meeting = MeetingFactory()
    for n in range(25):
        AgendaItemFactory(meeting=meeting, title=f"Vejprojekt nummer {n}")
    from search.index import refresh_search_vectors

    refresh_search_vectors()

    first = get(client, "/api/search/", {"q": "vejprojekt", "sort": "date"})
    second = get(client, first["next"].removeprefix(BASE))

    assert first["total"] == 25 and len(first["results"]) == 20 and len(second["results"]) == 5
    assert second["previous"] and second["next"] is None
    assert not {h["item"]["id"] for h in first["results"]} & {h["item"]["id"] for h in second["results"]}


def test_a_case_number_query_names_the_case(client, seeds):
    data = get(client, "/api/search/", {"q": "25/31181"})

    assert [case["number"] for case in data["cases"]] == ["25/31181"]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "x" * 501},
        {"q": "a\x00"},
        {"q": "budget", "page": "0"},
        {"q": "budget", "page": "501"},
        {"q": "budget", "section": "alt"},
        {"q": "budget", "sort": "tilfældig"},
        {"q": "budget", "municipality": "x"},
    ],
)
def test_bad_search_is_400(client, seeds, params):
    get(client, "/api/search/", params, status=400)


# --- Query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 40])
def test_meeting_detail_query_count_is_fixed(client, count, django_assert_max_num_queries):
    meeting = meeting_with_items(count)

    # The meeting; participants; items with cases; their attachments; absences; positions; history.
    with django_assert_max_num_queries(7):
        data = get(client, f"/api/meetings/{meeting.pk}/")
    assert len(data["items"]) == count


@pytest.mark.parametrize("count", [1, 40])
def test_item_list_query_count_is_fixed(client, count, django_assert_max_num_queries):
    meeting_with_items(count)

    # Items with meetings, committees, municipalities and cases; attachments; absences; positions; history.
    with django_assert_max_num_queries(5):
        data = get(client, "/api/items/", {"limit": 100})
    assert len(data["results"]) == count


@pytest.mark.parametrize("count", [1, 60])
def test_meeting_list_query_count_is_fixed(client, count, django_assert_max_num_queries):
    for _ in range(count):
        MeetingFactory()
    MeetingFactory(date=None)

    # Municipality and committee choices (MeetingFilter), the dated run, the undated run.
    with django_assert_max_num_queries(4):
        get(client, "/api/meetings/", {"limit": 100})
    cursor = f"{Meeting.objects.first().date}_1"
    with django_assert_max_num_queries(4):
        get(client, "/api/meetings/", {"limit": 20, "after": cursor})


@pytest.mark.parametrize("count", [1, 30])
def test_case_detail_and_list_query_counts_are_fixed(client, count, django_assert_max_num_queries):
    case = CaseFactory()
    for _ in range(count):
        AgendaItemFactory(case=case, meeting__committee__municipality=case.municipality)

    # The case with its municipality; its items with meetings; attachments; absences; positions; history.
    with django_assert_max_num_queries(6):
        data = get(client, f"/api/cases/{case.pk}/")
    assert len(data["timeline"]) == count
    with django_assert_max_num_queries(1):
        get(client, "/api/cases/", {"limit": 100})


def test_search_query_count_is_bounded(client, db, django_assert_max_num_queries):
    meeting_with_items(30)
    AgendaItem.objects.update(title="Skolebus til Bovrup")
    from search.index import refresh_search_vectors

    refresh_search_vectors()

    # Filter choices; the search's own queries (savepoint and time limit, match, the planner's estimate,
    # rank, facets, page, snippets); prefetches (with positions and history); cases.
    with django_assert_max_num_queries(17):
        data = get(client, "/api/search/", {"q": "skolebus", "municipality": ""})
    assert data["total"] == 30
