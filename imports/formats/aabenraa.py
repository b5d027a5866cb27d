"""Parser for minutes (referater) and agendas (dagsordener) published by Aabenraa Kommune.

Pure Python, no Django. The input is the text extracted from the PDF that Aabenraa's meeting
system prints. A document looks like this (blank lines separate paragraphs; inside a paragraph
the lines wrap):

    REFERAT Arbejdsmarkeds- og Uddannelsesudvalget d. 03-02-2026     <- "DAGSORDEN ..." for an agenda
    Mødedato Tirsdag d. 03. februar 2026 kl. 14:30                   <- or "kl. 14:30 - 17:00"
    Mødested Loungen v/byrådssalen, Skelbækvej                       <- may wrap
    Mødedeltagere Rasmus Andresen, Dorrit Knudsen, Christian Mutwa    <- names wrap across lines
    Christensen, Rasmus Juhl, ...
    Indholdsfortegnelse                                              <- table of contents, skipped
    Godkendelse af dagsorden.....<TAB>3
    Punkt 10: Godkendelse af dagsorden                               <- an item; the title may wrap
    25/31181                                                         <- case number, may be missing
    Sagsfremstilling                                                 <- headings, each on its own line
    Sagen afgøres i
    Indstilling
    Beslutning Arbejdsmarkeds- og Uddannelsesudvalget den 03-02-2026
    Godkendt.
    Afbud: Susanne Provstgaard (V).
    Bilag                                                            <- one attachment title per paragraph

How the parts of an item are found (see `_parse_item`):

* Only a fixed set of headings splits an item: the template headings of Aabenraa's meeting system
  (Sagsfremstilling, Sagen afgøres i, Indstilling, Beslutning ... den DD-MM-YYYY, Bilag, the
  `Afbud:`/`Fraværende:` line) and the optional template sections in `SECTION_HEADINGS` (Økonomi,
  Høring, Lovgrundlag, ...), which become `ParsedSection`s. A heading is recognised by the whole
  line matching, so it is found even when a page break swallowed the blank line around it.
* Every other short line is a sub-heading the case officer typed inside the text ("Resultater for
  2025", "Provenu", "Baggrund"): it stays in the text as its own paragraph. "Baggrund" is used that
  way in the seed document (item 17), which is why it is not a section heading.
* Text before the first heading of an item is presentation.
* `Afbud:` is a one-paragraph line, not a section: text after it continues the section before it,
  so a decision keeps its later paragraphs wherever the absence line sits.
* When an item has more than one Beslutning heading (decided by two committees), every decision is
  kept, each preceded by its heading line; with a single heading the decision is just its text.

Page furniture ("Side 3 af 20", bare page numbers, a running header such as
"Arbejdsmarkeds- og Uddannelsesudvalget, 03-02-2026" or the REFERAT line repeated at the top of a
page, table-of-contents lines) is dropped wherever it occurs; see `_clean_lines` for how a
paragraph that runs across a page break is joined again.
"""

import re
from datetime import date, time

from ..text import (
    MONTHS,
    PAGE_OF,
    TOC_LINE,
    clean_block,
    continues,
    normalize,
    one_line,
    paragraphs,
    strip_page_of,
)
from ..types import NotMinutesError, ParsedAttachment, ParsedItem, ParsedMeeting, ParsedSection
from ..vocabulary import (
    ATTACHMENTS,
    DECIDED_BY,
    DECISION,
    DECISION_HEADING,
    PRESENTATION,
    RECOMMENDATION,
    SECTION,
    TEMPLATE_HEADINGS,
    TEMPLATE_SECTIONS,
)

NAME = "Aabenraa layout"
MUNICIPALITY = "Aabenraa"

# Numbers are written [0-9], not \d: \d also matches other scripts' digits, which are no dates.

# "REFERAT Arbejdsmarkeds- og Uddannelsesudvalget d. 03-02-2026"; the date may be missing.
HEADER = re.compile(r"^(?P<kind>REFERAT|DAGSORDEN)(?:\s*[:\-–]\s*|\s+)(?P<rest>\S.*)$")
HEADER_DATE = re.compile(r"^(?:(?P<committee>.*?)\s+)?(?:d\.|den)\s*(?P<date>[0-9].*)$")
# For looks_like(): the header somewhere near the top, and item or field lines.
LOOKS_HEADER = re.compile(r"^[ \t]*(?:REFERAT|DAGSORDEN)(?:[ \t]*[:\-–][ \t]*|[ \t]+)\S", re.MULTILINE)
LOOKS_ITEM = re.compile(r"^[ \t]*Punkt[ \t]+[0-9]{1,4}[A-Za-z]?[ \t]*:", re.MULTILINE)
LOOKS_FIELD = re.compile(r"^[ \t]*Mødedato[ \t]+\S", re.MULTILINE)
LOOKS_HEAD_CHARS = 5000

# Meeting fields before the first item: "Mødedato Tirsdag d. 03. februar 2026 kl. 14:30".
FIELD = re.compile(r"^(?P<label>Mødedato|Mødetidspunkt|Mødested|Mødedeltagere)\b\s*:?\s*(?P<value>.*)$")
TOC_TITLE = re.compile(r"^Indholdsfortegnelse:?$")

NUMERIC_DATE = re.compile(r"(?<![0-9])([0-9]{1,2})[-./]([0-9]{1,2})[-./]([0-9]{4})(?![0-9])")
WORD_DATE = re.compile(r"(?<![0-9])([0-9]{1,2})\.?\s+([A-Za-zæøåÆØÅ]{3,9})\.?\s+([0-9]{4})(?![0-9])")
# "kl. 14:30", "kl. 14.30 - 17.00", "kl. 14:30 – kl. 17:00".
TIME_RANGE = re.compile(
    r"\bkl\.?\s*([0-9]{1,2})[:.]([0-9]{2})(?:\s*[-–]\s*(?:kl\.?\s*)?([0-9]{1,2})[:.]([0-9]{2}))?"
)

# "Punkt 10: Godkendelse af dagsorden", "Punkt 8A: ..."
ITEM = re.compile(r"^Punkt\s+(?P<number>[0-9]{1,4}[A-Za-z]?)\s*:\s*(?P<title>.*)$")
# The case number on its own line: "25/31181", "24/1234", "27.00.00-P20-3-24", "EMN-2024-027961".
CASE_NUMBER = re.compile(
    r"^(?:Sagsnr\.?:?\s*)?(?P<case>[0-9]{2,4}/[0-9]{1,7}"
    r"|[0-9]{2}\.[0-9]{2}\.[0-9]{2}(?:-[A-ZÆØÅ][0-9]{2})?(?:-[0-9]+)*"
    r"|[A-ZÆØÅ]{2,6}-[0-9]{4}-[0-9]{3,8})$"
)
CLOSED_LINE = re.compile(r"^Lukket punkt\.?$", re.IGNORECASE)
CLOSED_TITLE = re.compile(r"^Lukket punkt\b|\(lukket(?: punkt)?\)", re.IGNORECASE)

# The template headings that split an item, matched against the whole line (a final ":" allowed),
# and the optional template sections after Sagsfremstilling, each a ParsedSection: the shared
# vocabulary (imports/vocabulary.py). Not among them on purpose: "Baggrund" and other sub-headings
# the case officer types inside the Sagsfremstilling. A decision heading needs a date or a body's
# name after the word ("Beslutning Byrådet"), so "Beslutning om ny struktur" is no heading.
FIXED_HEADINGS = TEMPLATE_HEADINGS
SECTION_HEADINGS = TEMPLATE_SECTIONS
ABSENCE = re.compile(r"^(?:Afbud|Fraværende)\s*:\s*(?P<names>.*)$")
NO_ABSENCES = re.compile(r"^(?:ingen|intet|ingen afbud|ingen fraværende)$", re.IGNORECASE)

# Headings, headers and furniture are short lines; longer lines are never tested against the
# patterns below (which also keeps their backtracking cheap on pathological input).
MAX_HEADING_CHARS = 200
MAX_FURNITURE_CHARS = 300
# A header wraps over at most this many lines.
MAX_HEADER_LINES = 3

# A form feed (a new PDF page) becomes this marker line, which is then dropped as page furniture;
# normalize() alone would turn it into an ordinary line break. See _split_lines.
PAGE_BREAK = "\x00"

# Page furniture that is never content.
BARE_PAGE_NUMBER = re.compile(r"^(?:[0-9]{1,3}|[-–]\s*[0-9]{1,3}\s*[-–])$")
SIDE_ONLY = re.compile(r"^[Ss]ide\s+[0-9]{1,4}$")
SYMBOL_BULLET = re.compile(r"^[-–•*▪◦]\s+")
# A committee name cut at the end of a line: "Arbejdsmarkeds- og" / "Uddannelsesudvalget".
COMMITTEE_CUT = re.compile(r"(?:-|\bog|\beller|,)$")
# Splits a name list at ", " and " og ".
NAME_SEPARATOR = re.compile(r"\s*,\s*|\s+og\s+")


def looks_like(text: str) -> bool:
    """Cheap check: an upper-case REFERAT/DAGSORDEN header near the top, and items or meeting fields.

    The Aarhus format starts with a title-case "Referat" line, so it does not match.
    """
    text = text.replace("\f", "\n")
    header = LOOKS_HEADER.search(text, 0, LOOKS_HEAD_CHARS)
    if not header or LOOKS_ITEM.search(text, 0, header.start()):
        return False  # no header, or it comes after an item (parse() would refuse it)
    return bool(LOOKS_ITEM.search(text, header.end()) or LOOKS_FIELD.search(text, header.end()))


def parse(text: str, base_url: str | None = None) -> list[ParsedMeeting]:
    """One ParsedMeeting for an Aabenraa document; NotMinutesError when it is not in this format."""
    lines, line_numbers = _split_lines(text)
    header_at, header_end, kind, committee, header_date = _find_header(lines, line_numbers)
    warnings = []
    meeting = ParsedMeeting(municipality=MUNICIPALITY, committee=committee, kind=kind, warnings=warnings)

    is_furniture = _furniture_test(lines[header_at:header_end], committee)
    texts, numbers = _clean_lines(lines[header_end:], line_numbers[header_end:], is_furniture)
    starts = [i for i, line in enumerate(texts) if ITEM.match(line)]
    if not starts:
        raise NotMinutesError("Ingen punkter ('Punkt N: ...') fundet", line=line_numbers[header_at])

    fields = _read_preamble(texts[: starts[0]], warnings)
    set_date_and_time(meeting, header_date, fields.get("Mødedato", ""), fields.get("Mødetidspunkt", ""))
    meeting.location = fields.get("Mødested") or None
    meeting.participants = split_names(fields.get("Mødedeltagere", ""))

    seen_numbers = set()
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(texts)
        item = _parse_item(texts[start:end], kind, warnings)
        if item.number in seen_numbers:
            warnings.append(f"Punkt {item.number} forekommer flere gange (linje {numbers[start]})")
        seen_numbers.add(item.number)
        meeting.items.append(item)
    return [meeting]


# --- header and page furniture -------------------------------------------------------------------


def _split_lines(text):
    """The normalised lines, a form feed made a PAGE_BREAK line of its own, and their line numbers.

    The numbers are those an editor shows (a form feed is no line break there), for messages.
    """
    lines, numbers = [], []
    for number, line in enumerate(normalize(text.replace("\f", PAGE_BREAK)).split("\n"), start=1):
        first, *rest = line.split(PAGE_BREAK)
        lines.append(first)
        numbers.append(number)
        for piece in rest:
            lines += [PAGE_BREAK, piece]
            numbers += [number, number]
    return lines, numbers


def _find_header(lines, line_numbers):
    """(first line index, index after the header, kind, committee, date text) of the REFERAT line.

    The header must come before the first item. A long committee name may wrap onto the next line.
    """
    for index, raw in enumerate(lines):
        line = raw.strip()
        if ITEM.match(line):
            break
        match = HEADER.match(line) if len(line) <= MAX_FURNITURE_CHARS else None
        if not match:
            continue
        parts, end = [match["rest"]], index + 1
        while (
            len(parts) < MAX_HEADER_LINES
            and not HEADER_DATE.match(one_line(parts))
            and end < len(lines)
            and _wraps_header(lines[end])
        ):
            parts.append(lines[end].strip())
            end += 1
        rest = one_line(parts)
        dated = HEADER_DATE.match(rest) if len(rest) <= MAX_FURNITURE_CHARS else None
        committee, date_text = (dated["committee"] or "", dated["date"]) if dated else (rest, "")
        committee = committee.strip(" ,.-–:")
        if not committee:
            raise NotMinutesError("Overskriften nævner ikke udvalget", line=line_numbers[index])
        kind = "agenda" if match["kind"] == "DAGSORDEN" else "minutes"
        return index, end, kind, committee, date_text
    first = next((line_numbers[i] for i, raw in enumerate(lines) if raw.strip(f" {PAGE_BREAK}")), 1)
    raise NotMinutesError(
        "Overskriften 'REFERAT <udvalg> d. DD-MM-YYYY' mangler før første punkt", line=first
    )


def _wraps_header(raw):
    """Whether `raw` is the rest of a wrapped header line rather than the next part of the page."""
    line = raw.strip()
    return bool(line) and not (FIELD.match(line) or ITEM.match(line) or TOC_TITLE.match(line))


def _furniture_test(header_lines, committee):
    """A function telling whether a line is page furniture in this document."""
    repeated_header = {line.strip() for line in header_lines}
    # The running header/footer: the committee and the meeting date, maybe with the page number.
    running = re.compile(
        r"^(?:(?:REFERAT|DAGSORDEN)\s+)?"
        + re.escape(committee)
        + r"\s*[,\-–]?\s*(?:(?:d\.|den)\s*)?[0-9]{1,2}[-.][0-9]{1,2}[-.][0-9]{2,4}"
        r"(?:\s*[,\-–]?\s*(?:[Ss]ide\s+[0-9]+(?:\s+af\s+[0-9]+)?|[0-9]{1,3}))?$"
    )

    def is_furniture(line):
        if line == PAGE_BREAK:
            return True
        # A table-of-contents line ends in a dot leader and a page number; only the end is tested.
        if line in repeated_header or TOC_LINE.search(line[-MAX_FURNITURE_CHARS:]):
            return True
        if len(line) > MAX_FURNITURE_CHARS:
            return False
        if BARE_PAGE_NUMBER.match(line) or SIDE_ONLY.match(line) or running.match(line):
            return True
        header = HEADER.match(line)  # the header repeated at a page top, even slightly different
        return bool(header and HEADER_DATE.match(header["rest"]))

    return is_furniture


def _clean_lines(lines, line_numbers, is_furniture):
    """The lines stripped, without page furniture, blank runs collapsed to one "".

    Returns the texts and their line numbers. A page break shows up as a run of blank and
    furniture lines. Furniture with no blank line around it sat inside a paragraph: it is simply
    dropped so the lines join. A run with blank lines is a paragraph break, unless the text before
    and after it reads as one sentence (`continues`: the line before ends mid-sentence and the next
    starts in lower case). One exception from the Aabenraa template: "... indstiller," followed by
    "at ..." is two paragraphs by design, never a wrapped sentence.
    """
    texts, numbers = [], []
    saw_blank = saw_furniture = False
    for line, number in zip(lines, line_numbers, strict=True):
        line = line.strip()  # a leading space can mark a new PDF page
        if PAGE_OF.match(line):
            saw_furniture = True
            line = strip_page_of(line)  # "Side 2 af 5" may be glued to real text
            if not line:
                continue
        if not line:
            saw_blank = True
            continue
        if is_furniture(line):
            saw_furniture = True
            continue
        if texts and saw_blank and not (saw_furniture and _continues_over_page(texts[-1], line)):
            texts.append("")
            numbers.append(number)
        texts.append(line)
        numbers.append(number)
        saw_blank = saw_furniture = False
    return texts, numbers


def _continues_over_page(previous, following):
    if previous.endswith(",") and following.startswith("at "):
        return False
    return continues(previous, following)


# --- meeting fields --------------------------------------------------------------------------------


def _read_preamble(texts, warnings):
    """The Møde... fields before the first item, each as one line; the table of contents is skipped."""
    fields, label, in_toc, unknown = {}, None, False, []
    for line in texts:
        if not line:
            label = None
            continue
        match = FIELD.match(line)
        if match:
            label, in_toc = match["label"], False
            fields.setdefault(label, [])
            fields[label].append(match["value"])
        elif TOC_TITLE.match(line):
            label, in_toc = None, True
        elif label:
            fields[label].append(line)
        elif not in_toc:
            unknown.append(line)
    if unknown:
        warnings.append(f"Tekst før første punkt er udeladt: {one_line(unknown)[:80]}")
    return {name: one_line(values) for name, values in fields.items()}


def set_date_and_time(meeting, header_date, meeting_date, meeting_time):
    """Date from the Mødedato line, else from the header; the times from "kl. HH:MM - HH:MM"."""
    day, day_text = _parse_date(meeting_date)
    header_day, header_text = _parse_date(header_date)
    if day and header_day and day != header_day:
        meeting.warnings.append(
            f"Datoen i overskriften ({header_day.isoformat()}) er ikke Mødedato ({day.isoformat()})"
        )
    meeting.date = day or header_day
    if not meeting.date:
        unreadable = day_text or header_text
        if unreadable:
            meeting.warnings.append(f"Mødets dato kan ikke læses: {unreadable}")
        meeting.warnings.append("Mødets dato er ikke angivet")

    times = TIME_RANGE.search(meeting_date) or TIME_RANGE.search(meeting_time)
    if times:
        meeting.start_time = _make_time(times[1], times[2], meeting.warnings)
        if times[3]:
            meeting.end_time = _make_time(times[3], times[4], meeting.warnings)


def _parse_date(text):
    """(date or None, the date text found) from "03-02-2026" or "03. februar 2026"."""
    numeric = NUMERIC_DATE.search(text)
    if numeric:
        day, month, year = int(numeric[1]), int(numeric[2]), int(numeric[3])
        found = numeric[0]
    else:
        worded = WORD_DATE.search(text)
        month = _month_number(worded[2]) if worded else 0
        if not month:
            return None, ""
        day, year, found = int(worded[1]), int(worded[3]), worded[0]
    try:
        return date(year, month, day), found
    except ValueError:
        return None, found


def _month_number(word):
    """1-12 for a Danish month name or its abbreviation ("feb"), else 0."""
    word = word.lower()
    for number, name in enumerate(MONTHS, start=1):  # text.MONTHS, in calendar order
        if name.startswith(word):
            return number
    return 0


def _make_time(hours, minutes, warnings):
    try:
        return time(int(hours), int(minutes))
    except ValueError:
        warnings.append(f"Klokkeslættet {hours}:{minutes} kan ikke læses")
        return None


def split_names(text):
    """Names from "A (V), B og C (A)." as printed, party letters kept; duplicates dropped."""
    names = []
    text = " ".join(text.split())  # single spaces: NAME_SEPARATOR then never backtracks far
    for name in NAME_SEPARATOR.split(text.rstrip(".")):
        name = name.strip().rstrip(".").strip()
        if name and not NO_ABSENCES.match(name) and name not in names:
            names.append(name)
    return names


# --- items -------------------------------------------------------------------------------------------


def _heading(line):
    """(role, heading text) when `line` is one of the headings that split an item, else None."""
    if len(line) > MAX_HEADING_CHARS:
        return None
    bare = line[:-1].rstrip() if line.endswith(":") else line
    if bare in FIXED_HEADINGS:
        return FIXED_HEADINGS[bare], bare
    if bare in SECTION_HEADINGS:
        return SECTION, bare
    if DECISION_HEADING.match(line):
        return DECISION, bare
    return None


def _ends_title(line):
    """Whether a line after "Punkt N: ..." is no longer part of the (wrapped) title."""
    return bool(CASE_NUMBER.match(line) or CLOSED_LINE.match(line) or ABSENCE.match(line) or _heading(line))


def _parse_item(texts, kind, warnings):
    """One item from its cleaned lines, the first being "Punkt N: title"."""
    match = ITEM.match(texts[0])
    number = match["number"]
    title_lines, at = [match["title"]], 1
    while at < len(texts) and texts[at] and not _ends_title(texts[at]):
        title_lines.append(texts[at])
        at += 1
    item = ParsedItem(number=number, title=one_line(title_lines))
    item.closed = bool(CLOSED_TITLE.search(item.title))

    # Before the first heading: the case number and a "Lukket punkt" line, in either order.
    while at < len(texts):
        line = texts[at]
        case = CASE_NUMBER.match(line)
        if case and item.case_number is None:
            item.case_number = case["case"]
        elif CLOSED_LINE.match(line):
            item.closed = True
        elif line:
            break
        at += 1

    presentation, recommendation, decided_by, attachments = [], [], [], []
    decisions, sections = [], []  # [heading, lines] pairs
    targets = {PRESENTATION: presentation, RECOMMENDATION: recommendation, DECIDED_BY: decided_by}
    targets[ATTACHMENTS] = attachments
    target = presentation  # text before any heading is presentation
    absence_lines = None  # the "Afbud:" paragraph being read
    for line in texts[at:]:
        heading = _heading(line) if line else None
        if absence_lines is not None:
            # The name list wraps until a blank line, a heading or the "." that ends it.
            wrapped = line and not heading and not ABSENCE.match(line) and not absence_lines[-1].endswith(".")
            if wrapped:
                absence_lines.append(line)
                continue
            _add_names(item.absences, absence_lines)
            absence_lines = None
        if not line:
            target.append("")
            continue
        absence = ABSENCE.match(line)
        if absence:
            absence_lines = [absence["names"]]
        elif heading is None:
            target.append(line)
        elif heading[0] == DECISION:
            decisions.append([heading[1], []])
            target = decisions[-1][1]
        elif heading[0] == SECTION:
            sections.append([heading[1], []])
            target = sections[-1][1]
        else:
            target = targets[heading[0]]
            target.append("")  # a repeated heading starts a new paragraph of the same part
    if absence_lines is not None:
        _add_names(item.absences, absence_lines)

    item.presentation = clean_block(presentation)
    item.recommendation = clean_block(recommendation)
    item.decided_by = _committees(decided_by)
    item.decision = _decision_text(decisions)
    texts_of_sections = [(heading, clean_block(lines)) for heading, lines in sections]
    item.sections = [ParsedSection(heading, text) for heading, text in texts_of_sections if text]
    item.attachments = [ParsedAttachment(title) for title in _attachment_titles(attachments)]

    label = f"Punkt {number}"
    if not item.title:
        warnings.append(f"{label}: titlen mangler")
    if item.case_number is None:
        warnings.append(f"{label}: intet sagsnummer")
    if kind == "minutes" and not item.closed and not item.decision:
        warnings.append(f"{label}: ingen beslutning")
    return item


def _add_names(absences, lines):
    for name in split_names(one_line(lines)):
        if name not in absences:
            absences.append(name)


def _decision_text(decisions):
    """One decision as its text; several (two committees) each preceded by its heading line."""
    if len(decisions) == 1:
        return clean_block(decisions[0][1])
    parts = []
    for heading, lines in decisions:
        text = clean_block(lines)
        if text:
            parts.append(f"{heading}\n\n{text}")
    return "\n\n".join(parts)


def _committees(lines):
    """ "Sagen afgøres i": one committee per line or paragraph, the final "." dropped.

    A line is the rest of the previous committee's name only when that name is obviously cut:
    it ends in "-", "og" or "," ("Arbejdsmarkeds- og" / "Uddannelsesudvalget"), or the line
    starts in lower case.
    """
    names, group = [], []
    for raw in [*lines, ""]:
        line = raw.strip()
        if line and group and (COMMITTEE_CUT.search(group[-1]) or line[0].islower()):
            group.append(line)
            continue
        if group:
            names.append(one_line(group).rstrip(". "))
        group = [line] if line else []
    result = []
    for name in names:
        if name and name not in result:
            result.append(name)
    return result


def _attachment_titles(lines):
    """One title per paragraph (wrapped lines joined); a list bullet "- " is not part of the title."""
    titles = []
    for paragraph in paragraphs(lines):
        for line in paragraph:
            title = SYMBOL_BULLET.sub("", line).strip()
            if title:
                titles.append(title)
    return titles
