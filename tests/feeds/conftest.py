"""Fixtures for the follow-and-reuse outputs: the seeds, and a closed item full of secrets."""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command

from imports.load import load_meetings
from imports.types import ParsedItem, ParsedMeeting
from search.index import refresh_search_vectors
from tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    CaseFactory,
    CommitteeFactory,
    MeetingFactory,
    PersonFactory,
)

SEEDS = sorted((Path(__file__).resolve().parents[2] / "fixtures" / "minutes").glob("*.txt"))
# Text that only closed items hold: no output may ever contain it.
SECRET = "TOPHEMMELIGT"
SECRET_CASE = "99/66666"


@pytest.fixture
def seeds(db):
    call_command("import_minutes", *map(str, SEEDS), verbosity=0)


def import_meeting(date, *items, committee="Arbejdsmarkeds- og Uddannelsesudvalget", kind="minutes"):
    """Import one Aabenraa meeting the way the importer saves one: through load_meetings."""
    parsed = ParsedMeeting(
        municipality="Aabenraa",
        committee=committee,
        kind=kind,
        date=datetime.date.fromisoformat(date),
        start_time=datetime.time(14, 30),
        location="Byrådssalen",
        items=list(items),
    )
    return load_meetings([parsed])[0].meeting


def case_item(number, case_number="25/31181", **fields):
    fields.setdefault("title", "Godkendelse af dagsorden")
    fields.setdefault("decision", "Godkendt.")
    return ParsedItem(number=number, case_number=case_number, **fields)


@pytest.fixture
def secret(db):
    """A meeting with an open item and a closed one whose every field holds SECRET.

    The closed item is on a case seen nowhere else (SECRET_CASE) and the meeting is dated a week
    ahead, so it is in the calendars too. A second closed item sits on an open case.
    """
    committee = CommitteeFactory(
        name="Hemmeligt Udvalg",
        slug="hemmeligt-udvalg",
        municipality__name="Lukkeby",
        municipality__slug="lukkeby",
    )
    municipality = committee.municipality
    meeting = MeetingFactory(committee=committee, date=datetime.date.today() + datetime.timedelta(days=7))
    open_case = CaseFactory(municipality=municipality, number="24/11111")
    AgendaItemFactory(meeting=meeting, number="1", order=1, title="Åbent punkt om budgettet", case=open_case)
    closed = AgendaItemFactory(
        meeting=meeting,
        number="2",
        order=2,
        closed=True,
        title=f"{SECRET} titel",
        case=CaseFactory(municipality=municipality, number=SECRET_CASE),
        presentation=f"{SECRET} sagsfremstilling budgettet",
        recommendation=f"{SECRET} indstilling",
        decision=f"{SECRET} beslutning",
        decided_by=[f"{SECRET} afgøres"],
        responsible=f"{SECRET} ansvarlig",
        duration_minutes=17,
        sections=[{"heading": f"{SECRET} overskrift", "text": f"{SECRET} afsnit"}],
        absences=[PersonFactory(municipality=municipality, name=f"{SECRET} Person")],
    )
    AttachmentFactory(agenda_item=closed, title=f"{SECRET} bilag", text=f"{SECRET} bilagstekst budgettet")
    other = MeetingFactory(committee=committee, date=datetime.date.today() - datetime.timedelta(days=7))
    AgendaItemFactory(
        meeting=other,
        number="5",
        closed=True,
        case=open_case,
        title=f"{SECRET} på åben sag",
        decision=f"{SECRET} beslutning",
    )
    AgendaItemFactory(meeting=other, number="6", case=open_case, title="Opfølgning på budgettet")
    refresh_search_vectors()
    return meeting
