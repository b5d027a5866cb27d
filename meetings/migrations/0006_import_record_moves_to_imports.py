"""ImportRecord and its proxy Import move to the imports app (imports/0001_initial.py).

State only: the table meetings_importrecord and its many-to-many table stay where they are, with
their rows; imports' models name them with Meta.db_table.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("meetings", "0005_meeting_order_index")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Import"),
                migrations.DeleteModel(name="ImportRecord"),
            ],
            database_operations=[],
        ),
    ]
