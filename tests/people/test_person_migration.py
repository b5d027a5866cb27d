"""Migrating to meetings 0008 joins the people that were one row per (name, party): "Jens Møller
Bach" and "Jens Møller Bach (A)" become one person, who keeps both rows' meetings and absences."""

import pytest

from tests.migrating import migrate, migrate_to_newest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("meetings", "0007_meeting_publisher_id"), ("agenda_items", "0005_history_and_positions")]
AFTER = [("meetings", "0008_person_one_per_name")]


def test_the_migration_merges_a_name_printed_with_and_without_a_party_letter():
    old = migrate(BEFORE)
    Municipality = old.get_model("meetings", "Municipality")
    Committee = old.get_model("meetings", "Committee")
    Meeting = old.get_model("meetings", "Meeting")
    Person = old.get_model("meetings", "Person")
    AgendaItem = old.get_model("agenda_items", "AgendaItem")
    greve = Municipality.objects.create(name="Greve", slug="greve")
    other = Municipality.objects.create(name="Køge", slug="koege")
    committee = Committee.objects.create(municipality=greve, name="Økonomiudvalget", slug="oekonomiudvalget")
    first = Meeting.objects.create(committee=committee, fingerprint="a")
    second = Meeting.objects.create(committee=committee, fingerprint="b")
    plain = Person.objects.create(municipality=greve, name="Jens Møller Bach", party="")
    lettered = Person.objects.create(municipality=greve, name="Jens Møller Bach", party="A")
    namesake = Person.objects.create(municipality=other, name="Jens Møller Bach", party="V")
    first.participants.add(plain)
    second.participants.add(plain, lettered)  # both rows on one meeting: one row after
    item = AgendaItem.objects.create(meeting=second, number="1", title="Budget")
    item.absences.add(lettered)

    new = migrate(AFTER)
    Person = new.get_model("meetings", "Person")
    Meeting = new.get_model("meetings", "Meeting")
    AgendaItem = new.get_model("agenda_items", "AgendaItem")

    people = Person.objects.filter(name="Jens Møller Bach").order_by("id")
    assert [(p.id, p.municipality_id, p.party) for p in people] == [
        (plain.id, greve.id, "A"),
        (namesake.id, other.id, "V"),
    ]
    assert list(Meeting.objects.get(id=first.id).participants.values_list("id", flat=True)) == [plain.id]
    assert list(Meeting.objects.get(id=second.id).participants.values_list("id", flat=True)) == [plain.id]
    assert list(AgendaItem.objects.get(id=item.id).absences.values_list("id", flat=True)) == [plain.id]

    migrate_to_newest()
