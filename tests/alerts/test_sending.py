"""manage.py send_alerts through a real SMTP server: one mail per address, nothing twice, closed
items without their text, one-click unsubscribe, SMTP failures."""

import datetime
import socket
from io import StringIO

import pytest
from django.core.mail import get_connection
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from alerts import sending
from alerts.models import Subscriber, Subscription
from tests.factories import AgendaItemFactory, CaseFactory, CommitteeFactory, MeetingFactory

from .conftest import SITE_URL, html_of, links_in, text_of

pytestmark = pytest.mark.django_db


def follow(address, language="da", **target):
    """A confirmed subscription, confirmed an hour ago."""
    subscriber, _ = Subscriber.objects.get_or_create(email=address)
    kind = "case" if "case" in target else "committee" if "committee" in target else "search"
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    return Subscription.objects.create(
        subscriber=subscriber,
        kind=kind,
        language=language,
        confirmation_sent=hour_ago,
        confirmed=hour_ago,
        sent_until=hour_ago,
        **target,
    )


def run():
    out = StringIO()
    call_command("send_alerts", stdout=out)
    return out.getvalue()


@pytest.fixture
def committee():
    return CommitteeFactory(name="Økonomiudvalget", municipality__name="Aabenraa Kommune")


def test_a_new_item_on_a_followed_case_is_mailed_once_with_its_link(smtp, committee):
    case = CaseFactory(municipality=committee.municipality, number="25/31610")
    follow("borger@example.dk", case=case)
    meeting = MeetingFactory(committee=committee, date=datetime.date(2026, 2, 3))
    AgendaItemFactory(
        meeting=meeting,
        number="12",
        case=case,
        title="Godkendelse af Årsberetning 2025",
        decision="Indstillingen blev godkendt. " + "Lang begrundelse. " * 40,
    )
    AgendaItemFactory(meeting=MeetingFactory(), title="Et andet udvalgs punkt")
    assert "1 mails sent" in run()
    [message] = smtp.messages
    assert message.envelope_to == ["borger@example.dk"]
    text = text_of(message)
    assert "Punkt 12: Godkendelse af Årsberetning 2025" in text
    assert "Økonomiudvalget, Aabenraa Kommune · Referat · 3. februar 2026" in text
    assert "Beslutning: Indstillingen blev godkendt. Lang begrundelse." in text
    assert "…" in text and text.count("Lang begrundelse") < 40  # only the start of the decision
    assert f"{SITE_URL}/meetings/{meeting.pk}/punkt/12/" in text
    assert "Et andet udvalgs punkt" not in text
    html = html_of(message)
    assert f'href="{SITE_URL}/meetings/{meeting.pk}/punkt/12/"' in html
    assert "Godkendelse af Årsberetning 2025" in html

    run()
    assert len(smtp.messages) == 1  # nothing twice


def test_everything_an_address_follows_comes_in_one_mail(smtp, committee):
    case = CaseFactory(municipality=committee.municipality)
    follow("borger@example.dk", case=case)
    follow("borger@example.dk", committee=committee)
    follow("borger@example.dk", query="q=vindmøller")
    follow("nabo@example.dk", committee=committee)
    meeting = MeetingFactory(committee=committee)
    AgendaItemFactory(meeting=meeting, number="1", case=case, title="Sagens punkt")
    AgendaItemFactory(meeting=MeetingFactory(), number="2", title="Vindmøller ved Kliplev")
    run()
    [mine] = smtp.to("borger@example.dk")
    [neighbour] = smtp.to("nabo@example.dk")
    text = text_of(mine)
    assert text.count("Punkt 1: Sagens punkt") == 2  # under the case and under the committee
    assert "Punkt 2: Vindmøller ved Kliplev" in text
    assert "søgningen „vindmøller“" in text.lower()
    assert "Vindmøller" not in text_of(neighbour)


def test_a_closed_item_is_mailed_only_as_its_number_and_lukket_punkt(smtp, committee):
    case = CaseFactory(municipality=committee.municipality)
    follow("borger@example.dk", committee=committee)
    follow("sag@example.dk", case=case)
    AgendaItemFactory(meeting=MeetingFactory(committee=committee), case=case)  # the case is public
    run()
    smtp.messages.clear()
    meeting = MeetingFactory(committee=committee)
    AgendaItemFactory(
        meeting=meeting,
        number="7",
        closed=True,
        case=case,
        title="HEMMELIG titel om en person",
        decision="HEMMELIG beslutning",
        recommendation="HEMMELIG indstilling",
    )
    run()
    [message] = smtp.messages  # the case's follower gets nothing: the case page does not show it either
    assert message.envelope_to == ["borger@example.dk"]
    raw = message.as_string()
    assert "HEMMELIG" not in raw
    assert "Punkt 7: Lukket punkt" in text_of(message)


def test_minutes_replacing_the_agenda_bring_the_decision_as_news(smtp, committee):
    follow("borger@example.dk", committee=committee)
    meeting = MeetingFactory(committee=committee, kind="agenda")
    item = AgendaItemFactory(meeting=meeting, number="3", title="Budget 2027", decision="")
    run()
    assert "Beslutning" not in text_of(smtp.messages[0])
    item.decision = "Budgettet blev vedtaget."
    item.save()
    meeting.kind = "minutes"
    meeting.save()  # what an import of the minutes does
    run()
    assert len(smtp.messages) == 2
    assert "Beslutning: Budgettet blev vedtaget." in text_of(smtp.messages[1])
    assert "Referat" in text_of(smtp.messages[1])


def test_nobody_unconfirmed_gets_an_alert(smtp, committee):
    subscription = follow("fremmed@example.dk", committee=committee)
    subscription.confirmed = None
    subscription.save()
    AgendaItemFactory(meeting=MeetingFactory(committee=committee))
    run()
    assert not smtp.messages


def test_every_alert_can_be_stopped_in_one_click(smtp, committee):
    follow("borger@example.dk", committee=committee)
    follow("borger@example.dk", query="q=emne")
    AgendaItemFactory(meeting=MeetingFactory(committee=committee), title="Punkt om emne")
    run()
    [message] = smtp.messages
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = message["List-Unsubscribe"].strip().strip("<>")
    assert one_click.startswith(f"{SITE_URL}/alerts/forget/")
    assert len(links_in(message, "unsubscribe")) == 2  # one for each thing followed
    assert links_in(message, "mine") and links_in(message, "forget")

    # What a mail program does (RFC 8058): a POST with no cookie and no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        one_click.removeprefix(SITE_URL), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists() and not Subscription.objects.exists()
    AgendaItemFactory(meeting=MeetingFactory(committee=committee), title="Punkt om emne igen")
    run()
    assert len(smtp.messages) == 1


def test_unsubscribing_one_thing_keeps_the_rest(client, smtp, committee):
    follow("borger@example.dk", committee=committee)
    follow("borger@example.dk", query="q=emne")
    AgendaItemFactory(meeting=MeetingFactory(committee=committee), title="Punkt om emne")
    run()
    [committee_link, _search_link] = links_in(smtp.messages[0], "unsubscribe")
    page = client.get(committee_link)  # opening the link changes nothing
    assert page.status_code == 200 and Subscription.objects.count() == 2
    assert client.post(committee_link).status_code == 200
    assert list(Subscription.objects.values_list("kind", flat=True)) == ["search"]
    assert client.post(committee_link).status_code == 410  # replayed

    [mine] = links_in(smtp.messages[0], "mine")
    listing = client.get(mine).content.decode()
    assert "borger@example.dk" in listing and "søgningen „emne“" in listing
    assert "Økonomiudvalget" not in listing
    assert client.post(mine).status_code == 405


def test_delete_everything_about_me(client, smtp, committee):
    follow("borger@example.dk", committee=committee)
    follow("borger@example.dk", query="q=emne")
    follow("nabo@example.dk", committee=committee)
    AgendaItemFactory(meeting=MeetingFactory(committee=committee), title="Punkt om emne")
    run()
    [forget] = links_in(smtp.to("borger@example.dk")[0], "forget")
    assert client.get(forget).status_code == 200 and Subscriber.objects.count() == 2
    assert client.post(forget).status_code == 200
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["nabo@example.dk"]
    assert client.post(forget).status_code == 410


def test_one_query_per_distinct_search(smtp, committee, django_assert_max_num_queries):
    for n, query in enumerate(["q=emne", "q=emne&sort=date&page=3", "q=%20emne%20"]):
        follow(f"borger{n}@example.dk", query=sending.search_request(query).params.urlencode())
    from alerts.following import normalise_query

    for subscription in Subscription.objects.all():
        subscription.query = normalise_query(subscription.query)
        subscription.save()
    follow("anden@example.dk", query="q=budget")
    AgendaItemFactory(meeting=MeetingFactory(committee=committee), title="Punkt om emne")
    report = sending.send_alerts()
    assert report.searches == 2
    assert report.addresses == 3 and len(smtp.messages) == 3
    assert report.quiet == 1


def test_two_runs_at_once_cannot_both_send(smtp, committee):
    follow("borger@example.dk", committee=committee)
    AgendaItemFactory(meeting=MeetingFactory(committee=committee))
    cutoff = timezone.now()
    planned, _searches = sending.plan(cutoff)  # a second run has read the same subscriptions ...
    sending.send_alerts()  # ... while the first sends and commits
    assert len(smtp.messages) == 1
    with get_connection() as connection:
        result = sending.claim_and_send([(planned, object())], cutoff, connection)
    assert result == (0, 0, 1) and len(smtp.messages) == 1


def test_smtp_down_fails_the_run_and_the_next_run_sends(smtp, committee, settings):
    subscription = follow("borger@example.dk", committee=committee)
    before = subscription.sent_until
    AgendaItemFactory(meeting=MeetingFactory(committee=committee), title="Vigtigt punkt")
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        settings.EMAIL_PORT = closed.getsockname()[1]  # bound, not listening: connection refused
        with pytest.raises(CommandError, match="Could not send mail"):
            run()
    subscription.refresh_from_db()
    assert subscription.sent_until == before
    settings.EMAIL_PORT = smtp.controller.port
    run()
    [message] = smtp.messages
    assert "Vigtigt punkt" in text_of(message)


def test_smtp_failing_in_the_middle_of_a_batch_keeps_what_was_sent(smtp, committee):
    first = follow("a@example.dk", committee=committee)
    second = follow("b@example.dk", committee=committee)
    planned_before = {s.pk: s.sent_until for s in (first, second)}
    AgendaItemFactory(meeting=MeetingFactory(committee=committee))

    class FailsOnTheSecond:
        def __init__(self):
            self.real, self.sent = get_connection(), 0

        def __enter__(self):
            self.real.open()
            return self

        def __exit__(self, *exc):
            self.real.close()

        def send_messages(self, messages):
            if self.sent == 1:
                raise ConnectionRefusedError("SMTP went away")
            self.sent += 1
            return self.real.send_messages(messages)

    with pytest.raises(ConnectionRefusedError):
        sending.send_alerts(connection=FailsOnTheSecond())
    [message] = smtp.messages
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.sent_until != planned_before[first.pk]  # a@ got its mail: marked
    assert second.sent_until == planned_before[second.pk]  # b@ did not: left for the next run
    sending.send_alerts()
    assert [m.envelope_to for m in smtp.messages] == [["a@example.dk"], ["b@example.dk"]]


def test_items_saved_within_the_settle_time_wait_for_the_next_run(smtp, committee, settings):
    settings.ALERTS_SETTLE_SECONDS = 300
    subscription = follow("borger@example.dk", committee=committee)
    subscription.sent_until = timezone.now() - datetime.timedelta(hours=2)
    subscription.save()
    AgendaItemFactory(meeting=MeetingFactory(committee=committee))
    sending.send_alerts()
    assert not smtp.messages
    sending.send_alerts(now=timezone.now() + datetime.timedelta(seconds=301))
    assert len(smtp.messages) == 1


def test_an_english_subscription_gets_english_mail_with_english_links(smtp, committee):
    follow("reader@example.com", language="en", committee=committee)
    meeting = MeetingFactory(committee=committee, date=datetime.date(2026, 2, 3))
    AgendaItemFactory(meeting=meeting, number="4", title="Budget 2027", decision="Vedtaget.")
    run()
    [message] = smtp.messages
    text = text_of(message)
    assert "New from" in message["Subject"]
    assert "Item 4: Budget 2027" in text
    assert "Decision: Vedtaget." in text
    assert "Feb. 3, 2026" in text
    assert f"{SITE_URL}/en/meetings/{meeting.pk}/punkt/4/" in text
    assert links_in(message, "unsubscribe")[0].startswith("/en/alerts/")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_run_skips_an_address_another_run_holds(smtp, committee):
    import psycopg
    from django.db import connection

    subscription = follow("borger@example.dk", committee=committee)
    AgendaItemFactory(meeting=MeetingFactory(committee=committee))
    db = connection.settings_dict
    other = psycopg.connect(
        dbname=db["NAME"], host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], password=db["PASSWORD"]
    )
    try:
        # Another run has claimed the row and is sending (its transaction is open).
        other.execute("SELECT id FROM alerts_subscription WHERE id = %s FOR UPDATE", [subscription.pk])
        report = sending.send_alerts()
        assert report.skipped == 1 and not smtp.messages
    finally:
        other.rollback()
        other.close()
    assert sending.send_alerts().addresses == 1
    assert len(smtp.messages) == 1
