"""The outcome facet and filter of search, on real Greve minutes (see conftest.py)."""

import csv
import io

from django.http import QueryDict
from django.urls import reverse

from agenda_items.models import AgendaItem
from search.request import SearchRequest as _SearchRequest


def SearchRequest(params):  # noqa: N802  (a query string as a dict)
    query = QueryDict(mutable=True)
    query.update(params)
    return _SearchRequest(query)


def test_the_outcome_filter_narrows_a_search(greve):
    # "Økonomiudvalget" is in most decisions of the three meetings; one was sent back (28 February
    # 2022, item 7: "Sagen sendes tilbage til fornyet behandling i administrationen ...").
    everything = SearchRequest({"q": "administrationen"}).run()
    sent_back = SearchRequest({"q": "administrationen", "outcome": "sent_back"}).run()

    assert everything.total > sent_back.total == 1
    assert sent_back.hits[0].item.title == "Evaluering af afholdelsen af Kommunal- og Regionsrådsvalget 2021"
    facet = {row["outcome"]: row["count"] for row in everything.outcomes}
    assert facet["sent_back"] == 1
    assert sum(facet.values()) == everything.total  # every hit has a decision here


def test_an_outcome_lists_decisions_without_a_query(greve):
    results = SearchRequest({"outcome": "sent_back"}).run()
    assert [(h.item.meeting.date.isoformat(), h.item.number) for h in results.hits] == [("2022-02-28", "7")]
    # An unknown outcome is no filter, and without a query there is then nothing to run.
    assert not SearchRequest({"outcome": "sunk"}).runnable


def test_the_search_page_shows_the_facet_and_the_committee_page_links_to_it(client, greve):
    page = client.get(reverse("search"), {"q": "administrationen"}).content.decode()
    assert "<h3>Udfald</h3>" in page
    assert "outcome=sent_back" in page and "Sendt tilbage</a> (1)" in page

    committee = AgendaItem.objects.get(meeting__date="2022-02-28", number="7").meeting.committee
    page = client.get(committee.get_absolute_url()).content.decode()
    link = f"/search/?municipality=greve&amp;committee={committee.slug}&amp;outcome=sent_back"
    assert f'<a href="{link}">Sendt tilbage</a> (1)' in page
    listed = client.get(link.replace("&amp;", "&")).content.decode()
    assert "Evaluering af afholdelsen af Kommunal- og Regionsrådsvalget 2021" in listed
    assert "1 punkt" in listed


def test_the_api_carries_outcome_and_positions(client, greve):
    item = AgendaItem.objects.get(meeting__date="2022-02-28", number="8")
    data = client.get(reverse("api:item-detail", kwargs={"pk": item.pk})).json()
    assert data["outcome"] == "recommended" and data["outcome_target"] == ""
    assert [(p["who"], p["stance"], p["party"]) for p in data["positions"]] == [
        ("John T. Olsen (A)", "abstained", "Socialdemokratiet"),
        ("Mehmet Zeki Dogru (Ø)", "against", "Enhedslisten"),
    ]
    assert all(p["person"] for p in data["positions"])


def test_the_search_export_carries_outcome_and_positions(client, greve):
    # 28 February 2022, item 8: "Anbefales" with John T. Olsen (A) abstaining and Mehmet Zeki Dogru
    # (Ø) voting against (as the API test above reads them).
    response = client.get(
        reverse("search_csv"),
        {"outcome": "recommended", "date_after": "2022-02-28", "date_before": "2022-02-28"},
    )
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    header, row = rows[0], next(r for r in rows[1:] if r[6] == "8")
    assert header[-2:] == ["udfald", "holdninger"]
    assert row[-2] == str(AgendaItem.Outcome.RECOMMENDED.label)
    assert row[-1] == "Undlod at stemme: John T. Olsen (A); Imod: Mehmet Zeki Dogru (Ø)"
