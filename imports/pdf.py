"""Text from PDF, page by page (pdfplumber), in a child process with time and memory bounds.

A hostile PDF (a compression bomb, thousands of pages, deep nesting) can keep pdfplumber busy
for minutes and eat gigabytes (PITFALLS.md), so extraction never runs in the caller's process:
`extract_pages()` starts `python -m imports.pdf FILE`, limited with setrlimit and a
wall-clock timeout, and reads the pages back as JSON. Run as a module, this file is that child.

Time and memory limits alone let a 200 KB file that inflates to 200 MB run for two minutes
before the timer stopped it (pdfminer inflates the stream whole, then lexes every byte). So the
child also caps what it decompresses: each stream may expand to `max_stream_bytes`, the whole
document to `max_total_bytes`, and objects may nest `MAX_NESTING` levels. Past a cap the child
stops at once and says which cap the file broke.
"""

import json
import math
import os
import resource
import signal
import subprocess
import sys
import types

from .types import MinutesError

PDF_MAGIC = b"%PDF-"
# A blank line is put between two text lines whose vertical gap is larger than this share of
# the line height, so paragraphs survive extraction as they do in the published text files.
PARAGRAPH_GAP = 0.8


# The child's last stderr line starts with this when it fails for a reason it could name.
_MESSAGE = "pdf-error: "


class PdfError(MinutesError):
    """A PDF we cannot or will not read; the message is meant for the person who uploaded it."""


def is_pdf(data):
    return data[:1024].lstrip().startswith(PDF_MAGIC)


def pages_to_text(pages):
    """Join page texts the way the published text files do: each page's first line starts with a space."""
    return "\n".join(" " + page if page.strip() else page for page in pages)


# Decompression caps (bytes), overridable per call: far above what a text PDF needs (a page's
# content stream is kilobytes, a font a few hundred KB), far below what keeps pdfminer busy.
MAX_STREAM_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
# Arrays and dictionaries nested deeper than this are refused; real PDFs nest a handful of levels.
MAX_NESTING = 200


def _child_command(path, max_pages, max_stream_bytes, max_total_bytes):
    return [
        sys.executable,
        "-m",
        "imports.pdf",
        str(path),
        str(max_pages),
        str(max_stream_bytes),
        str(max_total_bytes),
    ]


def extract_pages(
    path,
    *,
    max_pages=500,
    timeout=120,
    memory_mb=1536,
    max_stream_bytes=None,
    max_total_bytes=None,
):
    """The text of each page of the PDF at `path`; raises PdfError with a readable message.

    `max_stream_bytes` / `max_total_bytes` cap what one stream and the whole document may
    decompress to (default: settings MINUTES_PDF_MAX_STREAM_BYTES / MINUTES_PDF_MAX_TOTAL_BYTES
    when Django is configured, else MAX_STREAM_BYTES / MAX_TOTAL_BYTES).
    """
    max_stream_bytes = max_stream_bytes or _setting("MINUTES_PDF_MAX_STREAM_BYTES", MAX_STREAM_BYTES)
    max_total_bytes = max_total_bytes or _setting("MINUTES_PDF_MAX_TOTAL_BYTES", MAX_TOTAL_BYTES)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}

    def limit():  # runs in the child before exec
        memory = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        cpu_seconds = math.ceil(timeout)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))

    too_long = PdfError(f"reading the PDF took longer than {timeout} s; it may be damaged or hostile")
    try:
        proc = subprocess.run(
            _child_command(path, max_pages, max_stream_bytes, max_total_bytes),
            capture_output=True,
            timeout=timeout,
            preexec_fn=limit,
            env=env,
        )
    except subprocess.TimeoutExpired:
        raise too_long from None
    if proc.returncode == -signal.SIGXCPU:
        # The same limit counted in CPU seconds (RLIMIT_CPU): on an idle machine it can strike
        # a moment before the wall clock does.
        raise too_long
    if proc.returncode != 0:
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        if lines and lines[-1].startswith(_MESSAGE):
            raise PdfError(lines[-1].removeprefix(_MESSAGE))
        raise PdfError("reading the PDF ran out of time or memory; it may be damaged or hostile")
    pages = json.loads(proc.stdout)
    if not any(page.strip() for page in pages):
        raise PdfError(
            "this PDF has no text layer (scanned pages?); upload the text version or a searchable PDF"
        )
    return pages


def _setting(name, default):
    """A Django setting if Django is configured (the web app, the command), else `default`."""
    try:
        from django.conf import settings

        return getattr(settings, name, default) if settings.configured else default
    except ImportError:
        return default


class _CapExceeded(Exception):
    """Raised in the child when the PDF expands past a cap; the message is for the uploader."""


def _megabytes(count):
    return f"{count / (1024 * 1024):.0f} MB"


def _install_caps(max_stream_bytes, max_total_bytes, max_nesting=MAX_NESTING):
    """Make pdfminer (in this child process only) refuse streams and documents past the caps.

    pdfminer inflates a FlateDecode stream with one `zlib.decompress(data)` call
    (pdfminer.pdftypes.PDFStream.decode), which allocates the whole output before anyone can
    look at it. Here its `zlib` is replaced with one that inflates through
    `decompressobj().decompress(data, limit)`, so at most the cap plus one byte is ever made.
    The other filters (LZW, run length, ASCII85) expand less and are checked after decoding.
    """
    import zlib

    from pdfminer import pdftypes, psparser

    budget = {"left": max_total_bytes}

    def spend(stream_size, new_bytes):
        """Count `new_bytes` more output, of a stream now `stream_size` bytes long; raise past a cap."""
        if stream_size > max_stream_bytes:
            raise _CapExceeded(
                "the PDF is damaged and cannot be read: a compressed stream in it expands to more "
                f"than {_megabytes(max_stream_bytes)} (a compression bomb?)"
            )
        budget["left"] -= new_bytes
        if budget["left"] < 0:
            raise _CapExceeded(
                "the PDF is damaged and cannot be read: its compressed streams expand to more than "
                f"{_megabytes(max_total_bytes)} in all (a compression bomb?)"
            )

    def decompress(data, *args, **kwargs):
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, max_stream_bytes + 1)
        spend(len(out), len(out))
        if not inflater.eof:
            # The data ends before the stream does: zlib.decompress raises this, and pdfminer
            # then repairs the stream byte by byte (through CappedDecompressObj below).
            raise zlib.error("incomplete or truncated stream")
        return out

    class CappedDecompressObj:
        """decompressobj() for pdfminer's byte-at-a-time repair of damaged streams."""

        def __init__(self, *args, **kwargs):
            self._inflater = zlib.decompressobj(*args, **kwargs)
            self._made = 0

        def decompress(self, data, max_length=0):
            out = self._inflater.decompress(data, max_length)
            self._made += len(out)
            spend(self._made, len(out))
            return out

        def __getattr__(self, name):
            return getattr(self._inflater, name)

    pdftypes.zlib = types.SimpleNamespace(
        error=zlib.error, decompress=decompress, decompressobj=CappedDecompressObj
    )

    def checked(decoder):
        def decode(*args, **kwargs):
            out = decoder(*args, **kwargs)
            spend(len(out), len(out))
            return out

        return decode

    for name in ("lzwdecode", "rldecode", "ascii85decode", "asciihexdecode"):
        setattr(pdftypes, name, checked(getattr(pdftypes, name)))

    start_type = psparser.PSStackParser.start_type

    def bounded_start_type(self, pos, type):
        if len(self.context) >= max_nesting:
            raise _CapExceeded(
                f"the PDF is nested too deeply to read (objects more than {max_nesting} levels deep); "
                "it may be damaged or hostile"
            )
        return start_type(self, pos, type)

    psparser.PSStackParser.start_type = bounded_start_type


def _page_text(page):
    lines = page.extract_text_lines(layout=False, strip=True, return_chars=False)
    out, previous = [], None
    for line in lines:
        if previous is not None:
            height = max(previous["bottom"] - previous["top"], 1.0)
            if line["top"] - previous["bottom"] > PARAGRAPH_GAP * height:
                out.append("")
        out.append(line["text"])
        previous = line
    return "\n".join(out)


def _fail(message):
    sys.exit(_MESSAGE + message)


def _cap_in(exc):
    """The _CapExceeded behind `exc` (pdfminer and pdfplumber wrap what they catch), or None."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, _CapExceeded):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def _child(path, max_pages, max_stream_bytes=MAX_STREAM_BYTES, max_total_bytes=MAX_TOTAL_BYTES):
    _install_caps(max_stream_bytes, max_total_bytes)
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > max_pages:
                _fail(f"the PDF has {len(pdf.pages)} pages; the limit is {max_pages}")
            pages = []
            for page in pdf.pages:
                pages.append(_page_text(page))
                page.close()  # pdfplumber keeps every page's objects otherwise (2.4 GB for 312 pages)
    except _CapExceeded as exc:
        _fail(str(exc))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        _fail("the PDF is encrypted or password-protected")
    except (PdfminerException, PDFSyntaxError) as exc:
        cause = exc.__cause__ or exc.__context__ or exc
        if _cap_in(exc):
            _fail(str(_cap_in(exc)))
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            _fail("the PDF is encrypted or password-protected")
        # pdfminer wraps what a compression bomb or a deep page tree raises.
        if isinstance(cause, MemoryError):
            _fail("reading the PDF needs more memory than allowed; it may be damaged or hostile")
        if isinstance(cause, RecursionError):
            _fail("the PDF is nested too deeply to read; it may be damaged or hostile")
        _fail(f"the PDF is damaged and cannot be read ({cause.__class__.__name__})")
    except MemoryError:
        _fail("reading the PDF needs more memory than allowed; it may be damaged or hostile")
    except RecursionError:
        _fail("the PDF is nested too deeply to read; it may be damaged or hostile")
    except Exception as exc:  # pdfminer raises many kinds on broken files; all mean "cannot read"
        if _cap_in(exc):
            _fail(str(_cap_in(exc)))
        _fail(f"the PDF is damaged and cannot be read ({exc.__class__.__name__})")
    json.dump(pages, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    _child(sys.argv[1], *(int(arg) for arg in sys.argv[2:]))
