"""PostgreSQL-only search indexes: a GIN index on the stored tsvector, pg_trgm on titles.

They are created with RunPython so that the same migrations run on SQLite, where there is
no full-text index to build (agenda_items/search.py uses a plain strategy there).
"""
from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS item_search_vector ON agenda_items_agendaitem USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS item_title_trgm ON agenda_items_agendaitem USING gin (title gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS item_title_trgm",
    "DROP INDEX IF EXISTS item_search_vector",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("agenda_items", "0001_initial")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
