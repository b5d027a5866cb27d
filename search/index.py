"""The one place that keeps the stored search columns of agenda items current.

PostgreSQL keeps a weighted tsvector per item in `AgendaItem.search_vector` (danish config):
title A, decision B, recommendation, presentation and other sections C, Bilag D; beside it
`AgendaItem.word_pairs` holds every pair of adjacent words, so that a phrase finds its candidates
through an index. A closed item has neither.

Saving an item or a Bilag through the ORM (the admin, the importer, a shell) refreshes that item
through the signals connected in `connect_signals()`. Inside `batch()` the refresh waits and runs
once for every item the batch touched: the importer loads a meeting of 40 items and 200 Bilag
with one UPDATE, not 240. Bulk writes (`bulk_create`, `QuerySet.update`) send no signals: whoever
makes them calls `refresh_search_vectors()` itself (the corpus generator does; a query on closed
items never matches, so a stale vector of a newly closed item shows nothing).
"""

import threading
from contextlib import contextmanager

from django.db import connections
from django.db.models.signals import post_delete, post_save

from agenda_items.models import AgendaItem
from attachments.models import Attachment

# tsvector values are limited to 1 MB; a long Bilag is indexed by its beginning.
MAX_ATTACHMENT_CHARS = 200_000

_REFRESH_SQL = f"""
UPDATE agenda_items_agendaitem AS i SET (search_vector, word_pairs) = (
    SELECT v.vector, (
        SELECT array_to_tsvector(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme))
        FROM (SELECT lexeme, unnest(positions) AS p FROM unnest(v.vector)) AS a
        JOIN (SELECT lexeme, unnest(positions) AS p FROM unnest(v.vector)) AS b ON b.p = a.p + 1
    )
    FROM (SELECT CASE WHEN i.closed THEN NULL ELSE
        setweight(to_tsvector('danish'::regconfig, i.title), 'A')
        || setweight(to_tsvector('danish'::regconfig, i.decision), 'B')
        || setweight(to_tsvector('danish'::regconfig, i.recommendation), 'C')
        || setweight(to_tsvector('danish'::regconfig, i.presentation), 'C')
        || setweight(jsonb_to_tsvector('danish'::regconfig, i.sections, '["string"]'), 'C')
        || setweight(to_tsvector('danish'::regconfig, coalesce((
            SELECT left(string_agg(a.title || E'\\n' || a.text, E'\\n' ORDER BY a."order"),
                        {MAX_ATTACHMENT_CHARS})
            FROM attachments_attachment a WHERE a.agenda_item_id = i.id), '')), 'D')
    END AS vector) AS v
)
"""

_pending = threading.local()


def refresh_search_vectors(items=None):
    """Recompute the stored search vector and word pairs of `items` (a queryset; all when None).

    Called through the signals below for every saved item or Bilag, once per batch by the
    importer, and by the `rebuild_search_index` command. A no-op on databases without full-text
    search.
    """
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        if items is None:
            cursor.execute(_REFRESH_SQL)
        else:
            ids = list(items.values_list("pk", flat=True))
            if not ids:
                return 0
            cursor.execute(_REFRESH_SQL + " WHERE i.id = ANY(%s)", [ids])
        return cursor.rowcount


@contextmanager
def batch():
    """Refresh the items saved inside the block once, when it ends without an error."""
    if getattr(_pending, "ids", None) is not None:  # nested: the outer batch refreshes
        yield
        return
    _pending.ids = set()
    try:
        yield
        ids = _pending.ids
    finally:
        _pending.ids = None
    if ids:
        refresh_search_vectors(AgendaItem.objects.filter(pk__in=ids))


def _touched(item_id):
    if item_id is None:
        return
    if getattr(_pending, "ids", None) is not None:
        _pending.ids.add(item_id)
    else:
        refresh_search_vectors(AgendaItem.objects.filter(pk=item_id))


def _item_saved(sender, instance, raw=False, **kwargs):
    if not raw:  # loaddata: the fixture's rows are refreshed by rebuild_search_index
        _touched(instance.pk)


def _attachment_changed(sender, instance, raw=False, **kwargs):
    # An item deleted with its Bilag is simply not found by the refresh.
    if not raw:
        _touched(instance.agenda_item_id)


def connect_signals():
    post_save.connect(_item_saved, sender=AgendaItem, dispatch_uid="search-item-saved")
    post_save.connect(_attachment_changed, sender=Attachment, dispatch_uid="search-attachment-saved")
    post_delete.connect(_attachment_changed, sender=Attachment, dispatch_uid="search-attachment-deleted")


def register_sqlite_functions(sender, connection, **kwargs):
    """SQLite folds only ASCII case; search needs æ/ø/å folded too (backends/sqlite.py)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "minutes_casefold", 1, lambda s: s.casefold() if isinstance(s, str) else s, deterministic=True
        )
