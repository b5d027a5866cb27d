import django.db.models.deletion
from django.db import migrations, models

# Apart from 0007: on PostgreSQL its UPDATE leaves deferred foreign-key checks pending, and a table
# with pending checks cannot be altered in the same transaction.


class Migration(migrations.Migration):
    dependencies = [
        ("agenda_items", "0007_position_municipality"),
    ]

    operations = [
        migrations.AlterField(
            model_name="position",
            name="municipality",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="meetings.municipality",
                verbose_name="kommune",
            ),
        ),
        migrations.AddIndex(
            model_name="position",
            index=models.Index(fields=["municipality", "party"], name="position_municipality_party"),
        ),
    ]
