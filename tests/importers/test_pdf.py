"""PDF minutes: text extraction page by page, and the limits that keep a bad PDF harmless."""

from pathlib import Path

import pytest
from fpdf import FPDF

from bench.pdfmaker import make_pdf
from imports.detect import parse_text, text_of_file
from imports.pdf import PdfError, extract_pages, pages_to_text
from imports.types import MinutesError

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "minutes"


def seed(name):
    return next(SEEDS.glob(f"{name}*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["aabenraa", "aarhus"])
def test_a_pdf_of_the_seed_imports_to_the_same_meetings_as_its_text(name, tmp_path):
    text = seed(name)
    pdf = make_pdf(text, tmp_path / f"{name}.pdf")
    from_pdf = [m.as_dict() for m in parse_text(text_of_file(pdf))]
    from_text = [m.as_dict() for m in parse_text(text)]
    assert from_pdf == from_text


def test_pages_keep_their_text_and_paragraphs(tmp_path):
    pdf = make_pdf("Punkt 1: Første\n\nAfsnit et.\n Side to\nmed tekst", tmp_path / "two.pdf")
    pages = extract_pages(pdf)
    assert pages == ["Punkt 1: Første\n\nAfsnit et.", "Side to\nmed tekst"]
    assert pages_to_text(pages) == " Punkt 1: Første\n\nAfsnit et.\n Side to\nmed tekst"


def test_an_encrypted_pdf_is_refused_clearly(tmp_path):
    pdf = make_pdf("Punkt 1: Hemmeligt", tmp_path / "locked.pdf", encrypt_with="hemmelig")
    with pytest.raises(PdfError, match="encrypted"):
        extract_pages(pdf)


def test_a_truncated_pdf_is_refused_clearly(tmp_path):
    whole = make_pdf("Punkt 1: Noget\n" * 50, tmp_path / "whole.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(PdfError, match="damaged|no text layer"):
        extract_pages(cut)


def test_a_pdf_without_text_layer_is_refused_clearly(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 100, style="F")  # a "scanned" page: drawing, no text
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(PdfError, match="no text layer"):
        extract_pages(path)


def test_a_pdf_over_the_page_limit_is_refused(tmp_path):
    pdf = make_pdf("a\n b\n c", tmp_path / "three.pdf")
    with pytest.raises(PdfError, match="3 pages; the limit is 2"):
        extract_pages(pdf, max_pages=2)


def test_extraction_that_takes_too_long_is_stopped(tmp_path, monkeypatch):
    import sys

    from imports import pdf as pdf_module

    # A child that hangs, as pdfplumber does on a compression bomb: the wall-clock bound stops it.
    monkeypatch.setattr(
        pdf_module,
        "_child_command",
        lambda path, pages, *caps: [sys.executable, "-c", "import time; time.sleep(60)"],
    )
    path = make_pdf("Punkt 1: tekst", tmp_path / "small.pdf")
    with pytest.raises(PdfError, match="longer than"):
        extract_pages(path, timeout=1)


def test_extraction_without_enough_memory_fails_cleanly(tmp_path):
    pdf = make_pdf("Punkt 1: tekst", tmp_path / "small.pdf")
    with pytest.raises(PdfError, match="memory"):
        extract_pages(pdf, memory_mb=40)


def test_a_zero_byte_file_is_not_minutes(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(MinutesError, match="empty"):
        parse_text(text_of_file(empty))


def test_a_binary_file_is_not_minutes(tmp_path):
    blob = tmp_path / "blob.txt"
    blob.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(MinutesError, match="binary"):
        text_of_file(blob)


def test_windows_1252_text_is_read(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes("Mødedato ”Det Gode Liv” – æøå".encode("cp1252"))
    assert text_of_file(path) == "Mødedato ”Det Gode Liv” – æøå"
