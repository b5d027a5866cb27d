"""Recall as a tested property (issue 21): real queries over the seeds and the real documents, each
with the item it must find, chosen by reading the document. Runs on SQLite always and on
PostgreSQL in CI's PostgreSQL pass (the `postgres`-marked copy).

The archive is imported once per module (about 30 s): the two seeds, Greve's 198 meetings, the
Aarhus PDF minutes and the Aarhus HTML agenda.
"""

from pathlib import Path

import pytest
from django.db import connection
from django.utils.http import urlencode

from imports.load import import_file
from search.backends import search
from search.request import SearchRequest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [
    *sorted((ROOT / "fixtures" / "minutes").glob("*.txt")),
    *sorted((ROOT / "fixtures" / "greve").glob("*.json.gz")),
    *sorted((ROOT / "tests" / "data" / "firstagenda_pdf").glob("*.pdf")),
    ROOT / "tests" / "data" / "firstagenda_html" / "aarhus_byraad_2025-10-08_dagsorden.html",
]
AMU = "Arbejdsmarkeds- og Uddannelsesudvalget"
RAADMAND = "Rådmandsmøde – Sociale Forhold og Beskæftigelse"
SBU = "Social- og Beskæftigelsesudvalget"
KTM = "Klima-, Teknik- og Miljøudvalget"
PTU = "Plan- og Tryghedsudvalget"
OEU = "Økonomiudvalget"
AARHUS = "Aarhus Byråd"

# (query, (meeting date, committee, item number) it must find on the first page, what it tests)
RECALL = [
    ("ukrainere", ("2026-02-03", AMU, "15"), "inflection"),
    ("Bolderslev", ("2026-02-03", AMU, "15"), "place name in the body"),
    ("kontrolgruppens årsberetning", ("2026-02-03", AMU, "12"), "genitive and title"),
    ("11.309.897 kr.", ("2026-02-03", AMU, "12"), "amount with dots"),
    ("beskaeftigelsesplan", ("2026-02-03", AMU, "11"), "ae for æ"),
    ("ukrianesituationen", ("2026-02-03", AMU, "15"), "misspelt title word"),
    ("sprogmentor", ("2024-06-24", RAADMAND, "3"), "head of a compound"),
    ('"social snyd"', ("2024-06-24", RAADMAND, "3"), "phrase"),
    ("integrationshandleplanen", ("2024-06-24", RAADMAND, "3"), "definite form of a title word"),
    ("integrationshandlepaln", ("2024-06-24", RAADMAND, "3"), "misspelling"),
    ("Eva Borchorst Mejnertz", ("2024-06-26", SBU, "4"), "responsible person (Ansvarlig)"),
    ("plejehjem til udsatte ældre", ("2024-06-26", SBU, "4"), "words with a stop word"),
    ("demokratiprojektet", ("2024-06-26", SBU, "3"), "definite compound"),
    ("Balticagade", ("2025-08-27", AARHUS, "9"), "street name (PDF)"),
    ("gang- og cykelbro", ("2025-08-27", AARHUS, "9"), "hyphenated compound pair"),
    ("435.000 tons", ("2025-08-27", AARHUS, "7"), "number with a dot"),
    ("klimaregnskabet", ("2025-08-27", AARHUS, "7"), "definite form"),
    ("klimaregnskap", ("2025-08-27", AARHUS, "7"), "misspelling"),
    ("supercykelsti", ("2025-08-27", AARHUS, "8"), "word in the body"),
    ("Bølgebrydere langs Greve Strand", ("2022-04-28", KTM, "11"), "title words"),
    ("bølgebryder", ("2022-04-28", KTM, "11"), "singular of a plural"),
    ("bølgebrydre", ("2022-04-28", KTM, "11"), "misspelling"),
    ("broedmosen handleplan", ("2022-02-14", KTM, "8"), "oe for ø"),
    ("klimatilpasningsløsning", ("2022-02-14", KTM, "8"), "long compound"),
    ("laanegaranti fjernvarme", ("2022-02-28", OEU, "5"), "aa for å"),
    ("normeringer dagtilbud", ("2022-01-11", "Skole-, Børne- og Ungeudvalget", "8"), "plural"),
    ("takster for 2022", ("2022-01-11", "Skole-, Børne- og Ungeudvalget", "6"), "year as a number"),
    ("Sognevejen varmepumpe", ("2023-05-25", KTM, "18"), "address and compound"),
    ("landzonetilladelse Karlslunde", ("2023-05-25", KTM, "18"), "compound and place"),
    ("Køge Bugt Strandpark anlægslov", ("2022-02-28", OEU, "18"), "proper name and compound"),
    ("affaldssortering kommunale bygninger", ("2022-06-02", KTM, "14"), "compound with linking s"),
    ("forundersøgelse Klimastrandvej", ("2022-06-02", KTM, "3"), "compound name"),
    ("Strandby Have klimabassin", ("2022-03-21", KTM, "7"), "place and compound"),
    ('"nyt vandværk"', ("2022-05-31", PTU, "8"), "phrase in a title"),
    ("lokalplan 14.58", ("2022-05-31", PTU, "8"), "plan number with a dot"),
    ("screening vandværk", ("2022-05-31", PTU, "8"), "tail of a compound (miljøscreening)"),
    ("støjhandlingsplan støjråd", ("2023-11-14", PTU, "5"), "two compounds"),
    ("Movias busdrift", ("2023-05-25", KTM, "3"), "genitive of a name"),
    ("fjernvarmeanlæg Tune", ("2022-10-11", PTU, "6"), "compound and place"),
    ("seniorråd årsberetning", ("2023-04-24", "Sundheds- og Omsorgsudvalget", "17"), "two words"),
    ("Balticagade or Bølgebrydere", ("2022-04-28", KTM, "11"), "or"),
    ("bølgebrydere -Balticagade", ("2022-04-28", KTM, "11"), "exclusion that keeps the item"),
]
# (query, the case number it names, an item of that case)
CASES = [
    ("sag 24/34838", "24/34838"),
    ("24-34838", "24/34838"),
    ("emn 2025 3383", "EMN-2025-003383"),
    ("EMN-2025-003383", "EMN-2025-003383"),
    ("sagsnr. EMN-2025-3383", "EMN-2025-003383"),
]


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker):
    """The documents imported once for the module, removed again afterwards."""
    from meetings.models import Municipality
    from search.models import Lexeme

    with django_db_blocker.unblock():
        for path in DOCUMENTS:
            import_file(path)
        yield
        Municipality.objects.all().delete()
        Lexeme.objects.all().delete()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_fts")


def first_page(q):
    results = search(q)
    return {
        (h.item.meeting.date.isoformat(), h.item.meeting.committee.name, h.item.number) for h in results.hits
    }


def recall_case(q, expected):
    assert expected in first_page(q), q


def case_lookup(q, number):
    assert [case.number for case in SearchRequest(urlencode({"q": q})).cases()] == [number]


@pytest.mark.django_db
@pytest.mark.parametrize("q, expected, what", RECALL, ids=[r[0] for r in RECALL])
def test_recall(archive, q, expected, what):
    recall_case(q, expected)


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize("q, expected, what", RECALL, ids=[r[0] for r in RECALL])
def test_recall_postgres(archive, q, expected, what):
    recall_case(q, expected)


@pytest.mark.django_db
@pytest.mark.parametrize("q, number", CASES)
def test_a_case_number_in_any_spelling_names_the_case(archive, q, number):
    case_lookup(q, number)


@pytest.mark.django_db
def test_an_excluded_word_removes_the_item(archive):
    assert ("2022-04-28", KTM, "11") not in first_page("bølgebrydere -strand")


@pytest.mark.django_db
def test_a_misspelling_answers_with_a_suggestion_from_the_vocabulary(archive, client):
    results = search("bølgebrydre")
    assert results.fuzzy and results.suggestion == "bølgebryd"
    body = client.get("/search/", {"q": "bølgebrydre"}).content.decode()
    assert "Mente du:" in body and "bølgebryd</a>" in body
    assert client.get("/api/search/", {"q": "bølgebrydre"}).json()["suggestion"] == "bølgebryd"


@pytest.mark.django_db
def test_highlights_mark_whole_words_only(archive):
    [hit] = [h for h in search("Balticagade or gang").hits if h.item.number == "9"][:1]
    assert "<mark>" in hit.snippet
    assert "<mark>gang</mark>s" not in hit.snippet  # not inside a longer word
