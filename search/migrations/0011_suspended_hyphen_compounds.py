"""Add the compounds the minutes write with a suspended hyphen to the index of the items already
there: "toilet- og badevogne" is also found as "toiletvogne", "Klima-, Teknik- og Miljøudvalget" as
"teknikudvalget" (search/query.py's suspended_compounds(); search/index.py adds them whenever an
item is indexed). On PostgreSQL only the items whose texts have a suspended hyphen are read and
written, 2 000 at a time, each added to the vectors it has (100 s at 100 000 items of the
benchmark's corpus, 17 minutes at a million, on 2 cores); SQLite's index is built again. Not in one
transaction: each batch is written on its own, so that an import waits for one batch at most and
pages and searches not at all, and the old version serves meanwhile (docs/OPERATIONS.md). Run again
after a stop, a batch already done gets its compounds twice, which finds the same. Reversing leaves
the index as it is (the compounds are words like any other; rebuild_search_index under an older
version drops them).
"""

from django.db import migrations


def add_compounds(apps, schema_editor):
    from search import index

    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            index.add_compounds_postgres(cursor, None)
        elif connection.vendor == "sqlite":
            index.refresh_sqlite(cursor, None)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("search", "0010_section_vectors")]

    operations = [migrations.RunPython(add_compounds, migrations.RunPython.noop)]
