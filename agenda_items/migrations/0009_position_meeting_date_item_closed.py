from django.db import migrations, models

# Each position's copy of its meeting's date and of whether its item is closed. Correlated
# subqueries, so the same statement runs on PostgreSQL and SQLite.
FILL = """
UPDATE agenda_items_position SET
    meeting_date = (
        SELECT m.date
        FROM agenda_items_agendaitem i JOIN meetings_meeting m ON m.id = i.meeting_id
        WHERE i.id = agenda_items_position.item_id
    ),
    item_closed = (
        SELECT i.closed FROM agenda_items_agendaitem i WHERE i.id = agenda_items_position.item_id
    )
"""


class Migration(migrations.Migration):
    dependencies = [
        ("agenda_items", "0008_position_municipality_required"),
    ]

    operations = [
        migrations.AddField(
            model_name="position",
            name="meeting_date",
            field=models.DateField(blank=True, null=True, verbose_name="mødets dato"),
        ),
        migrations.AddField(
            model_name="position",
            name="item_closed",
            field=models.BooleanField(default=False, verbose_name="lukket punkt"),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop, elidable=False),
    ]
