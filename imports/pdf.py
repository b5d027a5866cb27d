"""Text from PDF, page by page (pdfplumber), in a child process with time and memory bounds.

A hostile PDF (a compression bomb, thousands of pages, deep nesting) can keep pdfplumber busy
for minutes and eat gigabytes (PITFALLS.md), so extraction never runs in the caller's process:
`extract_pages()` starts `python -m imports.pdf FILE`, limited with setrlimit and a
wall-clock timeout, and reads the pages back as JSON. Run as a module, this file is that child.
"""

import json
import math
import os
import resource
import signal
import subprocess
import sys

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


def _child_command(path, max_pages):
    return [sys.executable, "-m", "imports.pdf", str(path), str(max_pages)]


def extract_pages(path, *, max_pages=500, timeout=120, memory_mb=1536):
    """The text of each page of the PDF at `path`; raises PdfError with a readable message."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}

    def limit():  # runs in the child before exec
        memory = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        cpu_seconds = math.ceil(timeout)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))

    too_long = PdfError(f"reading the PDF took longer than {timeout} s; it may be damaged or hostile")
    try:
        proc = subprocess.run(
            _child_command(path, max_pages),
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


def _child(path, max_pages):
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
    except (PDFPasswordIncorrect, PDFEncryptionError):
        _fail("the PDF is encrypted or password-protected")
    except (PdfminerException, PDFSyntaxError) as exc:
        cause = exc.__cause__ or exc.__context__ or exc
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
        _fail(f"the PDF is damaged and cannot be read ({exc.__class__.__name__})")
    json.dump(pages, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    _child(sys.argv[1], int(sys.argv[2]))
