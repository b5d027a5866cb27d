"""Front page, municipality and committee pages, the accessibility statement and the shared page frame."""

import datetime

import pytest
from django.urls import resolve, reverse

from tests.factories import CommitteeFactory, MeetingFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db

FRONT_PAGE_QUERIES = 4  # municipalities, their committees, dated and undated latest meetings
MUNICIPALITY_QUERIES = 5  # municipality, committees, dated and undated latest meetings, last harvest
# committee, its years, whether any are undated, that year's meetings, the outcomes of its decisions
COMMITTEE_QUERIES = 5


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


@pytest.fixture
def aabenraa():
    municipality = MunicipalityFactory(name="Aabenraa Kommune", slug="aabenraa")
    CommitteeFactory(municipality=municipality, name="Arbejdsmarkeds- og Uddannelsesudvalget", slug="amu")
    CommitteeFactory(municipality=municipality, name="Byrådet", slug="byraadet")
    return municipality


def many_committees_with_meetings(count):
    for n in range(count):
        municipality = MunicipalityFactory()
        for committee in CommitteeFactory.create_batch(3, municipality=municipality):
            MeetingFactory(committee=committee, date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n))


# The page frame


def test_every_page_has_lang_skip_link_search_box_and_accessibility_link(client, aabenraa):
    meeting = MeetingFactory(committee=aabenraa.committees.first())
    for url in [
        "/",
        "/meetings/",
        "/aabenraa/",
        "/aabenraa/amu/",
        f"/meetings/{meeting.pk}/",
        "/tilgaengelighed/",
    ]:
        html = get(client, url)
        assert '<html lang="da">' in html
        assert '<a class="skip-link" href="#indhold">' in html and 'id="indhold"' in html
        assert 'action="/search/" method="get"' in html and 'name="q"' in html
        assert '<label for="header-search"' in html
        assert 'href="/tilgaengelighed/"' in html
        assert 'href="/static/css/site.css"' in html


def test_language_switch_is_a_link_to_the_same_page_under_en(client):
    html = get(client, "/meetings/?kind=minutes")
    assert '<a href="/en/meetings/?kind=minutes" hreflang="en" lang="en">English</a>' in html
    assert "<form" not in html.split('class="language-links"')[1].split("</ul>")[0]

    html = get(client, "/en/meetings/?kind=minutes")
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert "Show meetings" in html
    assert '<a href="/meetings/?kind=minutes" hreflang="da" lang="da">Dansk</a>' in html


def test_the_address_alone_decides_the_language(client):
    # An English browser or a leftover language cookie does not turn the Danish addresses English:
    # a cached page is right for everyone who asks for that address.
    client.cookies["django_language"] = "en"
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="da">' in html
    assert 'href="/en/"' in html


def test_public_pages_set_no_cookie(client):
    meeting = MeetingFactory()
    for url in ["/", "/meetings/", f"/meetings/{meeting.pk}/", "/en/", "/search/?q=budget"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url


def test_english_dates_use_the_english_format(client):
    meeting = MeetingFactory(date=datetime.date(2026, 2, 3))

    html = get(client, f"/en/meetings/{meeting.pk}/")

    assert "Feb. 3, 2026" in html


def test_site_routes_win_over_municipality_slugs():
    assert resolve("/meetings/").view_name == "meetings:meeting_list"
    assert resolve("/cases/").view_name == "agenda_items:case_lookup"
    assert resolve("/tilgaengelighed/").view_name == "meetings:accessibility"
    assert resolve("/aabenraa/").view_name == "meetings:municipality"
    assert resolve("/aabenraa/byraadet/").view_name == "meetings:committee"


@pytest.mark.parametrize("path", ["/search/", "/admin/", "/static/", "/media/"])
def test_reserved_top_level_paths_are_never_municipality_pages(path):
    # The search page is added later, possibly after these routes: a municipality route must not take it.
    from django.urls import Resolver404

    try:
        match = resolve(path)
    except Resolver404:
        return
    assert match.view_name != "meetings:municipality"


def test_unknown_page_is_a_friendly_404(client):
    html = get(client, "/no-such-kommune/", status=404)
    assert "Siden findes ikke" in html


# Front page


def test_front_page_has_search_box_case_lookup_municipalities_committees_and_latest_meetings(
    client, aabenraa
):
    amu = aabenraa.committees.get(slug="amu")
    newest = MeetingFactory(committee=amu, date=datetime.date(2026, 2, 3))
    older = MeetingFactory(committee=amu, date=datetime.date(2025, 2, 3))

    html = get(client, reverse("meetings:front_page"))

    assert 'id="front-search" name="q"' in html
    assert 'action="/cases/" method="get"' in html and 'name="number"' in html
    assert 'href="/aabenraa/">Aabenraa Kommune</a>' in html
    assert 'href="/aabenraa/amu/">Arbejdsmarkeds- og Uddannelsesudvalget</a>' in html
    assert 'href="/aabenraa/byraadet/">Byrådet</a>' in html
    assert html.index(f'href="/meetings/{newest.pk}/"') < html.index(f'href="/meetings/{older.pk}/"')
    assert "3. februar 2026" in html


def test_front_page_of_an_empty_archive(client):
    html = get(client, "/")
    assert "Arkivet har endnu ingen referater." in html


@pytest.mark.parametrize("municipalities", [1, 20])
def test_front_page_query_count_is_fixed(client, django_assert_max_num_queries, municipalities):
    many_committees_with_meetings(municipalities)
    with django_assert_max_num_queries(FRONT_PAGE_QUERIES):
        get(client, "/")


def test_accessibility_statement(client):
    html = get(client, reverse("meetings:accessibility"))
    assert reverse("meetings:accessibility") == "/tilgaengelighed/"
    assert "<h1>Tilgængelighedserklæring</h1>" in html
    assert "WCAG 2.1" in html
    assert "Digitaliseringsstyrelsen" in html


# Municipality page


def test_municipality_page_lists_committees_latest_meetings_and_links_to_the_filtered_list(client, aabenraa):
    meeting = MeetingFactory(committee=aabenraa.committees.get(slug="amu"), date=datetime.date(2026, 2, 3))
    MeetingFactory(committee=CommitteeFactory(name="Magistraten"))  # another municipality

    html = get(client, "/aabenraa/")

    assert "<h1>Aabenraa Kommune</h1>" in html
    assert 'href="/aabenraa/amu/"' in html and 'href="/aabenraa/byraadet/"' in html
    assert f'href="/meetings/{meeting.pk}/"' in html
    assert "Magistraten" not in html
    assert 'href="/meetings/?municipality=aabenraa"' in html


def test_unknown_municipality_is_404(client):
    get(client, "/atlantis/", status=404)


@pytest.mark.parametrize("meetings", [1, 30])
def test_municipality_page_query_count_is_fixed(client, django_assert_max_num_queries, aabenraa, meetings):
    for committee in aabenraa.committees.all():
        for n in range(meetings):
            MeetingFactory(committee=committee, date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    with django_assert_max_num_queries(MUNICIPALITY_QUERIES):
        get(client, "/aabenraa/")


# Committee page


@pytest.fixture
def amu_meetings(aabenraa):
    committee = aabenraa.committees.get(slug="amu")
    return {
        "2026": MeetingFactory(committee=committee, date=datetime.date(2026, 2, 3)),
        "2025a": MeetingFactory(committee=committee, date=datetime.date(2025, 3, 4)),
        "2025b": MeetingFactory(committee=committee, date=datetime.date(2025, 9, 2)),
        "2023": MeetingFactory(committee=committee, date=datetime.date(2023, 1, 10)),
        "undated": MeetingFactory(committee=committee, date=None),
    }


def test_committee_page_shows_the_newest_year_and_a_year_navigation(client, amu_meetings):
    html = get(client, "/aabenraa/amu/")

    assert "<h1>Arbejdsmarkeds- og Uddannelsesudvalget</h1>" in html
    assert "Møder i 2026" in html
    assert f'href="/meetings/{amu_meetings["2026"].pk}/"' in html
    assert f'href="/meetings/{amu_meetings["2025a"].pk}/"' not in html
    nav = html.split('class="year-nav"')[1].split("</nav>")[0]
    assert (
        nav.index("?year=2026")
        < nav.index("?year=2025")
        < nav.index("?year=2023")
        < nav.index("?year=undated")
    )
    assert '?year=2026" aria-current="page"' in nav


def test_committee_page_year_parameter_picks_a_year_newest_first(client, amu_meetings):
    html = get(client, "/aabenraa/amu/?year=2025")

    assert "Møder i 2025" in html
    assert html.index(f'href="/meetings/{amu_meetings["2025b"].pk}/"') < html.index(
        f'href="/meetings/{amu_meetings["2025a"].pk}/"'
    )
    assert f'href="/meetings/{amu_meetings["2026"].pk}/"' not in html


def test_committee_page_lists_undated_meetings_on_their_own(client, amu_meetings):
    html = get(client, "/aabenraa/amu/?year=undated")

    assert "Møder uden dato" in html
    assert f'href="/meetings/{amu_meetings["undated"].pk}/"' in html
    assert "dato ikke angivet" in html


@pytest.mark.parametrize("year", ["1999", "junk", "2025'--"])
def test_committee_page_unknown_year_is_404(client, amu_meetings, year):
    get(client, f"/aabenraa/amu/?year={year}", status=404)


def test_committee_without_meetings(client, aabenraa):
    html = get(client, "/aabenraa/byraadet/")
    assert "Udvalget har endnu ingen møder i arkivet." in html


def test_committee_slug_belongs_to_its_municipality(client, aabenraa):
    MunicipalityFactory(slug="aarhus")
    get(client, "/aarhus/amu/", status=404)


@pytest.mark.parametrize("meetings", [1, 60])
def test_committee_page_query_count_is_fixed(client, django_assert_max_num_queries, aabenraa, meetings):
    committee = aabenraa.committees.get(slug="amu")
    for n in range(meetings):
        MeetingFactory(committee=committee, date=datetime.date(2020, 1, 1) + datetime.timedelta(days=30 * n))
    MeetingFactory(committee=committee, date=None)
    with django_assert_max_num_queries(COMMITTEE_QUERIES):
        get(client, "/aabenraa/amu/")
