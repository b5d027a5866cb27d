"""PostgreSQL: a GiST trigram index on the vocabulary, for "Mente du" (search/vocabulary.py).

`ORDER BY word <-> 'ord' LIMIT 50` walks a GiST index nearest first and stops after 50 words;
the GIN index of 0002 can only filter (`word % 'ord'`), and PostgreSQL, which does not know what
a similarity costs, prefers reading the whole table to it: 36 ms at 18 000 words, more with each
word the archive learns. The GIN index stays for the compound tails (`word LIKE '%screening'`).
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_lexeme_gist ON search_lexeme USING gist (word gist_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_lexeme_gist")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_indexes")]

    operations = [migrations.RunPython(create, drop)]
