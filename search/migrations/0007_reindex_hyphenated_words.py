"""Re-index every item once on PostgreSQL: search/index.py now gives its parser a hyphen before a
letter as a non-breaking hyphen, so that "nyt IT-system" and "reducere CO2-udledningen" are words
in a row (the parser read nyt, it-system, it, system, and no phrase with a word before a
hyphenated compound matched). SQLite's tokenizer always split there; its index is left alone. At a
million items this rewrites every vector (about as long as search 0004); reversing leaves the
vectors as they are.
"""

from django.db import migrations


def reindex(apps, schema_editor):
    from search import index

    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            index.reindex_postgres(cursor, own_vectors=False)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_lexeme_drop_gist")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
