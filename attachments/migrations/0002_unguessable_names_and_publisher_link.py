"""Bilag: random storage names for new files, the uploaded name kept apart, the publisher's link.

Existing files keep their stored (original) names: renaming on disk while the old version still
serves would break its links, and the names no longer matter for access, which the file view
decides (attachments/views.py). `original_name` is filled from the stored name, so downloads keep
offering the name they had.
"""

from django.db import migrations, models

import meetings.storage


def fill_original_names(apps, schema_editor):
    Attachment = apps.get_model("attachments", "Attachment")
    changed = []
    for attachment in Attachment.objects.exclude(file="").only("id", "file").iterator(chunk_size=2000):
        attachment.original_name = attachment.file.name.rsplit("/", 1)[-1][:255]
        changed.append(attachment)
        if len(changed) >= 2000:
            Attachment.objects.bulk_update(changed, ["original_name"])
            changed = []
    Attachment.objects.bulk_update(changed, ["original_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("attachments", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attachment",
            name="file",
            field=models.FileField(
                blank=True,
                db_index=True,
                upload_to=meetings.storage.UnguessableName("attachments"),
                verbose_name="fil",
            ),
        ),
        migrations.AddField(
            model_name="attachment",
            name="original_name",
            field=models.CharField(blank=True, max_length=255, verbose_name="oprindeligt filnavn"),
        ),
        migrations.AddField(
            model_name="attachment",
            name="url",
            field=models.URLField(blank=True, max_length=500, verbose_name="adresse hos udgiveren"),
        ),
        migrations.AddField(
            model_name="attachment",
            name="external_id",
            field=models.CharField(blank=True, max_length=100, verbose_name="id hos udgiveren"),
        ),
        migrations.RunPython(fill_original_names, migrations.RunPython.noop),
    ]
