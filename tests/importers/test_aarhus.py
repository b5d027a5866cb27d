"""Tests of the Aarhus bundle parser (imports/aarhus.py). No database needed.

The golden files in tests/data/aarhus/ are the specification: each *.txt parses to the *.json next
to it (a list of `ParsedMeeting.as_dict()`); the seed bundle's expected result is
seed-bundle-2024-06.json, read from fixtures/minutes/. Every golden file was checked by hand.
"""

import contextlib
import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imports.formats import aarhus
from imports.types import MinutesError, NotMinutesError

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "aarhus"
SEED = ROOT / "fixtures" / "minutes" / "aarhus-social-og-beskaeftigelse-2024-06.txt"
AABENRAA = ROOT / "fixtures" / "minutes" / "aabenraa-arbejdsmarkeds-og-uddannelsesudvalget-2026-02-03.txt"

SEED_TEXT = SEED.read_text(encoding="utf-8")


def as_dicts(meetings):
    return [meeting.as_dict() for meeting in meetings]


def all_text(meetings):
    return json.dumps(as_dicts(meetings), ensure_ascii=False)


@pytest.fixture(scope="module")
def seed():
    return aarhus.parse(SEED_TEXT)


# --- Golden files ------------------------------------------------------------------------------------


GOLDEN = [(SEED, DATA / "seed-bundle-2024-06.json")] + [
    (path, path.with_suffix(".json")) for path in sorted(DATA.glob("*.txt"))
]


@pytest.mark.parametrize(("source", "expected"), GOLDEN, ids=[source.stem for source, _ in GOLDEN])
def test_golden_file(source, expected):
    result = as_dicts(aarhus.parse(source.read_text(encoding="utf-8")))
    assert result == json.loads(expected.read_text(encoding="utf-8"))


def test_every_golden_input_has_its_expected_output():
    assert len(GOLDEN) >= 6
    for source, expected in GOLDEN:
        assert expected.exists(), f"{source.name} has no {expected.name}"


# --- The seed bundle, rule by rule -------------------------------------------------------------------


def test_seed_gives_two_referats_and_the_agenda(seed):
    assert [(m.kind, m.committee) for m in seed] == [
        ("minutes", "Rådmandsmøde – Sociale Forhold og Beskæftigelse"),
        ("agenda", "Social- og Beskæftigelsesudvalget"),
        ("minutes", "Rådmandsmøde – Sociale Forhold og Beskæftigelse"),
    ]
    assert all(m.municipality == "Aarhus" for m in seed)


def test_first_referat_has_no_date_and_says_so(seed):
    first = seed[0]
    assert first.date is None
    assert any("dato er ikke angivet" in warning for warning in first.warnings)
    assert len(first.items) == 6
    item3 = first.items[2]
    assert item3.title == "Status på det gentænkningen af det kriminalpræventive område"
    assert item3.duration_minutes == 10
    assert "statusnotatet" in item3.decision
    assert first.items[0].absences == ["Erik Kaastrup-Hansen", "Louise Rohde"]
    assert first.items[4].absences == ["Lotte Henriksen"]


def test_second_referat_takes_date_and_content_from_the_indstilling(seed):
    second = seed[2]
    assert second.date.isoformat() == "2024-06-24"
    assert len(second.items) == 6
    assert "Lotte Henriksen deltog virtuelt" in second.items[0].decision
    assert second.items[0].absences == []  # "deltog virtuelt" is no absence
    item3 = second.items[2]
    assert item3.duration_minutes == 10
    assert "tager status på Integrationshandleplanen til efterretning" in item3.recommendation
    assert "Rådmanden tog orienteringen til efterretning" in item3.decision
    # The recommendation is taken out of the presentation (the end of SAGSFREMSTILLING)...
    assert "Det indstilles" not in item3.presentation
    assert item3.presentation.startswith("Integrationshandleplanens fire indsatsområder")
    # ... which runs on over page 2 of the Indstilling.
    assert "Negativ social kontrol vejleder-indsatsen opskaleres" in item3.presentation
    assert [s.heading for s in item3.sections] == ["Indledning", "Kommunikation", "Videre proces"]
    titles = [a.title for a in item3.attachments]
    assert titles == ["Bilag 1: Handleplan - Integrationsområdet JUNI 2024", "Bilag 2: Handlingsnotat"]
    brochure, notat = item3.attachments
    assert brochure.text.startswith("Handleplan på")
    assert "INTEGRATIONSOMRÅDET" in brochure.text
    assert notat.text.startswith("Handlingsnotat: Implementering af integrationshandleplan")
    assert "Punkt 3, Bilag 2" not in notat.text + brochure.text


def test_indstilling_footer_and_header_do_not_leak(seed):
    item = seed[2].items[2]
    text = json.dumps(
        [item.presentation, item.recommendation, [s.text for s in item.sections]], ensure_ascii=False
    )
    for furniture in (
        "Fagligt Sekretariat",
        "19.06.2024",
        "Sagsbehandler",
        "Tlf.",
        "E-post",
        "minutter",
        "side 2",
    ):
        assert furniture not in text
    assert "sobrj@aarhus.dk" not in all_text(seed)


def test_seed_agenda(seed):
    agenda = seed[1]
    assert agenda.date.isoformat() == "2024-06-26"
    assert (agenda.start_time.isoformat(), agenda.end_time.isoformat()) == ("17:50:00", "19:45:00")
    assert agenda.location == "Rådhuset, lokale 398"
    assert [item.number for item in agenda.items] == [str(n) for n in range(1, 13)]
    items = {item.number: item for item in agenda.items}
    assert items["4"].title == "Byrådshenvist sag: Etablering af plejehjem til udsatte ældre borgere"
    assert len(items["4"].attachments) == 9
    assert items["5"].title == "Status på gentænkningen af det kriminalpræventive område"
    assert (items["5"].responsible, items["5"].duration_minutes) == ("Jeanette Hoppe", 20)
    assert items["2"].duration_minutes == 2  # "Side 2 af 5Tid: 17.53 – 17.55 (2 min.)"
    assert items["10"].title == "Kurser og konferencer samt sager på vej til byrådet"  # " 10. Kurser"
    assert items["6"].closed and items["7"].closed and not items["5"].closed
    assert items["6"].title == "LUKKET PUNKT"
    assert items["6"].case_number is None
    assert items["5"].case_number is None  # the letterhead's "Sag: EMN-2024-027961" is the document's
    assert [a.title for a in items["1"].attachments] == [
        "Dagsorden til mødet i Social- og Beskæftigelsesudvalget den 26. juni 2024"
    ]
    assert [s.heading for s in items["3"].sections] == ["Baggrund/formål", "Metode"]


def test_agenda_sub_points_stay_inside_their_item(seed):
    items = {item.number: item for item in seed[1].items}
    sub = items["8"].sections[0]
    assert sub.heading == "A) Evt. orientering"
    assert "Baggrund/formål: Evt. orientering." in sub.text
    assert "Metode: Mundtlig orientering" in sub.text
    # The sub-point's Ansvarlig/Tid fill the item's own.
    assert (items["8"].responsible, items["8"].duration_minutes) == ("Jeanette Hoppe", 5)
    assert [s.heading for s in items["9"].sections] == [
        "A) Opfølgning på udvalgsmødet den 12. juni 2024",
        "B) Orienteringer til udvalget siden seneste møde",
    ]
    assert len(items["9"].attachments) == 3


def test_page_furniture_toc_and_letterhead_never_leak(seed):
    text = all_text(seed)
    for furniture in ("Side 2 af 5", "Side 4 af 5", "21. juni 2024", "Dagsorden kort", "Em-", "ne:"):
        assert furniture not in text
    item2 = seed[1].items[1]
    item2_text = json.dumps(item2.__dict__, default=lambda o: o.__dict__, ensure_ascii=False)
    for letterhead in ("SOCIALE FORHOLD", "Jægergården", "Værkmestergade", "Direkte e-mail", "Gehlert"):
        assert letterhead not in item2_text
        assert letterhead not in text


def test_text_clean_up(seed):
    text = all_text(seed)
    assert "statusnotatet" in text and "status-" not in text
    assert "seneste møde i Social- og Beskæftigelsesudvalget" in text  # "se-" / "neste"
    for real_hyphen in ("Social- og Beskæftigelsesudvalget", "2024-26", "ikke-vestlige"):
        assert real_hyphen in text
    assert "”Lyt så alle stemmer bliver hørt”" in text
    assert "“Demokratiske værdier" in text
    brochure = seed[2].items[2].attachments[0].text
    assert "• ”Flere skal med”" in brochure  # "•\t ”Flere skal med”" as a tidy bullet
    assert "\t" not in text


# --- Focused rules ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decision", "absent"),
    [
        (
            "Godkendt. Direktør Erik Kaastrup-Hansen og stabschef Louise Rohde var forhindret.",
            ["Erik Kaastrup-Hansen", "Louise Rohde"],
        ),
        ("Forvaltningschef Lotte Henriksen er forhindret.", ["Lotte Henriksen"]),
        ("Godkendt. Rådmand Anders Winnerskjold havde afbud.", ["Anders Winnerskjold"]),
        ("Afdelingschef Mette Lund, konsulent Peter Dahl og Sara Holm har meldt afbud.", 3),
        ("Kulturchef Bo Lind deltog ikke i punktet.", ["Bo Lind"]),
        ("Afbud fra stabschef Louise Rohde (sygdom).", ["Louise Rohde"]),
        ("Godkendt. Forvaltningschef Lotte Henriksen deltog virtuelt.", []),
        ("Rådmanden deltager virtuelt på udvalgsmødet d. 26.6, da han er i udlandet.", []),
        ("Rådmanden var forhindret.", []),  # a role, no name
        ("Godkendt, men Erik Hansen var forhindret.", ["Erik Hansen"]),  # not "Godkendt"
    ],
)
def test_prose_absences(decision, absent):
    found = aarhus._absences(decision)
    if isinstance(absent, int):
        assert found == ["Mette Lund", "Peter Dahl", "Sara Holm"][:absent]
    else:
        assert found == absent


@pytest.mark.parametrize(
    ("indstilling", "item", "matches"),
    [
        ("Status på Integrationshandleplanen", "Status på Integrationshandleplan (10 min)", True),
        ("Budgetopfølgning pr. 30. september 2024", "Budgetopfølgning (15 min)", True),
        ("STATUS PÅ INTEGRATIONSHANDLEPLANEN", "Status på integrationshandleplanen.", True),
        (
            "Status på Integrationshandleplanen",
            "Status på det gentænkningen af det kriminalpræventive",
            False,
        ),
        ("Orientering om vintertjeneste", "Orientering (5 min)", False),  # too short a prefix
        ("Orientering om ny model for ressourcetildeling", "Orientering fra magistraten (5 min)", False),
    ],
)
def test_title_matching(indstilling, item, matches):
    score = aarhus._title_score(aarhus._title_key(indstilling), aarhus._title_key(item))
    assert (score >= 0.75) is matches


def test_wrapped_date_is_not_an_item_header():
    agenda = aarhus.parse(
        " 21. juni 2024\nSide 1 af 1\n\nEmne: Kulturudvalgsmøde\nMødedato: 26. juni 2024\n\n"
        "1. Godkendelse af dagsorden\n\nBaggrund/formål: Dagsordenen for mødet den\n"
        "2. juni 2024 godkendes.\n\nBilag:\n- Referat fra mødet den\n\n26. juni 2024\n\n"
        "2. Eventuelt\n\nMetode: Drøftelse\n"
    )[0]
    assert [item.title for item in agenda.items] == ["Godkendelse af dagsorden", "Eventuelt"]
    first = agenda.items[0]
    assert first.sections[0].text == "Dagsordenen for mødet den 2. juni 2024 godkendes."
    assert [a.title for a in first.attachments] == ["Referat fra mødet den 26. juni 2024"]


def test_numbered_line_that_does_not_match_the_contents_is_not_an_item():
    agenda = aarhus.parse(
        "Emne: Kulturudvalgsmøde\nMødedato: 26. juni 2024\n\nDagsorden kort:\n\n1. Godkendelse\n"
        "2. Budget 2025\n\n1. Godkendelse\n\nBaggrund/formål: Det indstilles:\n\n"
        "2. at udvalget godkender dagsordenen.\n\n3.1: Fremme demokratiske værdier\n\n"
        "2. Budget 2025\n\nMetode: Drøftelse\n"
    )[0]
    assert [item.title for item in agenda.items] == ["Godkendelse", "Budget 2025"]
    text = agenda.items[0].sections[0].text
    assert "2. at udvalget godkender dagsordenen." in text
    assert "3.1: Fremme demokratiske værdier" in text


def test_glued_page_furniture_keeps_the_field():
    agenda = aarhus.parse(
        " 21. juni 2024\nSide 1 af 2\n\nEmne: Kulturudvalgsmøde\nMødedato: 26. juni 2024\n\n"
        "1. Godkendelse af dagsorden\n\nAnsvarlig: Eva Holm\n 21. juni 2024\n"
        "Side 2 af 2Tid: 17.53 – 17.55 (2 min.)\n"
    )[0]
    item = agenda.items[0]
    assert (item.responsible, item.duration_minutes) == ("Eva Holm", 2)
    assert "Side" not in all_text([agenda]) and "21. juni" not in all_text([agenda])


def test_furniture_glued_to_the_date_and_empty_fields():
    agenda = aarhus.parse(
        " 21. juni 2024\nSide 1 af 2\n\nEmne: Kulturudvalgsmøde\nMødedato: 26. juni 2024\n\n"
        "1. Godkendelse af dagsorden\n\nBaggrund/formål: -\n\nBilag: Ingen\n"
        " 21. juni 2024Side 2 af 2Ansvarlig: Eva Holm\n"
    )[0]
    item = agenda.items[0]
    assert (item.responsible, item.sections, item.attachments) == ("Eva Holm", [], [])


def test_letterhead_gives_department_and_case_number_and_is_dropped():
    lines = [
        "Ansvarlig: Eva Holm",
        "",
        "BØRN OG UNGE",
        "Pædagogisk Afdeling",
        "Aarhus Kommune",
        "",
        "Rådhuset",
        "8000 Aarhus C",
        "Telefon: 89 40 40 00",
        "Sag: BOU-2025-000042",
        "Sagsbehandler:",
        "Maria Friis/",
        "Anne Holt",
        "",
        "Tid: 17.00 – 17.10",
    ]
    kept, letterhead = aarhus._strip_letterhead(lines)
    assert kept == ["Ansvarlig: Eva Holm", "", "", "Tid: 17.00 – 17.10"]
    assert (letterhead.department, letterhead.case_number) == ("Børn og Unge", "BOU-2025-000042")


def test_aarhus_kommune_in_the_text_is_no_letterhead():
    lines = ["Samarbejdet mellem", "Aarhus Kommune", "og Region Midt fortsætter."]
    assert aarhus._strip_letterhead(lines)[0] == lines


def test_committee_names():
    assert aarhus._committee("Social- og Beskæftigelsesudvalgsmøde") == "Social- og Beskæftigelsesudvalget"
    assert aarhus._committee("Børn- og Ungeudvalgsmøde") == "Børn- og Ungeudvalget"
    assert aarhus._committee("Teknisk Udvalgsmøde") == "Teknisk Udvalg"
    assert aarhus._committee("Møde i Teknisk Udvalg den 2. oktober 2024") == "Teknisk Udvalg"


def test_referat_date_stated_in_a_line_before_the_first_punkt():
    meeting = aarhus.parse(" Referat\n\n24.06.2024\n\nPunkt 1: Dagsorden\n\nGodkendt.\n")[0]
    assert meeting.date.isoformat() == "2024-06-24"
    assert meeting.warnings == []
    assert meeting.committee == "Rådmandsmøde"


def test_no_guessed_date_from_dates_in_the_decisions():
    meeting = aarhus.parse(
        " Referat\n\nPunkt 1: Dagsorden\n\nGodkendt. Næste møde er den 21. august 2024.\n"
    )[0]
    assert meeting.date is None
    assert meeting.warnings


INDSTILLING = (
    " Indstilling til Rådmanden\n24.06.2024 - 10 minutter\n\nside 1 af 1\n\n{title}\n\nINDLEDNING\n"
    "Kort status.\n\nINDSTILLING\n\nSAGSFREMSTILLING\nTeksten.\n\nDet indstilles,\n"
    "1. at rådmanden tager status til efterretning.\n\nRESSOURCER\n-\n\nBILAG\n"
    "Bilag 1: Handleplan\nBilag 2: Notat\n\nFagligt Sekretariat\n\n19.06.2024\n\n"
    "Sagsbehandler: Sofie Jørgensen\n\nTlf.: 29 20 89 37\n"
)


def test_unmatched_indstilling_becomes_its_own_agenda():
    text = INDSTILLING.format(title="Status på vintertjenesten") + " Handleplan\n\nIndsatserne.\n"
    [meeting] = aarhus.parse(text)
    assert (meeting.kind, meeting.committee, meeting.date.isoformat()) == (
        "agenda",
        "Rådmandsmøde",
        "2024-06-24",
    )
    assert meeting.warnings and "svarer ikke til noget punkt" in meeting.warnings[0]
    [item] = meeting.items
    assert (item.number, item.title, item.duration_minutes) == ("1", "Status på vintertjenesten", 10)
    assert item.recommendation == "Det indstilles,\n1. at rådmanden tager status til efterretning."
    assert item.presentation == "Teksten."
    assert [s.heading for s in item.sections] == ["Indledning"]  # RESSOURCER "-" is empty
    assert [(a.title, a.text) for a in item.attachments] == [
        ("Bilag 1: Handleplan", "Handleplan\n\nIndsatserne."),
        ("Bilag 2: Notat", ""),
    ]
    assert "Sagsbehandler" not in all_text([meeting])


def test_indstilling_matching_item_4_of_a_referat_in_another_order():
    # The Referat comes after the Indstilling and starts at Punkt 3; Bilag 2 is labelled for item 4.
    referat = (
        " Referat\n\nPunkt 3: Dagsorden\n\nGodkendt.\n\n"
        "Punkt 4: Status på vintertjeneste (10 min)\n\nTaget til efterretning.\n"
    )
    text = (
        INDSTILLING.format(title="Status på vintertjenesten")
        + "Punkt 4, Bilag 2:\n Notat om salt\n"
        + referat
    )
    [meeting] = aarhus.parse(text)
    assert meeting.kind == "minutes"
    assert meeting.date.isoformat() == "2024-06-24"
    item = meeting.items[1]
    assert item.recommendation.startswith("Det indstilles")
    assert [(a.title, a.text) for a in item.attachments] == [
        ("Bilag 1: Handleplan", ""),
        ("Bilag 2: Notat", "Notat om salt"),
    ]


def test_pages_after_a_finished_document_are_never_lost_silently():
    referat = " Referat\n\nPunkt 1: Dagsorden\n\nGodkendt.\n"
    # After a Referat with no Indstilling before it: ignored, with a warning.
    [meeting] = aarhus.parse(referat + " Et løst notat\n\nMed tekst.\n")
    assert any("udeladt" in warning and "Et løst notat" in warning for warning in meeting.warnings)
    # With an Indstilling earlier in the bundle: its Bilag, with a warning.
    text = INDSTILLING.format(title="Noget helt andet") + referat + " Et løst notat\n\nMed tekst.\n"
    meetings = aarhus.parse(text)
    item = next(m for m in meetings if m.kind == "agenda").items[0]
    assert item.attachments[0].text == "Et løst notat\n\nMed tekst."
    assert any("taget som bilag" in warning for m in meetings for warning in m.warnings)


def test_form_feeds_mark_pages_too():
    pages = [page.lstrip() for page in SEED_TEXT.split("\n ")]
    assert as_dicts(aarhus.parse("\f".join(pages))) == as_dicts(aarhus.parse(SEED_TEXT))


# --- Not this format ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  \n",
        "Det var en mørk og stormfuld nat. Punkt for punkt gik de hjem.\nReferat er et ord.",
        "REFERAT Økonomiudvalget d. 03-02-2026\n\nPunkt 1: Godkendelse af dagsorden\n\nGodkendt.\n",
        AABENRAA.read_text(encoding="utf-8"),
    ],
    ids=["empty", "blank", "prose", "aabenraa-head", "aabenraa"],
)
def test_not_minutes(text):
    assert aarhus.looks_like(text) is False
    with pytest.raises(NotMinutesError):
        aarhus.parse(text)


def test_aabenraa_documents_are_not_taken_for_aarhus():
    samples = [AABENRAA, *sorted((ROOT / "tests" / "data" / "aabenraa").glob("*.txt"))]
    for sample in samples:
        assert aarhus.looks_like(sample.read_text(encoding="utf-8")) is False, sample.name


def test_looks_like_the_aarhus_documents():
    assert aarhus.looks_like(SEED_TEXT)
    for source, _ in GOLDEN:
        assert aarhus.looks_like(source.read_text(encoding="utf-8"))


def test_not_minutes_error_has_a_line():
    with pytest.raises(NotMinutesError) as info:
        aarhus.parse("\n\nHej med dig\n")
    assert info.value.line == 3


def test_unexpected_errors_become_not_minutes_error(monkeypatch):
    def broken(text):
        raise IndexError("boom")

    monkeypatch.setattr(aarhus, "_parse_bundle", broken)
    with pytest.raises(NotMinutesError):
        aarhus.parse(SEED_TEXT)


# --- Robustness (hypothesis) --------------------------------------------------------------------------
# These call the pipeline under parse()'s safety net, so a crash shows up as the crash it is.

FUZZ_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEED_LINES = SEED_TEXT.split("\n")
TRICKY_LINES = [
    " Referat",
    "Punkt 1: Dagsorden",
    "Punkt 2: Status (10 min)",
    "Punkt 3, Bilag 2:",
    " Indstilling til Rådmanden",
    "24.06.2024 - 10 minutter",
    "side 2 af 1",
    "side 1 af 2",
    "31.02.2024 - 99 minutter",
    "INDSTILLING",
    "SAGSFREMSTILLING",
    "BILAG",
    "Bilag 1: Handleplan",
    "Det indstilles,",
    "1. at rådmanden godkender",
    " 21. juni 2024",
    "Side 2 af 5Tid: 17.53 – 17.55 (2 min.)",
    "Em-",
    "ne:",
    "Emne: Teknisk Udvalgsmøde",
    "Mødedato: 31. februar 2024",
    "Mødedato: 26. juni 2024",
    "Mødetid: Kl. 25.99 – 99.99",
    "Dagsorden kort:",
    "1. Godkendelse",
    "2. LUKKET PUNKT",
    "10.Kurser",
    "A) Evt. orientering",
    "B) Mere",
    "Tid: 19.00 – 18.00",
    "Ansvarlig:",
    "Bilag:",
    "- en titel",
    "Aarhus Kommune",
    "SOCIALE FORHOLD OG",
    "Sag: EMN-1",
    "Sagsbehandler:",
    "Telefon: 1",
    "",
    " ",
    "juni 2024",
    "status-",
    "notatet",
]


@given(st.text(max_size=2000))
@FUZZ_SETTINGS
def test_arbitrary_text_never_crashes(text):
    with contextlib.suppress(MinutesError):
        aarhus._parse_bundle(text)


@given(st.lists(st.sampled_from(TRICKY_LINES), max_size=80))
@FUZZ_SETTINGS
def test_format_like_lines_never_crash(lines):
    text = "\n".join(lines)
    try:
        first = as_dicts(aarhus._parse_bundle(text))
    except MinutesError:
        return
    assert as_dicts(aarhus._parse_bundle(text)) == first  # deterministic


@st.composite
def seed_mutations(draw):
    lines = list(SEED_LINES)
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))
    for _ in range(draw(st.integers(1, 25))):
        if not lines:
            break
        i = rnd.randrange(len(lines))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(rnd.randrange(len(lines) + 1), lines[i])
        elif op == "swap":
            j = rnd.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            noise = draw(st.text(alphabet=" \t-–:.,()0123456789ABLPSaeikæøå•”\n", max_size=6))
            k = rnd.randint(0, len(lines[i]))
            lines[i] = lines[i][:k] + noise + lines[i][k:]
        else:
            lines = lines[: rnd.randrange(len(lines) + 1)]
    text = "\n".join(lines)
    return text[: draw(st.integers(0, len(text)))] if draw(st.booleans()) else text


@given(seed_mutations())
@FUZZ_SETTINGS
def test_mutated_seed_never_crashes_and_is_deterministic(text):
    try:
        first = as_dicts(aarhus._parse_bundle(text))
    except MinutesError:
        return
    assert as_dicts(aarhus._parse_bundle(text)) == first


def test_parse_is_deterministic(seed):
    assert as_dicts(aarhus.parse(SEED_TEXT)) == as_dicts(seed)
