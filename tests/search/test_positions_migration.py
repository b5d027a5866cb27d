"""Migrating to search 0012 indexes how the parties and members stood on each decision with the
decision, for the items already there ("enhedslisten imod" finds the item whose decision prints
"Imod stemte: (Ø)"), on both databases."""

import pytest

from agenda_items.models import Position
from search.backends import search
from tests.migrating import greve_item, migrate, migrate_to_newest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("search", "0011_suspended_hyphen_compounds")]
AFTER = [("search", "0012_positions_in_decisions")]


def test_the_migration_indexes_the_positions_of_existing_items():
    migrate(BEFORE)
    # Only search's migrations went back, and 0012 changes no table: today's models fit.
    item = greve_item("Nyt vandværk")
    item.decision = "Imod stemte: (Ø)."
    item.save()  # indexed, before its positions are there
    # As the import stores them, without a signal (bulk_create): the index before 0012 lacked them.
    Position.objects.bulk_create(
        [
            Position(
                item=item,
                order=1,
                who="Enhedslisten",
                party="Enhedslisten",
                stance="against",
                text="Imod stemte: (Ø).",
                municipality_id=item.meeting.committee.municipality_id,
            )
        ]
    )
    before = search("enhedslisten").total

    migrate(AFTER)
    try:
        after = [hit.item.pk for hit in search("enhedslisten vandværk").hits]
        in_decisions = search("enhedslisten imod", section="decision").total
    finally:
        migrate_to_newest()
    assert (before, after, in_decisions) == (0, [item.pk], 1)
