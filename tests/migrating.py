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
