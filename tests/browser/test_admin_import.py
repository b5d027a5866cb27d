"""A clerk imports minutes through the admin in a real browser: log in, upload, date, confirm."""

import pytest
from django.contrib.auth.models import Group, User

from meetings.models import Meeting
from tests.admin.conftest import UNDATED, make_clerk_of

pytest.importorskip("playwright", reason="pytest-playwright is not installed")
from playwright.sync_api import expect  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def clerk():
    user = User.objects.create_user("sekretaer", password="hemmelig-kode-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Clerk"))
    make_clerk_of(user, "Aabenraa")
    return user


def test_a_clerk_imports_undated_minutes_and_fills_in_the_date(page, live_server, clerk):
    page.goto(f"{live_server.url}/admin/meetings/meeting/")
    page.fill("#id_username", "sekretaer")
    page.fill("#id_password", "hemmelig-kode-1")
    page.click("input[type=submit]")

    page.get_by_role("link", name="Importér referat", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/admin/imports/import/")
    page.set_input_files(
        "#id_file",
        files=[{"name": "social-uden-dato.txt", "mimeType": "text/plain", "buffer": UNDATED.encode()}],
    )
    page.get_by_role("button", name="Læs filen").click()

    expect(page.get_by_role("heading", name="Kontrollér importen")).to_be_visible()
    expect(page.locator(".messagelist .warning").first).to_contain_text("angiver ikke mødets dato")
    expect(page.get_by_text("Ny organisering af hjemmeplejen")).to_be_visible()
    expect(page.get_by_text("Nyt møde")).to_be_visible()
    page.get_by_label("Mødedato").fill("2026-05-12")
    page.get_by_role("button", name="Bekræft og gem").click()

    expect(page.get_by_role("heading", name="Importen er gemt")).to_be_visible()
    meeting = Meeting.objects.get()
    assert meeting.date.isoformat() == "2026-05-12"
    assert meeting.items.count() == 2
    page.get_by_role("link", name="Se mødet").click()
    expect(page).to_have_url(f"{live_server.url}{meeting.get_absolute_url()}")
    expect(page.locator("body")).to_contain_text("Ny organisering af hjemmeplejen")
