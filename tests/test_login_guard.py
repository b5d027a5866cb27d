"""Finding 6: admin login lockout behind a reverse proxy (minutes_site/login_guard.py).

Behind the proxy every request came from the proxy's address: five bad passwords from anyone
locked a clerk out for 30 minutes, and one client could try four passwords on every user name.
"""

import logging

import pytest
from django.contrib.auth.models import User
from django.test import Client, RequestFactory

from minutes_site.login_guard import client_address

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
STRANGER = "203.0.113.5"
CLERK_HOME = "198.51.100.7"
PASSWORD = "rigtigt-kodeord-1"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    settings.AXES_FAILURE_LIMIT = 5
    settings.MINUTES_LOGIN_ADDRESS_LIMIT = 8


def through_proxy(client_ip):
    """A browser at `client_ip` whose requests reach the site through the trusted proxy."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_ip)


def login(client, username, password):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_a_stranger_cannot_lock_a_clerk_out(behind_proxy):
    User.objects.create_superuser("klerk", password=PASSWORD)
    stranger = through_proxy(STRANGER)
    for _ in range(5):
        login(stranger, "klerk", "forkert")
    assert login(stranger, "klerk", PASSWORD).status_code == 429  # the stranger is locked out

    response = login(through_proxy(CLERK_HOME), "klerk", PASSWORD)

    assert response.status_code == 302 and response.url == "/admin/"


def test_one_address_trying_many_user_names_is_locked_out(behind_proxy):
    for name in ("anne", "bo", "carl", "dorte"):
        User.objects.create_user(name, password=PASSWORD, is_staff=True)
    sprayer = through_proxy(STRANGER)
    # Two passwords on each of four users: never five on one, but eight from the address.
    for name in ("anne", "bo", "carl", "dorte"):
        for attempt in range(2):
            login(sprayer, name, f"gæt-{attempt}")

    assert login(sprayer, "anne", PASSWORD).status_code == 429
    assert login(sprayer, "nogen-helt-andre", "gæt").status_code == 429
    # Others, through the same proxy, are not.
    assert login(through_proxy(CLERK_HOME), "anne", PASSWORD).status_code == 302


def test_a_header_from_an_untrusted_client_is_not_believed(behind_proxy):
    User.objects.create_superuser("klerk", password=PASSWORD)
    # Connected directly (not through the proxy), rotating the header to look like new clients.
    for number in range(5):
        login(Client(REMOTE_ADDR=STRANGER, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}"), "klerk", "forkert")
    assert (
        login(Client(REMOTE_ADDR=STRANGER, HTTP_X_FORWARDED_FOR="192.0.2.99"), "klerk", PASSWORD).status_code
        == 429
    )


def test_logging_in_does_not_reset_the_addresss_count_for_other_users(behind_proxy):
    User.objects.create_user("egen", password=PASSWORD, is_staff=True)
    sprayer = through_proxy(STRANGER)
    for number in range(7):
        login(sprayer, f"bruger{number}", "gæt")
    assert login(sprayer, "egen", PASSWORD).status_code == 302  # seven failures: still allowed
    login(Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=STRANGER), "bruger9", "gæt")  # the eighth
    assert login(through_proxy(STRANGER), "bruger10", "gæt").status_code == 429


def test_a_lockout_is_logged_with_user_name_and_client_address(behind_proxy, caplog):
    User.objects.create_superuser("klerk", password=PASSWORD)
    with caplog.at_level(logging.WARNING, logger="minutes_site.login_guard"):
        for _ in range(5):
            login(through_proxy(STRANGER), "klerk", "forkert")
    locked = [r.getMessage() for r in caplog.records if r.name == "minutes_site.login_guard"]
    assert len(locked) == 1
    assert "'klerk'" in locked[0] and STRANGER in locked[0]


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("10.0.0.2", "203.0.113.5", "203.0.113.5"),  # one trusted proxy
        ("10.0.0.2", "192.0.2.1, 203.0.113.5", "203.0.113.5"),  # the client's own header is left of it
        ("10.0.0.2", "203.0.113.5, 10.0.0.3", "203.0.113.5"),  # two trusted proxies in a row
        ("203.0.113.9", "192.0.2.1", "203.0.113.9"),  # not from a proxy: the header is ignored
        ("10.0.0.2", "", "10.0.0.2"),  # a proxy that adds nothing
        ("10.0.0.2", "not-an-address", "10.0.0.2"),  # garbage stops at the last proxy
        ("10.0.0.2", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address(settings, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_by_default_only_a_proxy_on_the_same_host_is_trusted(settings):
    from minutes_site import settings as site_settings

    assert site_settings.TRUSTED_PROXIES == ["127.0.0.1", "::1"]
    settings.TRUSTED_PROXIES = site_settings.TRUSTED_PROXIES
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert client_address(request) == "10.0.0.2"
