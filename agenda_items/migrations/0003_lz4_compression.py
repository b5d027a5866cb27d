"""PostgreSQL-only: compress the long item columns with lz4 instead of the default pglz.

Search rechecks (phrases, ranking) and item pages read these values out of TOAST for every row
they touch; lz4 decompresses several times faster than pglz at almost the same size. Only values
written after this migration use it: `manage.py rebuild_search_index` rewrites the vectors. A
server built without lz4 keeps pglz (the statement is skipped, not an error).
"""
from django.db import migrations

COLUMNS = ["search_vector", "presentation", "recommendation", "decision", "sections"]


def set_compression(method):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        alters = ", ".join(f"ALTER COLUMN {column} SET COMPRESSION {method}" for column in COLUMNS)
        schema_editor.execute(
            "DO $$ BEGIN ALTER TABLE agenda_items_agendaitem "
            + alters
            + "; EXCEPTION WHEN feature_not_supported THEN NULL; END $$"
        )

    return operation


class Migration(migrations.Migration):
    dependencies = [("agenda_items", "0002_search_indexes")]

    operations = [migrations.RunPython(set_compression("lz4"), set_compression("pglz"))]
