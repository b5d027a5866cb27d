import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    AgendaItemFactory,
    CaseFactory,
    CommitteeFactory,
    MeetingFactory,
    MunicipalityFactory,
)

pytestmark = pytest.mark.django_db

LOOKUP = reverse("agenda_items:case_lookup")
CASE_QUERIES = 4  # the case with its municipality; its items with meetings etc.; positions; history
LOOKUP_QUERIES = 1


@pytest.fixture
def case():
    municipality = MunicipalityFactory(name="Aabenraa Kommune", slug="aabenraa")
    case = CaseFactory(municipality=municipality, number="25/31181")
    AgendaItemFactory(case=case, meeting__committee__municipality=municipality)
    return case


def test_case_urls():
    assert LOOKUP == "/cases/"
    assert reverse("agenda_items:case", kwargs={"pk": 5}) == "/cases/5/"


@pytest.mark.parametrize("printed", ["25/31181", "25-31181", " 25 / 31181 ", "25.31181"])
def test_lookup_redirects_to_the_case_page_whatever_the_separator(client, case, printed):
    response = client.get(LOOKUP, {"number": printed})

    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"


def test_lookup_offers_a_choice_when_two_municipalities_have_the_number(client, case):
    aarhus = MunicipalityFactory(name="Aarhus Kommune", slug="aarhus")
    other = CaseFactory(municipality=aarhus, number="25-31181")
    AgendaItemFactory(case=other, meeting__committee__municipality=aarhus)

    response = client.get(LOOKUP, {"number": "25/31181"})
    html = response.content.decode()

    assert response.status_code == 200
    assert f'href="/cases/{case.pk}/"' in html and "Aabenraa Kommune" in html
    assert f'href="/cases/{other.pk}/"' in html and "Aarhus Kommune" in html


@pytest.mark.parametrize(
    "params", [{"number": "99/99999"}, {"number": ""}, {"number": "//"}, {"number": "25/\x00"}, {}]
)
def test_unknown_or_missing_number_is_a_friendly_404_with_a_form(client, case, params):
    response = client.get(LOOKUP, params)
    html = response.content.decode()

    assert response.status_code == 404
    assert "Sagen blev ikke fundet" in html
    assert 'action="/cases/" method="get"' in html and 'name="number"' in html


def test_lookup_query_count(client, case, django_assert_max_num_queries):
    with django_assert_max_num_queries(LOOKUP_QUERIES):
        client.get(LOOKUP, {"number": "25/31181"})


def test_case_page_is_a_timeline_across_meetings_and_committees(client, case):
    municipality = case.municipality
    committee_a = CommitteeFactory(municipality=municipality, name="Arbejdsmarkedsudvalget")
    committee_b = CommitteeFactory(municipality=municipality, name="Økonomiudvalget")
    case.items.all().delete()
    undated = AgendaItemFactory(
        case=case, meeting=MeetingFactory(committee=committee_a, date=None), title="Uden dato"
    )
    late = AgendaItemFactory(
        case=case,
        meeting=MeetingFactory(committee=committee_b, date=datetime.date(2026, 2, 17), kind="agenda"),
        title="Orientering af Økonomiudvalget",
        recommendation="at orienteringen tages til efterretning.",
        decision="",
    )
    early = AgendaItemFactory(
        case=case,
        meeting=MeetingFactory(committee=committee_a, date=datetime.date(2026, 2, 3)),
        title="Godkendelse af Årsberetning 2025",
        recommendation="at årsberetningen godkendes.",
        decision="Godkendt.",
    )

    response = client.get(reverse("agenda_items:case", kwargs={"pk": case.pk}))
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1>Sag 25/31181</h1>" in html
    positions = [html.index(f'href="{item.get_absolute_url()}"') for item in (early, late, undated)]
    assert positions == sorted(positions)
    assert "3. februar 2026" in html and "17. februar 2026" in html
    assert "Arbejdsmarkedsudvalget" in html and "Økonomiudvalget" in html
    assert "Dagsorden" in html and "Referat" in html
    assert "at årsberetningen godkendes." in html and "Godkendt." in html
    assert "3 gange" in html


def test_unknown_case_is_404(client):
    assert client.get("/cases/999999/").status_code == 404
    assert client.get("/cases/99999999999999999999999/").status_code == 404


@pytest.mark.parametrize("items", [1, 40])
def test_case_page_query_count_is_fixed(client, django_assert_max_num_queries, case, items):
    for _ in range(items - 1):
        AgendaItemFactory(case=case, meeting__committee__municipality=case.municipality)

    with django_assert_max_num_queries(CASE_QUERIES):
        response = client.get(case.get_absolute_url())

    assert response.content.decode().count('class="timeline__entry"') == items
