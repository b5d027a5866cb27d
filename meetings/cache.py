"""Withdrawing cached public pages at once: a generation number that every page cache key carries.

The public pages are cached whole (meetings.views.public_page). When something becomes less
public (an item is closed, a meeting deleted, a re-import drops text) the cached copies must go
on the very next request, in every worker. Deleting them one by one would need to know every
address that shows the thing (meeting, item, case, committee, search, both languages...), so
instead every cached page's key starts with the current *generation*, a number kept in the
shared cache; `withdraw()` increments it, after which no worker finds the old copies (they age
out of Redis by themselves).

Models' post_save/post_delete call `withdraw()` (attachments/signals.py); code that changes rows
without signals (`QuerySet.update()`, `bulk_create`, raw SQL) must call it itself. It waits for
the transaction to commit: a reader must not re-cache the old page between the bump and the
commit, and a rolled-back change withdraws nothing.

The generation lives in the default cache, which must therefore be shared by every process that
serves or changes pages (Redis, DJANGO_CACHE_URL): a per-process memory cache cannot be
withdrawn from another process, so settings.py turns the page cache off without one.

Imports nothing from the project, so any module may call it.
"""

import logging
import time

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

GENERATION_KEY = "minutes:page-generation"


def _fresh_generation():
    # A generation that was never used before, even if Redis lost the key (eviction, restart):
    # counting up from 0 again could bring back pages cached under an old number.
    return time.time_ns() // 1000


def generation():
    """The current generation (an int); raises the cache's own error if the cache is down."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def page_key_prefix():
    """The key prefix for cached pages of the current generation (cache_page's key_prefix)."""
    return f"g{generation()}"


def _bump():
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # no key yet (or evicted): any new number withdraws as well
            cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)
    except Exception:  # a cache that is down serves no pages either; say so, loudly
        logger.error("Could not withdraw cached pages: the page cache did not answer", exc_info=True)


def withdraw(using=None):
    """Make every cached public page stale, once the current transaction commits (at once outside one).

    Several calls within one transaction bump the generation once.
    """
    connection = transaction.get_connection(using)
    # Django keeps the pending callbacks as (savepoint ids, function, robust) tuples; one bump
    # per transaction is enough, however many rows it saves.
    if connection.in_atomic_block and any(entry[1] is _bump for entry in connection.run_on_commit):
        return
    transaction.on_commit(_bump, using=using)


def public_cache_control(response, proxy_seconds):
    """Cache-Control for a public page or file: browsers revalidate, proxies keep it `proxy_seconds`.

    With `proxy_seconds` 0 (the default), every cache in front must ask again before reusing a
    copy (`no-cache`); the answer is a cheap 304 when the ETag still matches. With more, a shared
    cache may serve a copy for that long without asking (`s-maxage`), which bounds how long a
    withdrawn page can still be seen there; browsers still revalidate (`max-age=0`).
    """
    if response.has_header("Expires"):
        del response.headers["Expires"]
    if proxy_seconds > 0:
        response["Cache-Control"] = f"public, max-age=0, s-maxage={int(proxy_seconds)}, must-revalidate"
    else:
        response["Cache-Control"] = "public, no-cache"
    return response
