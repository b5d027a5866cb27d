import django.db.models.deletion
from django.db import migrations, models

# Every position's municipality is its item's (item -> meeting -> committee -> municipality).
# A correlated subquery, so the same statement runs on PostgreSQL and SQLite.
FILL = """
UPDATE agenda_items_position SET municipality_id = (
    SELECT c.municipality_id
    FROM agenda_items_agendaitem i
    JOIN meetings_meeting m ON m.id = i.meeting_id
    JOIN meetings_committee c ON c.id = m.committee_id
    WHERE i.id = agenda_items_position.item_id
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("agenda_items", "0006_outcome_and_position_people"),
        ("meetings", "0008_person_one_per_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="position",
            name="municipality",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="meetings.municipality",
                verbose_name="kommune",
            ),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop, elidable=False),
    ]
