"""The full-text indexes each database needs beside the vocabulary.

SQLite: the FTS5 table `search_fts` (one row per open item, rowid = the item's id) holding the
Danish stems search/index.py produces, filled here for the items already in the archive.
PostgreSQL: a trigram index on the vocabulary (suffixes and "Mente du"), filled from the stored
vectors. RunPython, so that each database runs only its own part.
"""

from django.db import migrations

PG_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_lexeme_trgm ON search_lexeme USING gin (word gin_trgm_ops)",
]


def create(apps, schema_editor):
    from search import index

    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        for sql in PG_CREATE:
            schema_editor.execute(sql)
        with connection.cursor() as cursor:
            cursor.execute(index.PG_LEXEMES_SQL.format(where=""))
    elif connection.vendor == "sqlite":
        schema_editor.execute(index.SQLITE_FTS_TABLE)
        with connection.cursor() as cursor:
            index.refresh_sqlite(cursor, None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_lexeme_trgm")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("agenda_items", "0005_history_and_positions"),
        ("attachments", "0002_unguessable_names_and_publisher_link"),
    ]

    operations = [migrations.RunPython(create, drop)]
