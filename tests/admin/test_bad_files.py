"""Files the import refuses: a clear message on the page, a log entry, never a 500, nothing saved."""

import time
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF

from bench.pdfmaker import make_pdf
from imports.models import ImportRecord
from meetings.models import Meeting

from .conftest import AABENRAA_SEED

pytestmark = pytest.mark.django_db
UPLOAD_URL = "/admin/imports/import/"


def refused(client, name, content):
    response = client.post(UPLOAD_URL, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200, "refused files stay on the upload page"
    assert Meeting.objects.count() == 0
    record = ImportRecord.objects.get()
    assert record.status == ImportRecord.Status.REFUSED and record.error
    assert not record.file
    return response.content.decode(), record


def image_only_pdf(path):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 100, style="F")  # a scanned page: drawing, no text
    pdf.output(str(path))
    return path


def compression_bomb(raw_mb=4):
    """A few KB of PDF whose one page unpacks to `raw_mb` MB of text operators (minutes to read)."""
    ops = b"BT /F1 9 Tf 10 10 Td (Punkt) Tj ET\n"
    content = zlib.compress(ops * (raw_mb * 1024 * 1024 // len(ops)), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_file_over_the_size_limit_is_refused(clerk_client, settings):
    settings.MINUTES_MAX_UPLOAD_BYTES = 1000
    html, record = refused(clerk_client, "stor.txt", AABENRAA_SEED.read_bytes())
    assert "Filen fylder" in html and "1000" in html.replace("\xa0", " ").replace(" ", "")
    assert record.size == AABENRAA_SEED.stat().st_size


def test_a_pdf_over_the_page_limit_is_refused(clerk_client, settings, tmp_path):
    settings.MINUTES_MAX_PDF_PAGES = 1
    pdf = make_pdf("Punkt 1: a\n Punkt 2: b\n Punkt 3: c", tmp_path / "tre.pdf")
    html, record = refused(clerk_client, "tre.pdf", pdf.read_bytes())
    assert "PDF&#x27;en har 3 sider; grænsen er 1" in html
    assert "3 pages" in record.error


def test_an_encrypted_pdf_is_refused(clerk_client, tmp_path):
    pdf = make_pdf(AABENRAA_SEED.read_text(encoding="utf-8"), tmp_path / "l.pdf", encrypt_with="kode")
    html, _ = refused(clerk_client, "laast.pdf", pdf.read_bytes())
    assert "krypteret eller beskyttet med adgangskode" in html


@pytest.mark.parametrize("content", [b"%PDF-1.7 broken", b"%PDF-1.4\n" + b"\x00garbage" * 100])
def test_a_corrupt_pdf_is_refused(clerk_client, content):
    html, _ = refused(clerk_client, "itu.pdf", content)
    assert "beskadiget" in html or "intet tekstlag" in html


def test_a_truncated_pdf_is_refused(clerk_client, tmp_path):
    whole = make_pdf(AABENRAA_SEED.read_text(encoding="utf-8"), tmp_path / "w.pdf").read_bytes()
    html, _ = refused(clerk_client, "halv.pdf", whole[: len(whole) // 3])
    assert "beskadiget" in html or "intet tekstlag" in html


def test_an_image_only_pdf_is_refused(clerk_client, tmp_path):
    html, _ = refused(clerk_client, "scan.pdf", image_only_pdf(tmp_path / "scan.pdf").read_bytes())
    assert "Denne PDF har intet tekstlag" in html


def test_text_that_is_not_minutes_is_refused(clerk_client):
    html, record = refused(clerk_client, "indkoeb.txt", "Mælk\nÆg\nRugbrød\n".encode())
    assert "ligner ikke et referat eller en dagsorden" in html
    assert "not minutes" in record.error


def test_a_binary_file_is_refused(clerk_client):
    html, _ = refused(clerk_client, "billede.png", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 4)
    assert "hverken en PDF eller en tekstfil" in html


def test_an_empty_file_is_refused(clerk_client):
    response = clerk_client.post(UPLOAD_URL, {"file": SimpleUploadedFile("tom.txt", b"")})
    assert response.status_code == 200
    assert "tom" in response.content.decode()
    assert Meeting.objects.count() == 0


def test_a_hostile_pdf_is_stopped_within_the_time_limit(clerk_client, settings):
    settings.MINUTES_PDF_TIMEOUT = 1
    started = time.monotonic()
    html, record = refused(clerk_client, "bombe.pdf", compression_bomb())
    assert time.monotonic() - started < 10
    assert "blev stoppet" in html
    assert "PDF" in record.error


def test_a_parser_crash_is_shown_as_a_message_not_a_500(clerk_client, monkeypatch):
    def crash(text, municipality=None):
        raise IndexError("list index out of range")

    monkeypatch.setattr("imports.admin_views.parse_text", crash)
    html, record = refused(clerk_client, "a.txt", AABENRAA_SEED.read_bytes())
    assert "Filen kunne ikke læses" in html
    assert "IndexError" in record.error


def test_no_file_is_asked_for_again(clerk_client):
    response = clerk_client.post(UPLOAD_URL, {})
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert ImportRecord.objects.count() == 0
