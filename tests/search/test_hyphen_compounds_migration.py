"""Migrating to search 0013 indexes the compounds that the items already there write with a hyphen
between the parts joined too ("tiårsplan" finds "ti-årsplan"), on both databases."""

import pytest

from search.backends import search
from tests.migrating import greve_item, migrate, migrate_to_newest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("search", "0012_positions_in_decisions")]
WORDS = ("tiårsplan", "tillægsbevillinger", "elbiler")
AFTER = [("search", "0013_hyphenated_compounds")]


def test_the_migration_joins_the_hyphenated_compounds_of_existing_items(monkeypatch):
    migrate(BEFORE)
    # Only search's migrations went back, and 0013 changes no table: today's models fit. The item
    # is indexed as before 0013, without the joined words.
    with monkeypatch.context() as before_0013:
        before_0013.setattr("search.query.hyphen_compounds", lambda text: [])
        item = greve_item("Opdatering af ti-årsplan for skolerne")
        item.presentation = "Der søges om tillægsbevil-linger til el-biler."
        item.save()
        before = [found(q) for q in WORDS]

    migrate(AFTER)
    try:
        after = [
            [hit.item.pk for hit in search(q).hits] for q in ("tiårsplan", "tillægsbevillinger", "elbiler")
        ]
    finally:
        migrate_to_newest()
    assert (before, after) == ([[]] * 3, [[item.pk]] * 3)


def found(q):
    """The items `q` finds itself (not those of "Mente du": the words apart, "ti årsplan")."""
    results = search(q)
    return [] if results.fuzzy else [hit.item.pk for hit in results.hits]
