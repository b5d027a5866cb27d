"""Migrating to agenda_items 0004 fills the word pairs of the items already there (PostgreSQL)."""

import pytest
from django.db import connection

from tests.migrating import migrate, migrate_to_newest

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BEFORE = [("agenda_items", "0003_lz4_compression")]
AFTER = [("agenda_items", "0004_word_pairs")]


def test_the_migration_takes_the_pairs_of_existing_items_from_their_vectors():
    old_apps = migrate(BEFORE)
    Municipality = old_apps.get_model("meetings", "Municipality")
    Committee = old_apps.get_model("meetings", "Committee")
    Meeting = old_apps.get_model("meetings", "Meeting")
    AgendaItem = old_apps.get_model("agenda_items", "AgendaItem")
    municipality = Municipality.objects.create(name="Aabenraa", slug="aabenraa")
    committee = Committee.objects.create(municipality=municipality, name="Byrådet", slug="byraadet")
    meeting = Meeting.objects.create(committee=committee)
    item = AgendaItem.objects.create(meeting=meeting, number="1", title="Sociale ydelser")
    closed = AgendaItem.objects.create(meeting=meeting, number="2", title="Lukket", closed=True)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE agenda_items_agendaitem SET search_vector = to_tsvector('danish', title) WHERE id = %s",
            [item.pk],
        )

    migrate(AFTER)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, word_pairs::text FROM agenda_items_agendaitem ORDER BY id")
            pairs = dict(cursor.fetchall())
    finally:
        migrate_to_newest()
    assert pairs[item.pk] == "'social ydels'"
    assert pairs[closed.pk] is None
