"""AgendaItem.word_pairs: adjacent word pairs for phrase search, with its GIN index on PostgreSQL.

The pairs of the items already there are taken from their stored search vectors (the same pairs
agenda_items.search.refresh_search_vectors() writes), so phrase search works right after the
migration; at a million items that takes some minutes. The index, the lz4 compression and the
filling are PostgreSQL-only (as in 0002 and 0003); on SQLite the column is there and stays empty.
"""
import django.contrib.postgres.search
from django.db import migrations

CREATE = [
    """
    UPDATE agenda_items_agendaitem AS i SET word_pairs = (
        SELECT array_to_tsvector(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme))
        FROM (SELECT lexeme, unnest(positions) AS p FROM unnest(i.search_vector)) AS a
        JOIN (SELECT lexeme, unnest(positions) AS p FROM unnest(i.search_vector)) AS b ON b.p = a.p + 1
    )
    WHERE i.search_vector IS NOT NULL
    """,
    "CREATE INDEX IF NOT EXISTS item_word_pairs ON agenda_items_agendaitem USING gin (word_pairs)",
    "DO $$ BEGIN ALTER TABLE agenda_items_agendaitem ALTER COLUMN word_pairs SET COMPRESSION lz4;"
    " EXCEPTION WHEN feature_not_supported THEN NULL; END $$",
]
DROP = ["DROP INDEX IF EXISTS item_word_pairs"]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("agenda_items", "0003_lz4_compression")]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="word_pairs",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(run(CREATE), run(DROP)),
    ]
