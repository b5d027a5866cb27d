"""The FirstAgenda JSON parser (imports/formats/firstagenda_json.py).

Golden files: five real Greve meetings in tests/data/firstagenda_json/, each with an
`.expected.json` written by reading the meeting's JSON and its Html (not from the parser's output).
An expected item lists the fields it asserts; `<field>__startswith` / `__endswith` assert the ends
of a long text, `sections__headings` the section headings in order; a history entry asserts the
keys it lists.
"""

import json
from pathlib import Path

import pytest

from imports import detect
from imports.formats import firstagenda_json
from imports.types import NotMinutesError

DATA = Path(__file__).resolve().parents[1] / "data" / "firstagenda_json"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "greve"
GOLDEN = sorted(DATA.glob("*.expected.json"))


def parse_file(path, **kwargs):
    (meeting,) = detect.parse_text(detect.text_of_file(path), **kwargs)
    return meeting


@pytest.mark.parametrize("expected_path", GOLDEN, ids=lambda p: p.name.split(".")[0])
def test_golden(expected_path):
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    source = expected_path.with_name(expected_path.name.replace(".expected.json", ".json.gz"))
    got = parse_file(source).as_dict()

    for key, value in expected["meeting"].items():
        assert got[key] == value, key
    assert [item["number"] for item in got["items"]] == [item["number"] for item in expected["items"]]
    for want, item in zip(expected["items"], got["items"], strict=True):
        label = f"item {want['number']}"
        for key, value in want.items():
            if key.endswith("__startswith"):
                assert item[key.split("__")[0]].startswith(value), f"{label}: {key}"
            elif key.endswith("__endswith"):
                assert item[key.split("__")[0]].endswith(value), f"{label}: {key}"
            elif key == "sections__headings":
                assert [s["heading"] for s in item["sections"]] == value, f"{label}: {key}"
            elif key == "history":
                assert len(item["history"]) == len(value), f"{label}: history"
                for want_entry, entry in zip(value, item["history"], strict=True):
                    assert {k: entry[k] for k in want_entry} == want_entry, f"{label}: history"
            else:
                assert item[key] == value, f"{label}: {key}"


def test_golden_files_are_there():
    assert len(GOLDEN) == 5


# --- small variants of one meeting -----------------------------------------------------------------

LINK = "https://dagsordener.greve.dk/Vis/Pdf/bilag/2c053c74-654b-4432-b686-74e82b03a3a7"
OPEN_HTML = (
    "<div><div id='sagsfremstillingContainer'><div><h3>Beslutning</h3><span>Godkendt.<br><br>"
    "Afbud: Anna Ager (V)</span></div><h3>Fremstilling</h3><span class='ukendt'><div>"
    "<h2>Sagsprocedure</h2><p>Økonomiudvalget og Byrådet.</p><h2>Resume</h2><p>Kort resume.</p>"
    "<h2>Indstilling</h2><p><em>Administrationen indstiller, at sagen godkendes.</em></p>"
    "<h2>Sagsbeskrivelse</h2><p>Første afsnit &amp; mere.</p><p>&nbsp;</p><ul><li>et</li><li>to</li></ul>"
    "<h2>Økonomiske konsekvenser</h2><p>Ingen.</p><h2><div><em><br></em></div></h2></div></span>"
    "<h3>Sagens forløb</h3><span class='sagsforloeb'><u>03-01-2022 Økonomiudvalget (slettet 10-01-2022)</u>"
    "<br><p>Anbefales.</p><br><u>10-01-2022 Byråd 2022</u><br>Godkendt i dag.<br></span></div></div>"
)


def meeting_json(**changes):
    """A small meeting in the API's shape: item 1 open with every part, item 2 closed."""
    data = {
        "Dagsordenpunkter": [
            {
                "Felter": [{"Navn": "", "Html": OPEN_HTML, "Link": LINK}],
                "SagsNummer": "21-000001",
                "Navn": "Godkendelse af regnskab",
                "Punktnummer": "1",
                "Bilag": [
                    {"Order": 1, "Navn": "Andet bilag", "Id": "bbbbbbbb-0000-0000-0000-000000000002"},
                    {"Order": 0, "Navn": "Første bilag", "Id": "aaaaaaaa-0000-0000-0000-000000000001"},
                ],
                "IsOpen": False,
                "ExternalAgendaItemAttendees": [
                    {"Name": "Bo Berg", "AttendanceType": 2, "Reason": "Fraværende"}
                ],
            },
            {
                "Felter": [
                    {
                        "Navn": "",
                        "Html": "<div><h3>Beslutning</h3><p>Hemmelig beslutning: salg til 5 mio.</p>"
                        "<h3>Fremstilling</h3><h2>Sagsbeskrivelse</h2><p>Hemmelig sag.</p></div>",
                        "Link": "",
                    }
                ],
                "SagsNummer": "22-000002",
                "Navn": "Lukket: Salg af grund",
                "Punktnummer": "2",
                "Bilag": [
                    {"Order": 0, "Navn": "Hemmelig vurdering", "Id": "cccccccc-0000-0000-0000-000000000003"}
                ],
                "IsOpen": True,
                "ExternalAgendaItemAttendees": [],
            },
        ],
        "Udvalg": {"Id": "x", "Navn": "Byråd 2022-2025", "Historisk": False},
        "Moede": {
            "MeetingBeginUtc": "2022-01-10T18:00:00+01:00",
            "MeetingEndUtc": None,
            "Dato": "2022-01-10T18:00:00+01:00",
            "Sted": "Byrådssalen",
            "Afsluttet": True,
            "Moededeltagere": [
                {"Name": "Anna Ager", "Absent": False, "ParticipationCancelled": False},
                {"Name": "Bo Berg", "Absent": False, "ParticipationCancelled": False},
                {"Name": "Cai Cold", "Absent": True, "ParticipationCancelled": False},
                {"Name": "Dea Dal", "Absent": False, "ParticipationCancelled": True},
            ],
        },
        "Id": "e049b9bf-8473-4034-9a27-cd30a5583562",
    }
    for path, value in changes.items():
        target = data
        *keys, last = path.split(".")
        for key in keys:
            target = target[int(key)] if isinstance(target, list) else target[key]
        target[int(last) if isinstance(target, list) else last] = value
    return json.dumps(data, ensure_ascii=False)


def parse_one(text, base_url=None):
    (meeting,) = firstagenda_json.parse(text, base_url=base_url)
    return meeting


def test_open_item_parts():
    meeting = parse_one(meeting_json())
    item = meeting.items[0]
    assert (item.number, item.title, item.case_number, item.closed) == (
        "1",
        "Godkendelse af regnskab",
        "21-000001",
        False,
    )
    assert item.decision == "Godkendt.\n\nAfbud: Anna Ager (V)"
    assert item.decided_by == ["Økonomiudvalget", "Byrådet"]
    assert item.recommendation == "Administrationen indstiller, at sagen godkendes."
    assert item.presentation == "Første afsnit & mere.\n\n- et\n- to"
    assert [(s.heading, s.text) for s in item.sections] == [
        ("Resume", "Kort resume."),
        ("Økonomiske konsekvenser", "Ingen."),
    ]
    assert [(a.title, a.url) for a in item.attachments] == [
        ("Første bilag", "https://dagsordener.greve.dk/Vis/Pdf/bilag/aaaaaaaa-0000-0000-0000-000000000001"),
        ("Andet bilag", "https://dagsordener.greve.dk/Vis/Pdf/bilag/bbbbbbbb-0000-0000-0000-000000000002"),
    ]


def test_history_entries_and_this_meeting_left_out():
    item = parse_one(meeting_json()).items[0]
    # The second line is this very meeting (10-01-2022, "Byråd 2022" is the Byråd): not history.
    assert [(e.committee, e.date.isoformat(), e.number, e.text) for e in item.history] == [
        ("Økonomiudvalget", "2022-01-03", None, "Anbefales.")
    ]


def test_closed_item_keeps_nothing_but_number_title_and_case():
    meeting = parse_one(meeting_json())
    item = meeting.items[1]
    assert (item.number, item.title, item.case_number, item.closed) == (
        "2",
        "Salg af grund",
        "22-000002",
        True,
    )
    assert item.decision == item.presentation == item.recommendation == ""
    assert item.sections == item.attachments == item.history == item.positions == item.decided_by == []
    assert "Hemmelig" not in json.dumps(meeting.as_dict(), ensure_ascii=False)


def test_is_open_is_not_about_closed_items():
    meeting = parse_one(
        meeting_json(**{"Dagsordenpunkter.0.IsOpen": True, "Dagsordenpunkter.1.IsOpen": False})
    )
    assert [item.closed for item in meeting.items] == [False, True]


def test_absent_participants_are_absent_from_every_item():
    meeting = parse_one(meeting_json())
    assert meeting.participants == ["Anna Ager", "Bo Berg"]
    assert meeting.items[0].absences[:3] == ["Cai Cold", "Dea Dal", "Bo Berg"]
    assert meeting.items[1].absences == ["Cai Cold", "Dea Dal"]


def test_prose_absences_are_added_once():
    item = parse_one(meeting_json()).items[0]
    assert item.absences == ["Cai Cold", "Dea Dal", "Bo Berg", "Anna Ager (V)"]
    html = OPEN_HTML.replace("Afbud: Anna Ager (V)", "Fraværende: Bo Berg (A) og Cai Cold")
    item = parse_one(meeting_json(**{"Dagsordenpunkter.0.Felter.0.Html": html})).items[0]
    assert item.absences == ["Cai Cold", "Dea Dal", "Bo Berg"]


def test_positions_of_the_decision_and_of_the_history_apart():
    html = OPEN_HTML.replace(
        "Godkendt.<br><br>", "Godkendt.<br>For stemte: (V) og (A)<br>Imod stemte: (Ø)<br><br>"
    )
    html = html.replace("<p>Anbefales.</p>", "<p>Anbefales.</p><p>Undlader: (F)</p>")
    item = parse_one(meeting_json(**{"Dagsordenpunkter.0.Felter.0.Html": html})).items[0]
    assert {(p.who, p.stance) for p in item.positions} == {
        ("Venstre", "for"),
        ("Socialdemokratiet", "for"),
        ("Enhedslisten", "against"),
    }
    (entry,) = item.history
    assert [(p.who, p.stance) for p in entry.positions] == [("Socialistisk Folkeparti", "abstained")]


def test_committee_period_is_stripped():
    for name, want in [
        ("Byråd 2022-2025", "Byråd"),
        (".Spørgsmål / Svar til Byrådet 2022-2025", "Spørgsmål / Svar til Byrådet"),
        ("Økonomiudvalget", "Økonomiudvalget"),
        ("Skole-, Børne- og Ungeudvalget", "Skole-, Børne- og Ungeudvalget"),
    ]:
        assert parse_one(meeting_json(**{"Udvalg.Navn": name})).committee == want
    assert firstagenda_json.clean_committee("Byrådet 2018 - 2021") == "Byrådet"


def test_no_committee_is_refused():
    with pytest.raises(NotMinutesError, match="committee"):
        parse_one(meeting_json(**{"Udvalg.Navn": " . "}))


def test_date_times_and_ids():
    meeting = parse_one(meeting_json(**{"Moede.MeetingEndUtc": "2022-01-10T20:30:00+01:00"}))
    assert (meeting.date.isoformat(), str(meeting.start_time), str(meeting.end_time)) == (
        "2022-01-10",
        "18:00:00",
        "20:30:00",
    )
    assert meeting.location == "Byrådssalen"
    assert meeting.external_id == "e049b9bf-8473-4034-9a27-cd30a5583562"
    assert (
        meeting.source_url
        == "https://dagsordener.greve.dk/api/agenda/dagsorden/e049b9bf-8473-4034-9a27-cd30a5583562"
    )
    # An end given in UTC is printed in the meeting's own time.
    meeting = parse_one(meeting_json(**{"Moede.MeetingEndUtc": "2022-01-10T19:30:00Z"}))
    assert str(meeting.end_time) == "20:30:00"


def test_municipality_from_the_links():
    assert parse_one(meeting_json()).municipality == "Greve"


def test_municipality_and_links_from_base_url():
    text = meeting_json(**{"Dagsordenpunkter.0.Felter.0.Link": ""})
    meeting = parse_one(text, base_url="https://dagsordener.aarhus.dk/api/agenda/dagsorden/x")
    assert meeting.municipality == "Aarhus"
    assert meeting.source_url.startswith("https://dagsordener.aarhus.dk/api/agenda/dagsorden/e049b9bf")
    assert (
        meeting.items[0].attachments[0].url.startswith("https://dagsordener.aarhus.dk/Vis/Pdf/bilag/aaaaaaaa")
    )


def test_no_site_no_municipality_and_no_links():
    meeting = parse_one(meeting_json(**{"Dagsordenpunkter.0.Felter.0.Link": ""}))
    assert meeting.municipality == ""
    assert meeting.source_url is None
    assert [a.url for a in meeting.items[0].attachments] == [None, None]


def test_missing_municipality_asks_for_it():
    text = meeting_json(**{"Dagsordenpunkter.0.Felter.0.Link": ""})
    with pytest.raises(NotMinutesError, match="--municipality"):
        detect.parse_text(text)
    (meeting,) = detect.parse_text(text, municipality="greve")
    assert meeting.municipality == "Greve"


def test_detected_first():
    assert detect.PARSERS[0] is firstagenda_json
    assert detect.detect(meeting_json()) is firstagenda_json
    assert not firstagenda_json.looks_like('{"Dagsordenpunkter": []}')
    assert not firstagenda_json.looks_like("REFERAT Byrådet d. 03-02-2026\nMoede Dagsordenpunkter")


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"Dagsordenpunkter": [], "Moede": {,}', "not valid JSON"),
        ('{"Dagsordenpunkter": {}, "Moede": {}}', "not a FirstAgenda meeting"),
        ('{"Dagsordenpunkter": [], "Moede": null}', "Moede is missing"),
        ("[1, 2]", "not a FirstAgenda meeting"),
        ("[" * 100000 + "]" * 100000, "JSON"),
    ],
)
def test_bad_json_is_refused_clearly(text, message):
    with pytest.raises(NotMinutesError, match=message):
        firstagenda_json.parse(text)


def test_bad_json_through_detect():
    with pytest.raises(NotMinutesError, match="not valid JSON"):
        detect.parse_text('{"Dagsordenpunkter": [ {"Moede": ')


def test_odd_values_do_not_crash():
    text = meeting_json(
        **{
            "Dagsordenpunkter.0.Felter": None,
            "Dagsordenpunkter.0.Bilag": [None, {"Navn": 3, "Id": "x/../../y"}],
            "Dagsordenpunkter.1": "not an item",
            "Moede.Dato": "yesterday",
            "Moede.MeetingBeginUtc": None,
            "Moede.Moededeltagere": [None, {"Name": None}],
        }
    )
    meeting = parse_one(text, base_url="https://dagsordener.greve.dk")
    assert meeting.date is None and meeting.participants == []
    assert [(a.title, a.url) for a in meeting.items[0].attachments] == [("3", None)]
    assert any("dato" in w for w in meeting.warnings)


def test_agenda_or_minutes():
    assert parse_one(meeting_json()).kind == "minutes"
    assert parse_one(meeting_json(**{"Moede.Afsluttet": False})).kind == "agenda"
    undecided = OPEN_HTML.replace("Godkendt.<br><br>Afbud: Anna Ager (V)", ".")
    assert parse_one(meeting_json(**{"Dagsordenpunkter.0.Felter.0.Html": undecided})).kind == "agenda"


def test_decision_without_headings():
    """Older items: the Html is only the decision's paragraphs, sometimes after the title line."""
    html = (
        '<div><p class="xsltFirstParagraph">Anbefales.</p>\n<p>&nbsp;</p>\n'
        "<p>Fraværende: Bo Berg<br></p></div>"
    )
    item = parse_one(meeting_json(**{"Dagsordenpunkter.0.Felter.0.Html": html})).items[0]
    assert item.decision == "Anbefales.\n\nFraværende: Bo Berg"
    assert item.presentation == ""
    html = (
        "<div><div id='x'>\r\nGodkendelse af regnskab\r\n<p>Godkendt.</p>"
        "<div><h2>Resume</h2><p>R.</p></div></div></div>"
    )
    item = parse_one(meeting_json(**{"Dagsordenpunkter.0.Felter.0.Html": html})).items[0]
    assert (item.decision, item.presentation, item.sections) == ("Godkendt.", "R.", [])


def test_several_decisions_keep_their_headings():
    html = "<h3>Beslutning Økonomiudvalget</h3><p>Anbefales.</p><h3>Beslutning Byrådet</h3><p>Godkendt.</p>"
    item = parse_one(meeting_json(**{"Dagsordenpunkter.0.Felter.0.Html": html})).items[0]
    assert item.decision == "Beslutning Økonomiudvalget\n\nAnbefales.\n\nBeslutning Byrådet\n\nGodkendt."


def test_sagsprocedure_that_is_no_list_stays_a_section():
    html = OPEN_HTML.replace("Økonomiudvalget og Byrådet.", "I sagen gives et kort overblik over sagen.")
    item = parse_one(meeting_json(**{"Dagsordenpunkter.0.Felter.0.Html": html})).items[0]
    assert item.decided_by == []
    assert ("Sagsprocedure", "I sagen gives et kort overblik over sagen.") in [
        (s.heading, s.text) for s in item.sections
    ]


def test_decided_by_names():
    split = firstagenda_json._committee_list
    assert split("Klima-, Teknik- og Miljøudvalget, Økonomiudvalget og Byrådet.") == [
        "Klima-, Teknik- og Miljøudvalget",
        "Økonomiudvalget",
        "Byrådet",
    ]
    assert split("Alle fagudvalg og Økonomiudvalget.") == ["Alle fagudvalg", "Økonomiudvalget"]
    assert (
        split(
            "Temamøde på Sundheds- og Omsorgsudvalgets møde den 10. januar 2022, hvor byrådet er inviteret."
        )
        == []
    )


# --- all 198 Greve meetings ----------------------------------------------------------------------------


def test_all_greve_fixtures():
    paths = sorted(FIXTURES.glob("*.json.gz"))
    assert len(paths) == 198
    closed = items = 0
    for path in paths:
        meeting = parse_file(path)
        assert meeting.committee and meeting.date and meeting.municipality == "Greve", path.name
        assert meeting.kind in ("minutes", "agenda")
        assert meeting.source_url.startswith("https://dagsordener.greve.dk/api/agenda/dagsorden/")
        for item in meeting.items:
            items += 1
            assert item.number and item.title, path.name
            assert not item.title.lower().startswith("lukket"), (path.name, item.number)
            if item.closed:
                closed += 1
                assert not (item.decision or item.presentation or item.recommendation), (
                    path.name,
                    item.number,
                )
                assert item.sections == item.attachments == item.history == item.positions == []
    assert items > 2800 and closed > 150  # the rule above was exercised
