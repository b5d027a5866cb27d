"""/api/people/: the people the public minutes name, from real Greve minutes loaded by the importer
(tests/people/conftest.py). Expected values come from reading those documents."""

import pytest

from agenda_items.models import Position
from meetings.models import Meeting, Municipality, Person
from tests.factories import MeetingFactory, PersonFactory
from tests.feeds.conftest import SECRET
from tests.people.conftest import FEB_28, JAN_10, MAR_6, load

BASE = "http://testserver"


@pytest.fixture
def greve(db):
    """Three Økonomiudvalget meetings of Greve, as tests/people/conftest.py's `greve`."""
    load(JAN_10, FEB_28, MAR_6)


def get(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    return response.json()


def walk(client, params=None):
    """Every row of /api/people/, following `next` links."""
    rows, data = [], get(client, "/api/people/", params)
    while True:
        rows += data["results"]
        if not data["next"]:
            return rows
        data = get(client, data["next"].removeprefix(BASE))


def person(name):
    return Person.objects.get(municipality__slug="greve", name=name)


def names(rows):
    return {row["name"] for row in rows}


def test_a_participant_is_listed_with_the_party_letter_the_minutes_print(client, greve):
    rows = walk(client)
    # Økonomiudvalget's participants ("Moededeltagere") print no letters; the positions do:
    # "Mehmet Zeki Dogru (Ø) stemte imod" (28 February 2022, item 8), "John T. Olsen (A) undlod",
    # "Liselott Blixt (UP)" (6 March 2023, item 3: a local list, no national party).
    mehmet = next(row for row in rows if row["name"] == "Mehmet Zeki Dogru")
    pk = person("Mehmet Zeki Dogru").pk
    assert mehmet == {
        "id": pk,
        "url": f"{BASE}/api/people/{pk}/",
        "html_url": f"{BASE}/greve/personer/{pk}/",
        "name": "Mehmet Zeki Dogru",
        "party": "Ø",
        "party_name": "Enhedslisten",
        "municipality": {
            "id": Municipality.objects.get(slug="greve").pk,
            "url": f"{BASE}/api/municipalities/{Municipality.objects.get(slug='greve').pk}/",
            "name": "Greve",
            "slug": "greve",
        },
    }
    parties = {row["name"]: (row["party"], row["party_name"]) for row in rows}
    assert parties["John T. Olsen"] == ("A", "Socialdemokratiet")
    assert parties["Liselott Blixt"] == ("UP", "")
    assert [row["id"] for row in rows] == sorted(row["id"] for row in rows)
    assert client.get(mehmet["html_url"].removeprefix(BASE)).status_code == 200


def test_the_list_is_the_people_page(client, greve):
    # One definition (Person.objects.public()) for both: the page links exactly the people listed.
    page = client.get("/greve/personer/").content.decode()
    for row in walk(client, {"municipality": "greve"}):
        assert f'<a href="{row["html_url"].removeprefix(BASE)}">' in page
    assert {p.pk for p in client.get("/greve/personer/").context["people"]} == {
        row["id"] for row in walk(client)
    }


def test_someone_known_only_from_a_closed_item_is_not_there(client, greve):
    municipality = Municipality.objects.get(slug="greve")
    # 28 February 2022, items 2-4 are closed (lukket punkt); 10 January 2022, item 3.
    closed = Meeting.objects.get(date="2022-02-28").items.get(number="2")
    assert closed.closed
    hidden = Person.objects.create(municipality=municipality, name="Skjult Person", party="B")
    closed.absences.add(hidden)
    named = Person.objects.create(municipality=municipality, name="Navngivet Lukket", party="B")
    Position.objects.create(item=closed, who="Navngivet Lukket (B)", stance="against", person=named)

    assert not names(walk(client)) & {"Skjult Person", "Navngivet Lukket"}
    assert walk(client, {"party": "B"}) == []
    for pk in (hidden.pk, named.pk):
        assert "detail" in get(client, f"/api/people/{pk}/", status=404)
        assert client.get(f"/greve/personer/{pk}/").status_code == 404


def test_absent_from_or_named_on_an_open_item_is_enough(client, greve):
    municipality = Municipality.objects.get(slug="greve")
    item = Meeting.objects.get(date="2022-02-28").items.get(number="8")
    assert not item.closed
    absent = Person.objects.create(municipality=municipality, name="Kun Fraværende")
    item.absences.add(absent)
    named = Person.objects.create(municipality=municipality, name="Kun Navngivet")
    Position.objects.create(item=item, who="Kun Navngivet", stance="for", person=named)

    assert {"Kun Fraværende", "Kun Navngivet"} <= names(walk(client))


def test_a_participant_of_an_agenda_only_is_not_there(client, greve):
    # An agenda (dagsorden) names who is invited, not who came: no attendance, no page, not listed.
    municipality = Municipality.objects.get(slug="greve")
    agenda = MeetingFactory(committee__municipality=municipality, kind=Meeting.Kind.AGENDA)
    invited = Person.objects.create(municipality=municipality, name="Kun Indkaldt", party="V")
    agenda.participants.add(invited)

    assert "Kun Indkaldt" not in names(walk(client))
    assert "detail" in get(client, f"/api/people/{invited.pk}/", status=404)
    assert client.get(f"/greve/personer/{invited.pk}/").status_code == 404
    assert "Kun Indkaldt" not in client.get("/greve/personer/").content.decode()


def test_the_closed_item_fixture_keeps_its_person(client, secret):
    # tests/feeds/conftest.py: "TOPHEMMELIGT Person" is absent from a closed item, and nothing else.
    body = client.get("/api/people/", {"limit": 100}).content.decode()
    assert SECRET not in body
    hidden = Person.objects.get(name=f"{SECRET} Person")
    assert client.get(f"/api/people/{hidden.pk}/").status_code == 404


def test_detail_attendance_and_positions_are_the_person_page_s(client, greve):
    mehmet = person("Mehmet Zeki Dogru")
    data = get(client, f"/api/people/{mehmet.pk}/")

    # A participant of all three meetings; on 10 January 2022 "Fraværende: Mehmet Zeki Dogru" under
    # both open items with a decision (items 1 and 2; 3 is closed, 4 has no text): missed.
    assert data["attendance"] == {"attended": 2, "partly": 0, "missed": 1, "total": 3}
    assert data["attendance_by_year"] == [
        {"attended": 1, "partly": 0, "missed": 0, "total": 1, "year": 2023},
        {"attended": 1, "partly": 0, "missed": 1, "total": 2, "year": 2022},
    ]
    # 6 March 2023, item 3: "Mehmet Zeki Dogru (Ø) stemmer for." and twice "... og Mehmet Zeki Dogru
    # (Ø) stemmer for."; 28 February 2022, item 8: "Mehmet Zeki Dogru (Ø) stemte imod ...", and item
    # 16 (Cykelstiprojekter med puljemidler 2021): "Mehmet Zeki Dogru (Ø) anbefaler administrationens
    # indstilling."
    assert data["positions_by_stance"] == {"for": 4, "against": 1, "reservation": 0, "abstained": 0}

    # The same figures as the person's page.
    context = client.get(mehmet.get_absolute_url()).context
    assert data["attendance"] == context["totals"]
    assert data["attendance_by_year"] == [dict(row) for row in context["years"]]
    assert {k: v for k, v in data["positions_by_stance"].items() if v} == {
        row["stance"]: row["count"] for row in context["stances"]
    }
    # "Fraværende: Brigitte Klintskov Jerkel" under item 1 only of 28 February 2022: partly there.
    brigitte = get(client, f"/api/people/{person('Brigitte Klintskov Jerkel').pk}/")
    assert brigitte["attendance"] == {"attended": 2, "partly": 1, "missed": 0, "total": 3}
    assert brigitte["party"] == "" and brigitte["party_name"] == ""


def test_municipality_and_party_filters(client, greve):
    other = MeetingFactory(committee__municipality__slug="andeby", committee__municipality__name="Andeby")
    duck = PersonFactory(municipality=other.committee.municipality, name="Anders And", party="Ø")
    other.participants.add(duck)
    everyone = names(walk(client))
    assert "Anders And" in everyone and "Mehmet Zeki Dogru" in everyone

    greve_people = walk(client, {"municipality": "greve"})
    assert {row["municipality"]["slug"] for row in greve_people} == {"greve"}
    assert names(greve_people) == everyone - {"Anders And"}
    assert names(walk(client, {"municipality": "andeby"})) == {"Anders And"}
    assert walk(client, {"municipality": "ingen-by"}) == []

    for party in ("Ø", "ø", "Enhedslisten", "enhedslisten"):
        assert names(walk(client, {"party": party})) == {"Mehmet Zeki Dogru", "Anders And"}, party
    assert names(walk(client, {"party": "Ø", "municipality": "greve"})) == {"Mehmet Zeki Dogru"}
    assert names(walk(client, {"party": "UP"})) == {"Liselott Blixt"}
    assert names(walk(client, {"party": "Socialdemokratiet"})) == {"John T. Olsen"}
    assert walk(client, {"party": "Piratpartiet"}) == []


def test_bad_ids_are_json_404s(client, greve):
    for pk in ("999999", "abc", "1.5", "-1"):
        get(client, f"/api/people/{pk}/", status=404)


def test_pages_follow_ids(client, greve):
    everyone = walk(client)
    first = get(client, "/api/people/", {"limit": 3})
    assert first["results"] == everyone[:3]
    assert first["previous"] is None
    second = get(client, first["next"].removeprefix(BASE))
    assert second["results"] == everyone[3:6]


def test_query_counts_are_bounded(client, greve, django_assert_max_num_queries):
    municipality = Municipality.objects.get(slug="greve")
    meeting = Meeting.objects.get(date="2022-02-28")
    for n in range(40):
        meeting.participants.add(PersonFactory(municipality=municipality, name=f"Medlem {n}"))

    # A page of 47 people: the people with their municipality, in one query, whatever their number.
    with django_assert_max_num_queries(2):
        data = get(client, "/api/people/", {"limit": 100, "municipality": "greve", "party": "A"})
    with django_assert_max_num_queries(2):
        data = get(client, "/api/people/", {"limit": 100})
    assert len(data["results"]) == 47
    # A person: the person, attendance (meetings, absences, items with a decision), stance counts.
    url = f"/api/people/{person('Mehmet Zeki Dogru').pk}/"
    with django_assert_max_num_queries(5):
        get(client, url)
