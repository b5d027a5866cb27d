"""PostgreSQL: the stored vector of each column a search can be limited to (title, decision,
recommendation, presentation; agenda_items 0010 adds them, search/index.py keeps them), written for
the items already there, with a GIN index each in place of search 0009's indexes of the same words.

Search 0009 indexed the words of each column as an expression: the index told which items hold the
query's words in the column, but a phrase, whose word positions the index does not keep, was
confirmed by parsing the column again for every candidate. "sociale ydelser" in the presentations
took 1.1 s at 100 000 items (2 560 matches, each parsed twice). The stored vectors keep the
positions: confirming from them is some 80 times cheaper. docs/PERFORMANCE.md has the figures, the
columns' size and how long this takes.

The columns are compressed with lz4 (as agenda_items 0003 does the others) and keep statistics at
search 0005's target, so that the planner knows a rare word in a section is rare. The vectors are
written with the SQL search 0009 indexed, kept there: search/index.py's _refresh_sql() writes the
same from the same parse. Reversing drops these indexes and makes search 0009's again; the columns
are agenda_items 0010's to drop.

It runs while the old version serves (docs/OPERATIONS.md): not in one transaction, so that no step
but the UPDATE holds a lock for long, and that one only the rows (an import waits; pages and
searches do not). The indexes are dropped and built CONCURRENTLY: reads and writes go on. Each step
can run again, so a migration stopped half-way is finished by running it again.
"""

import importlib

from django.db import migrations

TABLE = "agenda_items_agendaitem"
TARGET = 3000
COLUMNS = ("title", "decision", "recommendation", "presentation")
SECTION_WORD_INDEXES = importlib.import_module("search.migrations.0009_section_word_indexes")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    vectors = [f"{column}_vector" for column in COLUMNS]
    for column in COLUMNS:
        # Before the UPDATE, which would otherwise add every row anew to the indexes it replaces.
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS item_{column}_words")
    schema_editor.execute(
        "DO $$ BEGIN ALTER TABLE "
        + TABLE
        + ", ".join(f" ALTER COLUMN {vector} SET COMPRESSION lz4" for vector in vectors)
        + "; EXCEPTION WHEN feature_not_supported THEN NULL; END $$"
    )
    words = ", ".join(
        f"{column}_vector = {SECTION_WORD_INDEXES.WORDS.format(column=column)}" for column in COLUMNS
    )
    schema_editor.execute(f"UPDATE {TABLE} SET {words} WHERE NOT closed")
    for vector in vectors:
        # (One left by a build that failed half-way is invalid: it is made anew.)
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS item_{vector}")
        schema_editor.execute(f"CREATE INDEX CONCURRENTLY item_{vector} ON {TABLE} USING gin ({vector})")
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {vector} SET STATISTICS {TARGET}")
    schema_editor.execute(f"ANALYZE {TABLE}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS item_{column}_vector")
    SECTION_WORD_INDEXES.create(apps, schema_editor)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("search", "0009_section_word_indexes"),
        ("agenda_items", "0010_section_vectors"),
    ]

    operations = [migrations.RunPython(create, drop)]
