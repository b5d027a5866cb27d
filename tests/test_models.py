"""The data model's natural keys and case-number normalisation."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from agenda_items.models import AgendaItem, Case, Position, normalize_case_number
from meetings.models import Committee, Meeting, Municipality, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def aabenraa():
    return Municipality.objects.create(name="Aabenraa", slug="aabenraa")


@pytest.fixture
def committee(aabenraa):
    return Committee.objects.create(municipality=aabenraa, name="Økonomiudvalget", slug="okonomiudvalget")


@pytest.mark.parametrize(
    "printed", ["25/31181", " 25/31181 ", "25-31181", "25 / 31181", "25.31181", "25 31181"]
)
def test_case_numbers_as_printed_normalise_alike(printed):
    assert normalize_case_number(printed) == "25/31181"


def test_aarhus_case_numbers_normalise_case_insensitively():
    assert normalize_case_number("emn-2024-027961") == normalize_case_number("EMN-2024-027961")


def test_case_lookup_finds_the_same_case_however_the_number_is_written(aabenraa):
    case = Case.objects.create(municipality=aabenraa, number="25/31181")
    for printed in ["25/31181", " 25/31181 ", "25-31181"]:
        assert list(Case.objects.by_number(printed).filter(municipality=aabenraa)) == [case]


def test_same_number_in_two_municipalities_is_two_cases(aabenraa):
    aarhus = Municipality.objects.create(name="Aarhus", slug="aarhus")
    Case.objects.create(municipality=aabenraa, number="25/31181")
    Case.objects.create(municipality=aarhus, number="25-31181")
    assert Case.objects.by_number("25/31181").count() == 2


def test_a_case_number_is_unique_within_its_municipality_after_normalising(aabenraa):
    Case.objects.create(municipality=aabenraa, number="25/31181")
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(municipality=aabenraa, number=" 25-31181")


def test_committee_names_are_unique_per_municipality_only(aabenraa, committee):
    aarhus = Municipality.objects.create(name="Aarhus", slug="aarhus")
    Committee.objects.create(municipality=aarhus, name=committee.name, slug=committee.slug)
    with pytest.raises(IntegrityError), transaction.atomic():
        Committee.objects.create(municipality=aabenraa, name=committee.name, slug="other")


def test_a_dated_meeting_of_one_kind_exists_once(committee):
    day = datetime.date(2026, 2, 3)
    Meeting.objects.create(committee=committee, kind=Meeting.Kind.MINUTES, date=day)
    Meeting.objects.create(committee=committee, kind=Meeting.Kind.AGENDA, date=day)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(committee=committee, kind=Meeting.Kind.MINUTES, date=day)


def test_undated_meetings_are_told_apart_by_fingerprint(committee):
    Meeting.objects.create(committee=committee, date=None, fingerprint="a")
    Meeting.objects.create(committee=committee, date=None, fingerprint="b")
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(committee=committee, date=None, fingerprint="a")


def test_item_numbers_are_unique_within_a_meeting(committee):
    meeting = Meeting.objects.create(committee=committee, date=datetime.date(2026, 2, 3))
    AgendaItem.objects.create(meeting=meeting, number="8A", title="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=meeting, number="8A", title="y")


# Issue 20: "Jens Møller Bach" and "Jens Møller Bach (A)" are one person; the party is the latest
# printed (it was one person per name and party before).
def test_people_are_unique_by_name_within_a_municipality(aabenraa):
    Person.objects.create(municipality=aabenraa, name="Susanne Provstgaard", party="V")
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(municipality=aabenraa, name="Susanne Provstgaard", party="")
    other = Municipality.objects.create(name="Aarhus", slug="aarhus")
    Person.objects.create(municipality=other, name="Susanne Provstgaard", party="V")


def test_str_is_readable(committee):
    meeting = Meeting.objects.create(committee=committee, date=datetime.date(2026, 2, 3))
    assert str(meeting) == "Økonomiudvalget 2026-02-03 (Referat)"
    assert str(Meeting(committee=committee, date=None)).startswith("Økonomiudvalget dato ukendt")


def test_clerk_group_may_add_and_change_meetings_items_and_attachments():
    from django.contrib.auth.models import Group

    codenames = set(Group.objects.get(name="Clerk").permissions.values_list("codename", flat=True))
    assert {"add_meeting", "change_meeting", "add_agendaitem", "change_agendaitem"} <= codenames
    assert {"add_attachment", "change_attachment"} <= codenames
    assert "delete_meeting" not in codenames


@pytest.mark.parametrize(
    ("model", "field", "value", "danish", "english"),
    [
        (Meeting, "kind", "agenda", "Dagsorden", "Agenda"),
        (AgendaItem, "outcome", "postponed", "Udsat", "Postponed"),
        (Position, "stance", "reservation", "Tog forbehold", "Reserved their position"),
    ],
)
def test_a_choice_is_displayed_by_its_label_in_the_active_language(model, field, value, danish, english):
    # The models write their own get_FOO_display() (choice_label()): Django's builds every label.
    obj = model(**{field: value})
    display = getattr(obj, f"get_{field}_display")
    with translation.override("da"):
        assert display() == danish
    with translation.override("en"):
        assert display() == english


def test_a_stored_value_that_is_no_choice_is_displayed_as_stored():
    assert Meeting(kind="udkast").get_kind_display() == "udkast"
    assert AgendaItem(outcome="").get_outcome_display() == ""
    assert AgendaItem(outcome="").outcome_label == ""
