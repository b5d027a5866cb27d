"""Aarhus bundles, steps 1 and 2: the text cut into PDF pages, and the pages grouped into documents.

The page grammar: a line that starts with a space and has content begins a PDF page (a form feed
does too); "Punkt 3, Bilag 2:" labels the next PDF. The document grammar: a page that starts
" Indstilling til Rådmanden", " Referat" (with "Punkt N:" items) or an agenda head ("Mødedato:"
with "Emne:", "Mødetid:" or "Dagsorden kort:") starts a document; other pages continue the current
one or are the Bilag of the Indstilling before them. Also the plain page furniture of Referats and
Bilag ("Side N af M", a lone page number).
"""

import re
from dataclasses import dataclass, field

from ...text import PAGE_OF, strip_page_of
from .common import _clean, _first_nonblank, _head, _last_nonblank, _tidy

# " Indstilling til Rådmanden " (first line of every page of an Indstilling).
INDSTILLING_HEADER = re.compile(r"^Indstilling til [Rr]ådmand(?:en)?\b")
# " Referat" or "Referat fra rådmandsmøde den 24. juni 2024" (first line of a Referat).
REFERAT_HEADER = re.compile(r"^Referat(?:\s*$|\s+(?:fra|for|af)\b)", re.IGNORECASE)
# A form feed (page break) and the blank lines after it, up to the next page's first text.
FORM_FEED_PAGE = re.compile(r"\f\s*(?=\S)")
# "Punkt 1: Dagsorden" -- an item of a Referat.
PUNKT_HEADER = re.compile(r"^Punkt\s+(\d{1,3})\s*:\s*(.*)$")
# "Punkt 3, Bilag 2:" -- labels the next PDF as Bilag 2 of item 3 (line 467 of the seed).
BILAG_LABEL = re.compile(r"^Punkt\s+(\d{1,3})\s*,\s*Bilag\s+(\d{1,3})\s*:?\s*(.*)$")
# Agenda header fields; "Em-" / "ne:" is joined before matching (see _join_split_labels).
MOEDEDATO = re.compile(r"^Mødedato\s*:\s*(.*)$")
MOEDETID = re.compile(r"^Mødetid\s*:\s*(.*)$")
MOEDESTED = re.compile(r"^Mødested\s*:\s*(.*)$")
EMNE = re.compile(r"^Emne\s*:\s*(.*)$")
EMNE_SPLIT = re.compile(r"^Em-?$")
DAGSORDEN_KORT = re.compile(r"^Dagsorden\s+kort\s*:?\s*$", re.IGNORECASE)
# "Side 2 af 5" / "side 1 af 2", anywhere on a line (PAGE_OF in text.py only looks at the start).
SIDE_N_AF_M = re.compile(r"\b[Ss]ide\s+(\d{1,3})\s+af\s+(\d{1,3})")
LONE_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
SENTENCE_END = re.compile(r"[.!?:]$")


# ==================================================================================================
# Step 1: pages
# ==================================================================================================


def _mark_form_feeds(text):
    """A form feed between PDF pages becomes the format's own page mark: a line starting with a space."""
    return FORM_FEED_PAGE.sub("\n ", text) if "\f" in text else text


@dataclass
class _Page:
    first_line: int  # 1-based line number in the input
    lines: list[str] = field(default_factory=list)  # stripped
    label: tuple | None = None  # (item number, bilag number, title) from "Punkt 3, Bilag 2:"


def _split_pages(lines):
    """Cut the text where a PDF page began: a line that starts with a space and has content.

    An "Indstilling til Rådmanden" header also starts a page when the leading space got lost.
    The "Punkt 3, Bilag 2:" label is printed as the last line *before* the labelled PDF (seed line
    467) or on top of it; either way it is moved off the text onto the page it labels.
    """
    pages = []
    current = None
    for number, raw in enumerate(lines, 1):
        stripped = raw.strip()
        new_page = bool(stripped) and (
            raw.startswith(" ") or (stripped.startswith("Indstilling") and INDSTILLING_HEADER.match(stripped))
        )
        if current is None or new_page:
            current = _Page(first_line=number)
            pages.append(current)
        current.lines.append(stripped)

    for index, page in enumerate(pages):
        first = _first_nonblank(page.lines)
        if first is not None:
            m = BILAG_LABEL.match(page.lines[first])
            if m:
                page.label = (int(m.group(1)), int(m.group(2)), m.group(3).strip())
                page.lines[first] = ""
        last = _last_nonblank(page.lines)
        if last is not None and index + 1 < len(pages):
            m = BILAG_LABEL.match(page.lines[last])
            if m and pages[index + 1].label is None:
                pages[index + 1].label = (int(m.group(1)), int(m.group(2)), m.group(3).strip())
                page.lines[last] = ""
    return pages


# ==================================================================================================
# Step 2: documents
# ==================================================================================================


@dataclass
class _Document:
    kind: str  # "referat" | "indstilling" | "agenda" | "bilag" | "unknown"
    pages: list[_Page]
    label: tuple | None = None
    owner: int | None = None  # for an unlabelled "bilag": index of the Indstilling it follows
    total_pages: int | None = None  # from "side N af M"
    last_punkt: int = 0  # highest "Punkt N:" seen (Referat)

    @property
    def first_line(self):
        return self.pages[0].first_line

    @property
    def finished(self):
        return self.total_pages is not None and len(self.pages) >= self.total_pages

    def add(self, page):
        self.pages.append(page)
        self._note(page)

    def _note(self, page):
        if self.kind == "referat":
            self.last_punkt = max(self.last_punkt, _highest_punkt(page.lines))
        if self.kind in ("agenda", "indstilling") and self.total_pages is None:
            side = _side(page.lines)
            if side:
                self.total_pages = side[1]


def _highest_punkt(lines):
    highest = 0
    for line in lines:
        m = PUNKT_HEADER.match(line)
        if m:
            highest = max(highest, int(m.group(1)))
    return highest


def _side(lines):
    """(N, M) from the first "side N af M" on a page, or None."""
    for line in lines:
        if "ide" in line:
            m = SIDE_N_AF_M.search(line)
            if m:
                return int(m.group(1)), int(m.group(2))
    return None


def _classify_page(page):
    """What document a page starts, as (kind, (N, M) of "side N af M" or None); kind None: no start."""
    head = _head(page.lines, 15)
    if not head:
        return None, None
    if INDSTILLING_HEADER.match(head[0]):
        return "indstilling", _side(head[:6])
    if REFERAT_HEADER.match(head[0]) and any(PUNKT_HEADER.match(line) for line in page.lines):
        return "referat", None
    has_date = has_subject = False
    for i, line in enumerate(head):
        if MOEDEDATO.match(line):
            has_date = True
        elif EMNE.match(line) or DAGSORDEN_KORT.match(line) or MOEDETID.match(line):
            has_subject = True
        elif EMNE_SPLIT.match(line) and i + 1 < len(head):
            has_subject = has_subject or head[i + 1].startswith("ne:")  # "Em-" / "ne:" (seed lines 724-725)
    if has_date and has_subject:
        return "agenda", None
    return None, None


def _group_documents(pages):
    """Run through the pages and decide for each one: a new document, or the next page of the current one."""
    docs = []
    for page in pages:
        kind, side = _classify_page(page)
        current = docs[-1] if docs else None
        if kind == "indstilling":
            # Every page of an Indstilling repeats the header; "side 2 af 2" continues the current one.
            if current and current.kind == "indstilling" and side and side[0] > 1 and not current.finished:
                current.add(page)
            else:
                docs.append(_new_document("indstilling", page))
        elif kind in ("referat", "agenda"):
            docs.append(_new_document(kind, page))
        elif page.label:
            doc = _new_document("bilag", page)
            doc.label = page.label
            docs.append(doc)
        elif current is None:
            if any(page.lines):
                docs.append(_new_document("unknown", page))
        elif _continues_document(current, page):
            current.add(page)
        elif current.kind == "indstilling" or (current.kind == "bilag" and current.label is None):
            # Unlabelled pages right after an Indstilling's last page are its (next) Bilag.
            doc = _new_document("bilag", page)
            doc.owner = len(docs) - 1 if current.kind == "indstilling" else current.owner
            docs.append(doc)
        elif any(page.lines):
            docs.append(_new_document("unknown", page))
    return docs


def _new_document(kind, page):
    doc = _Document(kind=kind, pages=[page])
    doc._note(page)
    return doc


def _continues_document(doc, page):
    """Whether an unclassified page is the next page of `doc`."""
    if doc.kind in ("bilag", "unknown"):
        return True  # a multi-page Bilag (the Handlingsnotat runs over several pages)
    if doc.kind == "agenda":
        side = _side(page.lines[:8])
        # Not every agenda page has furniture (seed line 842 " Ansvarlig: ..."), so pages count.
        return not doc.finished or bool(side and side[0] > 1)
    if doc.kind == "indstilling":
        return not doc.finished and doc.total_pages is not None
    if doc.kind == "referat":
        if any(
            (m := PUNKT_HEADER.match(line)) and int(m.group(1)) == doc.last_punkt + 1 for line in page.lines
        ):
            return True
        last_lines = doc.pages[-1].lines
        last = _last_nonblank(last_lines)
        first = _first_nonblank(page.lines)
        if last is not None and first is not None:
            prev, nxt = last_lines[last], page.lines[first]
            return bool(nxt[0].islower() and not SENTENCE_END.search(prev))
    return False


def _document_lines(doc, clean_page=None):
    """All lines of a document; a blank line stands where one page ends and the next begins."""
    out = []
    for page in doc.pages:
        lines = clean_page(page.lines) if clean_page else page.lines
        if out and out[-1]:
            out.append("")
        out.extend(lines)
    return out


# ==================================================================================================
# The plain page furniture of Referats and Bilag
# ==================================================================================================


def _clean_plain_page(lines):
    """Page furniture in Referats and Bilag: lone "Side N af M" and a page number near the top."""
    out = []
    seen = 0
    for line in lines:
        if line:
            seen += 1
            if PAGE_OF.match(line):
                line = strip_page_of(line)
                if not line:
                    continue
            elif seen <= 3 and LONE_PAGE_NUMBER.match(line):
                continue  # the brochure's page number: " CENTRALE UDFORDRINGER" / "3"
        out.append(line)
    return out


def _bilag_text(doc):
    return _tidy(_clean(_document_lines(doc, _clean_plain_page)))
