"""Finding 2: a change that makes something less public reaches the very next request.

The page cache kept a closed item's text for up to 60 s (and max-age=60 in proxies and browsers).
Every cached page's key now carries a generation (meetings/cache.py) that saves and deletes bump
after commit, in a cache all workers share; browsers and proxies must revalidate.
"""

import socket

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client

from agenda_items.models import AgendaItem
from meetings import cache as page_cache
from tests.factories import AgendaItemFactory, AttachmentFactory

# Real commits: the withdrawal waits for one (transaction.on_commit).
pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "Fortrolig personalesag om medarbejder X"


@pytest.fixture
def item(settings):
    settings.PAGE_CACHE_SECONDS = 60
    return AgendaItemFactory(number="3", title=SECRET, decision="Godkendt.")


def pages_of(item):
    meeting = item.meeting_id
    return [f"/meetings/{meeting}/", f"/en/meetings/{meeting}/", f"/meetings/{meeting}/punkt/{item.number}/"]


def form_data(form, data):
    """What a browser would post for the bound-to-initial Django form `form`, added to `data`."""
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        key = form.add_prefix(name)
        if value is True:
            data[key] = "on"
        elif isinstance(value, (list, tuple)):
            data[key] = [str(v) for v in value]
        else:
            data[key] = str(value)
    return data


def admin_post_data(response):
    """The admin change form on `response`, with its inlines, as the browser would post it unchanged."""
    data = form_data(response.context["adminform"].form, {})
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        form_data(formset.management_form, data)
        for form in formset.forms:
            form_data(form, data)
    return data


def test_closing_an_item_in_the_admin_withdraws_the_cached_pages_at_once(client, item):
    for page in pages_of(item):
        assert SECRET in client.get(page).content.decode()  # cached now
    admin = Client()
    admin.force_login(User.objects.create_superuser("admin", password="x"))
    address = f"/admin/agenda_items/agendaitem/{item.pk}/change/"
    data = admin_post_data(admin.get(address))
    data["closed"] = "on"

    saved = admin.post(address, data)

    assert saved.status_code == 302, saved.context["adminform"].form.errors if saved.context else saved
    item.refresh_from_db()
    assert item.closed
    for page in pages_of(item):
        response = client.get(page)
        assert response.status_code == 200
        assert SECRET not in response.content.decode(), page


def test_deleting_an_item_withdraws_it(client, item):
    page = f"/meetings/{item.meeting_id}/"
    assert SECRET in client.get(page).content.decode()
    item.delete()
    assert SECRET not in client.get(page).content.decode()


def test_a_rolled_back_change_withdraws_nothing_and_a_committed_one_waits_for_the_commit(client, item):
    before = page_cache.generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        item.closed = True
        item.save()
        raise RuntimeError("rolled back")
    assert page_cache.generation() == before

    with transaction.atomic():
        AgendaItem.objects.filter(pk=item.pk).update(closed=True)
        page_cache.withdraw()
        page_cache.withdraw()  # twice in one transaction: one bump
        assert page_cache.generation() == before  # not before the commit
    assert page_cache.generation() == before + 1
    assert SECRET not in client.get(f"/meetings/{item.meeting_id}/").content.decode()


def test_a_bilag_deleted_withdraws_the_pages_that_listed_it(client, item):
    bilag = AttachmentFactory(agenda_item=item, title="Bilag om medarbejder X")
    page = f"/meetings/{item.meeting_id}/"
    assert "Bilag om medarbejder X" in client.get(page).content.decode()
    bilag.delete()
    assert "Bilag om medarbejder X" not in client.get(page).content.decode()


def test_an_update_without_signals_stays_cached_until_withdraw_is_called(client, item):
    page = f"/meetings/{item.meeting_id}/"
    client.get(page)
    AgendaItem.objects.filter(pk=item.pk).update(closed=True)
    assert SECRET in client.get(page).content.decode()  # what the loader must not forget
    page_cache.withdraw()
    assert SECRET not in client.get(page).content.decode()


def test_pages_tell_browsers_and_proxies_to_revalidate(client, item, settings):
    page = f"/meetings/{item.meeting_id}/"
    first = client.get(page)
    second = client.get(page)
    assert first["Cache-Control"] == second["Cache-Control"] == "public, no-cache"
    assert "Expires" not in second
    assert second["ETag"] == first["ETag"]
    assert client.get(page, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    settings.PROXY_CACHE_SECONDS = 15
    assert client.get(page)["Cache-Control"] == "public, max-age=0, s-maxage=15, must-revalidate"

    # After a withdrawal the old ETag no longer matches: a proxy revalidating gets the new page.
    item.closed = True
    item.save()
    response = client.get(page, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200 and SECRET not in response.content.decode()


def test_a_lost_generation_key_never_brings_back_old_pages(client, item):
    page = f"/meetings/{item.meeting_id}/"
    client.get(page)
    old = page_cache.generation()
    caches["default"].delete(page_cache.GENERATION_KEY)  # evicted, or Redis restarted without its pages
    assert page_cache.generation() != old


def redis_available(port=6379):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.3).close()
        return True
    except OSError:
        return False


def redis_location():
    """A Redis database of its own for each test database's run: CI runs the SQLite and the
    PostgreSQL passes side by side, and each empties its cache."""
    return f"redis://127.0.0.1:6379/{13 if connection.vendor == 'sqlite' else 14}"


@pytest.mark.skipif(not redis_available(), reason="needs a Redis on 127.0.0.1:6379")
def test_two_workers_sharing_redis_see_the_withdrawal_on_the_next_request(item, settings):
    """Two processes' worth of cache clients: worker A caches, worker B closes, A serves fresh."""
    location = redis_location()
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location},
        "worker_b": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location},
    }
    caches["default"].clear()
    worker_a, page = Client(), f"/meetings/{item.meeting_id}/"
    assert SECRET in worker_a.get(page).content.decode()
    assert SECRET in worker_a.get(page).content.decode()  # from Redis

    # Worker B bumps the generation through its own client to the same Redis.
    generation = caches["worker_b"].get(page_cache.GENERATION_KEY)
    AgendaItem.objects.filter(pk=item.pk).update(closed=True)
    caches["worker_b"].incr(page_cache.GENERATION_KEY)
    assert caches["default"].get(page_cache.GENERATION_KEY) == generation + 1

    assert SECRET not in worker_a.get(page).content.decode()
    caches["default"].clear()


@pytest.mark.skipif(not redis_available(), reason="needs a Redis on 127.0.0.1:6379")
def test_a_save_in_one_worker_withdraws_the_page_another_worker_cached(item, settings):
    location = redis_location()
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}
    }
    caches["default"].clear()
    page = f"/meetings/{item.meeting_id}/"
    assert SECRET in Client().get(page).content.decode()
    item.closed = True
    item.save()  # post_save -> withdraw() -> INCR in the shared Redis
    assert SECRET not in Client().get(page).content.decode()
    caches["default"].clear()
