"""The archive's vocabulary (search.models.Lexeme)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Lexeme",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=60, unique=True, verbose_name="ord")),
                ("reversed", models.CharField(db_index=True, max_length=60, verbose_name="ordet bagfra")),
            ],
            options={"db_table": "search_lexeme", "verbose_name": "ord i arkivet", "verbose_name_plural": "ord i arkivet"},
        ),
    ]
