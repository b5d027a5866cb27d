"""Tests of the FirstAgenda HTML parser (imports/formats/firstagenda_html.py). No database needed.

* Golden checks on the real agenda page of Aarhus Byråd, 8 October 2025, as saved from
  dagsordener.aarhus.dk (tests/data/firstagenda_html/); every expected value was written by
  reading the page (its item rows, <h3> headings and Bilag links).
* The site's front page, also saved there, is a FirstAgenda page but not a meeting: refused.
* Small pages, one per rule: a closed item, a decision with positions, the page's own address
  (canonical link) for absolute links and the municipality, a page that does not say its
  municipality, page furniture inside an item row.
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
from imports.formats import firstagenda_html, firstagenda_json, firstagenda_pdf
from imports.types import NotMinutesError

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "firstagenda_html"
PAGE = DATA / "aarhus_byraad_2025-10-08_dagsorden.html"
FRONT_PAGE = DATA / "aarhus_forside_2025-10.html"
SITE = "https://dagsordener.aarhus.dk"
ADDRESS = f"{SITE}/vis?Aarhus_Byraad&id=0c8a0f0e-1b2c-4d3e-8f90-a1b2c3d4e5f6"


@pytest.fixture(scope="module")
def page_text():
    return PAGE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def meeting(page_text):
    meetings = firstagenda_html.parse(page_text)
    assert len(meetings) == 1
    return meetings[0]


@pytest.fixture(scope="module")
def items(meeting):
    return {item.number: item for item in meeting.items}


def titles(item):
    return [attachment.title for attachment in item.attachments]


# --- the real page -----------------------------------------------------------------------------------


def test_detected_as_firstagenda_html(page_text):
    assert detect.detect(detect.normalize(page_text)) is firstagenda_html
    assert not firstagenda_json.looks_like(page_text)
    assert not firstagenda_pdf.looks_like(page_text)


def test_meeting_header(meeting):
    assert meeting.municipality == "Aarhus"
    assert meeting.committee == "Aarhus Byråd"
    assert meeting.kind == "agenda"  # "Dagsorden 8. oktober 2025 kl. 16.00"
    assert meeting.date == datetime.date(2025, 10, 8)
    assert meeting.start_time == datetime.time(16, 0)
    assert meeting.location == "Byrådssalen"
    assert meeting.participants == []  # the page's Mødedeltagere cell is empty
    assert meeting.source_url is None and meeting.external_id is None  # the saved page names no address


def test_thirty_three_items(meeting):
    assert [item.number for item in meeting.items] == [str(n) for n in range(1, 34)]
    assert not any(item.closed for item in meeting.items)
    assert not any(item.decision for item in meeting.items)  # an agenda


def test_item_1(items):
    item = items["1"]
    assert (item.title, item.case_number) == ("Godkendelse af dagsorden", "EMN-2023-009832")
    assert item.presentation == "" and item.sections == [] and item.attachments == [] and item.history == []


def test_item_2_text(items):
    item = items["2"]
    assert (item.title, item.case_number) == ("Forslag til budget 2026-2029", "EMN-2025-008308")
    # The untitled text before Resume is a lone "." on the page: no text.
    assert item.presentation.startswith("Vores hverdag leves der, hvor vi bor – og Aarhus er et godt sted")
    assert item.presentation.endswith("Dette svarer til et gennemsnitligt årligt råderum på 282 mio. kr..")
    assert item.presentation.count("\n\n") == 3  # four <div> paragraphs
    assert item.recommendation == (
        "Det indstilles:\n\nAt 1) Byrådet drøfter og godkender eventuelle ændringer til budgetforslaget 2026."
    )
    assert item.sections == []


def test_item_2_history(items):
    item = items["2"]
    assert [(e.committee, e.date, e.number) for e in item.history] == [
        ("Magistraten", datetime.date(2025, 9, 2), "3"),
        ("Aarhus Byråd", datetime.date(2025, 9, 10), "2"),
        ("Magistraten", datetime.date(2025, 9, 16), "3"),
        ("Magistraten", datetime.date(2025, 9, 30), "2"),
    ]
    first = item.history[0]
    assert first.text.startswith(
        "Fremsendes til Aarhus Byråd med bemærkning, at Magistraten i mødet den 2. september"
    )
    assert first.text.endswith("Thure Hastrup deltog ikke i sagens behandling.")
    assert first.absences == ["Thure Hastrup"]
    assert ("Socialistisk Folkeparti", "reservation") in {(p.who, p.stance) for p in first.positions}
    assert item.history[1].text.endswith("Sagen blev behandlet sammen med sagerne 3-8.")


def test_item_2_attachments_as_links(items):
    item = items["2"]
    assert len(item.attachments) == 22
    assert titles(item)[:3] == [
        "Indstilling",
        "Bilag 1: Budgetredegørelsen 2026-2029",
        "Bilag 2: Forudsætninger i budgetforslaget for 2026-2029",
    ]
    assert titles(item)[-1] == "Meningstilkendegivelse Tours on Wheels (påført 07.10.2025)"
    # The page's address is unknown: the link as the page wrote it.
    assert (
        item.attachments[0].url
        == "/vis/pdf/bilag/3b391cd5-bf32-4aad-965f-b3272f7fe101/?redirectDirectlyToPdf=false"
    )


def test_absolute_links_with_the_page_address(page_text):
    meeting = firstagenda_html.parse(page_text, base_url=ADDRESS)[0]
    first = meeting.items[1].attachments[0]
    assert (
        first.url == f"{SITE}/vis/pdf/bilag/3b391cd5-bf32-4aad-965f-b3272f7fe101/?redirectDirectlyToPdf=false"
    )
    assert meeting.source_url == ADDRESS
    assert meeting.external_id == "0c8a0f0e-1b2c-4d3e-8f90-a1b2c3d4e5f6"


def test_item_11_proposal_heading_inside_the_text(items):
    item = items["11"]
    assert item.title == "Svar på forslag fra S, SF, RV, M og ALT om vindmøller på Aarhus Havn"
    assert [s.heading for s in item.sections] == ["BESLUTNINGSFORSLAG FRA S, SF, RV, M OG ALT"]
    proposal = item.sections[0].text
    assert proposal.startswith("Aarhus Kommune har forpligtet sig til ambitiøse klimamål")
    assert proposal.endswith("Thure Hastrup, Alternativet (Å)")
    assert item.presentation.startswith(
        "S, SF, RV, M og ALT har stillet forslag om vindmøller på Aarhus Havn."
    )
    assert titles(item) == [
        "Indstilling",
        "Bilag 1: Beslutningsforslag",
        "Bilag 2: Ændringsforslag fra V og KF",
        "Bilag 3: Anbefalinger fra Klima- og Bæredygtighedsudvalget om energi",
        "Meningstilkendegivelse Fællesrådet for Aarhus Ø og de bynære havnearealer (påført 22.01.2025)",
        "Byrådsdebat 22.01.2025",
        "Meningstilkendegivelse Aarhus Vindmøllelaug I/S (påført 07.10.2025)",
        "Meningstilkendegivelse Danmarks Naturfredningsforening Aarhus (påført 07.10.2025)",
    ]
    assert [(e.committee, e.date, e.number) for e in item.history][0] == (
        "Aarhus Byråd",
        datetime.date(2025, 1, 22),
        "17",
    )


def test_item_12_endorsement_section(items):
    item = items["12"]
    assert [s.heading for s in item.sections] == [
        "BESLUTNINGSFORSLAG FRA BØRNE- OG UNGEBYRÅDET",
        "Borgmesterens afdelings påtegning",
    ]
    assert item.sections[1].text == (
        "Fremsendes til Magistraten. Borgmesterens Afdeling har ingen bemærkninger til indstillingen."
    )


def test_item_14_decision_subheading_inside_the_proposal(items):
    item = items["14"]
    assert item.decision == ""
    assert [s.heading for s in item.sections] == [
        "BESLUTNINGSFORSLAG FRA RV",
        "Borgmesterens afdelings påtegning",
    ]
    assert (
        "\n\nBeslutning:\n\nByrådet beslutter at hjemtage tilbud på ekstern rådgivning"
        in item.sections[0].text
    )


def test_item_25_wrapped_divs_joined(items):
    proposal = items["25"].sections[0].text
    assert (
        "beder forvaltningen om at undersøge muligheden for at etablere en frivillig mærkningsordning"
        in proposal
    )


def test_item_33(items):
    item = items["33"]
    assert item.title == "Forslag fra V, KF, LA og DD om afledte konsekvenser af lukning af Vesterbro Torv"
    assert item.case_number == "EMN-2025-010810"
    assert [s.heading for s in item.sections] == ["BESLUTNINGSFORSLAG FRA V, KF, LA OG DD"]
    assert "- Kystvejen" in item.sections[0].text


def test_totals(meeting):
    # 636 links of class "bilag-link" and 58 "<div>Udvalg: ..." history lines on the page.
    assert sum(len(item.attachments) for item in meeting.items) == 636
    assert sum(len(item.history) for item in meeting.items) == 58
    assert sum(1 for item in meeting.items if item.recommendation) == 15  # 15 "Beslutningspunkter" headings


def test_page_furniture_absent(meeting):
    dump = json.dumps(meeting.as_dict(), ensure_ascii=False)
    for furniture in (
        "Hent som PDF",
        "Kopier link",
        "Tip en ven",
        "Hent hele dagsordenen",
        "Tilbage til forsiden",
        "Menu til punktet",
        "Tilgængelighedserklæring",
        "Der opstod en fejl",
        "powered by",
    ):
        assert furniture not in dump
    assert not any(a.title == "PDF" for item in meeting.items for a in item.attachments)


def test_front_page_is_refused():
    text = FRONT_PAGE.read_text(encoding="utf-8")
    with pytest.raises(NotMinutesError, match="FirstAgenda.*no agenda items found"):
        firstagenda_html.parse(text)
    with pytest.raises(NotMinutesError, match="no agenda items found"):
        detect.parse_text(text)


def test_whole_importer_path():
    result = subprocess.run(
        [sys.executable, "manage.py", "import_minutes", "--dry-run", "--json", str(PAGE)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    meetings = json.loads(result.stdout)["meetings"]
    assert [(m["municipality"], m["committee"], m["kind"], m["date"], len(m["items"])) for m in meetings] == [
        ("Aarhus", "Aarhus Byråd", "agenda", "2025-10-08", 33)
    ]


# --- one rule at a time ----------------------------------------------------------------------------


def page(*rows, committee="Aarhus Byråd", title="Referat 27. august 2025 kl. 16.00", head=""):
    """A small page shaped like a saved FirstAgenda Publication meeting page."""
    return f"""<!DOCTYPE html><html lang="da"><head><title>{committee}</title>{head}</head><body>
<input id="apiurl" type="hidden" value="http://publication.firstagenda.com">
<div class="title"><h1 class="green dato">{title}</h1>
<h2><span class="udvalg">{committee}</span> - <span class="sted">Rådhuset</span></h2></div>
<table class="dagsordeninfo"><tr><td>Mødedato:</td><td><span class="dato">onsdag den 27. august 2025
kl. 16.00</span></td></tr><tr><td>Mødedeltagere:</td><td class="deltagere"><div>Anna Hansen (A)</div>
<div>Bo Jensen (V)</div></td></tr></table>
<table id="dagsordenDetaljer"><tbody>{"".join(rows)}</tbody></table>
<div id="send_dialog" class="modal">Tip en ven Modtager e-mail</div>
<footer>powered by FirstAgenda Publication</footer></body></html>"""


def row(number, title, body="", bilag=(), case="EMN-2025-000001"):
    links = "".join(
        f'<li><span class="label pdf-label">PDF</span><a class="bilag-link" href="{href}">{name}</a></li>'
        for name, href in bilag
    )
    return f"""<tr class="punktrow" id="punktrow_{number}"><td><span class="label">{number}</span></td>
<td><button><h2 class="overskrift">{title}</h2></button><div class="details">
<span class="sagsnummer">{case}</span><div class="punkt"><h3></h3><div><div id="sagsfremstillingContainer">
<div>{body}</div></div></div></div>{"<h3>Bilag</h3><ul>" + links + "</ul>" if links else ""}</div></td>
<td><ul class="dropdown-menu"><li><a href="#">Hent som PDF</a></li>
<li><a href="#">Kopier link</a></li></ul></td></tr>"""


DECISION_BODY = (
    '<span class="resume"><div>.</div></span><h3>Beslutning</h3><span class="resume"><div>Godkendt.</div>'
    "<div>Venstre kunne ikke tiltræde indstillingen.</div>"
    "<div>Bo Jensen deltog ikke i sagens behandling.</div>"
    '</span><h3>Resume</h3><span class="resume"><div>Om sagen.</div></span>'
)


def parse_one(text, base_url=None):
    meetings = firstagenda_html.parse(text, base_url=base_url)
    assert len(meetings) == 1
    return meetings[0]


def test_minutes_with_a_decision_and_participants():
    meeting = parse_one(page(row(1, "Sag", DECISION_BODY)))
    assert meeting.kind == "minutes"
    assert meeting.participants == ["Anna Hansen (A)", "Bo Jensen (V)"]
    item = meeting.items[0]
    assert item.decision == (
        "Godkendt.\n\nVenstre kunne ikke tiltræde indstillingen.\n\n"
        "Bo Jensen deltog ikke i sagens behandling."
    )
    assert [(p.who, p.stance) for p in item.positions] == [("Venstre", "against")]
    assert item.absences == ["Bo Jensen"]
    assert item.presentation == "Om sagen."


def test_closed_item_keeps_no_text():
    text = page(
        row(1, "Godkendelse af dagsorden", DECISION_BODY),
        row(2, "Lukket: Køb af landbrugsejendom", DECISION_BODY, bilag=[("Købsaftale", "/vis/pdf/bilag/x")]),
    )
    item = parse_one(text).items[1]
    assert (item.closed, item.title, item.case_number) == (True, "Køb af landbrugsejendom", "EMN-2025-000001")
    assert (item.decision, item.presentation, item.recommendation) == ("", "", "")
    assert item.sections == [] and item.attachments == [] and item.history == [] and item.positions == []


def test_canonical_address_makes_links_absolute_and_names_the_municipality():
    address = "https://dagsordener.greve.dk/vis?Byraadet&id=e049b9bf-1111-2222-3333-444455556666"
    text = page(
        row(1, "Sag", "<div>Tekst.</div>", bilag=[("Bilag 1: Kort", "/vis/pdf/bilag/abc/")]),
        committee="Byrådet",
        head=f'<link rel="canonical" href="{address}">',
    )
    meeting = parse_one(text)
    assert (meeting.municipality, meeting.committee) == ("Greve", "Byrådet")
    assert meeting.source_url == address
    assert meeting.external_id == "e049b9bf-1111-2222-3333-444455556666"
    assert meeting.items[0].attachments[0].url == "https://dagsordener.greve.dk/vis/pdf/bilag/abc/"


def test_base_url_wins_and_absolute_links_stay():
    text = page(
        row(1, "Sag", bilag=[("Bilag 1", "https://cdn.example.org/a.pdf"), ("Bilag 2", "../b.pdf")]),
        committee="Økonomiudvalget",
    )
    meeting = parse_one(text, base_url="https://dagsordener.favrskov.dk/vis/meeting")
    assert meeting.municipality == "Favrskov"
    assert [a.url for a in meeting.items[0].attachments] == [
        "https://cdn.example.org/a.pdf",
        "https://dagsordener.favrskov.dk/b.pdf",
    ]


def test_municipality_from_absolute_links():
    text = page(
        row(1, "Sag", bilag=[("Bilag 1", "https://dagsordener.greve.dk/vis/pdf/bilag/abc/")]),
        committee="Økonomiudvalget",
    )
    meeting = parse_one(text)
    assert meeting.municipality == "Greve"
    assert meeting.items[0].attachments[0].url == "https://dagsordener.greve.dk/vis/pdf/bilag/abc/"


def test_municipality_missing_is_left_empty():
    text = page(row(1, "Sag", DECISION_BODY), committee="Økonomiudvalget 2022-2025")
    meeting = parse_one(text)
    assert (meeting.municipality, meeting.committee) == ("", "Økonomiudvalget")
    with pytest.raises(NotMinutesError, match="--municipality"):
        detect.parse_text(text)


def test_furniture_in_the_row_is_not_read():
    meeting = parse_one(page(row(1, "Sag", DECISION_BODY, bilag=[("Indstilling", "/i")])))
    dump = json.dumps(meeting.as_dict(), ensure_ascii=False)
    assert "Hent som PDF" not in dump and "Kopier link" not in dump and "Tip en ven" not in dump
    assert [a.title for a in meeting.items[0].attachments] == ["Indstilling"]


def test_looks_like_only_firstagenda_pages():
    assert firstagenda_html.looks_like(page(row(1, "Sag")))
    assert not firstagenda_html.looks_like("<html><body><h1>Referat</h1><p>Punkt 1: Sag</p></body></html>")
    assert not firstagenda_html.looks_like(" REFERAT Aarhus Byråd d. 27-08-2025\nfirstagenda\nPunkt 1: Sag")
    assert not firstagenda_html.looks_like('{"Moede": {"Url": "https://firstagenda.com"}}')


def test_page_without_committee_is_refused():
    text = page(row(1, "Sag")).replace('<span class="udvalg">Aarhus Byråd</span>', "")
    with pytest.raises(NotMinutesError, match="committee"):
        firstagenda_html.parse(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                '<tr class="punktrow"><td><span class="label">1</span></td><td><h2 class="overskrift">',
                "Lukket: ",
                '</h2><div class="details"><span class="sagsnummer">EMN-2025-1</span><div class="punkt">',
                "<h3>Beslutning</h3>",
                "<h3>Sagsforløb:</h3>",
                "<div>Udvalg: Magistraten</div>",
                "<div>Dato: 31-02-2025</div>",
                "<div>Punktnummer: 17x</div>",
                "<div>BESLUTNINGSFORSLAG FRA DD</div>",
                '<a class="bilag-link" href="http://[::1">Bilag 1</a>',
                '<a class="bilag-link" href="javascript:x">Bilag 2</a>',
                '<span class="udvalg">Byråd 2022-2025</span>',
                "<h1>Referat 99. hest 2025 kl. 25.61</h1>",
                '<link rel="canonical" href="https://dagsordener.greve.dk/vis?id=x">',
                '<link rel="canonical" href="http://[::1/vis?id=x">',
                "</div></td></tr>",
            ]
        )
        | st.text(max_size=30),
        max_size=30,
    )
)
def test_any_page_parses_or_raises_not_minutes(parts):
    text = "<html><body><!-- firstagenda -->" + "".join(parts) + "</body></html>"
    for base_url in (None, "https://dagsordener.aarhus.dk/vis?id=1", "http://[::1/"):
        with contextlib.suppress(NotMinutesError):
            firstagenda_html.parse(text, base_url=base_url)
