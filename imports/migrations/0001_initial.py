"""ImportRecord and its proxy Import, moved here from meetings/ (meetings/0006) with their rows.

State only: the tables stay meetings_importrecord and meetings_importrecord_meetings (the models
name them with db_table), so nothing is copied or renamed. The content types move with the models,
so the admin's log entries and any permissions given for them keep pointing at them.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ["importrecord", "import"]


def move_content_types(old_app, new_app):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        for model in MODELS:
            # A database migrated from scratch has none yet: post_migrate makes them under imports.
            if not ContentType.objects.using(db).filter(app_label=new_app, model=model).exists():
                ContentType.objects.using(db).filter(app_label=old_app, model=model).update(app_label=new_app)

    return move


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("meetings", "0006_import_record_moves_to_imports"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ImportRecord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created', models.DateTimeField(auto_now_add=True, verbose_name='uploadet')),
                        ('finished', models.DateTimeField(blank=True, null=True, verbose_name='afsluttet')),
                        ('status', models.CharField(choices=[('pending', 'Afventer bekræftelse'), ('imported', 'Importeret'), ('cancelled', 'Annulleret'), ('refused', 'Afvist')], default='pending', max_length=10, verbose_name='status')),
                        ('file_name', models.CharField(max_length=300, verbose_name='filnavn')),
                        ('file', models.FileField(blank=True, max_length=300, upload_to='imports/%Y/', verbose_name='fil')),
                        ('size', models.PositiveBigIntegerField(default=0, verbose_name='størrelse (bytes)')),
                        ('sha256', models.CharField(blank=True, max_length=64, verbose_name='SHA-256')),
                        ('municipality', models.CharField(blank=True, max_length=100, verbose_name='kommune (valgt af brugeren)')),
                        ('meetings_created', models.PositiveIntegerField(default=0, verbose_name='møder oprettet')),
                        ('meetings_updated', models.PositiveIntegerField(default=0, verbose_name='møder opdateret')),
                        ('warnings', models.JSONField(blank=True, default=list, verbose_name='advarsler')),
                        ('kept_edits', models.JSONField(blank=True, default=list, verbose_name='bevarede rettelser')),
                        ('error', models.TextField(blank=True, verbose_name='fejl')),
                        ('meetings', models.ManyToManyField(blank=True, db_table='meetings_importrecord_meetings', related_name='imports', to='meetings.meeting', verbose_name='møder')),
                        ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='minutes_imports', to=settings.AUTH_USER_MODEL, verbose_name='bruger')),
                    ],
                    options={
                        'verbose_name': 'importlog',
                        'verbose_name_plural': 'importlog',
                        'db_table': 'meetings_importrecord',
                        'ordering': ['-created', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='Import',
                    fields=[
                    ],
                    options={
                        'verbose_name': 'import af referat',
                        'verbose_name_plural': 'importér referater',
                        'proxy': True,
                        'indexes': [],
                        'constraints': [],
                    },
                    bases=('imports.importrecord',),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            move_content_types("meetings", "imports"), move_content_types("imports", "meetings")
        ),
    ]
