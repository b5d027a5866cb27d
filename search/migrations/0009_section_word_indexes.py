"""PostgreSQL: a GIN index on the words of each column a search can be limited to (title,
decision, recommendation, presentation), read as the section search reads them
(search/index.py's pg_section_words() then). Search 0010 replaces them.

A search within a section used to find the items holding the query anywhere (the stored vector's
index) and then read that section of each of them again: a phrase that many items hold but few
titles, searched in the titles, took 0.8 s at a million items, and in the presentations it hit the
search timeout (3 s). With these indexes the section's own words decide which items are read.
docs/PERFORMANCE.md has the figures and the indexes' size. The statistics target is search 0005's,
so that the planner knows a rare word in a section is rare. Building them reads every item's text
once (a few minutes at a million items).
"""

from django.db import migrations

TABLE = "agenda_items_agendaitem"
TARGET = 3000
COLUMNS = ("title", "decision", "recommendation", "presentation")
# The words of a column as the section search read them when this migration was written (search
# 0010 replaces these indexes with stored vectors written from the same SQL, and reads it here).
WORDS = (
    "to_tsvector('danish'::regconfig, regexp_replace(regexp_replace(regexp_replace(regexp_replace("
    "{column}, '-([0-9])', '\u2011\\1', 'g'), '(?<=[[:alnum:]])-(?=[[:alpha:]])', '\u2011', 'g'),"
    " '([[:alpha:]])/', '\\1\u2215', 'g'), '/([[:alpha:]])', '\u2215\\1', 'g'))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        name = f"item_{column}_words"
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {TABLE} USING gin (({WORDS.format(column=column)}))"
        )
        schema_editor.execute(f"ALTER INDEX {name} ALTER COLUMN 1 SET STATISTICS {TARGET}")
    schema_editor.execute(f"ANALYZE {TABLE}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for column in COLUMNS:
            schema_editor.execute(f"DROP INDEX IF EXISTS item_{column}_words")


class Migration(migrations.Migration):
    dependencies = [("search", "0008_word_pairs_keep_stop_words")]

    operations = [migrations.RunPython(create, drop)]
