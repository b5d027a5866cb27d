"""Which format a text or file is, its text, and the one call that parses any supported text."""

import tempfile
from contextlib import contextmanager

from .formats import aabenraa, aarhus
from .pdf import extract_pages, is_pdf, pages_to_text
from .text import normalize
from .types import NotMinutesError

PARSERS = [aabenraa, aarhus]


def parser_for(municipality):
    """The parser whose municipality is `municipality` (name or slug), or None."""
    wanted = (municipality or "").strip().casefold()
    return next((p for p in PARSERS if p.MUNICIPALITY.casefold() == wanted), None)


def detect(text):
    """The parser module for `text`, or None when no format matches."""
    return next((p for p in PARSERS if p.looks_like(text)), None)


def parse_text(text, municipality=None):
    """Parse minutes text of any supported format into ParsedMeetings.

    `municipality` overrides detection: a known municipality picks its parser; another name
    keeps the detected format and files the meetings under that municipality (a municipality
    that publishes with the same system as Aabenraa or Aarhus).
    """
    # The parsers normalise themselves: they need the form feeds that normalize() turns into
    # line breaks, because a form feed marks a PDF page.
    normalized = normalize(text)
    if not normalized.strip():
        raise NotMinutesError("the file is empty")
    parser = parser_for(municipality) or detect(normalized)
    if parser is None:
        raise NotMinutesError("not minutes or an agenda in a known format (Aabenraa, Aarhus)")
    meetings = parser.parse(text)
    if municipality and parser_for(municipality) is None:
        for meeting in meetings:
            meeting.municipality = municipality.strip()
    return meetings


def decode(data):
    """Text of an uploaded text file: UTF-8, else Windows-1252 (older council systems)."""
    if b"\x00" in data[:65536]:
        raise NotMinutesError("this is a binary file, not a text or PDF file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise NotMinutesError("the text is neither UTF-8 nor Windows-1252") from None


def text_of_file(path, *, max_pdf_pages=500, timeout=120):
    """The text of a minutes file on disk, PDF or text; raises MinutesError for what we cannot read.

    A PDF is read in a bounded child process (pdf.extract_pages) within `timeout` seconds.
    """
    with open(path, "rb") as f:
        head = f.read(1024)
        if is_pdf(head):
            return pages_to_text(extract_pages(path, max_pages=max_pdf_pages, timeout=timeout))
        return decode(head + f.read())


@contextmanager
def local_copy(file):
    """The path of a temporary local copy of `file` (any Django File, e.g. from a storage backend).

    PDF text is extracted in a child process that needs a real path; object storage has none.
    """
    with tempfile.NamedTemporaryFile(prefix="minutes-") as tmp:
        file.seek(0)
        for chunk in file.chunks():
            tmp.write(chunk)
        tmp.flush()
        yield tmp.name


def text_of_upload(file, *, max_pdf_pages=500, timeout=45):
    """The text of an uploaded minutes file (a Django File), with a PDF timeout below the web server's."""
    with local_copy(file) as path:
        return text_of_file(path, max_pdf_pages=max_pdf_pages, timeout=timeout)
