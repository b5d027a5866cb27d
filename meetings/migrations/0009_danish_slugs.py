# Slugs spell Danish letters out (meetings/slugs.py): "beskftigelsesudvalget" becomes
# "beskaeftigelsesudvalget", "tarnby" "taarnby". Each municipality and committee whose slug changes
# keeps the old one in old_slugs, so that its old addresses redirect (301) to the new ones. A new
# slug another row already has is not taken: that row keeps its old slug.

import re

from django.db import migrations, models
from django.utils.text import slugify

SPELLED = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def danish_slugify(text):
    # A copy of meetings.slugs.danish_slugify as it was when this migration was written.
    return slugify((text or "").translate(SPELLED))[:180].strip("-")


def renamed(rows, taken):
    """Give each row of `rows` its Danish slug where it differs and is free in `taken`.

    Only slugs the importer made (slugify(name), or that with "-2", "-3" added) change; a slug
    somebody chose by hand ("amu") stays as it is.
    """
    for row in rows:
        made = slugify(row.name)[:180] or "x"
        suffix = row.slug.removeprefix(made)
        if not row.slug.startswith(made) or (suffix and not re.fullmatch(r"-\d+", suffix)):
            continue
        new = (danish_slugify(row.name) or "x") + suffix
        if new == row.slug or new in taken:
            continue
        taken.discard(row.slug)
        taken.add(new)
        row.old_slugs = [*row.old_slugs, row.slug]
        row.slug = new
        row.save(update_fields=["slug", "old_slugs"])


def forwards(apps, schema_editor):
    Municipality = apps.get_model("meetings", "Municipality")
    Committee = apps.get_model("meetings", "Committee")
    municipalities = list(Municipality.objects.order_by("id"))
    renamed(municipalities, {m.slug for m in municipalities})
    for municipality in municipalities:
        committees = list(Committee.objects.filter(municipality=municipality).order_by("id"))
        renamed(committees, {c.slug for c in committees})


def backwards(apps, schema_editor):
    # The old slugs come back where they are free; the field that kept them is then removed.
    for name in ("Municipality", "Committee"):
        for row in apps.get_model("meetings", name).objects.exclude(old_slugs=[]):
            row.slug = row.old_slugs[0]
            row.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0008_person_one_per_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="committee",
            name="old_slugs",
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name="tidligere slugs"),
        ),
        migrations.AddField(
            model_name="municipality",
            name="old_slugs",
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name="tidligere slugs"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
