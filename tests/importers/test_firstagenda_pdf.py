"""Tests of the FirstAgenda PDF parser (imports/formats/firstagenda_pdf.py). No database needed.

* Golden checks on the real minutes of Aarhus Byråd, 27 August 2025 (tests/data/firstagenda_pdf/,
  read through imports.pdf as the importer reads it). Every expected value was written by reading
  the PDF, not copied from the parser's output.
* Small documents, one per rule: wrapped titles, Lukket, Beslutningspunkter, Bilag over a page
  break, history blocks glued together, the letterhead's case number, municipality from the text,
  from the address or missing, documents that are not this layout.
* Property-based: no input makes parse() raise anything but NotMinutesError.
"""

import contextlib
import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imports import detect
from imports.formats import aabenraa, firstagenda_pdf
from imports.types import NotMinutesError

ROOT = Path(__file__).resolve().parents[2]
PDF = ROOT / "tests" / "data" / "firstagenda_pdf" / "aarhus_byraad_2025-08-27.pdf"
AABENRAA_DATA = ROOT / "tests" / "data" / "aabenraa"
AABENRAA_SEED = (
    ROOT / "fixtures" / "minutes" / "aabenraa-arbejdsmarkeds-og-uddannelsesudvalget-2026-02-03.txt"
)
AARHUS_BUNDLE = ROOT / "fixtures" / "minutes" / "aarhus-social-og-beskaeftigelse-2024-06.txt"


@pytest.fixture(scope="module")
def pdf_text():
    return detect.text_of_file(PDF)


@pytest.fixture(scope="module")
def meeting(pdf_text):
    meetings = firstagenda_pdf.parse(pdf_text)
    assert len(meetings) == 1
    return meetings[0]


@pytest.fixture(scope="module")
def items(meeting):
    return {item.number: item for item in meeting.items}


def titles(item):
    return [attachment.title for attachment in item.attachments]


def history(item):
    return [(entry.committee, entry.date, entry.number) for entry in item.history]


# --- the real document -------------------------------------------------------------------------------


def test_detected_as_firstagenda_pdf(pdf_text):
    assert detect.detect(detect.normalize(pdf_text)) is firstagenda_pdf
    assert not aabenraa.looks_like(pdf_text) or detect.PARSERS.index(firstagenda_pdf) < detect.PARSERS.index(
        aabenraa
    )


def test_meeting_header(meeting):
    assert meeting.municipality == "Aarhus"
    assert meeting.committee == "Aarhus Byråd"
    assert meeting.kind == "minutes"
    assert meeting.date == datetime.date(2025, 8, 27)
    assert meeting.start_time == datetime.time(16, 0)
    assert meeting.location == "Byrådssalen"
    assert meeting.warnings == []


def test_twenty_one_items_in_order(meeting):
    assert [item.number for item in meeting.items] == [str(n) for n in range(1, 22)]


def test_every_open_item_has_a_decision_and_a_case_number(meeting):
    assert [item.number for item in meeting.items if item.decision] == [str(n) for n in range(1, 21)]
    assert all(item.case_number and item.case_number.startswith("EMN-20") for item in meeting.items)


def test_item_1(items):
    item = items["1"]
    assert item.title == "Godkendelse af dagsorden"
    assert item.case_number == "EMN-2023-009832"
    assert item.decision == "Godkendt."
    assert item.attachments == [] and item.history == [] and item.sections == []


def test_item_2_wrapped_title_and_decision(items):
    item = items["2"]
    assert (
        item.title
        == "Svar på forslag fra DD om principbeslutning om at sikre Havnens Perles fremtid på Aarhus Ø"
    )
    assert item.case_number == "EMN-2025-003383"
    assert item.decision == (
        "Fremsendes til Teknisk Udvalg til behandling i henhold til beslutning i byrådets møde den "
        "27. august 2025."
    )


def test_item_2_sections_in_document_order(items):
    item = items["2"]
    assert item.presentation.startswith(
        "Den 9. april 2025 behandlede byrådet forslag fra Danmarksdemokraterne om at sikre en fremtidig "
        "placering af Havnens Perle på Aarhus Ø."
    )
    assert item.presentation.endswith(
        "Forslaget blev sendt til besvarelse i Teknik og Miljø, som har undersøgt forslagets indhold."
    )
    assert [s.heading for s in item.sections] == [
        "BESLUTNINGSFORSLAG FRA DD",
        "INDSTILLING FRA MAGISTRATSAFDELINGEN FOR TEKNIK OG MILJØ",
        "Borgmesterens Afdelings påtegning",
    ]
    proposal = item.sections[0].text
    assert proposal.startswith("Baggrund:")  # the proposal's own sub-heading stays in its text
    assert "Jakob Søgaard Clausen" in proposal
    assert item.sections[1].text.startswith("På baggrund af forslag fra Danmarksdemokraterne")
    assert item.sections[2].text == (
        "Fremsendes til Magistraten. Borgmesterens Afdeling har ingen bemærkninger til indstillingen."
    )


def test_item_2_recommendation(items):
    recommendation = items["2"].recommendation
    assert recommendation.startswith(
        "Det indstilles:\n\nAt 1) der i forbindelse med den kommende konkretisering"
    )
    assert (
        "\n\nAt 2) Teknik og Miljø anbefaler Havnens Perle at tage fat i kommende aktører" in recommendation
    )
    assert recommendation.endswith("for en kommende permanent placering.")


def test_item_2_history(items):
    item = items["2"]
    assert history(item) == [
        ("Aarhus Byråd", datetime.date(2025, 3, 26), "21"),  # "Dato:" opens a new page in the PDF
        ("Aarhus Byråd", datetime.date(2025, 4, 9), "3"),
        ("Magistraten", datetime.date(2025, 8, 19), "4"),
    ]
    assert item.history[0].text == "Sagens behandling blev udsat i byrådets møde den 26. marts 2025."
    assert item.history[1].text.endswith("Sagen bedes tilbagesendt byrådet via Magistraten.")
    last = item.history[2]
    assert last.text.startswith(
        "Fremsendes til Aarhus Byråd med bemærkning, at Magistraten i mødet den 19. august"
    )
    # The positions and absences of a treatment are that treatment's, never the item's.
    assert [(p.who, p.stance) for p in last.positions] == [("Socialdemokratiet", "reservation")]
    assert last.absences == ["Jesper Kjeldsen"]
    assert item.positions == [] and item.absences == []


def test_item_2_attachments(items):
    item = items["2"]
    assert titles(item) == [
        "Indstilling",
        "Bilag 1: Beslutningsforslag",
        "Meningstilkendegivelse Havnens Perle (påført 07.04.2025)",
        "Byrådsdebat 09.04.2025",
        "Meningstilkendegivelse Havnens Perle (påført 27.08.2025)",
    ]
    assert all(a.url is None and a.text == "" for a in item.attachments)


def test_item_3_positions_from_the_decision(items):
    item = items["3"]
    assert (
        "Radikale Venstres og Alternativets byrådsgrupper kunne ikke tiltræde indstillingen." in item.decision
    )
    stances = {(p.who, p.stance) for p in item.positions}
    assert {("Radikale Venstre", "against"), ("Alternativet", "against")} <= stances
    assert history(item) == [
        ("Aarhus Byråd", datetime.date(2025, 4, 9), "17"),
        ("Magistraten", datetime.date(2025, 8, 19), "5"),
    ]
    # "Punktnummer: 17" ends a page; the treatment's text starts the next one.
    assert item.history[0].text.startswith("Fremsendes til Magistratsafdelingen for Teknik og Miljø")


def test_item_4_recommendation_with_a_lower_case_at(items):
    assert items["4"].recommendation == (
        "Det indstilles:\n\nat forslaget indgår i det fremadrettede arbejde på tværs af kommunen med "
        "hastighedsdæmpning."
    )


def test_item_5_lone_dot_is_no_text(items):
    item = items["5"]
    assert item.decision == (
        "Tilbagesendes Borgmesterens Afdeling med bemærkning, at byrådet i sit møde den 27. august 2025 har "
        "vedtaget Magistratens foranstående indstilling af 19. august 2025."
    )
    assert item.recommendation == "Det indstilles:\n\nAt 1) Regnskabet for 2024 godkendes endeligt."
    assert titles(item) == [
        "Indstilling",
        "Bilag 1: Revisionsberetning nr. 3 fra den 13. juni 2025 vedrørende årsregnskabet 2024",
        "Bilag 2: MBSs bemærkninger til afsluttende revisionsberetning for 2024",
        "Bilag 3: Revisionspåtegning af årsregnskabet 2024",
    ]


def test_item_6_bilag_list_over_a_page_break_kept_whole(items):
    item = items["6"]
    assert titles(item) == [
        "Indstilling",
        "Bilag 1: Beslutningsforslag",
        "Meningstilkendegivelse HORESTA (påført 22.01.2025)",
        "Meningstilkendegivelse Restauratørnetværket i Aarhus (påført 22.01.2025)",
        "Byrådsdebat 22.01.2025",  # first line of the next page, no blank line before it
        "Byrådsdebat 25.06.2025",
        "Udvalgserklæring",
        "Notat, 18.08.25, BA",
        "Meningstilkendegivelse Horesta 19.08.2025",
        "Meningstilkendegivelse Restauratørnetværket 19.08.2025",
    ]
    assert [c for c, _, _ in history(item)] == [
        "Aarhus Byråd",
        "Magistraten",
        "Aarhus Byråd",
        "Økonomi- og Erhvervsudvalget",
    ]
    assert history(item)[3][1:] == (datetime.date(2025, 8, 20), "4")


def test_item_6_unknown_glyphs_dropped_and_headings(items):
    item = items["6"]
    assert [s.heading for s in item.sections] == ["BESLUTNINGSFORSLAG FRA RV"]
    proposal = item.sections[0].text
    assert "(cid:" not in proposal
    assert proposal.startswith("Problemstilling\n\nAarhus ønsker at være en by med plads til alle")
    assert "\n\nBaggrund\n\nI 2022 indgik regeringen" in proposal
    assert item.presentation.startswith("Radikale Venstre har med beslutningsforslaget lagt op til")


def test_item_10_wrapped_title_and_bilag_title(items):
    item = items["10"]
    assert item.title == (
        "Lokalplan 1221 (tillæg 2 til lokalplan 411) – Erhvervsområde ved Kattrup, Hasselager-Kolt, "
        "med tillæg 1 - Endelig"
    )
    assert item.recommendation.startswith(
        "Det indstilles, at Forslag til lokalplan 1221, tillæg 2 til lokalplan nr. 411"
    )
    assert item.recommendation.endswith("med tillæg 1, vedtages endeligt.")
    assert titles(item)[1] == (
        "Bilag 1: Forslag til lokalplan nr. 1221, tillæg 2 til lokalplan nr. 411, Erhvervsområde ved Kattrup "
        "i Hasselager-Kolt med tillæg 1"
    )
    assert len(item.attachments) == 7


def test_item_13_only_indstilling(items):
    assert titles(items["13"]) == ["Indstilling"]
    assert "At) byrådet godkender, at alle elever på 6. til 8. klassetrin" in items["13"].recommendation


def test_item_15_proposal_without_resume(items):
    item = items["15"]
    assert item.title == "Forslag fra M om styrket implementering af relationel velfærd"
    assert item.decision.startswith("Fremsendes til Social- og Beskæftigelsesudvalget til behandling")
    assert item.presentation == "" and item.recommendation == "" and item.history == []
    assert [s.heading for s in item.sections] == ["BESLUTNINGSFORSLAG FRA M"]
    assert item.sections[0].text.endswith("Forslagsstiller: Polly Bak Dutschke, byrådsmedlem (M), Aarhus.")
    assert titles(item) == ["Beslutningsforslag M 13.08.2025"]


def test_item_21_closed_has_no_text(items):
    item = items["21"]
    assert item.closed is True
    assert item.title == "Køb af landbrugsejendom"
    assert item.case_number == "EMN-2025-007940"
    assert (item.decision, item.presentation, item.recommendation) == ("", "", "")
    assert item.sections == [] and item.attachments == [] and item.history == []
    assert item.positions == [] and item.absences == []


def test_totals(meeting):
    assert sum(len(item.attachments) for item in meeting.items) == 66
    assert sum(len(item.history) for item in meeting.items) == 20
    assert [item.number for item in meeting.items if item.closed] == ["21"]


def test_no_furniture_or_table_of_contents_leaks(meeting, items):
    dump = json.dumps(meeting.as_dict(), ensure_ascii=False)
    for leak in ("Indholdsfortegnelse", "....", "(cid:", "Punkt 2:", "landbrugsejendom\u0000"):
        assert leak not in dump
    # The closed item's decision text printed in the PDF never reaches the data.
    assert (
        "Tilbagesendes Magistratsafdelingen for Teknik og Miljø med bemærkning, at byrådet i sit møde den "
        "27. august 2025 har\n" not in dump
    )
    assert not items["20"].attachments[-1].title.endswith("Punkt 21")


def test_pages_glued_together_parse_the_same(pdf_text, meeting):
    """Extraction that joins a page to the last line of the page before ("Godkendt.Punkt 2: Svar
    på ...", "Punktnummer: 17Fremsendes til ...", "Udvalg: Aarhus ByrådDato: 26-03-2025",
    "(påført 22.01.2025)Byrådsdebat 22.01.2025", "...28Punkt 1: Godkendelse af dagsorden") gives
    the same meeting."""
    glued = pdf_text.replace("\n ", "")
    assert "Godkendt.Punkt 2: Svar på forslag fra DD" in glued
    assert "Punktnummer: 17Fremsendes til Magistratsafdelingen" in glued
    assert "(påført 22.01.2025)Byrådsdebat 22.01.2025" in glued
    assert firstagenda_pdf.parse(glued)[0].as_dict() == meeting.as_dict()


def test_whole_importer_path():
    """manage.py import_minutes --dry-run --json reads the PDF through imports.pdf."""
    result = subprocess.run(
        [sys.executable, "manage.py", "import_minutes", "--dry-run", "--json", str(PDF)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    meetings = json.loads(result.stdout)["meetings"]
    assert [(m["municipality"], m["committee"], m["date"], len(m["items"])) for m in meetings] == [
        ("Aarhus", "Aarhus Byråd", "2025-08-27", 21)
    ]


# --- one rule at a time ----------------------------------------------------------------------------


def doc(
    *items,
    header="REFERAT Aarhus Byråd d. 27-08-2025",
    preamble=("Mødedato Onsdag d. 27. august 2025 kl. 16:00",),
):
    """A small document in the FirstAgenda PDF layout; each item starts a new page (leading space)."""
    return "\n".join([f" {header}", "", *preamble, *(f" {item}" for item in items)]) + "\n"


def parse_one(text, base_url=None):
    meetings = firstagenda_pdf.parse(text, base_url=base_url)
    assert len(meetings) == 1
    return meetings[0]


def test_wrapped_title_ends_at_blank_line_and_case_number():
    text = doc(
        "Punkt 1: Et forslag om noget der er så langt at titlen\nbrydes over to linjer\n\n"
        "EMN-2025-000001\nBeslutninger\nGodkendt."
    )
    item = parse_one(text).items[0]
    assert item.title == "Et forslag om noget der er så langt at titlen brydes over to linjer"
    assert item.case_number == "EMN-2025-000001"
    assert item.decision == "Godkendt."


def test_lukket_marks_a_closed_item_and_drops_its_text():
    text = doc(
        "Punkt 1: Godkendelse af dagsorden\n\nEMN-2025-000001\nBeslutninger\nGodkendt.",
        "Punkt 2: Lukket: Salg af\ngrund\n\nEMN-2025-000002\nBeslutninger\nSolgt for 4 mio. kr.\n"
        "Resume\nHemmeligt.\nBilag\n\nKøbsaftale",
    )
    item = parse_one(text).items[1]
    assert (item.closed, item.title, item.case_number) == (True, "Salg af grund", "EMN-2025-000002")
    assert (item.decision, item.presentation, item.sections, item.attachments) == ("", "", [], [])
    assert "Hemmeligt" not in json.dumps(parse_one(text).as_dict(), ensure_ascii=False)


def test_beslutningspunkter_is_the_recommendation():
    text = doc(
        "Punkt 1: Sag\n\nEMN-2025-000001\nBeslutninger\nVedtaget.\nResume\nKort om sagen.\n"
        "Beslutningspunkter\nDet indstilles:\nAt 1) noget godkendes, og at teksten er så lang at den\n"
        "brydes.\nAt 2) andet tages til efterretning."
    )
    item = parse_one(text).items[0]
    assert item.recommendation == (
        "Det indstilles:\n\nAt 1) noget godkendes, og at teksten er så lang at den brydes.\n\n"
        "At 2) andet tages til efterretning."
    )
    assert item.presentation == "Kort om sagen."
    assert item.decision == "Vedtaget."


def test_bilag_over_a_form_feed_page_break_and_glued_to_the_next_item():
    text = (
        "REFERAT Aarhus Byråd d. 27-08-2025\n"
        "Punkt 1: Sag\n\nEMN-2025-000001\nBeslutninger\nGodkendt.\nBilag\n\nIndstilling\n\n"
        "Bilag 1: En lang titel der brydes\nover to linjer\n\fBilag 2: Efter sideskiftet\n\n"
        "Byrådsdebat 09.04.2025Punkt 2: Næste sag\n\nEMN-2025-000002\nBeslutninger\nGodkendt."
    )
    meeting = parse_one(text)
    assert [i.number for i in meeting.items] == ["1", "2"]
    assert titles(meeting.items[0]) == [
        "Indstilling",
        "Bilag 1: En lang titel der brydes over to linjer",
        "Bilag 2: Efter sideskiftet",
        "Byrådsdebat 09.04.2025",
    ]
    assert meeting.items[1].title == "Næste sag"


def test_bilag_glued_at_a_page_seam_are_two():
    text = doc(
        "Punkt 1: Sag\n\nBeslutninger\nGodkendt.\nBilag\n\n"
        "Notat (påført 22.01.2025)Byrådsdebat 22.01.2025\n\n"
        "Meningstilkendegivelse 19.08.2025Udvalgserklæring\n\nBilag 1: Økonomi (hovedtal)"
    )
    assert titles(parse_one(text).items[0]) == [
        "Notat (påført 22.01.2025)",
        "Byrådsdebat 22.01.2025",
        "Meningstilkendegivelse 19.08.2025",
        "Udvalgserklæring",
        "Bilag 1: Økonomi (hovedtal)",
    ]


def test_glued_decision_and_table_of_contents():
    text = (
        "REFERAT Aarhus Byråd d. 27-08-2025\nIndholdsfortegnelse\n"
        "Godkendelse af dagsorden.......3\nNæste sag.......4Punkt 1: Godkendelse af dagsorden\n\n"
        "EMN-2023-009832\nBeslutninger\nGodkendt.Punkt 2: Næste sag\n\nEMN-2025-000002\nBeslutninger\n"
        "Henvist til Punkt 7: senere."
    )
    meeting = parse_one(text)
    assert [(i.number, i.title) for i in meeting.items] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Næste sag"),
    ]
    assert meeting.items[0].decision == "Godkendt."
    # "Punkt 7:" is not the next item's number: it stays in the text.
    assert meeting.items[1].decision == "Henvist til Punkt 7: senere."


def test_history_in_both_layouts():
    text = doc(
        "Punkt 1: Sag\n\nEMN-2025-000001\nBeslutninger\nGodkendt.\nSagsforløb:\n"
        "Udvalg: Aarhus Byråd\nDato: 02-04-2025\nPunktnummer: 21\nSagen blev udsat.\n"
        "Udvalg: Magistraten\nDato: 19-08-2025\nPunktnummer: 17Fremsendes til Aarhus Byråd.\n"
        "Radikale Venstre tog forbehold.\n"
        "Udvalg: Økonomiudvalget 2022-2025Dato: 20-08-2025Punktnummer: 4\nAnbefalet."
    )
    item = parse_one(text).items[0]
    assert history(item) == [
        ("Aarhus Byråd", datetime.date(2025, 4, 2), "21"),
        ("Magistraten", datetime.date(2025, 8, 19), "17"),
        ("Økonomiudvalget", datetime.date(2025, 8, 20), "4"),
    ]
    assert [entry.text for entry in item.history] == [
        "Sagen blev udsat.",
        "Fremsendes til Aarhus Byråd.\n\nRadikale Venstre tog forbehold.",
        "Anbefalet.",
    ]
    assert [(p.who, p.stance) for p in item.history[1].positions] == [("Radikale Venstre", "reservation")]
    assert item.positions == []


def test_letterhead_case_number_belongs_to_the_document():
    text = (
        "REFERAT Aarhus Byråd d. 27-08-2025\nSag: EMN-2025-999999\n"
        "\fSag: EMN-2025-999999\nPunkt 1: Sag uden nummer\n\nBeslutninger\nGodkendt.\n"
        "\fSag: EMN-2025-999999\nFortsat beslutning.\n2\n"
    )
    item = parse_one(text).items[0]
    assert item.case_number is None
    assert item.decision == "Godkendt.\n\nFortsat beslutning."


def test_municipality_from_the_text():
    assert parse_one(doc("Punkt 1: Sag\n\nBeslutninger\nGodkendt.")).municipality == "Aarhus"


def test_municipality_from_the_address():
    text = doc("Punkt 1: Sag\n\nBeslutninger\nGodkendt.", header="REFERAT Byrådet d. 27-08-2025")
    meeting = parse_one(text, base_url="https://dagsordener.favrskov.dk/vis?id=1")
    assert (meeting.municipality, meeting.committee) == ("Favrskov", "Byrådet")
    assert meeting.source_url == "https://dagsordener.favrskov.dk/vis?id=1"


def test_municipality_from_the_fields_not_from_the_table_of_contents():
    text = doc(
        "Punkt 1: Samarbejde med Syddjurs Kommune\n\nBeslutninger\nGodkendt.",
        header="REFERAT Byrådet d. 27-08-2025",
        preamble=(
            "Mødested Favrskov Kommune, Rådhuset",
            "Indholdsfortegnelse",
            "Samarbejde med Syddjurs Kommune.....3",
        ),
    )
    assert parse_one(text).municipality == "Favrskov"


def test_municipality_missing_is_left_empty_and_refused_by_detect():
    text = doc("Punkt 1: Sag\n\nBeslutninger\nGodkendt.", header="REFERAT Byråd 2022-2025 d. 27-08-2025")
    meeting = parse_one(text)
    assert (meeting.municipality, meeting.committee) == ("", "Byråd")
    with pytest.raises(NotMinutesError, match="--municipality"):
        detect.parse_text(text)
    assert detect.parse_text(text, municipality="Greve")[0].municipality == "Greve"


def test_agenda_header():
    text = doc(
        "Punkt 1: Sag\n\nResume\nOm sagen.", header="DAGSORDEN Teknisk Udvalg d. 01-10-2025", preamble=()
    )
    meeting = parse_one(text)
    assert (meeting.kind, meeting.committee, meeting.date) == (
        "agenda",
        "Teknisk Udvalg",
        datetime.date(2025, 10, 1),
    )
    assert meeting.items[0].presentation == "Om sagen."


def test_header_without_items_is_refused():
    with pytest.raises(NotMinutesError, match="no items"):
        firstagenda_pdf.parse(" REFERAT Aarhus Byråd d. 27-08-2025\nMødested Byrådssalen\nBeslutninger\n")


def test_text_without_header_is_refused():
    with pytest.raises(NotMinutesError, match="header"):
        firstagenda_pdf.parse("Punkt 1: Sag\nBeslutninger\nGodkendt.")


def test_other_layouts_are_not_taken():
    assert not firstagenda_pdf.looks_like(AABENRAA_SEED.read_text(encoding="utf-8"))
    for path in sorted(AABENRAA_DATA.glob("*.txt")):
        assert not firstagenda_pdf.looks_like(path.read_text(encoding="utf-8")), path.name
    assert not firstagenda_pdf.looks_like(AARHUS_BUNDLE.read_text(encoding="utf-8"))
    sbsys = (
        "Referat\nØkonomiudvalget\nMøde den 3. marts 2025\n\n1. Godkendelse af dagsorden\n"
        "Sagsnr.: 00.01.00-A00-1-25\nBeslutning\nGodkendt."
    )
    assert not firstagenda_pdf.looks_like(sbsys)
    assert not firstagenda_pdf.looks_like('{"Moede": {"Punkter": []}}')


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "REFERAT Aarhus Byråd d. 27-08-2025",
                " Punkt 1: Sag",
                "Punkt 2: Lukket: Noget",
                "Godkendt.Punkt 3: Glued",
                "EMN-2025-000001",
                "Beslutninger",
                "Beslutningspunkter",
                "Resume",
                "Sagsforløb:",
                "Udvalg: Magistraten",
                "Dato: 31-02-2025",
                "Punktnummer: 17Fremsendes",
                "Bilag",
                "Bilag 1: Noget",
                "BESLUTNINGSFORSLAG FRA DD",
                "\f",
                "",
                "At 1) noget",
                "Side 2 af 5",
            ]
        )
        | st.text(max_size=40),
        max_size=40,
    )
)
def test_any_input_parses_or_raises_not_minutes(lines):
    with contextlib.suppress(NotMinutesError):
        firstagenda_pdf.parse("\n".join(lines))
