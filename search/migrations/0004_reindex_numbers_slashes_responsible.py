"""Re-index every item once: search/index.py now gives PostgreSQL's parser "Covid-19", "2023-26" and
"SFO/Klub" so that it keeps 19, 26, sfo and klub as words (it read "-19" as a negative number and
"sfo/klub" as one file path), and indexes the responsible person under the label "Ansvarlig:" on
both databases. At a million items on PostgreSQL this rewrites every vector (some minutes, like
agenda_items 0004); reversing leaves the vectors as they are.
"""

from django.db import migrations


def reindex(apps, schema_editor):
    from search import index

    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            index.reindex_postgres(cursor, own_vectors=False)
            cursor.execute(index.PG_LEXEMES_SQL.format(where=""))
        elif connection.vendor == "sqlite":
            index.refresh_sqlite(cursor, None)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_lexeme_nearest_index"),
        ("agenda_items", "0009_position_meeting_date_item_closed"),
        ("attachments", "0002_unguessable_names_and_publisher_link"),
    ]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
