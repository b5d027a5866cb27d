"""A corpus of bad PDFs, made here: each is refused with a clear message within the time and memory
bounds, by the extractor, by the importer and through the admin's upload pages; never a hang, a
crash of the web process or a 500. (tests/admin/test_bad_files.py has the everyday cases.)"""

import io
import re
import resource
import time
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from attachments.models import Attachment
from imports.detect import parse_text, text_of_file
from imports.load import load_meetings
from imports.models import ImportRecord
from imports.pdf import PdfError, extract_pages
from imports.types import MinutesError
from meetings.models import Meeting
from tests.admin.conftest import AABENRAA_SEED

from . import pdfs

# Well below the admin's 45 s: a refusal must come from the limits, not from the test's patience.
TIMEOUT = 30
SLACK = 10  # starting Python, pdfplumber and the child process on a busy two-core machine

# name: (builder, what the extractor's message says)
REFUSED = {
    "zero-byte": (pdfs.zero_bytes, r"damaged"),
    "header only": (pdfs.header_only, r"damaged"),
    "truncated": (pdfs.truncated, r"damaged|no text layer"),
    "encrypted": (pdfs.encrypted, r"encrypted or password-protected"),
    "decompression bomb (4 GiB of zeros)": (pdfs.decompression_bomb, r"expands to more than 64 MB"),
    "decompression bomb (200 MB of zeros)": (
        lambda: pdfs.decompression_bomb(200),
        r"a compressed stream in it expands to more than 64 MB \(a compression bomb\?\)",
    ),
    "5 000 pages": (pdfs.many_pages, r"has 5000 pages; the limit is 500"),
    "page tree 100 000 levels deep": (pdfs.deep_page_tree, r"nested too deeply|RecursionError"),
    "stream length refers to itself": (pdfs.reference_loop, r"damaged|nested too deeply"),
    # pdfminer parses nesting with its own stack, so this was only slow bytes; no real PDF nests
    # objects hundreds of levels deep, and the cap refuses it before the bytes are walked.
    "array nested 100 000 levels deep": (pdfs.deeply_nested, r"nested too deeply to read \(objects more"),
}
# Odd but harmless: read, with their one real page, within the bounds.
READ_WITHIN_BOUNDS = {
    "page tree that lists itself": pdfs.page_tree_cycle,
    "page count of a billion": pdfs.lying_page_count,
}


def own_peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("name", REFUSED)
def test_a_bad_pdf_is_refused_clearly_within_the_bounds(name, tmp_path):
    build, message = REFUSED[name]
    path = tmp_path / "bad.pdf"
    path.write_bytes(build())
    peak_before = own_peak_rss_mb()
    started = time.monotonic()
    with pytest.raises(PdfError) as refused:
        extract_pages(path, max_pages=500, timeout=TIMEOUT)
    took = time.monotonic() - started
    assert re.search(message, str(refused.value)), str(refused.value)
    assert took < TIMEOUT + SLACK, f"{name}: {took:.1f} s"
    # The work, and the memory, stayed in the child process.
    assert own_peak_rss_mb() - peak_before < 100


@pytest.mark.parametrize("name", READ_WITHIN_BOUNDS)
def test_an_odd_but_harmless_pdf_is_read_within_the_bounds(name, tmp_path):
    path = tmp_path / "odd.pdf"
    path.write_bytes(READ_WITHIN_BOUNDS[name]())
    started = time.monotonic()
    assert extract_pages(path, timeout=TIMEOUT) == ["Punkt 1: Godkendelse af dagsorden"]
    assert time.monotonic() - started < TIMEOUT


def test_a_bomb_of_text_operators_is_stopped_at_the_time_limit(tmp_path):
    path = tmp_path / "text-bomb.pdf"
    path.write_bytes(pdfs.text_bomb(64))  # 200 KB that inflate to 64 MB of drawing operators
    started = time.monotonic()
    with pytest.raises(PdfError, match="longer than 2 s"):
        extract_pages(path, timeout=2)
    assert time.monotonic() - started < 2 + SLACK


def test_the_memory_limit_stops_a_bomb_before_the_time_limit(tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdfs.decompression_bomb(4096))
    started = time.monotonic()
    with pytest.raises(PdfError, match="memory|MemoryError"):
        # Decompression caps above the memory limit, so that the memory limit is what stops it.
        extract_pages(path, timeout=TIMEOUT, memory_mb=300, max_stream_bytes=8 << 30, max_total_bytes=8 << 30)
    assert time.monotonic() - started < TIMEOUT / 2


def test_the_decompression_cap_is_read_from_the_settings(tmp_path, settings):
    settings.MINUTES_PDF_MAX_STREAM_BYTES = 8 * 1024 * 1024
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdfs.decompression_bomb(16))  # 16 MB: under the default cap, over this one
    with pytest.raises(PdfError, match="expands to more than 8 MB"):
        extract_pages(path, timeout=TIMEOUT)


def test_the_document_cap_counts_every_stream(tmp_path):
    # Five content streams of 3 MB each: every one under the 4 MB stream cap, together over 10 MB.
    # Each is one long comment, which pdfminer skips quickly once it is inflated.
    body = pdfs.stream(zlib.compress(b"%" + b"x" * (3 << 20) + b"\n", 9))
    path = tmp_path / "many-streams.pdf"
    path.write_bytes(pdfs.many_streams(body, 5))
    with pytest.raises(PdfError, match="streams expand to more than 10 MB in all"):
        extract_pages(path, timeout=TIMEOUT, max_stream_bytes=4 << 20, max_total_bytes=10 << 20)
    # The same file under a roomier document cap is read.
    assert extract_pages(path, timeout=TIMEOUT, max_stream_bytes=4 << 20, max_total_bytes=64 << 20)


@pytest.mark.django_db
def test_import_minutes_refuses_the_200_mb_bomb_with_the_cap_message(tmp_path):
    path = tmp_path / "referat.pdf"
    path.write_bytes(pdfs.decompression_bomb(200))
    stderr = io.StringIO()
    with pytest.raises(SystemExit) as failed:
        call_command("import_minutes", str(path), "--municipality", "Aabenraa", stderr=stderr)
    assert failed.value.code == 2
    assert "a compressed stream in it expands to more than 64 MB (a compression bomb?)" in stderr.getvalue()
    assert not Meeting.objects.exists()


def test_a_bilag_bomb_is_refused_by_the_extractor_with_the_cap_message(tmp_path):
    from django.core.files import File

    from imports.detect import pages_of_upload

    path = tmp_path / "bilag.pdf"
    path.write_bytes(pdfs.decompression_bomb(200))
    with path.open("rb") as f, pytest.raises(PdfError, match="expands to more than 64 MB"):
        pages_of_upload(File(f, name="bilag.pdf"))


@pytest.mark.parametrize("name", ["zero-byte", "truncated", "encrypted", "page tree 100 000 levels deep"])
def test_the_importer_refuses_a_bad_pdf_as_minutes(name, tmp_path):
    build, _ = REFUSED[name]
    path = tmp_path / "referat.pdf"
    path.write_bytes(build())
    with pytest.raises(MinutesError):
        parse_text(text_of_file(path, timeout=TIMEOUT))


# Through the admin ---------------------------------------------------------------------------

ADMIN_MESSAGES = {
    "zero-byte": "fil er tom|Filen er tom",
    "header only": "beskadiget",
    "decompression bomb (4 GiB of zeros)": "beskadiget|hukommelse",
    "decompression bomb (200 MB of zeros)": "beskadiget",
    "5 000 pages": "PDF&#x27;en har 5000 sider; grænsen er 500",
    "page tree 100 000 levels deep": "beskadiget|for dybt",
    "stream length refers to itself": "beskadiget|for dybt",
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ADMIN_MESSAGES)
def test_the_upload_page_refuses_a_bad_pdf_with_a_danish_message(clerk_client, name, settings):
    settings.MINUTES_PDF_TIMEOUT = TIMEOUT
    build, _ = REFUSED[name]
    started = time.monotonic()
    response = clerk_client.post("/admin/imports/import/", {"file": SimpleUploadedFile("ond.pdf", build())})
    assert time.monotonic() - started < TIMEOUT + SLACK
    assert response.status_code == 200
    assert re.search(ADMIN_MESSAGES[name], response.content.decode()), name
    assert Meeting.objects.count() == 0
    record = ImportRecord.objects.get()
    assert record.status == ImportRecord.Status.REFUSED and record.error and not record.file


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    ["5 000 pages", "page tree 100 000 levels deep", "encrypted", "decompression bomb (200 MB of zeros)"],
)
def test_a_bad_bilag_pdf_is_refused_and_nothing_is_stored(clerk_client, name, settings):
    settings.MINUTES_PDF_TIMEOUT = TIMEOUT
    meeting = load_meetings(parse_text(AABENRAA_SEED.read_text(encoding="utf-8")))[0].meeting
    bilag = Attachment.objects.filter(agenda_item__meeting=meeting).first()
    build, _ = REFUSED[name]
    url = reverse("admin:meetings_meeting_bilag", args=[meeting.pk, bilag.pk])
    response = clerk_client.post(url, {"file": SimpleUploadedFile("bilag.pdf", build())}, follow=True)
    assert response.status_code == 200
    assert "blev ikke gemt" in response.content.decode()
    bilag.refresh_from_db()
    assert not bilag.file and bilag.pages == []
