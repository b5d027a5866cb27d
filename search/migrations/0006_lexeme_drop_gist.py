"""PostgreSQL: "Mente du" reads its candidates from the GIN trigram index of 0002 again, and the
GiST index of 0003 goes.

`ORDER BY word <-> 'ord' LIMIT 50` down the GiST index reads on until it has 50 words, however
far they are: a word of nonsense, which has no near word, took 5-10 ms to find nothing (100 000
items, 17 000 words, on a busy machine). `word % 'ord'` above a similarity threshold
(search/vocabulary.py) reads from the GIN index only the words that share trigrams with it: 0.7
ms, and a misspelling's two lookups 5-6 ms instead of 10. With both indexes present PostgreSQL
chose the GiST one for `%` too (2.3 ms against 0.24 for the query alone), so this one is dropped.
"""

from django.db import migrations


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_lexeme_gist")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_lexeme_gist ON search_lexeme USING gist (word gist_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0005_search_vector_statistics")]

    operations = [migrations.RunPython(drop, create)]
