"""Saving parsed meetings: idempotent, atomic per file, cases linked across meetings."""

import copy
import datetime

import pytest
from django.core.files.base import ContentFile

from agenda_items.models import AgendaItem, Case
from attachments.models import Attachment
from imports.load import load_meetings, split_person
from imports.types import (
    MinutesError,
    ParsedAttachment,
    ParsedItem,
    ParsedMeeting,
    ParsedSection,
)
from meetings.models import Meeting, Person

pytestmark = pytest.mark.django_db


def meeting(date=datetime.date(2026, 2, 3), committee="Økonomiudvalget", items=None, **kwargs):
    return ParsedMeeting(
        municipality="Aabenraa",
        committee=committee,
        kind="minutes",
        date=date,
        start_time=datetime.time(14, 30),
        location="Rådhuset",
        participants=["Rasmus Andresen", "Susanne Provstgaard (V)"],
        items=items
        if items is not None
        else [
            ParsedItem(
                number="10",
                title="Godkendelse af dagsorden",
                case_number="25/31181",
                decision="Godkendt.",
                absences=["Susanne Provstgaard (V)"],
            ),
            ParsedItem(
                number="11",
                title="Beskæftigelsesplan",
                case_number="22/12287",
                presentation="Planen.",
                recommendation="at planen godkendes.",
                decision="Godkendt.",
                decided_by=["Økonomiudvalget"],
                sections=[ParsedSection("Økonomi", "Ingen.")],
                attachments=[ParsedAttachment("Bilag 1"), ParsedAttachment("Bilag 2")],
            ),
        ],
        **kwargs,
    )


def counts():
    return (
        Meeting.objects.count(),
        AgendaItem.objects.count(),
        Case.objects.count(),
        Attachment.objects.count(),
        Person.objects.count(),
    )


def test_loading_saves_meeting_items_cases_people_and_attachments():
    [result] = load_meetings([meeting()], source_name="x.txt", source_bytes=b"abc")
    m = result.meeting
    assert result.created
    assert m.committee.municipality.name == "Aabenraa"
    assert m.source_name == "x.txt" and len(m.source_hash) == 64
    assert [p.name for p in m.participants.order_by("name")] == ["Rasmus Andresen", "Susanne Provstgaard"]
    item = m.items.get(number="11")
    assert item.case.number == "22/12287"
    assert item.decided_by == ["Økonomiudvalget"]
    assert item.sections == [{"heading": "Økonomi", "text": "Ingen."}]
    assert [a.title for a in item.attachments.all()] == ["Bilag 1", "Bilag 2"]
    absent = m.items.get(number="10").absences.get()
    assert (absent.name, absent.party) == ("Susanne Provstgaard", "V")


def test_importing_the_same_meeting_twice_changes_nothing():
    first = load_meetings([meeting()])[0].meeting
    before = counts()
    again = load_meetings([meeting()])[0]
    assert not again.created
    assert again.meeting.pk == first.pk
    assert counts() == before


def test_a_corrected_version_updates_in_place():
    original = load_meetings([meeting()])[0].meeting
    item_pk = original.items.get(number="11").pk
    corrected = meeting()
    corrected.items[1].decision = "Godkendt med bemærkninger."
    corrected.items[1].attachments = [ParsedAttachment("Bilag 1 (rettet)")]
    corrected.items = corrected.items[1:]  # item 10 withdrawn
    result = load_meetings([corrected])[0]
    assert (result.items_updated, result.items_deleted) == (1, 1)
    item = AgendaItem.objects.get()
    assert item.pk == item_pk
    assert item.decision == "Godkendt med bemærkninger."
    assert [a.title for a in item.attachments.all()] == ["Bilag 1 (rettet)"]


def test_a_failure_mid_file_leaves_nothing_of_that_file():
    broken = meeting(date=datetime.date(2026, 3, 1))
    broken.items.append(copy.deepcopy(broken.items[0]))  # item 10 twice: cannot be saved
    with pytest.raises(MinutesError, match="appears more than once"):
        load_meetings([meeting(), broken])
    assert counts() == (0, 0, 0, 0, 0)


def test_a_case_ties_items_across_meetings_and_committees():
    load_meetings([meeting()])
    later = meeting(date=datetime.date(2026, 3, 3), committee="Byrådet")
    later.items[0].case_number = " 25-31181 "
    load_meetings([later])
    case = Case.objects.get(number="25/31181")
    assert case.items.count() == 2
    assert {i.meeting.committee.name for i in case.items.all()} == {"Økonomiudvalget", "Byrådet"}


def test_an_undated_meeting_is_found_again_by_its_items():
    first = load_meetings([meeting(date=None)])[0]
    second = load_meetings([meeting(date=None)])[0]
    assert first.created and not second.created
    assert Meeting.objects.count() == 1


def test_fields_a_clerk_corrected_survive_a_reimport():
    load_meetings([meeting()])
    item = AgendaItem.objects.get(number="11")
    item.decision = "Godkendt (rettet af sekretariatet)."
    item.edited_fields = ["decision"]
    item.save()
    changed = meeting()
    changed.items[1].decision = "Godkendt."
    changed.items[1].title = "Ny titel"
    result = load_meetings([changed])[0]
    item.refresh_from_db()
    assert item.decision == "Godkendt (rettet af sekretariatet)."
    assert item.title == "Ny titel"
    assert result.kept_edits == ["11: decision"]  # the file says otherwise: reported, not applied
    changed.items[1].decision = "Godkendt (rettet af sekretariatet)."
    assert load_meetings([changed])[0].kept_edits == []  # the file now agrees: nothing to report


def test_an_uploaded_bilag_file_and_its_text_survive_a_reimport():
    load_meetings([meeting()])
    att = Attachment.objects.get(title="Bilag 1")
    att.file.save("bilag1.pdf", ContentFile(b"%PDF-1.4"), save=False)
    att.text = "Teksten fra PDF'en"
    att.save()
    load_meetings([meeting()])
    att.refresh_from_db()
    assert att.file and att.text == "Teksten fra PDF'en"


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("Susanne Provstgaard (V)", ("Susanne Provstgaard", "V")),
        ("Erik Kaastrup-Hansen", ("Erik Kaastrup-Hansen", "")),
        ("  Kim  Petersen Wandahl (SF) ", ("Kim Petersen Wandahl", "SF")),
    ],
)
def test_printed_names_split_into_name_and_party(printed, expected):
    assert split_person(printed) == expected


# --- The publisher's meeting id (FirstAgenda Publication) ------------------------------------------


def test_an_agenda_that_becomes_minutes_updates_the_same_meeting():
    agenda = meeting(external_id="5034dee3", items=[ParsedItem(number="1", title="Budget")])
    agenda.kind = "agenda"
    first = load_meetings([agenda])[0].meeting
    minutes = meeting(
        external_id="5034dee3", items=[ParsedItem(number="1", title="Budget", decision="Godkendt.")]
    )
    second = load_meetings([minutes])[0]
    assert not second.created and second.meeting.pk == first.pk
    stored = Meeting.objects.get()
    assert stored.kind == "minutes" and stored.external_id == "5034dee3"
    assert stored.items.get().decision == "Godkendt."


def test_a_publisher_id_does_not_merge_with_minutes_archived_from_another_document():
    pdf_minutes = meeting(items=[ParsedItem(number="1", title="Budget", decision="Godkendt.")])
    load_meetings([pdf_minutes])
    agenda = meeting(external_id="x1", items=[ParsedItem(number="1", title="Budget")])
    agenda.kind = "agenda"
    load_meetings([agenda])
    minutes = meeting(external_id="x1", items=[ParsedItem(number="1", title="Budget", decision="Godkendt.")])
    with pytest.raises(MinutesError, match="already has it as meeting"):
        load_meetings([minutes])
    assert Meeting.objects.filter(kind="agenda", external_id="x1").exists()  # nothing half-saved
