"""Following a case by e-mail in Chromium: subscribe on the case page, confirm from the mail,
get an alert, stop it from the mail's link. Mail goes through a real SMTP server (aiosmtpd)."""

import datetime

import pytest

from tests.alerts.conftest import links_in, smtp, text_of  # noqa: F401  (smtp is a fixture)
from tests.factories import AgendaItemFactory, CaseFactory, CommitteeFactory, MeetingFactory

pytest.importorskip("playwright", reason="pytest-playwright is not installed")
from playwright.sync_api import expect  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_subscribe_confirm_receive_and_unsubscribe(live_server, page, smtp):  # noqa: F811
    from alerts.sending import send_alerts

    committee = CommitteeFactory(name="Økonomiudvalget", municipality__name="Aabenraa Kommune")
    case = CaseFactory(municipality=committee.municipality, number="25/31610")
    AgendaItemFactory(meeting=MeetingFactory(committee=committee), case=case, title="Første behandling")

    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    expect(page.get_by_label("Lad dette felt stå tomt")).to_be_hidden()  # the honeypot
    page.get_by_label("Din e-mailadresse").fill("borger@example.dk")
    page.get_by_role("button", name="Følg på e-mail").click()
    expect(page.get_by_role("heading", name="Tjek din e-mail")).to_be_visible()

    [confirmation] = smtp.to("borger@example.dk")
    [confirm] = links_in(confirmation, "confirm")
    page.goto(f"{live_server.url}{confirm}")
    page.get_by_role("button", name="Ja, send mig besked").click()
    expect(page.get_by_role("heading", name="Bekræftet")).to_be_visible()

    meeting = MeetingFactory(committee=committee, date=datetime.date(2026, 3, 3))
    AgendaItemFactory(meeting=meeting, number="5", case=case, title="Anden behandling", decision="Godkendt.")
    send_alerts(now=datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=10))
    alert = smtp.messages[-1]
    assert "Punkt 5: Anden behandling" in text_of(alert)

    [unsubscribe] = links_in(alert, "unsubscribe")
    page.goto(f"{live_server.url}{unsubscribe}")
    page.get_by_role("button", name="Stop mails om dette").click()
    expect(page.get_by_role("heading", name="Afmeldt")).to_be_visible()
    expect(page.get_by_text("vi har slettet din adresse")).to_be_visible()
