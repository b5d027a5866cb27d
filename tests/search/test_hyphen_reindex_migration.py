"""Migrating to search 0007 re-indexes the items already there, so that a hyphenated compound is
words in a row (PostgreSQL)."""

import pytest
from django.db import connection

from tests.migrating import greve_item, migrate, migrate_to_newest

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BEFORE = [("search", "0006_lexeme_drop_gist")]
AFTER = [("search", "0007_reindex_hyphenated_words")]


def test_the_migration_gives_a_hyphenated_compound_consecutive_positions():
    migrate(BEFORE)
    # Only search's migrations went back, and 0007 changes no table: today's models fit.
    item = greve_item("Nyt IT-system")
    with connection.cursor() as cursor:
        # As the index before 0007 stored it: nyt 1, it-system 2, it 3, system 4.
        cursor.execute(
            "UPDATE agenda_items_agendaitem SET search_vector = to_tsvector('danish', title) WHERE id = %s",
            [item.pk],
        )

    migrate(AFTER)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT search_vector @@ to_tsquery('danish', 'nyt <-> it <-> system'),"
                " search_vector::text FROM agenda_items_agendaitem WHERE id = %s",
                [item.pk],
            )
            phrase_matches, vector = cursor.fetchone()
    finally:
        migrate_to_newest()
    assert phrase_matches
    assert vector == "'it':2A 'nyt':1A 'system':3A"
