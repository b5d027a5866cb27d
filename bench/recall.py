"""Recall on real documents (issue 21): real queries over the seeds and the real documents, each
with the item a person would point to, chosen by reading the document, never from the program's
output. tests/search/test_recall.py runs them as tests on both databases; `bench/run.py` reports
the share found on each (`measure()` in a scratch database per backend).

    .venv/bin/python bench/recall.py sqlite:////tmp/recall.sqlite3     # one backend, on its own
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

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


def import_documents():
    """The documents of the set, through the importer (about 30 s)."""
    from imports.load import import_file

    for path in DOCUMENTS:
        import_file(path)


def first_page(q):
    """The items on the search page's first page for `q`, as (meeting date, committee, number)."""
    from search.backends import search

    hits = search(q).hits
    return {(h.item.meeting.date.isoformat(), h.item.meeting.committee.name, h.item.number) for h in hits}


def found(q, expected):
    """Whether the search page's first page for `q` holds the expected item."""
    return expected in first_page(q)


def named(q, number):
    """Whether `q` names exactly the case `number`, as the search page's case lookup reads it."""
    from django.utils.http import urlencode

    from search.request import SearchRequest

    return [case.number for case in SearchRequest(urlencode({"q": q})).cases()] == [number]


def measure():
    """{"queries", "found", "missed"} over RECALL and CASES in the database Django is set up on,
    which must be empty and migrated: the documents are imported first."""
    import_documents()
    missed = [q for q, expected, _what in RECALL if not found(q, expected)]
    missed += [q for q, number in CASES if not named(q, number)]
    total = len(RECALL) + len(CASES)
    return {"queries": total, "found": total - len(missed), "missed": missed}


def measure_recall(database_url, work_dir):
    """{"PostgreSQL": measure(), "SQLite": measure()}: each in a child process on a scratch database
    (`<database>_recall` beside `database_url`; a SQLite file in `work_dir`)."""
    import subprocess
    from urllib.parse import urlsplit

    from bench.database import ensure_database, ensure_database_dropped

    scratch = urlsplit(database_url)._replace(path=urlsplit(database_url).path + "_recall").geturl()
    ensure_database(scratch, reset=True)
    results = {}
    try:
        for backend, url in (("PostgreSQL", scratch), ("SQLite", f"sqlite:///{work_dir}/recall.sqlite3")):
            try:
                out = subprocess.run(
                    [sys.executable, __file__, url],
                    capture_output=True,
                    text=True,
                    timeout=900,
                    check=True,
                    cwd=ROOT,
                )
                results[backend] = json.loads(out.stdout.strip().splitlines()[-1])
            except (subprocess.SubprocessError, ValueError, IndexError) as exc:
                results[backend] = {"error": str(exc)[-500:]}
    finally:
        ensure_database_dropped(scratch)
    return results


def main(database_url):
    """Measure on `database_url` (an empty database: created if missing, migrated here)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(json.dumps(measure()))


if __name__ == "__main__":
    main(sys.argv[1])
