"""Tests for the Aabenraa parser (imports/aabenraa.py).

* Golden files: every tests/data/aabenraa/<name>.txt parses to <name>.json (the list of
  `ParsedMeeting.as_dict()`); the seed document in fixtures/ parses to seed-2026-02-03.json.
  The JSON files were checked by hand against their documents: they are the specification.
* Focused tests on the rules that are easy to get wrong.
* Property-based tests: no input makes parse() raise anything but NotMinutesError.
"""

import json
import re
from datetime import date
from datetime import time as clock
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imports.formats import aabenraa
from imports.text import join_two, one_line
from imports.types import MinutesError, NotMinutesError

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "aabenraa"
SEED = ROOT / "fixtures" / "minutes" / "aabenraa-arbejdsmarkeds-og-uddannelsesudvalget-2026-02-03.txt"
AARHUS = ROOT / "fixtures" / "minutes" / "aarhus-social-og-beskaeftigelse-2024-06.txt"


def read(path):
    return path.read_text(encoding="utf-8")


def parse_one(text):
    meetings = aabenraa.parse(text)
    assert len(meetings) == 1
    return meetings[0]


def document(*blocks, header="REFERAT Økonomiudvalget d. 14-04-2026", fields=None):
    """A small document in the Aabenraa format; `blocks` are joined by blank lines."""
    if fields is None:
        fields = ["Mødedato Tirsdag d. 14. april 2026 kl. 16:00", "Mødested Mødelokale 3"]
    return "\n\n".join([header, *fields, *blocks]) + "\n"


def only_item(*body, title="Punkt 1: Orientering", case="25/100"):
    """The single item of a document whose item has the given body blocks."""
    head = [title, case] if case else [title]
    return parse_one(document(*head, *body)).items[0]


# --- golden files ----------------------------------------------------------------------------------


def golden_cases():
    yield pytest.param(SEED, DATA / "seed-2026-02-03.json", id="seed")
    for source in sorted(DATA.glob("*.txt")):
        yield pytest.param(source, source.with_suffix(".json"), id=source.stem)


@pytest.mark.parametrize(("source", "expected"), list(golden_cases()))
def test_golden_file(source, expected):
    parsed = [meeting.as_dict() for meeting in aabenraa.parse(read(source))]
    assert parsed == json.loads(read(expected))


@pytest.mark.parametrize(("source", "expected"), list(golden_cases()))
def test_golden_documents_look_like_aabenraa_and_leak_no_table_of_contents(source, expected):
    assert aabenraa.looks_like(read(source))
    assert "....." not in json.dumps([m.as_dict() for m in aabenraa.parse(read(source))])


def test_at_least_four_own_documents_each_with_its_golden_file():
    sources = sorted(DATA.glob("*.txt"))
    assert len(sources) >= 4
    for source in sources:
        assert source.with_suffix(".json").exists(), source.name


def test_seed_document_facts():
    """What the project's checker verifies on the seed, spelled out."""
    meeting = parse_one(read(SEED))
    assert meeting.municipality == "Aabenraa"
    assert meeting.committee == "Arbejdsmarkeds- og Uddannelsesudvalget"
    assert meeting.kind == "minutes"
    assert meeting.date == date(2026, 2, 3)
    assert meeting.start_time == clock(14, 30)
    assert "Loungen v/byrådssalen" in meeting.location
    assert len(meeting.participants) == 7
    assert "Christian Mutwa Christensen" in meeting.participants
    assert meeting.warnings == []
    items = {item.number: item for item in meeting.items}
    assert list(items) == [str(n) for n in range(10, 20)]

    assert items["10"].title == "Godkendelse af dagsorden"
    assert items["10"].case_number == "25/31181"
    assert items["10"].decision.startswith("Godkendt.")
    assert "Susanne Provstgaard (V)" in items["10"].absences

    item = items["11"]
    assert item.case_number == "22/12287"
    assert item.presentation.startswith("Beskæftigelsesplan 2023-26 er Aabenraa Kommunes plan")
    assert "at opfølgningen på Beskæftigelsesplan 2023-26 godkendes" in item.recommendation
    assert "Arbejdsmarkeds- og Uddannelsesudvalget" in item.decided_by
    assert len(item.attachments) == 2

    body = items["12"].presentation + "".join(section.text for section in items["12"].sections)
    assert "11.309.897 kr." in body
    assert "Tilbagebetalingskrav" in body

    assert "rettelse til sagsfremstillingen" in items["14"].decision
    assert items["14"].attachments == []
    assert len(items["16"].attachments) == 2
    assert items["17"].decided_by == ["Social- og Seniorudvalget", "Arbejdsmarkeds- og Uddannelsesudvalget"]
    assert any(
        a.title.startswith("Folder - Hvordan arbejder Aabenraa Kommune med socialt udsatte borgere")
        for a in items["17"].attachments
    )
    assert items["19"].title == "Underskriftsside"
    assert [n for n, item in items.items() if item.case_number == "25/31181"] == ["10", "18", "19"]
    assert all(item.duration_minutes is None and item.responsible is None for item in items.values())


# --- meeting fields --------------------------------------------------------------------------------


def test_participants_wrap_across_lines_into_one_name_each():
    meeting = parse_one(
        document(
            "Punkt 1: Godkendelse af dagsorden",
            fields=[
                "Mødedato Tirsdag d. 14. april 2026 kl. 16:00",
                "Mødedeltagere Rasmus Andresen (V), Christian Mutwa\nChristensen (A), Lise-\n"
                "Lotte Schmidt (V) og Arne Leyh\nPetersen",
            ],
        )
    )
    assert meeting.participants == [
        "Rasmus Andresen (V)",
        "Christian Mutwa Christensen (A)",
        "Lise-Lotte Schmidt (V)",
        "Arne Leyh Petersen",
    ]


def test_location_wraps():
    meeting = parse_one(
        document("Punkt 1: Godkendelse", fields=["Mødested Byrådssalen, Rådhuset,\nSkelbækvej 2, Aabenraa"])
    )
    assert meeting.location == "Byrådssalen, Rådhuset, Skelbækvej 2, Aabenraa"


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("Mødedato Tirsdag d. 14. april 2026 kl. 16:00", clock(16, 0), None),
        ("Mødedato Tirsdag d. 14. april 2026 kl. 16:00 - 18:30", clock(16, 0), clock(18, 30)),
        ("Mødedato Tirsdag d. 14. april 2026 kl. 16.00 – kl. 18.30", clock(16, 0), clock(18, 30)),
        ("Mødedato 14-04-2026 kl. 9.00-11.15", clock(9, 0), clock(11, 15)),
    ],
)
def test_meeting_date_start_and_end_time(line, start, end):
    meeting = parse_one(document("Punkt 1: Godkendelse", fields=[line]))
    assert (meeting.date, meeting.start_time, meeting.end_time) == (date(2026, 4, 14), start, end)


def test_missing_date_is_none_with_a_warning_never_guessed():
    meeting = parse_one(document("Punkt 1: Godkendelse", header="REFERAT Økonomiudvalget", fields=[]))
    assert meeting.date is None
    assert "Mødets dato er ikke angivet" in meeting.warnings


def test_date_from_the_header_when_there_is_no_modedato():
    meeting = parse_one(document("Punkt 1: Godkendelse", fields=["Mødested Rådhuset"]))
    assert meeting.date == date(2026, 4, 14)
    assert meeting.start_time is None


def test_impossible_date_and_time_give_warnings_not_errors():
    meeting = parse_one(
        document(
            "Punkt 1: Godkendelse",
            header="REFERAT Økonomiudvalget d. 31-02-2026",
            fields=["Mødedato Tirsdag d. 31. februar 2026 kl. 26:00"],
        )
    )
    assert meeting.date is None and meeting.start_time is None
    assert "Mødets dato er ikke angivet" in meeting.warnings
    assert any("31. februar 2026" in warning for warning in meeting.warnings)
    assert any("26:00" in warning for warning in meeting.warnings)


def test_header_and_modedato_disagreeing_is_a_warning_and_modedato_wins():
    meeting = parse_one(document("Punkt 1: Godkendelse", fields=["Mødedato Onsdag d. 15. april 2026"]))
    assert meeting.date == date(2026, 4, 15)
    assert any("overskriften" in warning for warning in meeting.warnings)


def test_agenda_header_gives_kind_agenda_and_no_missing_decision_warnings():
    meeting = parse_one(
        document(
            "Punkt 1: Godkendelse\n\n25/1",
            header="DAGSORDEN Byrådet d. 24-02-2026",
            fields=["Mødedato Tirsdag d. 24. februar 2026 kl. 17:00"],
        )
    )
    assert (meeting.kind, meeting.committee) == ("agenda", "Byrådet")
    assert meeting.warnings == []


def test_minutes_item_without_decision_is_warned_about():
    meeting = parse_one(document("Punkt 3: Orientering\n\n25/1\n\nSagsfremstilling\n\nTekst."))
    assert meeting.warnings == ["Punkt 3: ingen beslutning"]


def test_table_of_contents_never_leaks_even_when_titles_wrap():
    meeting = parse_one(
        document(
            "Indholdsfortegnelse",
            "Godkendelse af dagsorden.....\t3\nAnlægsbevilling til renovering af Aabenraa Svømmehal og\n"
            "tilhørende omklædningsfaciliteter.....\t4",
            "Punkt 1: Godkendelse af dagsorden\n\n25/1",
            "Beslutning Økonomiudvalget den 14-04-2026\n\nGodkendt.",
        )
    )
    dumped = json.dumps(meeting.as_dict(), ensure_ascii=False)
    assert "....." not in dumped
    assert "omklædningsfaciliteter" not in dumped
    assert meeting.warnings == []


def test_unknown_text_before_the_first_item_is_reported():
    meeting = parse_one(document("Her står noget uventet", "Punkt 1: Godkendelse\n\n25/1"))
    assert any("Her står noget uventet" in warning for warning in meeting.warnings)


# --- items --------------------------------------------------------------------------------------------


def test_title_wraps_until_the_case_number():
    item = only_item(
        title="Punkt 2: Trafiksikkerhedsplan 2026-2030 for Aabenraa Kommune - godkendelse af\n"
        "endelig plan efter offentlig høring",
        case="27.00.00-P20-3-24",
    )
    assert item.title == (
        "Trafiksikkerhedsplan 2026-2030 for Aabenraa Kommune - godkendelse af "
        "endelig plan efter offentlig høring"
    )
    assert item.number == "2"
    assert item.case_number == "27.00.00-P20-3-24"


@pytest.mark.parametrize("case", ["25/31181", "24/1234", "27.00.00-P20-3-24", "EMN-2024-027961"])
def test_case_number_shapes(case):
    assert only_item(case=case).case_number == case


def test_item_without_case_number_is_warned_about():
    meeting = parse_one(document("Punkt 8A: Tillægspunkt", "Sagsfremstilling", "Tekst.", "Beslutning", "Ok."))
    item = meeting.items[0]
    assert (item.number, item.case_number) == ("8A", None)
    assert item.presentation == "Tekst."
    assert "Punkt 8A: intet sagsnummer" in meeting.warnings


@pytest.mark.parametrize(
    ("title", "extra", "closed"),
    [
        ("Punkt 20: Lukket punkt: Personalesag", [], True),
        ("Punkt 20: Køb af jord", ["Lukket punkt"], True),
        ("Punkt 20: Køb af jord (lukket punkt)", [], True),
        ("Punkt 20: Køb af jord", [], False),
    ],
)
def test_closed_items(title, extra, closed):
    item = only_item(*extra, "Beslutning Økonomiudvalget den 14-04-2026", "Godkendt.", title=title)
    assert item.closed is closed
    assert item.title == title.split(": ", 1)[1]
    assert item.decision == "Godkendt."


def test_absentees_split_at_commas_and_og_with_party_letters_kept():
    item = only_item(
        "Beslutning Økonomiudvalget den 14-04-2026",
        "Godkendt.",
        "Afbud: Kim Andersen (V), Tina Wrang Ravn (F) og Dorte Soll (A).",
    )
    assert item.absences == ["Kim Andersen (V)", "Tina Wrang Ravn (F)", "Dorte Soll (A)"]


def test_fravaerende_is_accepted_and_may_wrap():
    item = only_item(
        "Beslutning Økonomiudvalget den 14-04-2026",
        "Godkendt.",
        "Fraværende: Mette Hansen (A), Ib Mikkelsen\n(Æ) og Hans Christian Lund (C).",
    )
    assert item.absences == ["Mette Hansen (A)", "Ib Mikkelsen (Æ)", "Hans Christian Lund (C)"]


def test_afbud_ingen_means_no_absentees():
    assert only_item("Beslutning", "Godkendt.", "Afbud: Ingen.").absences == []


def test_decided_by_one_committee_per_line_or_paragraph():
    item = only_item(
        "Sagen afgøres i",
        "Social- og Seniorudvalget",
        "Teknik- og\nMiljøudvalget\nByrådet.",
    )
    assert item.decided_by == ["Social- og Seniorudvalget", "Teknik- og Miljøudvalget", "Byrådet"]


def test_decision_keeps_later_paragraphs_also_after_the_absence_line():
    item = only_item(
        "Beslutning Økonomiudvalget den 14-04-2026",
        "Taget til orientering.",
        "Forvaltningen gør opmærksom på en rettelse til sagsfremstillingen.",
        "Afbud: Susanne Provstgaard (V).\nUdvalget ønsker en status i efteråret.",
        "Bilag",
        "Notat",
    )
    assert item.decision == (
        "Taget til orientering.\n\n"
        "Forvaltningen gør opmærksom på en rettelse til sagsfremstillingen.\n\n"
        "Udvalget ønsker en status i efteråret."
    )
    assert item.absences == ["Susanne Provstgaard (V)"]
    assert [a.title for a in item.attachments] == ["Notat"]


def test_two_decision_headings_are_both_kept_with_their_headings():
    item = only_item(
        "Beslutning Økonomiudvalget den 10-02-2026",
        "Anbefales.",
        "Beslutning Byrådet den 24-02-2026",
        "Godkendt.",
    )
    assert item.decision == (
        "Beslutning Økonomiudvalget den 10-02-2026\n\nAnbefales.\n\n"
        "Beslutning Byrådet den 24-02-2026\n\nGodkendt."
    )


def test_recommendation_keeps_its_paragraphs():
    item = only_item("Indstilling", "Økonomi indstiller,", "at a godkendes, og", "at b frigives.")
    assert item.recommendation == "Økonomi indstiller,\n\nat a godkendes, og\n\nat b frigives."


def test_sub_headings_stay_in_the_presentation_and_template_sections_split():
    item = only_item(
        "Sagsfremstilling",
        "Indledning.",
        "Baggrund",
        "Sagen har en forhistorie.",
        "Beslutning om fremtidig drift",
        "Driften fortsætter.",
        "Økonomi",
        "Det koster 1.000 kr.",
        "Høring:",
        "Ingen bemærkninger.",
        "Sagen afgøres i",
        "Økonomiudvalget.",
    )
    assert item.presentation == (
        "Indledning.\n\nBaggrund\n\nSagen har en forhistorie.\n\n"
        "Beslutning om fremtidig drift\n\nDriften fortsætter."
    )
    assert [(s.heading, s.text) for s in item.sections] == [
        ("Økonomi", "Det koster 1.000 kr."),
        ("Høring", "Ingen bemærkninger."),
    ]
    assert item.decided_by == ["Økonomiudvalget"]
    assert item.decision == ""


def test_paragraphs_join_wrapped_lines_and_keep_bullets_and_quotes():
    item = only_item(
        "Sagsfremstilling",
        "Det fremgår af status-\nnotatet, at Social- og\nSeniorudvalget godkender planen for 2023-26.",
        "Planen har tre mål:\n\n1. Sikre skoleveje\n2. Færre ulykker\n- ”Det Gode Liv”",
    )
    assert item.presentation == (
        "Det fremgår af statusnotatet, at Social- og Seniorudvalget godkender planen for 2023-26.\n\n"
        "Planen har tre mål:\n\n1. Sikre skoleveje\n2. Færre ulykker\n- ”Det Gode Liv”"
    )


def test_attachments_one_title_per_paragraph_or_bullet():
    item = only_item(
        "Bilag",
        "Strategi for arbejdet med socialt udsatte borgere.WT.pdf",
        "Organisationsdiagram for hjemmeplejen efter\nsammenlægningen",
        "- Notat om høringssvar\n- Høringssvar fra MED-udvalget",
    )
    assert [(a.title, a.text) for a in item.attachments] == [
        ("Strategi for arbejdet med socialt udsatte borgere.WT.pdf", ""),
        ("Organisationsdiagram for hjemmeplejen efter sammenlægningen", ""),
        ("Notat om høringssvar", ""),
        ("Høringssvar fra MED-udvalget", ""),
    ]


def test_bilag_with_colon_and_text_is_an_attachment_title_not_a_heading():
    item = only_item("Bilag", "Bilag: Forkortelser og tilbud på uddannelsesområdet")
    assert [a.title for a in item.attachments] == ["Bilag: Forkortelser og tilbud på uddannelsesområdet"]


def test_duplicate_item_numbers_are_warned_about():
    meeting = parse_one(
        document("Punkt 1: A\n\n25/1\n\nBeslutning\n\nOk.", "Punkt 1: B\n\n25/2\n\nBeslutning\n\nOk.")
    )
    assert [item.title for item in meeting.items] == ["A", "B"]
    assert any("Punkt 1 forekommer flere gange" in warning for warning in meeting.warnings)


# --- page furniture -----------------------------------------------------------------------------------

PRESENTATION = "Sagsfremstilling\n\n{}\n\nBeslutning Økonomiudvalget den 14-04-2026\n\nGodkendt."


def presentation_of(body):
    return only_item(PRESENTATION.format(body)).presentation


@pytest.mark.parametrize(
    "furniture",
    [
        "Side 3 af 20",
        "3",
        "- 3 -",
        "Økonomiudvalget, 14-04-2026",
        "Økonomiudvalget 14-04-2026 Side 3 af 20",
        "REFERAT Økonomiudvalget d. 14-04-2026",
        " REFERAT Økonomiudvalget d. 14-04-2026",
        "\f",
    ],
)
def test_furniture_inside_a_wrapped_paragraph_is_dropped_and_the_paragraph_joined(furniture):
    assert presentation_of(f"Overførslen kan ske, hvis\n{furniture}\n udvalget godkender det.") == (
        "Overførslen kan ske, hvis udvalget godkender det."
    )


def test_page_break_with_blank_lines_inside_a_sentence_joins_the_sentence():
    body = (
        "Overførslen kan ske, hvis\n\f\nØkonomiudvalget, 14-04-2026\n\n"
        "Side 3 af 20\n\nudvalget godkender det."
    )
    assert presentation_of(body) == "Overførslen kan ske, hvis udvalget godkender det."


def test_page_break_between_paragraphs_keeps_them_apart():
    body = "Første afsnit slutter her.\n\n3\n\n\fØkonomiudvalget, 14-04-2026\n\nAndet afsnit begynder."
    assert presentation_of(body) == "Første afsnit slutter her.\n\nAndet afsnit begynder."


def test_page_break_between_indstiller_and_at_keeps_them_apart():
    item = only_item("Indstilling", "Økonomi indstiller,\n\fSide 4 af 6\n\nat overførslerne godkendes.")
    assert item.recommendation == "Økonomi indstiller,\n\nat overførslerne godkendes."


def test_page_number_glued_to_text_is_cut_off():
    assert presentation_of("Første afsnit.\n\nSide 5 af 6Andet afsnit.") == "Første afsnit.\n\nAndet afsnit."


def test_furniture_inside_title_and_participants():
    meeting = parse_one(
        document(
            "Punkt 21: Regnskab 2025 - overførsel af uforbrugte midler fra drift og\n"
            "Side 3 af 6\nanlæg til 2026",
            fields=["Mødedeltagere Jan Riber Jakobsen (C), Erik Uldall\nSide 1 af 6\nHansen (A)"],
        )
    )
    assert meeting.participants == ["Jan Riber Jakobsen (C)", "Erik Uldall Hansen (A)"]
    assert (
        meeting.items[0].title
        == "Regnskab 2025 - overførsel af uforbrugte midler fra drift og anlæg til 2026"
    )


def test_crlf_line_endings_and_leading_spaces():
    text = document("Punkt 1: Godkendelse", " 25/1", " Beslutning", " Godkendt.").replace("\n", "\r\n")
    item = parse_one(text).items[0]
    assert (item.case_number, item.decision) == ("25/1", "Godkendt.")


# --- not this format ----------------------------------------------------------------------------------

NOT_MINUTES = [
    "",
    "   \n\n  ",
    "Der var engang en kommune ved Aabenraa Fjord, hvor byrådet mødtes hver måned.\n\nSlut.",
    "Referat\n\nPunkt 1: Dagsorden\n\nGodkendt.",
    "Punkt 1: Dagsorden\n\nREFERAT Byrådet d. 24-02-2026\n\nGodkendt.",
]


@pytest.mark.parametrize("text", NOT_MINUTES)
def test_not_minutes_raise_not_minutes_error_and_do_not_look_like_aabenraa(text):
    assert not aabenraa.looks_like(text)
    with pytest.raises(NotMinutesError):
        aabenraa.parse(text)


def test_aarhus_fixture_is_not_aabenraa():
    text = read(AARHUS)
    assert not aabenraa.looks_like(text)
    with pytest.raises(NotMinutesError):
        aabenraa.parse(text)


def test_header_without_items_raises_with_a_line_number():
    with pytest.raises(NotMinutesError) as raised:
        aabenraa.parse("\n\nREFERAT Byrådet d. 24-02-2026\n\nMødedato Onsdag d. 24. februar 2026\n")
    assert raised.value.line == 3


def test_line_numbers_are_those_an_editor_shows_even_after_form_feeds():
    text = "REFERAT Byrådet d. 24-02-2026\n\f\nPunkt 1: A\fSide 2 af 3\n\fPunkt 1: B\n"
    assert "Punkt 1 forekommer flere gange (linje 4)" in parse_one(text).warnings
    with pytest.raises(NotMinutesError) as raised:
        aabenraa.parse("\f\f\n\fREFERAT Byrådet d. 24-02-2026\n")
    assert raised.value.line == 2


def test_header_without_committee_raises():
    with pytest.raises(NotMinutesError):
        aabenraa.parse("REFERAT d. 24-02-2026\n\nPunkt 1: Godkendelse\n")


# --- large input (speed itself is measured by bench/, not here) ------------------------------------


def test_large_documents_parse_whole():
    seed = read(SEED)
    head, marker, items = seed.partition("Punkt 10:")
    big = head + "\n\n".join(marker + items for _ in range(60))  # ~1.5 MB
    assert len(parse_one(big).items) == 600

    line = "Kontrolgruppen har modtaget 242 sager i 2025 og heraf udgør interne anmeldelser og"
    long_paragraph = "\n".join([line] * 20000)  # 1.7 MB in one paragraph, no blank lines
    item = only_item("Sagsfremstilling", long_paragraph)
    assert len(item.presentation) == 20000 * (len(line) + 1) - 1


# --- properties ---------------------------------------------------------------------------------------

SEED_LINES = read(SEED).split("\n")
FUZZ = settings(max_examples=200, deadline=None)


def outcome(text):
    """parse()'s result as data, or the NotMinutesError it raised; any other exception fails the test."""
    try:
        return [meeting.as_dict() for meeting in aabenraa.parse(text)]
    except MinutesError as error:
        assert isinstance(error, NotMinutesError)
        assert error.line is None or error.line >= 1
        return ("NotMinutesError", str(error))


def check(text):
    first = outcome(text)
    assert outcome(text) == first  # deterministic
    assert isinstance(aabenraa.looks_like(text), bool)
    if isinstance(first, list):
        for meeting in first:
            assert meeting["municipality"] == "Aabenraa"
            assert meeting["kind"] in ("minutes", "agenda")
            assert meeting["committee"]
            assert meeting["items"]
            for item in meeting["items"]:
                assert re.fullmatch(r"[0-9]{1,4}[A-Za-z]?", item["number"])
    return first


@FUZZ
@given(st.text())
def test_arbitrary_text_never_raises_anything_else(text):
    check(text)


FORMAT_LINES = st.sampled_from(
    [
        "",
        "",
        "REFERAT Byrådet d. 24-02-2026",
        "DAGSORDEN Teknik- og Miljøudvalget",
        "REFERAT d. 99-99-9999",
        "Mødedato Tirsdag d. 31. februar 2026 kl. 25:61 - 99:99",
        "Mødedato 0. jan 0000",
        "Mødested",
        "Mødedeltagere A, B og",
        "Indholdsfortegnelse",
        "Godkendelse.....\t3",
        "Punkt 1:",
        "Punkt 8A: Lukket punkt",
        "Punkt 9999z:",
        "25/31181",
        "Lukket punkt",
        "Sagsfremstilling",
        "Sagen afgøres i",
        "Indstilling",
        "Beslutning",
        "Beslutning Byrådet den 24-02-2026",
        "Afbud:",
        "Afbud: A (V), og , og .",
        "Fraværende: Ingen",
        "Bilag",
        "Økonomi",
        "Side 1 af 2",
        "Side 3 af 4Tekst",
        "3",
        "\f",
        "- ",
        "1. punkt",
        "Social-",
        "og Seniorudvalget.",
        "at ...",
    ]
)


@FUZZ
@given(st.lists(st.one_of(FORMAT_LINES, st.text(max_size=20)), max_size=40))
def test_format_like_lines_never_raise_anything_else(lines):
    check("\n".join(lines))


@st.composite
def mutated_seed(draw, with_characters=True):
    """The seed with lines deleted, duplicated, swapped, cut off, or characters inserted."""
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(1, 8))):
        operations = ["delete", "duplicate", "swap", "shuffle_block", "truncate"]
        if with_characters:
            operations.append("insert")
        operation = draw(st.sampled_from(operations))
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        if operation == "delete":
            del lines[at : at + draw(st.integers(1, 20))]
        elif operation == "duplicate":
            lines[at:at] = lines[at : at + draw(st.integers(1, 20))]
        elif operation == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif operation == "shuffle_block":
            block = lines[at : at + 30]
            lines[at : at + 30] = draw(st.permutations(block))
        elif operation == "truncate":
            text = "\n".join(lines)
            lines = text[: draw(st.integers(0, len(text)))].split("\n")
        else:
            line = lines[at]
            where = draw(st.integers(0, len(line)))
            lines[at] = line[:where] + draw(st.text(min_size=1, max_size=5)) + line[where:]
    return "\n".join(lines)


@FUZZ
@given(mutated_seed())
def test_mutated_seed_never_raises_anything_else(text):
    check(text)


@FUZZ
@given(mutated_seed(with_characters=False))
def test_table_of_contents_never_leaks_from_a_mutated_seed(text):
    result = check(text)
    assert "....." not in json.dumps(result, ensure_ascii=False)


WRAPPED_WORDS = st.sampled_from(
    [
        "og",
        "Social-",
        "status-",
        "notatet",
        "EU-",
        "Borgere",
        "ikke-",
        "vestlige",
        "2023-",
        "26",
        "- x",
        "1.",
        "”a”",
    ]
)


@FUZZ
@given(
    st.lists(st.lists(st.one_of(WRAPPED_WORDS, st.text(max_size=8)), max_size=8).map(" ".join), max_size=30)
)
def test_linear_joining_agrees_with_joining_two_lines_at_a_time(lines):
    """text.one_line keeps only a short tail while joining; the result is the plain pairwise fold."""
    folded = ""
    for line in lines:
        folded = join_two(folded, line) if folded else line.strip()
    assert one_line(lines) == folded.strip()
