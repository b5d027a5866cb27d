"""Benchmark step 1: parse timings of the seed minutes and of a generated 200-page PDF."""

import logging
import re
import time
from contextlib import contextmanager
from pathlib import Path

from bench.common import ROOT


def timed(function, *args, min_seconds=1.0, **kwargs):
    """(seconds per call, result): the best of repeated calls filling at least `min_seconds`."""
    times, result, started = [], None, time.perf_counter()
    while not times or time.perf_counter() - started < min_seconds:
        t = time.perf_counter()
        result = function(*args, **kwargs)
        times.append(time.perf_counter() - t)
        if len(times) >= 50:
            break
    return min(times), result


@contextmanager
def rolled_back():
    """A transaction that is always rolled back: loads are measured without keeping their rows."""
    from django.db import transaction

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            yield
            raise Rollback
    except Rollback:
        pass


def big_minutes_text(pages=200, lines_per_page=48):
    """An Aabenraa REFERAT of `pages` pages: the seed's items again and again, renumbered.

    Each page's first line starts with a space, which is where bench/pdfmaker.py
    starts a new PDF page.
    """
    seed = next(ROOT.glob("fixtures/minutes/aabenraa-*.txt")).read_text(encoding="utf-8")
    head, _, body = seed.partition("\nPunkt ")
    head = head.split("\nIndholdsfortegnelse")[0]
    items = ("Punkt " + body).split("\nPunkt ")
    blocks = [re.sub(r"^Punkt \d+:", "", item.strip()).strip() for item in items]
    lines, number = head.strip().split("\n"), 1
    while len(lines) < pages * lines_per_page:
        for block in blocks:
            lines += ["", f"Punkt {number}: {block}"]
            number += 1
        lines = "\n".join(lines).split("\n")
    lines = lines[: pages * lines_per_page]
    for start in range(0, len(lines), lines_per_page):
        lines[start] = " " + (lines[start] or "-")
    return "\n".join(lines)


def bench_parsing(work_dir):
    from imports import pdf as pdf_module
    from imports.detect import parse_text
    from imports.load import load_meetings

    result = {}
    seeds = sorted(ROOT.glob("fixtures/minutes/*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    size = sum(len(t.encode("utf-8")) for t in texts)
    seconds, parsed = timed(lambda: [m for t in texts for m in parse_text(t)], min_seconds=3)
    result["seeds"] = {
        "files": [p.name for p in seeds],
        "bytes": size,
        "parse_seconds": seconds,
        "parse_mb_per_s": size / seconds / 1e6,
        "meetings": len(parsed),
        "items": sum(len(m.items) for m in parsed),
    }
    with rolled_back():
        t = time.perf_counter()
        load_meetings(parsed, source_name="bench-seeds")
        result["seeds"]["load_seconds"] = time.perf_counter() - t

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # fpdf2's font subsetting chatter
    from bench.pdfmaker import make_pdf

    text = big_minutes_text()
    path = Path(work_dir) / "minutes-200-pages.pdf"
    t = time.perf_counter()
    make_pdf(text, path)
    build_seconds = time.perf_counter() - t
    t = time.perf_counter()
    pages = pdf_module.extract_pages(path, max_pages=500, timeout=900)
    extract_seconds = time.perf_counter() - t
    joined = pdf_module.pages_to_text(pages)
    parse_seconds, parsed = timed(parse_text, joined, min_seconds=2)
    with rolled_back():
        t = time.perf_counter()
        load_meetings(parsed, source_name="bench-200-pages.pdf")
        load_seconds = time.perf_counter() - t
    pdfium_seconds = None
    try:
        import pypdfium2

        t = time.perf_counter()
        document = pypdfium2.PdfDocument(str(path))
        for page in document:
            page.get_textpage().get_text_range()
        pdfium_seconds = time.perf_counter() - t
    except ImportError:
        pass
    result["pdf"] = {
        "pages": len(pages),
        "bytes": path.stat().st_size,
        "text_bytes": len(joined.encode("utf-8")),
        "build_seconds": build_seconds,
        "extract_seconds": extract_seconds,
        "extract_pypdfium2_seconds": pdfium_seconds,
        "parse_seconds": parse_seconds,
        "load_seconds": load_seconds,
        "items": sum(len(m.items) for m in parsed),
        "overhead": (parse_seconds + load_seconds) / extract_seconds,
    }
    result["real_pdf"] = bench_real_pdf(ROOT / "tests/data/firstagenda_pdf/aarhus_byraad_2025-08-27.pdf")
    return result


def bench_real_pdf(path):
    """A real FirstAgenda PDF (Aarhus Byråd, 28 pages): the whole import (the bounded reader in its
    child process, parsing, loading) against pdfplumber's own extract_text() over the same pages."""
    import pdfplumber

    from imports.load import import_file

    def plain_extraction():
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()

    pdfplumber_seconds, _ = timed(plain_extraction, min_seconds=0)
    with rolled_back():
        import_seconds, (parsed, _) = timed(import_file, path, min_seconds=0)
    return {
        "file": path.name,
        "items": sum(len(m.items) for m in parsed),
        "pdfplumber_seconds": pdfplumber_seconds,
        "import_seconds": import_seconds,
        "ratio": import_seconds / pdfplumber_seconds,
    }
