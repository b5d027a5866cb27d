"""Phones and the WCAG reflow width in Chromium: the content starts on the first screen, nothing
scrolls sideways, and the collapsible panels (filters, attendees, contents) stay accessible."""

import datetime

import pytest
from django.contrib.auth.models import User

from tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    MunicipalityFactory,
    PersonFactory,
)

pytest.importorskip("playwright", reason="pytest-playwright is not installed")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
REFLOW = {"width": 320, "height": 640}
AXE_RULES = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}
# Names as long as the real ones (Aabenraa's and Greve's committees; Danish compounds do not break).
LONG_COMMITTEE = "Børne-, Unge-, Kultur-, Fritids- og Arbejdsmarkedsintegrationsuddannelsesudvalget"


@pytest.fixture
def archive():
    """A meeting like a real byråd's: eleven members, two absent, fifteen items."""
    aabenraa = MunicipalityFactory(name="Aabenraa Kommune", slug="aabenraa")
    aarhus = MunicipalityFactory(name="Aarhus Kommune", slug="aarhus")
    amu = CommitteeFactory(municipality=aabenraa, name=LONG_COMMITTEE, slug="amu")
    CommitteeFactory(municipality=aabenraa, name="Økonomiudvalget", slug="oekonomiudvalget")
    social = CommitteeFactory(municipality=aarhus, name="Social- og Beskæftigelsesudvalget", slug="social")
    members = [
        PersonFactory(municipality=aabenraa, name=f"Byrådsmedlem Nummer{n} Efternavnsen", party="A")
        for n in range(11)
    ]
    meeting = MeetingFactory(
        committee=amu,
        date=datetime.date(2026, 2, 3),
        location="Mødelokale Loungen v/byrådssalen, Rådhuset, Skelbækvej 2, 6200 Aabenraa",
        participants=members,
    )
    items = [
        AgendaItemFactory(
            meeting=meeting,
            number=str(n),
            order=n,
            title=f"Godkendelse af Tilgængelighedsredegørelse og Beskæftigelsesindsatsplan nr. {n}",
            absences=members[:2],
        )
        for n in range(1, 16)
    ]
    for n in range(30):
        MeetingFactory(
            committee=amu if n % 2 else social, date=datetime.date(2025, 1, 1) + datetime.timedelta(n)
        )
    return {"meeting": meeting, "first": items[0]}


def top_of(page, selector):
    """Where the element starts, in CSS pixels from the top of the page."""
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + window.scrollY")


def fits_first_screen(page, selector):
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box["y"] + min(box["height"], 40) <= PHONE["height"]


def test_first_meeting_of_a_filtered_list_is_on_the_first_screen(live_server, page, archive):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/meetings/?municipality=aabenraa&committee=amu")
    assert fits_first_screen(page, ".meeting-list .meeting-row__link"), top_of(page, ".meeting-list")
    # The filters are one tap away, and still say what is chosen.
    page.get_by_text("Afgræns").first.click()
    expect(page.get_by_label("Kommune")).to_have_value("aabenraa")
    expect(page.get_by_label("Kommune")).to_be_visible()


def test_first_agenda_item_of_a_meeting_is_on_the_first_screen(live_server, page, archive):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + archive["meeting"].get_absolute_url())
    assert fits_first_screen(page, "section.item .item-title"), top_of(page, "section.item")
    # Attendees and the list of contents open on a tap; no JavaScript is needed.
    expect(page.get_by_role("link", name="Byrådsmedlem Nummer5 Efternavnsen (A)")).to_be_hidden()
    page.locator(".attendees summary").first.click()
    expect(page.get_by_role("link", name="Byrådsmedlem Nummer5 Efternavnsen (A)")).to_be_visible()
    page.locator(".toc summary").click()
    expect(page.locator(".toc").get_by_role("link").nth(14)).to_be_visible()


def test_first_search_result_is_on_the_first_screen_and_the_header_has_no_second_search_box(
    live_server, page, archive
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/search/?q=Beskæftigelsesindsatsplan")
    assert fits_first_screen(page, ".search-hit h3 a"), top_of(page, ".search-hit")
    expect(page.locator(".site-header input[type=search]")).to_be_hidden()
    assert page.locator("input[type=search]:visible").count() == 1


def test_header_is_short_on_a_phone(live_server, page, archive):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/meetings/")
    assert page.locator(".site-header").bounding_box()["height"] <= 110


def test_panels_are_open_on_a_wide_screen(live_server, page, archive):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + archive["meeting"].get_absolute_url())
    expect(page.get_by_role("link", name="Byrådsmedlem Nummer5 Efternavnsen (A)")).to_be_visible()
    expect(page.locator(".toc").get_by_role("link").nth(14)).to_be_visible()
    page.goto(f"{live_server.url}/meetings/?municipality=aabenraa")
    expect(page.get_by_label("Kommune")).to_be_visible()


PUBLIC_PAGES = [
    "/",
    "/meetings/",
    "/meetings/?municipality=aabenraa",
    "meeting",
    "item",
    "committee",
    "/aabenraa/",
    "/search/?q=Beskæftigelsesindsatsplan",
    "/tilgaengelighed/",
    "/en/tilgaengelighed/",
]


def address(archive, path):
    return {
        "meeting": archive["meeting"].get_absolute_url(),
        "item": archive["first"].get_absolute_url(),
        "committee": archive["meeting"].committee.get_absolute_url(),
    }.get(path, path)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_sideways_scrolling_at_320_pixels(live_server, page, archive, path):
    page.set_viewport_size(REFLOW)
    page.goto(live_server.url + address(archive, path))
    assert page.evaluate("document.documentElement.scrollWidth") <= REFLOW["width"]


@pytest.mark.parametrize(
    "path", ["/meetings/?municipality=aabenraa", "meeting", "/search/?q=Beskæftigelsesindsatsplan"]
)
def test_axe_finds_no_violations_on_a_phone(live_server, page, archive, path):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + address(archive, path))
    results = Axe().run(page, options=AXE_RULES)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def admin_page(live_server, page, archive):
    User.objects.create_superuser("admin", "admin@example.org", "hemmeligt-kodeord-42")
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Brugernavn").fill("admin")
    page.get_by_label("Adgangskode").fill("hemmeligt-kodeord-42")
    page.get_by_role("button", name="Log ind").click()
    return page


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/meetings/meeting/",
        "/admin/meetings/committee/",
        "/admin/agenda_items/agendaitem/",
        "/admin/imports/importrecord/",
    ],
)
def test_admin_lists_do_not_scroll_sideways_at_320_pixels(live_server, admin_page, path):
    admin_page.set_viewport_size(REFLOW)
    admin_page.goto(live_server.url + path)
    assert admin_page.evaluate("document.documentElement.scrollWidth") <= REFLOW["width"]


def test_admin_login_page_passes_axe_and_announces_a_wrong_password(live_server, page, archive):
    page.goto(f"{live_server.url}/admin/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind")
    page.get_by_label("Brugernavn").fill("ingen")
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("alert")).to_contain_text("korrekt")
    results = Axe().run(page, options=AXE_RULES)
    assert results.violations_count == 0, results.generate_report()


def test_the_import_preview_fits_a_phone(live_server, admin_page):
    from tests.admin.conftest import AABENRAA_SEED

    admin_page.set_viewport_size(PHONE)
    admin_page.goto(f"{live_server.url}/admin/imports/import/")
    admin_page.set_input_files(
        "#id_file",
        files=[{"name": "aabenraa.txt", "mimeType": "text/plain", "buffer": AABENRAA_SEED.read_bytes()}],
    )
    admin_page.get_by_role("button", name="Læs filen").click()
    expect(admin_page.get_by_role("heading", name="Kontrollér importen")).to_be_visible()
    assert admin_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    results = Axe().run(admin_page, options=AXE_RULES)
    assert results.violations_count == 0, results.generate_report()
