"""Subscribing without an account: the forms on the public pages, double opt-in, limits, bad input."""

import datetime
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from alerts.models import Subscriber, Subscription, Throttle
from tests.factories import AgendaItemFactory, CaseFactory, MeetingFactory

from .conftest import links_in, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    case = CaseFactory(number="25/31610")
    AgendaItemFactory(case=case, meeting=MeetingFactory(committee__municipality=case.municipality))
    return case


def subscribe(client, address="borger@example.dk", prefix="", **target):
    return client.post(f"{prefix}/alerts/subscribe/", {"email": address, "website": "", **target})


def test_case_committee_search_and_item_pages_offer_the_form_without_a_csrf_token(client, case):
    item = case.items.get()
    committee = item.meeting.committee
    pages = {
        case.get_absolute_url(): f'name="case" value="{case.pk}"',
        item.get_absolute_url(): f'name="case" value="{case.pk}"',
        committee.get_absolute_url(): f'name="committee" value="{committee.pk}"',
        "/search/?q=emne&sort=date": 'name="search" value="q=emne&amp;sort=date"',
    }
    for url, hidden in pages.items():
        html = client.get(url).content.decode()
        assert 'action="/alerts/subscribe/"' in html, url
        assert hidden in html, url
        assert 'name="email"' in html and 'name="website"' in html, url
        assert "csrfmiddlewaretoken" not in html, url


def test_the_footer_links_the_privacy_page(client):
    html = client.get("/").content.decode()
    assert 'href="/alerts/privacy/"' in html
    privacy = client.get("/alerts/privacy/").content.decode()
    assert "din e-mailadresse" in privacy and "IP-adresse" in privacy


def test_subscribe_mails_a_link_that_confirms_only_by_a_post(client, smtp, case):
    response = subscribe(client, case=case.pk)
    assert response.status_code == 200
    assert "Tjek din e-mail" in response.content.decode()
    [message] = smtp.to("borger@example.dk")
    assert "25/31610" in message["Subject"]
    [confirm] = links_in(message, "confirm")
    subscription = Subscription.objects.get()
    assert subscription.confirmed is None and subscription.kind == "case" and subscription.case == case

    page = client.get(confirm)  # what a mail scanner does: nothing is confirmed
    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed is None

    done = client.post(confirm)
    assert done.status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed is not None
    assert subscription.sent_until == subscription.confirmed

    replay = client.post(confirm)
    assert replay.status_code == 409
    assert "allerede" in replay.content.decode()


def test_the_form_works_for_a_reader_of_a_cached_page_with_csrf_checks_on(settings, smtp, case):
    settings.PAGE_CACHE_SECONDS = 60
    reader = Client(enforce_csrf_checks=True)
    first, second = reader.get(case.get_absolute_url()), Client().get(case.get_absolute_url())
    assert first.content == second.content  # one cached page for everyone
    assert subscribe(reader, case=case.pk).status_code == 200
    assert len(smtp.messages) == 1


def test_bad_addresses_get_a_clear_message(client, smtp, case):
    for address, expected in [
        ("ikke-en-adresse", "gyldig e-mailadresse"),
        ("", "påkrævet"),
        ("borger\x00@example.dk", "Null"),
        ("a" * 300 + "@example.dk", "254"),
    ]:
        response = subscribe(client, address, case=case.pk)
        assert response.status_code == 400, address
        assert expected in response.content.decode(), address
    assert not smtp.messages and not Subscriber.objects.exists()


def test_nothing_followable_is_refused_with_a_message(client, smtp, case):
    closed_only = CaseFactory()
    AgendaItemFactory(case=closed_only, closed=True)
    refused = [
        ({"case": "999999"}, "Sagen findes ikke"),
        ({"case": str(closed_only.pk)}, "Sagen findes ikke"),
        ({"case": "1\x00"}, "kontroltegn"),
        ({"committee": "abc"}, "Udvalget findes ikke"),
        ({"search": "sort=date"}, "angiv et søgeord"),
        ({"search": "q=vand\x00"}, "kontroltegn"),
        ({"search": "q=" + "x" * 3000}, "for lang"),
        ({}, "siger ikke, hvad du vil følge"),
    ]
    for target, expected in refused:
        response = subscribe(client, **target)
        assert response.status_code == 400, target
        assert expected in response.content.decode(), target
    assert not smtp.messages


def test_get_on_the_subscribe_address_is_a_405(client):
    assert client.get("/alerts/subscribe/").status_code == 405


def test_the_honeypot_field_makes_it_a_bot_that_is_told_nothing(client, smtp, case):
    response = client.post("/alerts/subscribe/", {"email": "a@example.dk", "case": case.pk, "website": "x"})
    assert response.status_code == 200
    assert not smtp.messages and not Subscription.objects.exists()


def test_at_most_three_confirmation_mails_an_address_a_day(client, smtp, case):
    statuses = [subscribe(client, "Borger@Example.dk", case=case.pk).status_code for _ in range(3)]
    statuses.append(subscribe(client, "borger@example.dk", case=case.pk).status_code)
    assert statuses == [200, 200, 200, 429]
    assert len(smtp.messages) == 3
    # The count is a keyed hash: neither the address nor the client's IP address is stored.
    keys = list(Throttle.objects.values_list("key", flat=True))
    assert all(len(key) == 64 and "example" not in key and "127.0.0.1" not in key for key in keys)


def test_at_most_ten_confirmation_mails_a_client_a_day(client, smtp, case):
    statuses = [subscribe(client, f"borger{n}@example.dk", case=case.pk).status_code for n in range(11)]
    assert statuses == [200] * 10 + [429]
    assert "for mange" in subscribe(client, "ny@example.dk", case=case.pk).content.decode()
    other_client = Client(REMOTE_ADDR="192.0.2.7")
    assert subscribe(other_client, "ny@example.dk", case=case.pk).status_code == 200


def test_a_second_request_for_what_is_already_followed_says_so_by_mail(client, smtp, case):
    subscribe(client, case=case.pk)
    client.post(links_in(smtp.messages[0], "confirm")[0])
    assert subscribe(client, case=case.pk).status_code == 200  # the page tells a stranger nothing
    assert Subscription.objects.count() == 1
    assert "allerede" in smtp.messages[1]["Subject"]
    assert links_in(smtp.messages[1], "mine")


def test_smtp_down_at_subscribe_is_a_503_and_stores_nothing(client, smtp, case, settings):
    settings.EMAIL_PORT = 1  # nothing listens there
    response = subscribe(client, case=case.pk)
    assert response.status_code == 503
    assert "kan ikke sende mail" in response.content.decode()
    assert not Subscription.objects.exists()


def test_bad_expired_and_used_tokens_are_clear_4xx(client, smtp, case):
    for name in ("confirm", "unsubscribe", "mine", "forget"):
        for token in ("nonsense", "%00", "a" * 500, "WzEsMl0:1vX:abc"):
            response = client.get(f"/alerts/{name}/{token}/")
            assert response.status_code == 404, (name, token)
            assert "Linket er ikke gyldigt" in response.content.decode()
    subscribe(client, case=case.pk)
    [confirm] = links_in(smtp.messages[0], "confirm")
    later = timezone.now() + datetime.timedelta(days=8)
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = client.post(confirm)
    assert response.status_code == 410
    assert "udløbet" in response.content.decode()
    Subscription.objects.all().delete()
    assert client.post(confirm).status_code == 410


def test_an_unconfirmed_request_is_deleted_after_seven_days(client, smtp, case):
    from alerts.sending import cleanup

    subscribe(client, case=case.pk)
    cleanup(timezone.now() + datetime.timedelta(days=6))
    assert Subscription.objects.exists()
    cleanup(timezone.now() + datetime.timedelta(days=7, minutes=1))
    assert not Subscription.objects.exists() and not Subscriber.objects.exists()


def test_a_subscription_made_on_the_english_pages_is_in_english(client, smtp, case):
    html = client.get(f"/en{case.get_absolute_url()}").content.decode()
    assert 'action="/en/alerts/subscribe/"' in html
    assert subscribe(client, prefix="/en", case=case.pk).status_code == 200
    [message] = smtp.messages
    assert Subscription.objects.get().language == "en"
    assert "Confirm" in message["Subject"]
    [confirm] = links_in(message, "confirm")
    assert confirm.startswith("/en/alerts/confirm/")
    assert "Open the link" in text_of(message)
