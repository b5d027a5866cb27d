"""For the tests of data migrations: the schema at a migration, then back to the newest.

A fresh MigrationExecutor each time: one that has migrated holds the graph as it was read.
"""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate to `targets` ([(app, migration), ...]); the apps (historical models) of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_newest():
    """Every app at its newest migration again, for the tests that follow: going back to one
    migration also undid the later ones of other apps that depend on it."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def greve_item(title):
    """An agenda item titled `title` in a meeting of Greve's Byråd, made with today's models (for
    migrations that change no table, so that today's models fit the state migrated to)."""
    from agenda_items.models import AgendaItem
    from meetings.models import Committee, Meeting, Municipality

    municipality = Municipality.objects.create(name="Greve", slug="greve")
    committee = Committee.objects.create(municipality=municipality, name="Byrådet", slug="byraadet")
    meeting = Meeting.objects.create(committee=committee)
    return AgendaItem.objects.create(meeting=meeting, number="1", title=title)
