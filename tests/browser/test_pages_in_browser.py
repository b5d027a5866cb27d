"""The public pages in a real browser: filtering, following a case, axe-core accessibility checks."""

import datetime
import re

import pytest

from agenda_items.models import Position
from tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    CaseFactory,
    CommitteeFactory,
    MeetingFactory,
    MunicipalityFactory,
    PersonFactory,
)

pytest.importorskip("playwright", reason="pytest-playwright is not installed")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def archive():
    """Two municipalities; a case that goes from Arbejdsmarkedsudvalget to Økonomiudvalget."""
    aabenraa = MunicipalityFactory(name="Aabenraa Kommune", slug="aabenraa")
    aarhus = MunicipalityFactory(name="Aarhus Kommune", slug="aarhus")
    amu = CommitteeFactory(municipality=aabenraa, name="Arbejdsmarkeds- og Uddannelsesudvalget", slug="amu")
    okonomi = CommitteeFactory(municipality=aabenraa, name="Økonomiudvalget", slug="okonomiudvalget")
    social = CommitteeFactory(municipality=aarhus, name="Social- og Beskæftigelsesudvalget", slug="social")
    susanne = PersonFactory(municipality=aabenraa, name="Susanne Provstgaard", party="V")

    february = MeetingFactory(
        committee=amu,
        date=datetime.date(2026, 2, 3),
        location="Loungen v/byrådssalen",
        participants=[susanne, PersonFactory(municipality=aabenraa, name="Rasmus Andresen")],
    )
    january = MeetingFactory(committee=amu, date=datetime.date(2026, 1, 6))
    later = MeetingFactory(committee=okonomi, date=datetime.date(2026, 2, 17), kind="agenda")
    aarhus_meeting = MeetingFactory(committee=social, date=datetime.date(2024, 6, 24))

    case = CaseFactory(municipality=aabenraa, number="25/31610")
    first = AgendaItemFactory(
        meeting=february,
        number="12",
        title="Godkendelse af Årsberetning 2025 fra Kontrolgruppen",
        case=case,
        absences=[susanne],
    )
    AttachmentFactory(agenda_item=first, title="Årsberetning 2025")
    # The decision's outcome and a vote, as the importer stores them (people pages, party page).
    first.outcome = "approved"
    first.save()
    Position.objects.create(
        item=first, who="Susanne Provstgaard (V)", stance="against", person=susanne, party="Venstre"
    )
    Position.objects.create(item=first, who="Socialdemokratiet", stance="for", party="Socialdemokratiet")
    AgendaItemFactory(meeting=february, number="13", closed=True, title="Lukket sag")
    second = AgendaItemFactory(
        meeting=later, number="4", title="Orientering om Årsberetning 2025 fra Kontrolgruppen", case=case
    )
    AgendaItemFactory(meeting=january, number="1", title="Godkendelse af dagsorden")
    AgendaItemFactory(meeting=aarhus_meeting, number="1", title="Dagsorden")
    return {
        "february": february,
        "january": january,
        "later": later,
        "aarhus_meeting": aarhus_meeting,
        "case": case,
        "first": first,
        "second": second,
        "susanne": susanne,
    }


def listed_meeting_links(page):
    return page.locator(".meeting-list .meeting-row__link")


def test_filter_meeting_list_by_committee(live_server, page, archive):
    page.goto(f"{live_server.url}/meetings/")
    expect(listed_meeting_links(page)).to_have_count(4)

    page.get_by_label("Udvalg").select_option(label="Økonomiudvalget")
    page.get_by_role("button", name="Vis møder").click()

    # With no municipality chosen each committee name is offered once: every municipality's.
    expect(page).to_have_url(re.compile(r"committee=okonomiudvalget"))
    expect(listed_meeting_links(page)).to_have_count(1)
    expect(page.locator(".meeting-list")).to_contain_text("17. februar 2026")
    expect(page.get_by_label("Udvalg")).to_have_value("okonomiudvalget")


def test_filter_meeting_list_by_date(live_server, page, archive):
    page.goto(f"{live_server.url}/meetings/")

    page.get_by_label("Fra dato").fill("2026-01-01")
    page.get_by_label("Til dato").fill("2026-02-03")
    page.get_by_role("button", name="Vis møder").click()

    links = listed_meeting_links(page)
    expect(links).to_have_count(2)
    hrefs = [links.nth(i).get_attribute("href") for i in range(2)]
    assert hrefs == [archive["february"].get_absolute_url(), archive["january"].get_absolute_url()]
    expect(page.get_by_label("Fra dato")).to_have_value("2026-01-01")


def test_follow_a_case_from_a_meeting_to_another_meetings_item(live_server, page, archive):
    page.goto(live_server.url + archive["february"].get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Arbejdsmarkeds- og Uddannelsesudvalget")
    expect(page.locator("main")).to_contain_text("3. februar 2026")
    expect(page.locator("main")).to_contain_text("Punkt 13: Lukket punkt")

    page.get_by_role("link", name="25/31610").click()

    expect(page).to_have_url(live_server.url + archive["case"].get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Sag 25/31610")
    entries = page.locator(".timeline__entry")
    expect(entries).to_have_count(2)
    expect(entries.nth(0)).to_contain_text("3. februar 2026")
    expect(entries.nth(1)).to_contain_text("Økonomiudvalget")

    page.get_by_role("link", name="Punkt 4: Orientering om Årsberetning 2025 fra Kontrolgruppen").click()

    expect(page).to_have_url(live_server.url + archive["second"].get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Punkt 4: Orientering om Årsberetning 2025 fra Kontrolgruppen"
    )
    expect(page.get_by_role("link", name=re.compile("Økonomiudvalget, 17. februar 2026"))).to_be_visible()


@pytest.mark.parametrize(
    "where",
    [
        "front",
        "list",
        "filtered list",
        "meeting",
        "item",
        "case",
        "statement",
        "person",
        "party",
        "people",
        "search",
    ],
)
def test_axe_finds_no_accessibility_violations(live_server, page, archive, where):
    path = {
        # The case's two items as one hit, the other linked under it ("Samme sag også").
        "search": "/search/?q=Kontrolgruppen",
        "front": "/",
        "list": "/meetings/",
        "filtered list": "/meetings/?municipality=aabenraa&date_after=2026-13-01",  # with a form error
        "meeting": archive["february"].get_absolute_url(),
        "item": archive["first"].get_absolute_url(),
        "case": archive["case"].get_absolute_url(),
        "statement": "/tilgaengelighed/",
        "person": archive["susanne"].get_absolute_url(),
        "party": "/aabenraa/partier/venstre/",
        "people": "/aabenraa/personer/",
    }[where]
    page.goto(live_server.url + path)
    if where == "search":
        expect(page.locator(".same-case")).to_contain_text(
            "Samme sag også: Arbejdsmarkeds- og Uddannelsesudvalget, 3. februar 2026"
        )

    results = Axe().run(
        page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}
    )

    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", ["/", "/meetings/", "meeting", "case", "person"])
def test_pages_fit_a_phone_screen_without_sideways_scrolling(live_server, page, archive, path):
    page.set_viewport_size({"width": 390, "height": 844})
    path = {
        "meeting": archive["february"].get_absolute_url(),
        "case": archive["case"].get_absolute_url(),
        "person": archive["susanne"].get_absolute_url(),
    }.get(path, path)
    page.goto(live_server.url + path)

    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_skip_link_is_the_first_tab_stop_and_visible_when_focused(live_server, page, archive):
    page.goto(f"{live_server.url}/meetings/")

    page.keyboard.press("Tab")

    skip = page.get_by_role("link", name="Gå til indholdet")
    expect(skip).to_be_focused()
    assert skip.bounding_box()["y"] >= 0


def test_print_hides_header_navigation_and_forms(live_server, page, archive):
    page.goto(live_server.url + archive["february"].get_absolute_url())
    page.emulate_media(media="print")

    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".breadcrumbs")).to_be_hidden()
    expect(page.locator("form").first).to_be_hidden()
    expect(page.locator(".item").first).to_be_visible()


def test_axe_finds_no_violations_on_an_english_page_with_danish_minutes(live_server, browser, archive):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + archive["first"].get_absolute_url())
    # An English browser gets the Danish page at its Danish address; the link switches.
    expect(page.locator("html")).to_have_attribute("lang", "da")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(live_server.url + "/en" + archive["first"].get_absolute_url())
    expect(page.locator("html")).to_have_attribute("lang", "en")

    results = Axe().run(
        page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}
    )

    assert results.violations_count == 0, results.generate_report()
    context.close()
