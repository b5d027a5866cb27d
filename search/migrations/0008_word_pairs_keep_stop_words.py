"""Re-index every item's word pairs on PostgreSQL with the stop words in them (search/index.py's
PAIRS_CONFIG, created here: PostgreSQL's Danish stemmer without its stop word list), so that a
phrase holding a stop word ("ikke godkendt", "selv-princippet", "ydelser til borgere") finds only
the items that hold it, as on SQLite, whose index keeps every word. The danish configuration, and
so the stored vectors, drop them: `"ikke godkendt"` was every item with "godkendt". The vectors
themselves are rewritten as they were. At a million items this takes about as long as search
0007.

The pairs with stop words ("af byråd", "i kommun") are the most common ones, and with the default
statistics target they pushed a phrase's ordinary pairs out of what ANALYZE keeps: "sociale
ydelser" (5 198 of 100 000 items) was estimated at 486, and its newest-first page rechecked every
match (181 ms p95 against 57). The word pairs keep statistics at search 0005's target, and the
table is analysed at the end. Reversing sets the default target and leaves the configuration and
the pairs as they are.
"""

from django.db import migrations

TABLE = "agenda_items_agendaitem"
TARGET = 3000


def reindex(apps, schema_editor):
    from search import index

    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN word_pairs SET STATISTICS {TARGET}")
        with connection.cursor() as cursor:
            index.reindex_postgres(cursor, own_vectors=False)
        schema_editor.execute(f"ANALYZE {TABLE}")


def reset_target(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN word_pairs SET STATISTICS -1")


class Migration(migrations.Migration):
    dependencies = [("search", "0007_reindex_hyphenated_words")]

    operations = [migrations.RunPython(reindex, reset_target)]
