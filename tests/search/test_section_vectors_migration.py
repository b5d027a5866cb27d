"""Migrating to search 0010 writes the vector of each column a search can be limited to for the
items already there, and indexes those vectors in place of search 0009's indexes (PostgreSQL)."""

import pytest
from django.db import connection

from search.backends import search
from tests.migrating import greve_item, migrate, migrate_to_newest

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BEFORE = [("search", "0009_section_word_indexes")]
AFTER = [("search", "0010_section_vectors")]
VECTORS = ("title_vector", "decision_vector", "recommendation_vector", "presentation_vector")


def indexes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'agenda_items_agendaitem'")
        return {row[0] for row in cursor.fetchall()}


def test_the_migration_writes_and_indexes_each_columns_own_vector():
    migrate(BEFORE)
    # Only search 0010 went back: agenda_items 0010's columns are there, as today's models have them.
    item = greve_item("Sociale ydelser til borgere")
    with connection.cursor() as cursor:
        # An item indexed before the columns had their own vectors.
        cursor.execute(
            "UPDATE agenda_items_agendaitem SET title_vector = NULL, presentation = %s WHERE id = %s",
            ["Udgifterne til sociale ydelser stiger.", item.pk],
        )
    before = indexes()

    migrate(AFTER)
    try:
        item.refresh_from_db()
        after = indexes()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attname, attstattarget FROM pg_attribute"
                " WHERE attrelid = 'agenda_items_agendaitem'::regclass AND attname = ANY(%s)",
                [list(VECTORS)],
            )
            targets = dict(cursor.fetchall())
        in_presentations = search('"sociale ydelser"', section="presentation").total
    finally:
        migrate_to_newest()
    assert "item_presentation_words" in before and "item_presentation_vector" not in before
    # The words of each column, parsed as the stored vector parses them ("til" is a stop word).
    assert item.title_vector == "'borg':4 'social':1 'ydels':2"
    assert item.presentation_vector == "'social':3 'stig':5 'udgift':1 'ydels':4"
    assert {f"item_{vector}" for vector in VECTORS} <= after
    assert not {"item_title_words", "item_decision_words", "item_recommendation_words"} & after
    assert "item_presentation_words" not in after
    assert targets == dict.fromkeys(VECTORS, 3000)
    assert in_presentations == 1


def test_reversing_it_makes_search_0009s_indexes_again():
    migrate(BEFORE)
    try:
        reversed_to = indexes()
    finally:
        migrate_to_newest()
    assert {f"item_{column}_words" for column in ("title", "decision", "recommendation", "presentation")} <= (
        reversed_to
    )
    assert not {f"item_{vector}" for vector in VECTORS} & reversed_to
    assert {f"item_{vector}" for vector in VECTORS} <= indexes()
