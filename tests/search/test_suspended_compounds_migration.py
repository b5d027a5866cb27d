"""Migrating to search 0011 adds the compounds written with a suspended hyphen to the index of the
items already there ("Klima-, Teknik- og Miljøudvalget" is found as "teknikudvalget"), on both
databases."""

import pytest
from django.db import connection

from search.backends import search
from search.index import reindex_postgres
from search.query import index_tokens
from tests.migrating import greve_item, migrate, migrate_to_newest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("search", "0010_section_vectors")]
AFTER = [("search", "0011_suspended_hyphen_compounds")]


def test_the_migration_adds_the_compounds_of_existing_items():
    migrate(BEFORE)
    # Only search's migrations went back, and 0011 changes no table: today's models fit.
    item = greve_item("Klima-, Teknik- og Miljøudvalget om miljø i udvalget")
    with connection.cursor() as cursor:
        # As the index before 0011 stored it: the words as printed, no compound made of them.
        if connection.vendor == "postgresql":
            reindex_postgres(cursor)
        else:
            cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [item.pk])
            cursor.execute(
                "INSERT INTO search_fts (rowid, title) VALUES (%s, %s)", [item.pk, index_tokens(item.title)]
            )
    before = search("teknikudvalget").total

    migrate(AFTER)
    try:
        after = [hit.item.pk for hit in search("teknikudvalget").hits]
        in_title = search("klimaudvalget", section="title").total
    finally:
        migrate_to_newest()
    assert (before, after, in_title) == (0, [item.pk], 1)
