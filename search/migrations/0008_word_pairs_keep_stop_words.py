"""Re-index every item's word pairs on PostgreSQL with the stop words in them (search/index.py's
PAIRS_CONFIG, created here: PostgreSQL's Danish stemmer without its stop word list), so that a
phrase holding a stop word ("ikke godkendt", "selv-princippet", "ydelser til borgere") finds only
the items that hold it, as on SQLite, whose index keeps every word. The danish configuration, and
so the stored vectors, drop them: `"ikke godkendt"` was every item with "godkendt". The vectors
themselves are rewritten as they were. At a million items this takes about as long as search
0007; reversing leaves the configuration and the pairs as they are.
"""

from django.db import migrations


def reindex(apps, schema_editor):
    from search import index

    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            index.reindex_postgres(cursor)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_reindex_hyphenated_words")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
