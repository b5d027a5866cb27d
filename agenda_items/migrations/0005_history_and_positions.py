import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agenda_items", "0004_word_pairs"),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoryEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("order", models.PositiveIntegerField(default=0, verbose_name="rækkefølge")),
                ("committee", models.CharField(blank=True, max_length=200, verbose_name="udvalg")),
                ("date", models.DateField(blank=True, null=True, verbose_name="dato")),
                ("number", models.CharField(blank=True, max_length=20, verbose_name="punktnummer")),
                ("text", models.TextField(blank=True, verbose_name="tekst")),
                ("positions", models.JSONField(blank=True, default=list, verbose_name="holdninger")),
                ("absences", models.JSONField(blank=True, default=list, verbose_name="fraværende")),
                (
                    "item",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="history",
                        to="agenda_items.agendaitem",
                        verbose_name="punkt",
                    ),
                ),
            ],
            options={
                "verbose_name": "tidligere behandling",
                "verbose_name_plural": "sagsforløb",
                "ordering": ["item", "order"],
                "indexes": [models.Index(fields=["committee", "date"], name="history_committee_date")],
            },
        ),
        migrations.CreateModel(
            name="Position",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("order", models.PositiveIntegerField(default=0, verbose_name="rækkefølge")),
                ("who", models.CharField(max_length=200, verbose_name="hvem")),
                (
                    "stance",
                    models.CharField(
                        choices=[
                            ("for", "For"),
                            ("against", "Imod"),
                            ("reservation", "Tog forbehold"),
                            ("abstained", "Undlod at stemme"),
                        ],
                        max_length=12,
                        verbose_name="holdning",
                    ),
                ),
                ("text", models.TextField(blank=True, verbose_name="sætning")),
                (
                    "item",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="positions",
                        to="agenda_items.agendaitem",
                        verbose_name="punkt",
                    ),
                ),
            ],
            options={
                "verbose_name": "holdning",
                "verbose_name_plural": "holdninger",
                "ordering": ["item", "order"],
            },
        ),
    ]
