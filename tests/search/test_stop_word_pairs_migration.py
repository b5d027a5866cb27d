"""Migrating to search 0008 re-indexes the word pairs of the items already there with their stop
words, so that a phrase holding one is held to it (PostgreSQL)."""

import pytest
from django.db import connection

from tests.migrating import greve_item, migrate, migrate_to_newest

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BEFORE = [("search", "0007_reindex_hyphenated_words")]
AFTER = [("search", "0008_word_pairs_keep_stop_words")]


def test_the_migration_puts_the_stop_words_into_the_word_pairs():
    migrate(BEFORE)
    # Only search's migrations went back, and 0008 changes no table: today's models fit.
    item = greve_item("Kan ikke godkendes")
    with connection.cursor() as cursor:
        # As the index before 0008 stored them: the pairs of the danish vector, which has no "ikke".
        cursor.execute(
            "UPDATE agenda_items_agendaitem SET search_vector = to_tsvector('danish', title),"
            " word_pairs = 'kan'::tsvector WHERE id = %s",
            [item.pk],
        )

    migrate(AFTER)
    try:
        item.refresh_from_db()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attstattarget FROM pg_attribute"
                " WHERE attrelid = 'agenda_items_agendaitem'::regclass AND attname = 'word_pairs'"
            )
            [target] = cursor.fetchone()
    finally:
        migrate_to_newest()
    # Snowball's Danish stems: "ikke" -> ikk, "godkendes" -> godk (its suffix "endes").
    assert item.word_pairs == "'ikk godk' 'kan ikk'"
    # Statistics of enough pairs that a phrase's ordinary pairs are not crowded out by these.
    assert target == 3000
