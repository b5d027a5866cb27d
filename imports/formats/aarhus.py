"""Parser for what Aarhus Kommune publishes: a BUNDLE of PDF documents run together as text.

The text of one bundle holds several documents, one after the other, in any order:

* a ``Referat`` of an alderman's meeting (rådmandsmøde): a page that starts with "Referat" and
  holds items ``Punkt N: <title> (10 min)`` followed by the decision text only. The date is
  usually not stated.
* an ``Indstilling til Rådmanden``: each page starts with the header " Indstilling til Rådmanden",
  "24.06.2024 - 10 minutter", "side 1 af 2". Page 1 holds the title and sections in CAPITALS
  (INDLEDNING, INDSTILLING, SAGSFREMSTILLING, RESSOURCER, KOMMUNIKATION, VIDERE PROCES,
  KOORDINERET MED, BILAG) and a footer (department, date, Sagsbehandler, Tlf., E-post).
  It belongs to the Referat item with the same title, and gives that Referat its date.
* the Indstilling's Bilag: either unlabelled pages right after the Indstilling's last page, or
  pages labelled "Punkt 3, Bilag 2:" (the label line sits just before the page or on top of it).
* a ``Dagsorden`` (agenda) of a committee: page furniture " 21. juni 2024" + "Side 1 af 5"
  (glued to text on later pages: "Side 2 af 5Tid: ..."), "Emne:" (hyphenated "Em-"/"ne:"),
  "Mødedato:", "Mødetid:", "Mødested:", "Dagsorden kort:" (a table of contents), then items
  ``N. <title>`` with the fields Baggrund/formål, Metode, Ansvarlig, Tid and Bilag, and
  sub-points "A) ...". A letterhead sidebar from page 1 ("SOCIALE FORHOLD OG" / "BESKÆFTIGELSE" /
  ... / "Aarhus Kommune" / address / "Sag: EMN-2024-027961" / "Sagsbehandler:") is printed in the
  middle of the text; it names the department and the agenda's case number.

A line that starts with a space and has content marks where a new PDF page began.

The pipeline, one step per section of this file:

1. pages: cut the text where a page begins; move "Punkt 3, Bilag 2:" labels onto their page.
2. documents: a page that starts a Referat, an Indstilling or an agenda starts a document; other
   pages continue the current one (an agenda until its "Side M af M", an Indstilling until its
   "side M af M"), or, after a finished Indstilling, are its unlabelled Bilag.
3. parse each kind: Referat -> items with decisions; Indstilling -> title, date, recommendation,
   sections, BILAG list; agenda -> meeting with items; letterheads give department and case.
4. merge: each Indstilling goes into the Referat item with the same title (and dates that
   Referat); its Bilag documents fill its BILAG list; an Indstilling that matches no item
   becomes an agenda of its own. Output: the Referats (kind "minutes"), the agendas, and such
   Indstillinger, in the order of the bundle.

Everything is linear in the length of the text (no line is compared with all others), and
anything that does not fit the format ends in a warning on the meeting, never in a crash.
Pure Python, no Django: the result is a list of ``ParsedMeeting`` (see types.py).
"""

import bisect
import datetime
import difflib
import re
from dataclasses import dataclass, field

from ..text import (
    MONTH_NAMES,
    MONTHS,
    PAGE_OF,
    clean_block,
    join_two,
    normalize,
    one_line,
    paragraphs,
    strip_page_of,
    to_text,
)
from ..types import (
    MinutesError,
    NotMinutesError,
    ParsedAttachment,
    ParsedItem,
    ParsedMeeting,
    ParsedSection,
)

MUNICIPALITY = "Aarhus"
ALDERMAN_MEETING = "Rådmandsmøde"

# --- Document starts -------------------------------------------------------------------------------

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

# --- Page furniture -------------------------------------------------------------------------------

# "Side 2 af 5" / "side 1 af 2", anywhere on a line (PAGE_OF in text.py only looks at the start).
SIDE_N_AF_M = re.compile(r"\b[Ss]ide\s+(\d{1,3})\s+af\s+(\d{1,3})")
TRAILING_PAGE_OF = re.compile(r"\s*\b[Ss]ide\s+\d{1,3}\s+af\s+\d{1,3}\s*$")
# "24.06.2024 - 10 minutter" under the Indstilling header.
INDSTILLING_DATE_LINE = re.compile(
    r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*[-–]\s*(\d{1,3})\s*min(?:utter|\.)?)?$"
)
LONE_PAGE_NUMBER = re.compile(r"^\d{1,3}$")

# --- Dates and times ------------------------------------------------------------------------------

_MONTH_NAMES = MONTH_NAMES
DANISH_DATE = re.compile(rf"\b(\d{{1,2}})\.?\s*({_MONTH_NAMES})\s+(\d{{4}})\b", re.IGNORECASE)
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[.-](\d{1,2})[.-](\d{4})\b")
LONE_DANISH_DATE = re.compile(rf"^\d{{1,2}}\.\s*(?:{_MONTH_NAMES})\s+\d{{4}}$", re.IGNORECASE)
LONE_NUMERIC_DATE = re.compile(r"^\d{1,2}[.-]\d{1,2}[.-]\d{4}$")
STARTS_WITH_MONTH = re.compile(rf"^(?:{_MONTH_NAMES})\b", re.IGNORECASE)
TIME = re.compile(r"\b(\d{1,2})[.:](\d{2})\b")
TIME_RANGE = re.compile(r"(\d{1,2})[.:](\d{2})\s*(?:[-–—]|til)\s*(\d{1,2})[.:](\d{2})")
# "(10 min)" after a Referat title, "(15 min.)" after an agenda "Tid:".
# No leading \s*: with search() it would restart at every blank of a long run (quadratic, found by
# bench/fuzz_parsers.py); callers strip what is left before the suffix.
MINUTES_SUFFIX = re.compile(r"\(\s*(\d{1,3})\s*min(?:\.|utter)?\s*\)\s*$")
MINUTES_IN_TEXT = re.compile(r"\(\s*(\d{1,3})\s*min(?:\.|utter)?\s*\)")

# --- Letterhead sidebar (lines 774-794 of the seed) -----------------------------------------------

LETTERHEAD_ANCHOR = "Aarhus Kommune"
LETTERHEAD_FIELD = re.compile(
    r"^(?:(?:Telefon|Direkte telefon|Tlf|Fax|Direkte e-?mail|E-?mail|E-?post|Sag|Sagsnr|Sagsbehandler|"
    r"Dato|CVR|EAN)\b\.?\s*:|www\.)",
    re.IGNORECASE,
)
CASE_LINE = re.compile(r"^Sag(?:snr\.?|snummer)?\s*:\s*(\S+)")
SAGSBEHANDLER = re.compile(r"^Sagsbehandler\s*:\s*(.*)$")
# "\S+@\S+" would be quadratic in a long line without spaces (found by bench/fuzz_parsers.py):
# searching needs only the "@" with a character either side; a whole line is matched from its start.
EMAIL = re.compile(r"\S@\S")
EMAIL_LINE = re.compile(r"[^\s@]+@\S+")
POSTCODE = re.compile(r"^\d{4}\s+\w")
ALL_CAPS = re.compile(r"^[A-ZÆØÅÉ][A-ZÆØÅÉ ,/&-]*$")
SMALL_WORDS = {"og", "i", "for", "af", "til", "med", "på"}

# --- Indstilling ----------------------------------------------------------------------------------

# A section heading in CAPITALS: "INDLEDNING", "VIDERE PROCES", "KOORDINERET MED".
SECTION_HEADING = re.compile(r"^[A-ZÆØÅ][A-ZÆØÅ ,/&-]*[A-ZÆØÅ]$")
BILAG_ENTRY = re.compile(r"^(?:[-–•]\s*)?Bilag\s+(\d{1,3})\s*[:.)]\s*(.*)$")
BULLET_ENTRY = re.compile(r"^[-–•]\s*(.*)$")
FOOTER_FIELD = re.compile(r"^(?:Tlf\.?|Telefon|E-?post|E-?mail|Mail|Sagsnr\.?|Sag)\s*:", re.IGNORECASE)
# "Det indstilles," / "Sociale Forhold og Beskæftigelse indstiller, at ..." starts the recommendation.
RECOMMENDATION_START = re.compile(r"^(?:Det\s+indstilles\b|[^.]{0,80}\bindstiller\b\s*(?:[,:]|at\b|$))")
RECOMMENDATION_MORE = re.compile(r"^(?:\d{1,2}[.)]\s*|[-–•]\s*)?at\b")
EMPTY_SECTION = re.compile(r"^[-–—.\s]*$")
# "Bilag: Ingen" / "BILAG" / "-": no attachment.
NO_ATTACHMENT = re.compile(r"^(?:ingen(?:\s+bilag)?|[-–—]+)\.?$", re.IGNORECASE)

# --- Agenda items ---------------------------------------------------------------------------------

# "4. Byrådshenvist sag: ..." and "10.Kurser ..." but not "3.1: Fremme" (a digit after the dot).
AGENDA_ITEM = re.compile(r"^(\d{1,2})\.(?!\d)\s*(\S.*)$")
SUB_POINT = re.compile(r"^([A-Z])\)\s+(\S.*)$")
AGENDA_FIELD = re.compile(
    r"^(Baggrund\s*/\s*formål|Baggrund og formål|Formål|Baggrund|Metode|Ansvarlig|Tid|Bilag|"
    r"Indstilling|Beslutning|Sagsnr\.?|Sag)\s*:\s*(.*)$"
)
# Labels that PDF hyphenation may split over two lines ("Em-" / "ne:", "Baggrund/for-" / "mål:").
LABEL_FRAGMENT = re.compile(r"^[\w/]{1,20}-$")
SPLIT_LABEL = re.compile(
    r"^(?:Emne|Mødedato|Mødetid|Mødested|Dagsorden kort|Baggrund\s*/\s*formål|Metode|Ansvarlig|Bilag)\s*:"
)
# "Emne:" values: "Social- og Beskæftigelsesudvalgsmøde", "Møde i Teknisk Udvalg den 3. juni 2024".
SUBJECT_PREFIX = re.compile(r"^(?:Dagsorden\s+(?:til|for)\s+)?(?:møde\s+i\s+)?", re.IGNORECASE)
SUBJECT_DATE = re.compile(r"\s+(?:den|d\.)\s+\d.*$")
SEPARATE_UDVALGSMOEDE = re.compile(r"^(.*\S)\s+[Uu]dvalgsmøde$")
GLUED_UDVALGSMOEDE = re.compile(r"^(.*\S)udvalgsmøde$")
# A title wraps over a few lines at most; lines past this many are text, not title.
MAX_TITLE_LINES = 5
CLOSED = re.compile(r"\bLUKKET\s+PUNKT\b|^Lukket punkt\b", re.IGNORECASE)
SECTION_FIELDS = {"Baggrund/formål", "Baggrund og formål", "Formål", "Baggrund", "Metode"}

# --- Prose absences ("Direktør Erik Kaastrup-Hansen og stabschef Louise Rohde var forhindret.") --

SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")
ABSENCE_PHRASE = re.compile(
    r"^(?P<who>.+?)\s+(?:(?:var|er|blev)\s+forhindret|(?:havde|har)\s+(?:meldt\s+)?afbud|meldte\s+afbud|"
    r"deltog\s+ikke|deltager\s+ikke|(?:var|er)\s+fraværende)\b"
)
ABSENCE_PREFIX = re.compile(r"^(?:Afbud\s+fra|Afbud\s*:|Fraværende\s*:)\s*(?P<who>.+?)\.?$", re.IGNORECASE)
NAME_SPLIT = re.compile(r",\s*|\s+og\s+|\s+samt\s+")
PARENTHESIS = re.compile(r"\s*\([^)]*\)")
ROLE_WORDS = {
    "direktør",
    "direktøren",
    "rådmand",
    "rådmanden",
    "borgmester",
    "borgmesteren",
    "konsulent",
    "konsulenten",
    "chef",
    "chefen",
    "sekretær",
    "formand",
    "formanden",
    "næstformand",
    "udvalgsformand",
    "leder",
    "afdelingsleder",
    "medarbejder",
    "fuldmægtig",
    "rådgiver",
    "sagsbehandler",
}
ROLE_ENDINGS = ("chef", "chefen", "direktør", "direktøren", "konsulent", "konsulenten", "leder", "formand")
NAME_PARTICLES = {"von", "van", "de", "du", "la", "le", "af"}

SENTENCE_END = re.compile(r"[.!?:]$")
SLASH_SPACING = re.compile(r"\s*/\s*")
# "3.1: Fremme demokratiske værdier," -- a numbered sub-point, one line each.
MULTISPACE = re.compile(r"[ \t]{2,}|\t")
BULLET_SPACING = re.compile(r"^([•▪◦])[ \t]+", re.MULTILINE)
TITLE_KEY_JUNK = re.compile(r"[^\w]+")


# ==================================================================================================
# Public interface
# ==================================================================================================


def looks_like(text):
    """Cheap check: does the (normalised) text hold an Aarhus Referat, Indstilling or agenda?"""
    if not isinstance(text, str):
        return False
    lines = normalize(_mark_form_feeds(text)).split("\n")
    return any(_classify_page(page)[0] for page in _split_pages(lines))


def parse(text, base_url=None):
    """The meetings in an Aarhus bundle. Raises NotMinutesError, and nothing else, on a bad input."""
    try:
        return _parse_bundle(text)
    except MinutesError:
        raise
    except Exception as exc:  # the importer's contract: a bad file is reported, never a crash
        raise NotMinutesError(
            f"Teksten kan ikke læses som et bundt fra Aarhus ({type(exc).__name__}: {exc})"
        ) from exc


def _parse_bundle(text):
    """The pipeline; `parse` only adds the guarantee that nothing but NotMinutesError escapes."""
    lines = normalize(_mark_form_feeds(text)).split("\n")
    pages = _split_pages(lines)
    docs = _group_documents(pages)
    if not any(doc.kind in ("referat", "indstilling", "agenda") for doc in docs):
        first = next((n for n, line in enumerate(lines, 1) if line.strip()), None)
        raise NotMinutesError(
            "Ikke et bundt fra Aarhus: intet referat, ingen indstilling til rådmanden og ingen dagsorden",
            line=first,
        )
    return _build_meetings(docs)


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


def _first_nonblank(lines, start=0):
    for i in range(start, len(lines)):
        if lines[i]:
            return i
    return None


def _last_nonblank(lines):
    for i in range(len(lines) - 1, -1, -1):
        if lines[i]:
            return i
    return None


def _head(lines, count):
    """The first `count` non-blank lines."""
    out = []
    for line in lines:
        if line:
            out.append(line)
            if len(out) == count:
                break
    return out


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
# Step 3a: the letterhead sidebar
# ==================================================================================================


@dataclass
class _Letterhead:
    department: str | None = None
    case_number: str | None = None


def _strip_letterhead(lines):
    """Remove letterhead sidebars from a document's lines; return (lines, _Letterhead).

    The sidebar of page 1 (seed lines 775-794) lands in the middle of the text:
    "SOCIALE FORHOLD OG" / "BESKÆFTIGELSE" / "Fagligt Sekretariat" / "Aarhus Kommune" / address /
    "Telefon: ..." / "Direkte e-mail:" / addresses / "Sag: EMN-2024-027961" / "Sagsbehandler:" / names.
    """
    info = _Letterhead()
    drop = set()
    for anchor, line in enumerate(lines):
        if line != LETTERHEAD_ANCHOR or anchor in drop:
            continue
        end = _letterhead_end(lines, anchor)
        if end is None:
            continue  # "Aarhus Kommune" alone on a line but no phone/case/e-mail after it: not a letterhead
        start, department = _letterhead_start(lines, anchor)
        for i in range(start, end + 1):
            drop.add(i)
            m = CASE_LINE.match(lines[i])
            if m and info.case_number is None:
                info.case_number = m.group(1).rstrip(".,")
        if department and info.department is None:
            info.department = department
    if not drop:
        return lines, info
    return [line for i, line in enumerate(lines) if i not in drop], info


def _letterhead_start(lines, anchor):
    """Index of the letterhead's first line, and the department it names.

    Above "Aarhus Kommune" stand up to two short name lines ("Fagligt Sekretariat") and, above
    them, the department in CAPITALS ("SOCIALE FORHOLD OG" / "BESKÆFTIGELSE"). Without capitals,
    the upper name line is the department, but only when the block stands alone (a blank line or
    the page start above it): otherwise it may be the end of a sentence of the text.
    """
    i = anchor - 1
    names = []
    while i >= 0 and len(names) < 2 and _is_letterhead_name(lines[i]) and not ALL_CAPS.match(lines[i]):
        names.append(i)
        i -= 1
    caps = []
    while i >= 0 and len(caps) < 4 and lines[i] and ALL_CAPS.match(lines[i]):
        caps.append(i)
        i -= 1
    if caps:
        return caps[-1], _title_case(" ".join(lines[k] for k in reversed(caps)))
    standalone = i < 0 or not lines[i]
    if len(names) == 2 and standalone:
        return names[-1], lines[names[-1]]  # "Sociale Forhold og Beskæftigelse" / "Fagligt Sekretariat"
    if len(names) == 1 and standalone:
        return names[0], lines[names[0]]  # "Børn og Unge" / "Aarhus Kommune"
    return (names[0] if names else anchor), None


def _is_letterhead_name(line):
    """A short line naming something: "Fagligt Sekretariat", not a field and not the end of a sentence."""
    short = len(line.split()) < 6
    return bool(line) and short and ":" not in line and not line.endswith((".", ",", "!", "?"))


def _letterhead_end(lines, anchor):
    """Index of the letterhead's last line, or None when no contact/case line follows the anchor."""
    end = None
    seen_field = False
    i = anchor + 1
    limit = min(len(lines), anchor + 30)
    while i < limit:
        line = lines[i]
        if not line:
            i += 1
            continue
        if line == LETTERHEAD_ANCHOR:
            break  # the next letterhead (one after the other, they are each looked at once)
        if SAGSBEHANDLER.match(line):
            end = i
            # The names follow on the next lines ("Sofie Brøndt Jørgensen/" / "Jan Gehlert").
            name_on_line = SAGSBEHANDLER.match(line).group(1).strip()
            more = not name_on_line or name_on_line.endswith(("/", ","))
            j = i + 1
            while more and j < len(lines) and lines[j] and ":" not in lines[j] and len(lines[j].split()) <= 5:
                end = j
                more = lines[j].endswith(("/", ","))
                j += 1
            return end
        if LETTERHEAD_FIELD.match(line) or EMAIL.search(line) or POSTCODE.match(line):
            seen_field = True
            end = i
        elif not seen_field and len(line.split()) <= 6 and not line.endswith("."):
            end = i  # the address block: "FAS Ledelse og Sundhed" / "Jægergården," / "Værkmestergade 15 B"
        else:
            break
        i += 1
    return end if seen_field else None


def _title_case(caps):
    """ "SOCIALE FORHOLD OG BESKÆFTIGELSE" -> "Sociale Forhold og Beskæftigelse"."""
    words = []
    for word in caps.split():
        lower = word.lower()
        words.append(lower if lower in SMALL_WORDS and words else word.capitalize())
    return " ".join(words)


# ==================================================================================================
# Step 3b: Referat
# ==================================================================================================


@dataclass
class _Referat:
    doc_index: int
    date: datetime.date | None
    items: list[ParsedItem]
    warnings: list[str] = field(default_factory=list)
    date_from_text: bool = False


def _parse_referat(doc, doc_index):
    lines, _ = _strip_letterhead(_document_lines(doc, _clean_plain_page))
    headers = _punkt_headers(lines)
    first_item = headers[0][0] if headers else len(lines)
    # The date is stated (if at all) before the first Punkt: "Referat fra rådmandsmøde den 24. juni 2024".
    date = _find_date(" ".join(lines[:first_item]))
    items = []
    for k, (_, number, title_end, title_lines) in enumerate(headers):
        body_end = headers[k + 1][0] if k + 1 < len(headers) else len(lines)
        title, minutes = _split_minutes(one_line(title_lines))
        decision = _clean(lines[title_end:body_end])
        items.append(
            ParsedItem(
                number=str(number),
                title=title or f"Punkt {number}",
                decision=decision,
                absences=_absences(decision),
                duration_minutes=minutes,
            )
        )
    return _Referat(doc_index=doc_index, date=date, items=items, date_from_text=date is not None)


def _punkt_headers(lines):
    """[(line index, number, index after the title, title lines)] of the "Punkt N:" headers, in sequence."""
    headers = []
    previous = 0
    i = 0
    while i < len(lines):
        m = PUNKT_HEADER.match(lines[i])
        number = int(m.group(1)) if m else 0
        # Numbers go up (a missing Punkt is tolerated): "Punkt 2:" quoted in a decision is not a header.
        if not m or not (previous < number <= previous + 3 or (not headers and number > 0)):
            i += 1
            continue
        title_lines = [m.group(2)]
        j = i + 1
        # "Punkt 3: Status på det gentænkningen af det kriminalpræventive" / "område (10 min)".
        while (
            j < len(lines)
            and lines[j]
            and len(title_lines) < MAX_TITLE_LINES
            and not MINUTES_SUFFIX.search(title_lines[-1])
            and not PUNKT_HEADER.match(lines[j])
        ):
            title_lines.append(lines[j])
            j += 1
        headers.append((i, number, j, title_lines))
        previous = number
        i = j
    return headers


def _split_minutes(title):
    """ "Orientering fra udvalget (5 min)" -> ("Orientering fra udvalget", 5)."""
    m = MINUTES_SUFFIX.search(title)
    if not m:
        return title.strip(), None
    return title[: m.start()].strip(), int(m.group(1))


def _absences(text):
    """Names of people the decision text says were absent ("... og stabschef Louise Rohde var forhindret")."""
    names = []
    for paragraph in text.split("\n"):
        for sentence in SENTENCE_SPLIT.split(paragraph):
            sentence = sentence.strip()
            m = ABSENCE_PHRASE.match(sentence) or ABSENCE_PREFIX.match(sentence)
            if not m:
                continue
            for part in NAME_SPLIT.split(PARENTHESIS.sub("", m.group("who"))):
                name = _person(part)
                if name and name not in names:
                    names.append(name)
    return names


def _person(part):
    """ "Direktør Erik Kaastrup-Hansen" -> "Erik Kaastrup-Hansen"; "" when no full name is given.

    The name is the run of capitalised words at the end of the part, after the role words. A single
    word is not taken: "Rådmanden var forhindret" names nobody, and in "Godkendt, men Erik Hansen var
    forhindret" the part "Godkendt" is no person.
    """
    tokens = part.strip().strip(".,;:").split()
    run = []
    for token in reversed(tokens):
        if token[:1].isupper() or (run and token in NAME_PARTICLES):
            run.insert(0, token)
        else:
            break
    while run and _is_role(run[0]):
        run.pop(0)
    return " ".join(run) if len(run) >= 2 else ""


def _is_role(word):
    word = word.lower().strip(".,")
    return word in ROLE_WORDS or word.endswith(ROLE_ENDINGS)


# ==================================================================================================
# Step 3c: Indstilling til Rådmanden
# ==================================================================================================


@dataclass
class _Indstilling:
    doc_index: int
    first_line: int
    title: str
    date: datetime.date | None
    duration: int | None
    recommendation: str
    presentation: str
    sections: list[ParsedSection]
    bilag: dict[int, ParsedAttachment]  # Bilag number -> attachment, in the order of the BILAG list
    extra: list[ParsedAttachment] = field(default_factory=list)  # pages it did not list
    warnings: list[str] = field(default_factory=list)


def _parse_indstilling(doc, doc_index):
    date, duration = None, None
    for line in _head(doc.pages[0].lines, 6):
        m = INDSTILLING_DATE_LINE.match(line)
        if m:
            date = _make_date(m.group(3), m.group(2), m.group(1))
            duration = int(m.group(4)) if m.group(4) else None
            break
    lines = _drop_indstilling_footer(_document_lines(doc, _clean_indstilling_page))
    lines, _ = _strip_letterhead(lines)

    # The title: the lines before the first section heading (seed line 41).
    start = _first_nonblank(lines)
    title_lines = []
    i = start if start is not None else len(lines)
    while (
        i < len(lines)
        and lines[i]
        and not _is_section_heading(lines[i])
        and len(title_lines) < MAX_TITLE_LINES
    ):
        title_lines.append(lines[i])
        i += 1

    preamble, sections = [], []  # sections: [heading, lines]
    for line in lines[i:]:
        if _is_section_heading(line):
            sections.append([line, []])
        elif sections:
            sections[-1][1].append(line)
        else:
            preamble.append(line)

    recommendation, presentation, extra_sections, bilag = [], [], [], {}
    for heading, body in sections:
        name = heading.strip().upper()
        if name == "BILAG":
            bilag = _bilag_list(body)
        elif name in ("INDSTILLING", "INDSTILLINGER"):
            recommendation.extend(paragraphs(body, join_across_blank=True))
        elif name == "SAGSFREMSTILLING":
            presentation.extend(paragraphs(body, join_across_blank=True))
        else:
            extra_sections.append((heading.strip().capitalize(), paragraphs(body, join_across_blank=True)))
    presentation = paragraphs(preamble, join_across_blank=True) + presentation

    # Here INDSTILLING is empty and the recommendation ends SAGSFREMSTILLING ("Det indstilles," /
    # "1. at rådmanden tager status ..."): take it out of the text it stands in.
    if not recommendation:
        recommendation, presentation = _take_recommendation(presentation)
        for k, (heading, paras) in enumerate(extra_sections):
            if not recommendation:
                recommendation, paras = _take_recommendation(paras)
                extra_sections[k] = (heading, paras)

    sections_out = []
    for heading, paras in extra_sections:
        text = to_text(paras)
        if not EMPTY_SECTION.match(text):  # "RESSOURCER" / "-": nothing to say
            sections_out.append(ParsedSection(heading=heading, text=_tidy(text)))
    return _Indstilling(
        doc_index=doc_index,
        first_line=doc.first_line,
        title=one_line(title_lines),
        date=date,
        duration=duration,
        recommendation=_tidy(to_text(recommendation)),
        presentation=_tidy(to_text(presentation)),
        sections=sections_out,
        bilag=bilag,
    )


def _clean_indstilling_page(lines):
    """Drop the page header "Indstilling til Rådmanden" / "24.06.2024 - 10 minutter" / "side 1 af 2".

    Only the first four lines count: a date line further down is content (or the footer's date).
    """
    out = []
    seen = 0
    for line in lines:
        seen += bool(line)
        if seen <= 4 and (INDSTILLING_HEADER.match(line) or INDSTILLING_DATE_LINE.match(line)):
            continue
        if PAGE_OF.match(line):
            line = strip_page_of(line)
            if not line:
                continue
        out.append(line)
    return out


def _is_section_heading(line):
    return bool(SECTION_HEADING.match(line)) and sum(c.isalpha() for c in line) >= 5


def _drop_indstilling_footer(lines):
    """Remove the footer "Fagligt Sekretariat" / "19.06.2024" / "Sagsbehandler:" / "Tlf.:" / "E-post:"."""
    drop = set()
    for idx, line in enumerate(lines):
        if not SAGSBEHANDLER.match(line):
            continue
        drop.add(idx)
        # Backwards: at most a date and, above it, the department line.
        i, seen_date = idx - 1, False
        while i >= 0 and idx - i <= 6:
            text = lines[i]
            if not text:
                i -= 1
                continue
            if LONE_NUMERIC_DATE.match(text) and not seen_date:
                seen_date = True
            elif _is_unit_line(text):
                drop.update(range(i, idx))
                break
            else:
                break
            drop.update(range(i, idx))
            i -= 1
        # Forwards: the phone and e-mail lines.
        j = idx + 1
        while j < len(lines) and (
            not lines[j] or FOOTER_FIELD.match(lines[j]) or EMAIL_LINE.fullmatch(lines[j])
        ):
            drop.add(j)
            j += 1
    if not drop:
        return lines
    return [line for i, line in enumerate(lines) if i not in drop]


def _is_unit_line(text):
    """A short name like "Fagligt Sekretariat": no punctuation at the end, no field, not a Bilag entry."""
    return (
        len(text.split()) <= 5
        and not text.endswith((".", ",", ":", ";", "-"))
        and ":" not in text
        and not BILAG_ENTRY.match(text)
        and not _is_section_heading(text)
        and not BULLET_ENTRY.match(text)
    )


def _bilag_list(body):
    """The BILAG list: "Bilag 1: Handleplan - Integrationsområdet JUNI 2024" / "Bilag 2: Handlingsnotat"."""
    entries = []  # (number, the title's wrapped lines)
    after_blank = False
    for line in body:
        if not line:
            after_blank = True
            continue
        m = BILAG_ENTRY.match(line)
        bullet = BULLET_ENTRY.match(line)
        if m:
            entries.append((int(m.group(1)), [line.lstrip("-–• ")]))
        elif bullet or not entries:
            entries.append((len(entries) + 1, [bullet.group(1) if bullet else line]))
        elif not after_blank or line[0].islower() or entries[-1][1][-1].rstrip().endswith("-"):
            entries[-1][1].append(line)  # "Bilag 1: Beregningsmodel " / "for ressourcetildeling"
        else:
            entries.append((len(entries) + 1, [line]))
        after_blank = False
    bilag = {}
    for number, title_lines in entries:
        title = one_line(title_lines)
        if EMPTY_SECTION.match(title) or NO_ATTACHMENT.match(title):
            continue
        while number in bilag:  # two entries with the same number: keep both
            number += 1000
        bilag[number] = ParsedAttachment(title=_tidy(title))
    return bilag


def _take_recommendation(paras):
    """Split "Det indstilles," (+ the "at ..." points after it) off a list of paragraphs."""
    for k, para in enumerate(paras):
        if para and RECOMMENDATION_START.match(para[0]):
            end = k + 1
            while end < len(paras) and paras[end] and RECOMMENDATION_MORE.match(paras[end][0]):
                end += 1
            return paras[k:end], paras[:k] + paras[end:]
    return [], paras


# ==================================================================================================
# Step 3d: Bilag
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


# ==================================================================================================
# Step 3e: Dagsorden (agenda)
# ==================================================================================================


@dataclass
class _Agenda:
    meeting: ParsedMeeting
    letterhead: _Letterhead


def _parse_agenda(doc):
    furniture = _furniture_date(doc)

    def clean_page(lines):
        return _clean_agenda_page(lines, furniture)

    lines, letterhead = _strip_letterhead(_document_lines(doc, clean_page))
    lines = _join_split_labels(lines)
    meeting = ParsedMeeting(municipality=MUNICIPALITY, committee="", kind="agenda")

    # The header: Emne, Mødedato, Mødetid, Mødested, up to the table of contents or item 1.
    body_start = len(lines)
    toc_start = None
    subject = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if DAGSORDEN_KORT.match(line):
            toc_start = i + 1
            break
        if (m := AGENDA_ITEM.match(line)) and m.group(1) == "1":
            body_start = i
            break
        if m := EMNE.match(line):
            subject = m.group(1).strip() or _next_value(lines, i)
        elif m := MOEDEDATO.match(line):
            meeting.date = _find_date(m.group(1) or _next_value(lines, i) or "")
        elif m := MOEDETID.match(line):
            meeting.start_time, meeting.end_time = _times(m.group(1))
        elif m := MOEDESTED.match(line):
            meeting.location = m.group(1).strip() or _next_value(lines, i) or None
        i += 1

    toc = {}
    if toc_start is not None:
        toc, body_start = _table_of_contents(lines, toc_start)
    elif body_start < len(lines) and _looks_like_toc(lines, body_start):
        toc, body_start = _table_of_contents(lines, body_start)

    items = _agenda_items(lines, body_start, toc)
    if toc and not items:
        items = _agenda_items(lines, body_start, {})  # the contents did not match the items: go without

    if letterhead.case_number:
        # "Sag: EMN-2024-027961" is the agenda's case in Aarhus's case system; closed items get none.
        for item in items:
            if not item.closed and not item.case_number:
                item.case_number = letterhead.case_number

    if subject:
        meeting.committee = _committee(subject)
    else:
        meeting.committee = "Udvalgsmøde"
        meeting.warnings.append("Dagsordenen nævner intet udvalg (ingen 'Emne:')")
    if meeting.date is None:
        meeting.warnings.append("Mødets dato er ikke angivet (ingen 'Mødedato:')")
    meeting.items = items
    return _Agenda(meeting=meeting, letterhead=letterhead)


def _furniture_date(doc):
    """The date printed on every agenda page (" 21. juni 2024" next to "Side 1 af 5"): not content."""
    for page in doc.pages:
        head = _head(page.lines, 4)
        for k, line in enumerate(head):
            if not LONE_DANISH_DATE.match(line) and not LONE_NUMERIC_DATE.match(line):
                continue
            near = head[max(0, k - 1) : k + 2]
            if k == 0 or any(PAGE_OF.match(other) or TRAILING_PAGE_OF.search(other) for other in near):
                return line
    return None


def _clean_agenda_page(lines, furniture):
    """Drop the page furniture; "Side 2 af 5Tid: 17.53 – 17.55 (2 min.)" keeps "Tid: ..." (seed line 796).

    The furniture date is only dropped where furniture sits: among the first or last three lines of
    the page, or next to a "Side N af M". A wrapped "... den" / "21. juni 2024" in the text stays.
    """
    filled = [i for i, line in enumerate(lines) if line]
    edges = set(filled[:3] + filled[-3:])
    out = []
    for i, line in enumerate(lines):
        if furniture and line == furniture and (i in edges or _near_page_of(lines, i)):
            continue
        if furniture and line.startswith(furniture) and PAGE_OF.match(line[len(furniture) :]):
            line = line[len(furniture) :]  # " 21. juni 2024Side 2 af 5Tid: ..." (all glued together)
        if PAGE_OF.match(line):
            line = strip_page_of(line)
            if not line:
                continue
        elif "ide" in line and TRAILING_PAGE_OF.search(line):
            line = TRAILING_PAGE_OF.sub("", line)
            if not line:
                continue
        out.append(line)
    return out


def _near_page_of(lines, i):
    return any(PAGE_OF.match(lines[j]) for j in range(max(0, i - 2), min(len(lines), i + 3)) if j != i)


def _join_split_labels(lines):
    """Join a label hyphenated over two lines: "Em-" / "ne:" -> "Emne:" (seed lines 724-725)."""
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if LABEL_FRAGMENT.match(line):
            j = _first_nonblank(lines, i + 1)
            if j is not None and j - i <= 2:
                joined = join_two(line, lines[j])
                if SPLIT_LABEL.match(joined):
                    out.append(joined)
                    i = j + 1
                    continue
        out.append(line)
        i += 1
    return out


def _next_value(lines, i):
    """The value of a label that stands alone ("Emne:" / "" / "Social- og Beskæftigelsesudvalgsmøde")."""
    j = _first_nonblank(lines, i + 1)
    if j is None or j - i > 3 or AGENDA_FIELD.match(lines[j]) or ":" in lines[j][:20]:
        return None
    return lines[j]


def _committee(subject):
    """ "Social- og Beskæftigelsesudvalgsmøde" -> "Social- og Beskæftigelsesudvalget"."""
    name = SUBJECT_PREFIX.sub("", subject.strip())
    name = SUBJECT_DATE.sub("", name).strip()
    if m := SEPARATE_UDVALGSMOEDE.match(name):
        return f"{m.group(1)} Udvalg"  # "Teknisk Udvalgsmøde" -> "Teknisk Udvalg"
    if m := GLUED_UDVALGSMOEDE.match(name):
        return f"{m.group(1)}udvalget"
    return name or subject.strip()


def _looks_like_toc(lines, start):
    """Without "Dagsorden kort:", a numbered list without fields that restarts at "1." is the contents."""
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if AGENDA_FIELD.match(line):
            return False
        m = AGENDA_ITEM.match(line)
        if m and m.group(1) == "1":
            return True
    return False


def _table_of_contents(lines, start):
    """{number: title} of "Dagsorden kort:", and where the items begin (where the numbering restarts at 1)."""
    entries = {}  # number -> [the title's wrapped lines, how many]
    expected = 1
    current = None
    for i in range(start, len(lines)):
        line = lines[i]
        if not line:
            continue
        m = AGENDA_ITEM.match(line)
        number = int(m.group(1)) if m and not STARTS_WITH_MONTH.match(m.group(2)) else None
        if number == 1 and entries:
            return {n: one_line(title_lines) for n, (title_lines, _) in entries.items()}, i
        if number is not None and number == expected:
            current = number
            entries[number] = [[m.group(2)], 1]
            expected += 1
        elif current is not None and entries[current][1] < MAX_TITLE_LINES:
            # "3. Byrådshenvist sag: Svar på forslag fra demokratiprojektet " / "" / "”Lyt så ..."
            entries[current][0].append(line)
            entries[current][1] += 1
        elif current is None and AGENDA_FIELD.match(line):
            break
    return {}, start  # the numbering never restarted: this was not a table of contents


def _agenda_items(lines, start, toc):
    """Split the body into items ("N. title" in sequence) and parse each."""
    heads = []  # (line index, number, title, index after the title)
    last = 0
    numbers = sorted(toc)
    i = start
    while i < len(lines):
        header = _agenda_header(lines, i, last, toc, numbers)
        if header is None:
            i += 1
            continue
        number, title, after = header
        heads.append((i, number, title, after))
        last = number
        i = after
    items = []
    for k, (_, number, title, after) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
        items.append(_agenda_item(number, title, lines[after:end]))
    return items


def _agenda_header(lines, i, last, toc, numbers):
    """(number, title, index after the title) if lines[i] starts the next item, else None.

    Headers come in sequence, so a wrapped "26. juni 2024" or "3.1: Fremme ..." is not an item;
    with a table of contents the title must also match the entry for that number.
    """
    m = AGENDA_ITEM.match(lines[i])
    if not m or STARTS_WITH_MONTH.match(m.group(2)):
        return None
    number = int(m.group(1))
    first = m.group(2).strip()
    if toc:
        upcoming = [n for n in numbers if n > last][:3]
        if number not in upcoming or not _toc_prefix_match(first, toc[number]):
            return None
        target = _title_key(toc[number])
    elif number != last + 1:
        return None
    else:
        target = None

    title = first
    j = i + 1
    for _ in range(MAX_TITLE_LINES - 1):
        if j >= len(lines):
            break
        k = j if lines[j] else _first_nonblank(lines, j)
        if k is None:
            break
        line = lines[k]
        if AGENDA_FIELD.match(line) or SUB_POINT.match(line) or AGENDA_ITEM.match(line):
            break
        if target is None:
            if k != j:
                break  # without contents a title ends at the blank line
        elif len(_title_key(title)) >= len(target) or not _toc_prefix_match(
            join_two(title, line), toc[number]
        ):
            break
        title = join_two(title, line)
        j = k + 1
    return number, title, j


def _toc_prefix_match(text, toc_title):
    """Whether `text` (a title so far, maybe cut off mid-word) is the start of the contents' title."""
    key, target = _title_key(text.rstrip("-")), _title_key(toc_title)
    if not key or not target:
        return key == target
    if target.startswith(key) or key.startswith(target):
        return True
    return difflib.SequenceMatcher(None, key, target[: len(key)]).ratio() >= 0.8


@dataclass
class _Block:
    """An item or a sub-point: free text, then fields "Label: value" with their lines."""

    heading: str = ""
    loose: list[str] = field(default_factory=list)
    fields: list[tuple[str, list[str]]] = field(default_factory=list)


def _agenda_item(number, title, body):
    item = ParsedItem(number=str(number), title=title, closed=bool(CLOSED.search(title)))
    main = _Block()
    subs = []
    block = main
    for line in body:
        m = SUB_POINT.match(line)
        if m and m.group(1) == chr(ord("A") + len(subs)):  # "A) Evt. orientering", "B) ..." in order
            block = _Block(heading=line)
            subs.append(block)
            continue
        m = AGENDA_FIELD.match(line)
        if m:
            label = SLASH_SPACING.sub("/", m.group(1))
            block.fields.append((label, [m.group(2)]))
        elif block.fields:
            block.fields[-1][1].append(line)
        elif (
            block is not main
            and not block.loose
            and line
            and not block.heading.endswith((".", ":"))
            and len(block.heading) < 200
        ):
            block.heading = join_two(block.heading, line)  # a wrapped sub-point heading
        else:
            block.loose.append(line)

    presentation = list(main.loose)
    for label, value in main.fields:
        if label in SECTION_FIELDS:
            text = _tidy(_clean(value))
            if not EMPTY_SECTION.match(text):  # "Baggrund/formål:" left empty (items 6, 7 and 12)
                item.sections.append(ParsedSection(heading=label, text=text))
        else:
            presentation.extend(_apply_field(item, label, value))
    item.presentation = _tidy(_clean(presentation))

    durations = []
    for sub in subs:
        paras = paragraphs(sub.loose, join_across_blank=True)
        for label, value in sub.fields:
            if label == "Bilag":
                item.attachments.extend(_attachment_list(value))
                continue
            text = _clean(value)
            if label == "Ansvarlig" and text and item.responsible is None:
                item.responsible = one_line(_field_head(value))
            if label == "Tid":
                minutes = _duration(" ".join(value))
                if minutes is not None:
                    durations.append(minutes)
            if not EMPTY_SECTION.match(text):
                paras.append([f"{label}: {text}"])
        item.sections.append(ParsedSection(heading=_tidy(sub.heading), text=_tidy(to_text(paras))))
    # A sub-point's "Tid:" fills the item's duration when the item has none of its own (item 8).
    if item.duration_minutes is None and durations:
        item.duration_minutes = sum(durations)
    return item


def _apply_field(item, label, value):
    """Put an item-level field where it belongs; return lines that are not part of the field."""
    head = _field_head(value)
    rest = value[len(head) :]
    if label == "Ansvarlig":
        item.responsible = one_line(head) or item.responsible
        return rest
    if label == "Tid":
        item.duration_minutes = _duration(" ".join(head))
        return rest
    if label == "Bilag":
        item.attachments.extend(_attachment_list(value))
        return []
    if label in ("Sag", "Sagsnr", "Sagsnr."):
        item.case_number = one_line(head) or None
        return rest
    if label == "Indstilling":
        item.recommendation = _tidy(_clean(value))
        return []
    if label == "Beslutning":
        item.decision = _tidy(_clean(value))
        return []
    return [f"{label}: {value[0]}", *value[1:]]


def _field_head(value):
    """A field's own lines: up to the first blank line ("Ansvarlig: Eva Borchorst Mejnertz")."""
    return value[: value.index("")] if "" in value else value


def _attachment_list(value):
    """ "Bilag:" / "- title" lines; a title may wrap, even across a blank line (seed lines 764-766)."""
    titles = []  # the wrapped lines of each title
    for line in value:
        if not line:
            continue
        bullet = BULLET_ENTRY.match(line)
        if bullet:
            titles.append([bullet.group(1)])
        elif titles:
            titles[-1].append(line)
        else:
            titles.append([line])
    titles = [_tidy(one_line(title_lines)) for title_lines in titles]
    return [ParsedAttachment(title=title) for title in titles if title and not NO_ATTACHMENT.match(title)]


def _duration(text):
    """Minutes from "17.55 – 18.10 (15 min.)": the stated minutes, else the time span."""
    m = MINUTES_IN_TEXT.search(text)
    if m:
        return int(m.group(1))
    m = TIME_RANGE.search(text)
    if m:
        start, end = _make_time(m.group(1), m.group(2)), _make_time(m.group(3), m.group(4))
        if start and end and end > start:
            return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return None


def _times(text):
    """(start, end) from "Kl. 17.50 – 19.45" or "kl. 17.50"."""
    m = TIME_RANGE.search(text)
    if m:
        return _make_time(m.group(1), m.group(2)), _make_time(m.group(3), m.group(4))
    m = TIME.search(text)
    if m:
        return _make_time(m.group(1), m.group(2)), None
    return None, None


# ==================================================================================================
# Step 4: merge Indstillinger and Bilag into the Referat items, and build the meetings
# ==================================================================================================


def _build_meetings(docs):
    bundle_warnings = []
    referats, indstillinger, agendas = {}, {}, {}
    department = None
    for index, doc in enumerate(docs):
        if doc.kind == "referat":
            referats[index] = _parse_referat(doc, index)
        elif doc.kind == "indstilling":
            indstillinger[index] = _parse_indstilling(doc, index)
        elif doc.kind == "agenda":
            agendas[index] = _parse_agenda(doc)
            department = department or agendas[index].letterhead.department
    if department is None:
        for doc in docs:
            if doc.kind in ("referat", "indstilling"):
                department = _strip_letterhead(_document_lines(doc))[1].department
                if department:
                    break
    alderman = f"{ALDERMAN_MEETING} – {department}" if department else ALDERMAN_MEETING

    matches = _match_indstillinger(indstillinger, referats)
    _attach_bilag(docs, indstillinger, referats, matches, bundle_warnings)
    unmatched = []
    for index, ind in indstillinger.items():
        if index in matches:
            _merge_indstilling(ind, *matches[index])
        else:
            unmatched.append(ind)

    meetings = []  # (document index, meeting)
    for index, ref in referats.items():
        if not ref.items:
            bundle_warnings.append(f"Linje {docs[index].first_line}: et referat uden 'Punkt N:' er udeladt")
            continue
        meeting = ParsedMeeting(
            municipality=MUNICIPALITY,
            committee=alderman,
            kind="minutes",
            date=ref.date,
            items=ref.items,
            warnings=ref.warnings,
        )
        if ref.date is None:
            meeting.warnings.insert(
                0,
                "Mødets dato er ikke angivet: referatet nævner ingen dato, og ingen indstilling i bundtet "
                "daterer dets punkter, så datoen er ikke udfyldt (den gættes ikke)",
            )
        meetings.append((index, meeting))
    for index, agenda in agendas.items():
        if agenda.meeting.items:
            meetings.append((index, agenda.meeting))
        else:
            bundle_warnings.append(f"Linje {docs[index].first_line}: en dagsorden uden punkter er udeladt")
    for ind in unmatched:
        meetings.append((ind.doc_index, _indstilling_meeting(ind, alderman)))
    if not meetings:
        raise NotMinutesError("Et bundt fra Aarhus, men uden møder med punkter", line=docs[0].first_line)
    meetings.sort(key=lambda pair: pair[0])
    result = [meeting for _, meeting in meetings]
    result[0].warnings.extend(bundle_warnings)  # the bundle's own warnings go with its first meeting
    return result


def _attach_bilag(docs, indstillinger, referats, matches, warnings):
    """Give each Bilag document's text to the attachment it is: labelled ones first, then the others."""
    labelled = set()  # (Indstilling index, Bilag number) filled by a labelled Bilag
    indstillinger_order = sorted(indstillinger)
    pending = []  # (Indstilling index or None, document index) of unlabelled pages
    for index, doc in enumerate(docs):
        if doc.kind == "bilag" and doc.label:
            item_no, bilag_no, label_title = doc.label
            text = _bilag_text(doc)
            # "Punkt 2, Bilag 2:" over pages the Indstilling does not list: name it after its first line.
            title = f"Bilag {bilag_no}: {label_title or _first_words(text)}".rstrip(": ")
            owner = _owner_of_labelled(index, item_no, bilag_no, indstillinger, referats, matches)
            if isinstance(owner, _Indstilling):
                attachment = owner.bilag.setdefault(bilag_no, ParsedAttachment(title=title))
                attachment.text = _join_texts(attachment.text, text)
                labelled.add((owner.doc_index, bilag_no))
            elif isinstance(owner, ParsedItem):
                owner.attachments.append(ParsedAttachment(title=title, text=text))
            else:
                warnings.append(
                    f"Linje {doc.first_line}: 'Punkt {item_no}, Bilag {bilag_no}' hører ikke til noget punkt"
                    " i bundtet; siderne er udeladt"
                )
        elif doc.kind == "bilag":
            pending.append((doc.owner, index))
        elif doc.kind == "unknown":
            before = _nearest(indstillinger_order, index, 1)
            owner = before[0] if before and before[0] < index else None
            if owner is None:
                warnings.append(
                    f"Linje {doc.first_line}: sider, der ikke hører til noget dokument, er udeladt"
                    f" ({_preview(doc)})"
                )
                continue
            warnings.append(
                f"Linje {doc.first_line}: sider efter et afsluttet dokument er taget som bilag til"
                f" indstillingen på linje {indstillinger[owner].first_line}"
            )
            pending.append((owner, index))
    for owner, index in pending:
        ind = indstillinger.get(owner)
        if ind is None:
            warnings.append(
                f"Linje {docs[index].first_line}: sider, der ikke hører til noget dokument, er udeladt"
            )
            continue
        text = _bilag_text(docs[index])
        # The unlabelled pages are the first listed Bilag that no label claimed (Bilag 1 in the seed).
        free = [n for n, att in ind.bilag.items() if (owner, n) not in labelled and not att.text]
        if free:
            ind.bilag[free[0]].text = text
            labelled.add((owner, free[0]))
        else:
            number = len(ind.bilag) + len(ind.extra) + 1
            ind.extra.append(ParsedAttachment(title=f"Bilag {number}: {_first_words(text)}", text=text))
            ind.warnings.append(
                f"Linje {docs[index].first_line}: siderne efter indstillingen står ikke på dens bilagsliste;"
                f" de er vedlagt som 'Bilag {number}'"
            )


def _owner_of_labelled(index, item_no, bilag_no, indstillinger, referats, matches):
    """Who "Punkt N, Bilag M" belongs to: preferably the Indstilling for item N that lists Bilag M.

    Failing an Indstilling for item N or one listing Bilag M: item N of the nearest Referat, and
    failing that too, the nearest Indstilling before the label. Only the Indstillinger and
    Referats near the label are looked at (a long bundle must not make this quadratic).
    """

    def rank(ind):
        match = matches.get(ind.doc_index)
        same_item = match is not None and match[1].number == str(item_no)
        return (same_item, bilag_no in ind.bilag, ind.doc_index < index, -abs(ind.doc_index - index))

    best = max((indstillinger[k] for k in _nearest(sorted(indstillinger), index, 25)), key=rank, default=None)
    if best is not None and any(rank(best)[:2]):
        return best
    nearby = [referats[k] for k in _nearest(sorted(referats), index, 5)]
    for ref in sorted(nearby, key=lambda ref: (ref.doc_index > index, abs(ref.doc_index - index))):
        for item in ref.items:
            if item.number == str(item_no):
                return item
    return best


def _nearest(positions, position, count):
    """The up to 2 * `count` values of the sorted list `positions` nearest to `position`."""
    at = bisect.bisect_left(positions, position)
    return positions[max(0, at - count) : at + count]


class _ItemIndex:
    """The Referat items of a bundle by title, so an Indstilling finds its item without being compared
    with every item of every Referat (which is quadratic in a long bundle)."""

    def __init__(self, referats):
        self.entries = [
            (ref, item, _title_key(item.title)) for ref in referats.values() for item in ref.items
        ]
        self.by_key = {}  # title key -> positions in self.entries (in document order)
        for position, (_, _, key) in enumerate(self.entries):
            self.by_key.setdefault(key, []).append(position)
        self.keys = sorted(self.by_key)
        self.doc_indices = [ref.doc_index for ref, _, _ in self.entries]

    def candidates(self, key, doc_index):
        """Items whose title is the Indstilling's, or starts it, or starts with it; else the items nearby."""
        found = set()

        def add(key_found):
            group = self.by_key[key_found]
            at = bisect.bisect_left(group, doc_index, key=self.doc_indices.__getitem__)
            found.update(group[max(0, at - 3) : at + 3])

        if key in self.by_key:
            add(key)
        for end in range(12, min(len(key), 300)):  # an item title that is the start of this one
            if key[:end] in self.by_key:
                add(key[:end])
        at = bisect.bisect_left(self.keys, key)
        for other in self.keys[at : at + 20]:  # item titles that start with this one
            if not other.startswith(key):
                break
            add(other)
        if not found:  # no title in common: the looser (difflib) comparison, with the items nearby
            at = bisect.bisect_left(self.doc_indices, doc_index)
            found.update(range(max(0, at - 30), min(len(self.entries), at + 30)))
        return [self.entries[position] for position in sorted(found)]


def _match_indstillinger(indstillinger, referats):
    """{Indstilling index: (Referat, item)} for each Indstilling whose title matches a Referat item."""
    matches = {}
    taken = set()
    index = _ItemIndex(referats)
    scores = {}  # (key, key) -> score; bundles repeat titles, so each pair is compared once
    for doc_index, ind in indstillinger.items():
        key = _title_key(ind.title)
        best = None
        for ref, item, item_key in index.candidates(key, doc_index):
            score = scores.get((key, item_key))
            if score is None:
                score = scores[key, item_key] = _title_score(key, item_key)
            # The durations agreeing ("10 minutter" / "(10 min)") lets a looser title match count.
            agree = ind.duration is not None and ind.duration == item.duration_minutes
            if score < 0.75 and not (agree and score >= 0.65):
                continue
            rank = (score, id(item) not in taken, agree, -abs(ref.doc_index - ind.doc_index))
            if best is None or rank > best[0]:
                best = (rank, ref, item)
        if best is not None:
            taken.add(id(best[2]))
            matches[doc_index] = (best[1], best[2])
    return matches


def _merge_indstilling(ind, ref, item):
    """Put the Indstilling into its Referat item; its date is the Referat's when the Referat has none."""
    _merge_into_item(ind, item)
    if ind.date:
        if ref.date is None:
            ref.date = ind.date
        elif ref.date != ind.date:
            source = "referatet" if ref.date_from_text else "en anden indstilling"
            ref.warnings.append(
                f"Indstillingen til punkt {item.number} er dateret {ind.date.isoformat()},"
                f" men {source} angiver {ref.date.isoformat()}"
            )
    ref.warnings.extend(ind.warnings)


def _merge_into_item(ind, item):
    item.recommendation = _join_texts(item.recommendation, ind.recommendation)
    item.presentation = _join_texts(item.presentation, ind.presentation)
    item.sections.extend(ind.sections)
    item.attachments.extend(list(ind.bilag.values()) + ind.extra)
    if item.duration_minutes is None:
        item.duration_minutes = ind.duration


def _indstilling_meeting(ind, committee):
    """An Indstilling that matches no Referat item: its own agenda with one item, not dropped."""
    item = ParsedItem(
        number="1",
        title=ind.title or "Indstilling til Rådmanden",
        recommendation=ind.recommendation,
        presentation=ind.presentation,
        sections=ind.sections,
        attachments=list(ind.bilag.values()) + ind.extra,
        duration_minutes=ind.duration,
    )
    warnings = [
        f"Linje {ind.first_line}: indstillingen '{item.title}' svarer ikke til noget punkt i et referat i"
        " bundtet; den er medtaget som en selvstændig dagsorden",
        *ind.warnings,
    ]
    if ind.date is None:
        warnings.append("Mødets dato er ikke angivet: indstillingens hoved har ingen dato")
    return ParsedMeeting(
        municipality=MUNICIPALITY,
        committee=committee,
        kind="agenda",
        date=ind.date,
        items=[item],
        warnings=warnings,
    )


# ==================================================================================================
# Small helpers
# ==================================================================================================


def _title_key(title):
    """A title for comparison: lower case, no "(10 min)", no punctuation."""
    title = MINUTES_SUFFIX.sub("", title).rstrip()
    return TITLE_KEY_JUNK.sub(" ", title.lower()).strip()


def _title_score(ka, kb):
    """How well two title keys (see _title_key) match, 0..1: one a prefix of the other counts as a match."""
    if not ka or not kb:
        return 0.0
    if max(len(ka), len(kb)) > 500:
        return float(ka == kb)  # difflib on a page-long "title" would take long; only equality counts
    if ka == kb:
        return 1.0
    short, long = sorted((ka, kb), key=len)
    # "status på integrationshandleplan" / "status på integrationshandleplanen", "budgetopfølgning" /
    # "budgetopfølgning pr 30 september 2024"; but not a mere "orientering" (too short to tell).
    if long.startswith(short) and len(short) >= 12:
        return 0.85 + 0.1 * len(short) / len(long)
    matcher = difflib.SequenceMatcher(None, ka, kb)
    if matcher.real_quick_ratio() < 0.65 or matcher.quick_ratio() < 0.65:
        return 0.0
    return matcher.ratio()


def _find_date(text):
    """The first date in `text`: "26. juni 2024", "24.06.2024" or "24-06-2024"."""
    m = DANISH_DATE.search(text)
    if m:
        found = _make_date(m.group(3), MONTHS[m.group(2).lower()], m.group(1))
        if found:
            return found
    for m in NUMERIC_DATE.finditer(text):
        found = _make_date(m.group(3), m.group(2), m.group(1))
        if found:
            return found
    return None


def _make_date(year, month, day):
    try:
        year, month, day = int(year), int(month), int(day)
        if not 1900 <= year <= 2200:
            return None
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _make_time(hour, minute):
    try:
        return datetime.time(int(hour), int(minute))
    except ValueError:
        return None


def _join_texts(first, second):
    return "\n\n".join(part for part in (first, second) if part)


def _clean(lines):
    """Wrapped lines as clean text, joined across blank lines (Aarhus puts them inside sentences)."""
    return clean_block(lines, join_across_blank=True)


def _tidy(text):
    """One space between words, and "•\t" bullets as "• "; keeps the line structure."""
    if "  " not in text and "\t" not in text:
        return text.strip()
    text = MULTISPACE.sub(" ", BULLET_SPACING.sub(r"\1 ", text))
    if " \n" in text or "\n " in text:
        text = "\n".join(line.strip() for line in text.split("\n"))
    return text.strip()


def _first_words(text, limit=60):
    """The start of a text's first line, as a title for an attachment that has none."""
    first = text.split("\n", 1)[0].strip()
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + " …"


def _preview(doc):
    first = next((line for page in doc.pages for line in page.lines if line), "")
    return f"'{first[:60]}'"
