"""Index the compounds the minutes write with a hyphen between the parts joined too (search/query.py's
hyphen_compounds()): "tiårsplan" finds "ti-årsplan", "elbiler" "el-biler", and "tillægsbevillinger"
the "tillægsbevil-linger" of a line broken in the word. On PostgreSQL the open items whose texts may
write a compound apart (a hyphen between letters, or a suspended hyphen) are found 2 000 ids at a
time and indexed again (docs/OPERATIONS.md says how long at a million items); SQLite's index is built
again. Not in one transaction: each batch is written on its own, so that an import waits for one
batch at most, pages and searches not at all, and the old version serves meanwhile. Run again after
a stop, it indexes the same items again, which gives the same. Reversing leaves the index as it is
(rebuild_search_index under an older version drops the joined words).
"""

from django.db import migrations


def reindex(apps, schema_editor):
    from search import index

    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            index.reindex_apart_postgres(cursor)
        elif connection.vendor == "sqlite":
            index.refresh_sqlite(cursor, None)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("search", "0012_positions_in_decisions")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
