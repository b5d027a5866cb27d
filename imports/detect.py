"""Which format a text or file is, its text, and the one call that parses any supported text."""

import gzip
import io
import tempfile
from contextlib import contextmanager

from .formats import aabenraa, aarhus, firstagenda_html, firstagenda_json, firstagenda_pdf
from .municipalities import canonical
from .pdf import extract_pages, is_pdf, pages_to_text
from .text import normalize
from .types import NotMinutesError

# Tried in this order; the first whose looks_like() says yes parses the document. Structured
# formats (JSON, HTML) first: their markers cannot occur in extracted PDF text.
PARSERS = [firstagenda_json, firstagenda_html, firstagenda_pdf, aabenraa, aarhus]

MAX_GZIP_BYTES = 64 * 1024 * 1024  # a meeting's JSON is well under 5 MB; more is a bomb


def parser_for(municipality):
    """The parser whose municipality is `municipality` (name or slug), or None (legacy layouts
    named after the municipality that published them)."""
    wanted = (municipality or "").strip().casefold()
    if not wanted:
        return None
    return next((p for p in PARSERS if getattr(p, "MUNICIPALITY", "").casefold() == wanted), None)


def detect(text):
    """The parser module for `text`, or None when no format matches."""
    return next((p for p in PARSERS if p.looks_like(text)), None)


def known_formats():
    return ", ".join(p.NAME for p in PARSERS)


def parse_text(text, municipality=None, base_url=None):
    """Parse a document of any supported family into ParsedMeetings.

    The family is detected from the document. The municipality is what the document says; a
    `municipality` given here (the command's --municipality, the clerk's choice) overrides it, and
    may name a municipality the archive does not know yet. A document that does not say and gets
    no `municipality` is refused with a message that says how to name it. `base_url` is the
    address the document was published at, for absolute Bilag links.
    """
    # The parsers normalise themselves: they need the form feeds that normalize() turns into
    # line breaks, because a form feed marks a PDF page.
    normalized = normalize(text)
    if not normalized.strip():
        raise NotMinutesError("the file is empty")
    parser = detect(normalized) or parser_for(municipality)
    if parser is None:
        raise NotMinutesError(
            f"not minutes or an agenda in a known format ({known_formats()}): found no meeting "
            "header (REFERAT/DAGSORDEN ... or a FirstAgenda meeting page or JSON) and no 'Punkt N:' items"
        )
    meetings = parser.parse(text, base_url=base_url)
    if municipality and municipality.strip():
        name = canonical(municipality) or " ".join(municipality.split())
        for meeting in meetings:
            meeting.municipality = name
    elif any(not m.municipality for m in meetings):
        raise NotMinutesError(
            "the document does not say which municipality it is from; name it with "
            "--municipality NAME (in the admin: choose the municipality)"
        )
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
        data = head + f.read()
    if data[:2] == b"\x1f\x8b":  # gzip, as a FirstAgenda API answer is often saved
        data = gunzip(data)
    return decode(data)


def gunzip(data):
    """The bytes of a gzip file, refused beyond MAX_GZIP_BYTES (a small file can inflate to gigabytes)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(MAX_GZIP_BYTES + 1)
    except (OSError, EOFError) as exc:
        raise NotMinutesError(f"the gzip file is damaged ({exc})") from None
    if len(out) > MAX_GZIP_BYTES:
        raise NotMinutesError(f"the gzip file unpacks to more than {MAX_GZIP_BYTES // 2**20} MB; refused")
    return out


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


def pages_of_upload(file, *, max_pages=500, timeout=45):
    """The page texts of an uploaded PDF (a Django File), e.g. a Bilag: read in the bounded child
    process of pdf.py (time, memory, decompression and page limits); raises PdfError."""
    with local_copy(file) as path:
        return extract_pages(path, max_pages=max_pages, timeout=timeout)


def text_of_upload(file, *, max_pdf_pages=500, timeout=45):
    """The text of an uploaded minutes file (a Django File), with a PDF timeout below the web server's."""
    with local_copy(file) as path:
        return text_of_file(path, max_pdf_pages=max_pdf_pages, timeout=timeout)
