# A person is one per municipality and name: "Jens Møller Bach" and "Jens Møller Bach (A)" were
# two rows (unique on municipality, name and party); they are merged into the oldest row, which
# keeps the party letter of the newest row that printed one, and takes over the others' meetings
# and absences.

from django.db import migrations, models


def merge_people(apps, schema_editor):
    Person = apps.get_model("meetings", "Person")
    Meeting = apps.get_model("meetings", "Meeting")
    AgendaItem = apps.get_model("agenda_items", "AgendaItem")
    participants = Meeting.participants.through
    absences = AgendaItem.absences.through
    groups = {}
    for person in Person.objects.order_by("id").only("id", "municipality_id", "name", "party"):
        groups.setdefault((person.municipality_id, person.name), []).append(person)
    for rows in groups.values():
        if len(rows) < 2:
            continue
        keep, others = rows[0], rows[1:]
        lettered = [p.party for p in rows if p.party]
        keep.party = lettered[-1] if lettered else ""
        keep.save(update_fields=["party"])
        other_ids = [p.id for p in others]
        for through, owner in ((participants, "meeting_id"), (absences, "agendaitem_id")):
            have = set(through.objects.filter(person_id=keep.id).values_list(owner, flat=True))
            moved = set(through.objects.filter(person_id__in=other_ids).values_list(owner, flat=True))
            through.objects.bulk_create(
                [through(**{owner: owner_id, "person_id": keep.id}) for owner_id in sorted(moved - have)]
            )
        Person.objects.filter(id__in=other_ids).delete()
    if schema_editor.connection.vendor == "postgresql":
        # The deletes leave deferred foreign-key checks pending, and PostgreSQL will not alter a
        # table with pending trigger events (the constraint added next): run them now.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0007_meeting_publisher_id"),
        # The absences table (agenda_items.AgendaItem.absences) is merged too.
        ("agenda_items", "0005_history_and_positions"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="person",
            name="person_unique",
        ),
        migrations.RunPython(merge_people, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(fields=("municipality", "name"), name="person_unique_name"),
        ),
    ]
