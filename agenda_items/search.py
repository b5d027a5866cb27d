"""Full-text search over agenda items: the index (this part) and the query entry point.

PostgreSQL keeps a weighted tsvector per item in `AgendaItem.search_vector` (danish config):
title A, decision B, recommendation, presentation and other sections C, attachments D.
SQLite has no such index; its search strategy reads the text columns directly.
"""

from django.db import connection

# tsvector values are limited to 1 MB; a long Bilag is indexed by its beginning.
MAX_ATTACHMENT_CHARS = 200_000

_REFRESH_SQL = f"""
UPDATE agenda_items_agendaitem AS i SET search_vector = CASE WHEN i.closed THEN NULL ELSE
    setweight(to_tsvector('danish'::regconfig, i.title), 'A')
    || setweight(to_tsvector('danish'::regconfig, i.decision), 'B')
    || setweight(to_tsvector('danish'::regconfig, i.recommendation), 'C')
    || setweight(to_tsvector('danish'::regconfig, i.presentation), 'C')
    || setweight(jsonb_to_tsvector('danish'::regconfig, i.sections, '["string"]'), 'C')
    || setweight(to_tsvector('danish'::regconfig, coalesce((
        SELECT left(string_agg(a.title || E'\\n' || a.text, E'\\n' ORDER BY a."order"),
                    {MAX_ATTACHMENT_CHARS})
        FROM attachments_attachment a WHERE a.agenda_item_id = i.id), '')), 'D')
END
"""


def refresh_search_vectors(items=None):
    """Recompute the stored search vector of `items` (a queryset; all items when None).

    Called by the importer after saving, by the admin after an edit, and by the
    `rebuild_search_index` command. A no-op on databases without full-text search.
    """
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
