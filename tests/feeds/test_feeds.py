"""Atom feeds as a feed reader sees them (feedparser): case, committee, meeting list and search."""

import feedparser
import pytest
from django.urls import reverse

from agenda_items.models import AgendaItem, Case
from meetings.models import Committee, Meeting

from .conftest import case_item, import_meeting

pytestmark = pytest.mark.django_db


def read(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def case_feed_url(number="25/31181"):
    return reverse("case_feed", kwargs={"pk": Case.objects.by_number(number).get().pk})


def absolute(path):
    return f"http://testserver{path}"


# --- Case feed ------------------------------------------------------------------------------


def test_case_feed_has_an_entry_per_item_on_the_case_after_the_seeds(client, seeds):
    feed = read(client, case_feed_url())

    assert len(feed.entries) == 3
    items = AgendaItem.objects.filter(case__normalized="25/31181").order_by("order")
    # Entry ids are the items' own addresses: stable, citable, the link a reader follows.
    assert [entry.id for entry in feed.entries] == [absolute(item.get_absolute_url()) for item in items]
    assert [entry.link for entry in feed.entries] == [entry.id for entry in feed.entries]
    assert feed.entries[0].title.startswith("Punkt 10: Godkendelse af dagsorden")
    assert "3. februar 2026" in feed.entries[0].title
    assert "Godkendt." in feed.entries[0].summary
    assert feed.feed.title == "Sag 25/31181 · Aabenraa"
    assert feed.feed.link == absolute(Case.objects.by_number("25/31181").get().get_absolute_url())


def test_a_new_meeting_with_the_case_adds_one_entry_newest_first(client, seeds):
    before = read(client, case_feed_url())
    import_meeting("2026-03-03", case_item("20"), case_item("21", case_number="25/99999", title="Andet"))

    after = read(client, case_feed_url())

    assert len(after.entries) == 4
    new = AgendaItem.objects.get(number="20", meeting__date="2026-03-03")
    assert after.entries[0].id == absolute(new.get_absolute_url())
    assert [entry.id for entry in after.entries[1:]] == [entry.id for entry in before.entries]


def test_reimporting_the_seeds_keeps_entry_ids_and_adds_nothing(client, seeds):
    before = read(client, case_feed_url())
    from django.core.management import call_command

    from .conftest import SEEDS

    call_command("import_minutes", *map(str, SEEDS), verbosity=0)
    after = read(client, case_feed_url())

    assert [entry.id for entry in after.entries] == [entry.id for entry in before.entries]


def test_entry_is_updated_when_its_meeting_is(client, seeds):
    meeting = Meeting.objects.get(date="2026-02-03")
    feed = read(client, case_feed_url())

    assert feed.entries[0].updated_parsed[:6] == meeting.updated.utctimetuple()[:6]


def test_closed_items_on_the_case_are_not_entries(client, secret):
    feed = read(client, case_feed_url("24/11111"))

    assert [entry.title.split(" (")[0] for entry in feed.entries] == [
        "Punkt 1: Åbent punkt om budgettet",
        "Punkt 6: Opfølgning på budgettet",
    ]


def test_case_feed_is_404_for_a_case_seen_only_on_closed_items_or_unknown(client, secret):
    hidden = Case.objects.by_number("99/66666").get()

    assert client.get(reverse("case_feed", kwargs={"pk": hidden.pk})).status_code == 404
    assert client.get(reverse("case_feed", kwargs={"pk": 999_999})).status_code == 404


def test_item_text_is_escaped_once_as_html(client, db):
    import_meeting("2026-03-03", case_item("1", decision="<script>alert(1)</script> & <b>fed</b>"))

    feed = read(client, case_feed_url())

    # feedparser sanitises HTML; the point is that the text arrives as text, not as markup.
    summary = feed.entries[0].summary
    assert "&lt;script&gt;" in summary and "&lt;b&gt;fed&lt;/b&gt;" in summary


# --- Committee feed -------------------------------------------------------------------------


def committee_feed_url(name="Arbejdsmarkeds- og Uddannelsesudvalget"):
    committee = Committee.objects.select_related("municipality").get(name=name)
    return reverse(
        "committee_feed", kwargs={"municipality": committee.municipality.slug, "slug": committee.slug}
    )


def test_committee_feed_lists_its_meetings_and_a_new_one_first(client, seeds):
    assert len(read(client, committee_feed_url()).entries) == 1

    new = import_meeting("2026-03-03", case_item("20"))
    feed = read(client, committee_feed_url())

    assert len(feed.entries) == 2
    assert feed.entries[0].id == absolute(new.get_absolute_url())
    assert feed.entries[0].title == "Arbejdsmarkeds- og Uddannelsesudvalget – Referat, 3. marts 2026"
    assert "Byrådssalen" in feed.entries[0].summary


def test_committee_feed_is_404_for_an_unknown_committee(client, seeds):
    assert client.get("/aabenraa/intet-udvalg/feed/").status_code == 404


# --- Meeting list feed ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"municipality": "aarhus"},
        {"kind": "agenda"},
        {"case": "25/31181"},
        {"date_after": "2024-06-25"},
        {"municipality": "aarhus", "date_before": "2024-06-25"},
    ],
)
def test_meeting_list_feed_has_the_meetings_the_list_shows(client, seeds, params):
    listed = client.get(reverse("meetings:meeting_list"), params).context["meetings"]

    feed = read(client, reverse("meeting_list_feed"), params)

    assert [entry.id for entry in feed.entries] == [absolute(m.get_absolute_url()) for m in listed]


def test_meeting_list_feed_ignores_the_lists_page_cursor(client, seeds):
    plain = read(client, reverse("meeting_list_feed"), {"municipality": "aarhus"})
    paged = read(client, reverse("meeting_list_feed"), {"municipality": "aarhus", "after": "2024-06-26_3"})

    assert [e.id for e in paged.entries] == [e.id for e in plain.entries]


@pytest.mark.parametrize(
    "params", [{"municipality": "atlantis"}, {"date_after": "i morgen"}, {"kind": "x"}, {"case": "25/\x00"}]
)
def test_meeting_list_feed_refuses_a_filter_the_list_refuses(client, seeds, params):
    assert client.get(reverse("meetings:meeting_list"), params).status_code == 400

    assert client.get(reverse("meeting_list_feed"), params).status_code == 400


def test_meeting_list_feed_names_its_filters_and_links_to_the_list(client, seeds):
    feed = read(client, reverse("meeting_list_feed"), {"municipality": "aarhus"})

    assert feed.feed.title == "Møder (Kommune: aarhus) · Referatarkivet"
    assert feed.feed.link == absolute("/meetings/?municipality=aarhus")


# --- Search feed ----------------------------------------------------------------------------


def test_search_feed_has_the_searchs_hits(client, seeds):
    feed = read(client, reverse("search_feed"), {"q": "ukrainesituationen"})

    item = AgendaItem.objects.get(number="15", meeting__committee__municipality__slug="aabenraa")
    assert [entry.id for entry in feed.entries] == [absolute(item.get_absolute_url())]
    assert feed.feed.title == "Søgning: ukrainesituationen · Referatarkivet"


def test_search_feed_lists_no_hits_of_a_suggestion(client, seeds):
    # "Mente du ukrainesituationen?" and the search without the unknown word are the page's offer,
    # not matches of the search the feed follows.
    for q in ("ukrianesituationen", "ukrainesituationen xyzzyq"):
        assert client.get("/search/", {"q": q}).context["results"].fuzzy
        assert read(client, reverse("search_feed"), {"q": q}).entries == []


def test_search_feed_keeps_the_search_filters(client, seeds):
    everywhere = read(client, reverse("search_feed"), {"q": "dagsorden"})
    in_aarhus = read(client, reverse("search_feed"), {"q": "dagsorden", "municipality": "aarhus"})

    assert len(in_aarhus.entries) < len(everywhere.entries)
    assert all("Aarhus" in entry.summary for entry in in_aarhus.entries)


def test_search_feed_for_a_case_number_leads_to_the_case_feed(client, seeds):
    response = client.get(reverse("search_feed"), {"q": "25/31181"})

    assert response.status_code == 302
    assert response["Location"] == case_feed_url()


@pytest.mark.parametrize(
    "params", [{}, {"q": " "}, {"q": "budget", "municipality": "atlantis"}, {"q": "a\x00b"}]
)
def test_search_feed_without_a_usable_search_is_400(client, seeds, params):
    assert client.get(reverse("search_feed"), params).status_code == 400


# --- Pages advertise their feeds ------------------------------------------------------------


def test_case_page_advertises_its_feed(client, seeds):
    case = Case.objects.by_number("25/31181").get()
    html = client.get(case.get_absolute_url()).content.decode()
    url = reverse("case_feed", kwargs={"pk": case.pk})

    assert f'<link rel="alternate" type="application/atom+xml" href="{url}"' in html
    assert f'<a href="{url}" type="application/atom+xml">Følg sagen</a>' in html


def test_committee_page_advertises_its_feed_and_calendar(client, seeds):
    committee = Committee.objects.get(name="Arbejdsmarkeds- og Uddannelsesudvalget")
    html = client.get(committee.get_absolute_url()).content.decode()

    assert f'<link rel="alternate" type="application/atom+xml" href="{committee_feed_url()}"' in html
    assert f'<a href="{committee_feed_url()}" type="application/atom+xml">Følg udvalgets møder</a>' in html
    assert 'calendar.ics" type="text/calendar"' in html


def test_meeting_list_advertises_a_feed_with_its_filters(client, seeds):
    html = client.get(
        reverse("meetings:meeting_list"), {"municipality": "aarhus", "kind": "agenda"}
    ).content.decode()

    href = "/meetings/feed/?municipality=aarhus&amp;kind=agenda"
    assert f'<link rel="alternate" type="application/atom+xml" href="{href}"' in html
    assert f'<a href="{href}" type="application/atom+xml">Følg nye møder med dette filter</a>' in html
    assert 'href="/meetings/export.csv?municipality=aarhus&amp;kind=agenda"' in html


def test_search_page_advertises_a_feed_of_the_search(client, seeds):
    html = client.get(reverse("search"), {"q": "dagsorden"}).content.decode()

    assert '<link rel="alternate" type="application/atom+xml" href="/search/feed/?q=dagsorden"' in html
    assert '<a href="/search/feed/?q=dagsorden" type="application/atom+xml">Følg søgningen</a>' in html
    assert 'href="/search/export.csv?q=dagsorden"' in html


def test_feed_links_are_translated(client, seeds):
    case = Case.objects.by_number("25/31181").get()

    html = client.get("/en" + case.get_absolute_url()).content.decode()

    assert "Follow the case" in html
