"""Public pages are cached whole for readers without a session; clerks always see them fresh."""

import pytest
from django.contrib.auth.models import User

from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(location="Mødesal 1")


def move(meeting, location):
    type(meeting).objects.filter(pk=meeting.pk).update(location=location)


def test_a_reader_gets_the_cached_page_within_the_cache_time(client, meeting, settings):
    settings.PAGE_CACHE_SECONDS = 60
    first = client.get(f"/meetings/{meeting.pk}/")
    move(meeting, "Byrådssalen")

    second = client.get(f"/meetings/{meeting.pk}/")

    assert second.content == first.content
    assert "Byrådssalen" not in second.content.decode()
    # Public for proxies, which must revalidate (ETag) so that a withdrawal reaches them too
    # (tests/meetings/test_withdrawal.py).
    cache_control = {part.strip() for part in second["Cache-Control"].split(",")}
    assert {"public", "no-cache"} <= cache_control


def test_one_cached_copy_serves_every_browser_language(client, meeting, settings):
    settings.PAGE_CACHE_SECONDS = 60
    first = client.get(f"/meetings/{meeting.pk}/", HTTP_ACCEPT_LANGUAGE="da-DK,da;q=0.9")
    move(meeting, "Byrådssalen")

    second = client.get(f"/meetings/{meeting.pk}/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")

    assert "Accept-Language" not in first.get("Vary", "")
    assert second.content == first.content  # the cached copy, whatever the browser asks for
    assert first["Content-Language"] == "da"


def test_a_clerk_with_a_session_always_gets_the_page_fresh(client, meeting, settings):
    settings.PAGE_CACHE_SECONDS = 60
    client.get(f"/meetings/{meeting.pk}/")
    move(meeting, "Byrådssalen")
    client.force_login(User.objects.create_user("clerk"))

    html = client.get(f"/meetings/{meeting.pk}/").content.decode()

    assert "Byrådssalen" in html


def test_no_page_cache_when_its_time_is_zero(client, meeting, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(f"/meetings/{meeting.pk}/")
    move(meeting, "Byrådssalen")

    response = client.get(f"/meetings/{meeting.pk}/")

    assert "Byrådssalen" in response.content.decode()
    assert "public" not in response.get("Cache-Control", "")


def test_each_language_is_cached_apart(client, meeting, settings):
    settings.PAGE_CACHE_SECONDS = 60
    danish = client.get(f"/meetings/{meeting.pk}/").content.decode()
    english = client.get(f"/en/meetings/{meeting.pk}/").content.decode()

    assert '<html lang="da">' in danish
    assert '<html lang="en">' in english


def test_an_error_page_is_not_cached(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    assert client.get("/meetings/?date_after=not-a-date").status_code == 400
    response = client.get("/meetings/?date_after=not-a-date")
    assert response.status_code == 400
    assert "public" not in response.get("Cache-Control", "")


def test_a_shared_cache_that_is_down_makes_pages_slower_not_broken(client, meeting, settings, caplog):
    settings.PAGE_CACHE_SECONDS = 60
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }

    response = client.get(f"/meetings/{meeting.pk}/")

    assert response.status_code == 200
    assert "Page cache unavailable" in caplog.text
