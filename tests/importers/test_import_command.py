"""`manage.py import_minutes`: the seeds, dry runs, bad files in a batch."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from agenda_items.models import AgendaItem, Case
from attachments.models import Attachment
from bench.pdfmaker import make_pdf
from meetings.models import Meeting

pytestmark = pytest.mark.django_db
SEEDS = sorted((Path(__file__).resolve().parents[2] / "fixtures" / "minutes").glob("*.txt"))


def run(*args):
    out, err = StringIO(), StringIO()
    code = 0
    try:
        call_command("import_minutes", *map(str, args), stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_dry_run_json_prints_one_object_and_saves_nothing():
    code, out, err = run("--dry-run", "--json", *SEEDS)
    assert code == 0, err
    data = json.loads(out)
    assert [m["municipality"] for m in data["meetings"]].count("Aabenraa") == 1
    assert [m["municipality"] for m in data["meetings"]].count("Aarhus") == 3
    assert Meeting.objects.count() == 0


def test_importing_the_seeds_gives_four_meetings_and_again_changes_nothing():
    assert run(*SEEDS)[0] == 0
    by_municipality = sorted(Meeting.objects.values_list("committee__municipality__name", flat=True))
    assert by_municipality == ["Aabenraa", "Aarhus", "Aarhus", "Aarhus"]
    before = (AgendaItem.objects.count(), Case.objects.count(), Attachment.objects.count())
    assert run(*SEEDS)[0] == 0
    assert Meeting.objects.count() == 4
    assert (AgendaItem.objects.count(), Case.objects.count(), Attachment.objects.count()) == before


def test_case_25_31181_ties_three_items_together():
    run(*SEEDS)
    case = Case.objects.get(number="25/31181")
    assert sorted(case.items.values_list("number", flat=True)) == ["10", "18", "19"]


def test_a_file_that_is_not_minutes_is_reported_in_one_line_and_skipped(tmp_path):
    bad = tmp_path / "shopping-list.txt"
    bad.write_text("Mælk\nÆg\nRugbrød\n", encoding="utf-8")
    code, out, err = run(bad, SEEDS[0])
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(str(bad))
    assert "Traceback" not in err
    assert Meeting.objects.count() == 1  # the good file is imported all the same


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary\xff" * 100, b"%PDF-1.7 broken"])
def test_empty_binary_and_broken_files_exit_with_status_2(tmp_path, content):
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    code, out, err = run("--dry-run", "--json", path)
    assert code == 2
    assert err.startswith(str(path)) and "Traceback" not in err


def test_a_missing_file_is_reported(tmp_path):
    code, _, err = run(tmp_path / "nowhere.txt")
    assert code == 2 and "cannot read" in err


def test_a_pdf_is_imported_like_its_text(tmp_path):
    pdf = make_pdf(SEEDS[0].read_text(encoding="utf-8"), tmp_path / "aabenraa.pdf")
    assert run(pdf)[0] == 0
    assert run(SEEDS[0])[0] == 0  # the text version updates the same meeting
    assert Meeting.objects.count() == 1
    assert AgendaItem.objects.count() == 10


def test_form_feeds_between_pages_import_like_the_published_text(tmp_path):
    """pdftotext-style text marks pages with form feeds; the Aarhus bundle marks them with a space."""
    published = SEEDS[1].read_text(encoding="utf-8")
    with_form_feeds = tmp_path / "bundle.txt"
    with_form_feeds.write_text("\f".join(page.lstrip() for page in published.split("\n ")), encoding="utf-8")
    _, a, _ = run("--dry-run", "--json", with_form_feeds)
    _, b, _ = run("--dry-run", "--json", SEEDS[1])
    assert json.loads(a) == json.loads(b)
