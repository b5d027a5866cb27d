"""AgendaItem.word_pairs: adjacent word pairs for phrase search, with its GIN index on PostgreSQL.

The index and the lz4 compression are PostgreSQL-only (as in 0002 and 0003); on SQLite the column
is simply there and stays empty. `manage.py rebuild_search_index` fills it for existing items.
"""
import django.contrib.postgres.search
from django.db import migrations

CREATE = [
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
