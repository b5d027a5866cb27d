"""Index how the parties and members stood on each decision with the decision (search/index.py's
STANCE_WORDS): "enhedslisten imod vandværket" finds the Greve item whose decision prints "Imod
stemte: (Ø)". Only the open items with positions are indexed again, 2 000 at a time (116 602 of the
benchmark's million items; see docs/OPERATIONS.md for how long). Not in one transaction: each batch
is written on its own, so that an import waits for one batch at most, pages and searches not at all,
and the old version serves meanwhile. Run again after a stop, it indexes the same items again, which
gives the same. Reversing leaves the index as it is (rebuild_search_index under an older version
drops the positions).
"""

from django.db import migrations

BATCH = 2000


def reindex(apps, schema_editor):
    from search import index

    Position = apps.get_model("agenda_items", "Position")
    connection = schema_editor.connection
    ids = sorted(
        set(
            Position.objects.using(connection.alias)
            .filter(item__closed=False)
            .values_list("item_id", flat=True)
            .order_by()
        )
    )
    with connection.cursor() as cursor:
        for start in range(0, len(ids), BATCH):
            index.refresh_items(cursor, ids[start : start + BATCH])


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("search", "0011_suspended_hyphen_compounds")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
