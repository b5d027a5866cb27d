"""Parser for FirstAgenda minutes and agendas printed as PDF (Aarhus Byråd and its committees).

Pure Python, no Django. The input is the text imports.pdf extracts: pages joined by line breaks,
each page's first line starting with a space (or pages separated by form feeds), blank lines
where the page had a vertical gap. A document looks like this:

    REFERAT Aarhus Byråd d. 27-08-2025                 <- "DAGSORDEN ..." for an agenda
    Mødedato Onsdag d. 27. august 2025 kl. 16:00
    Mødested Byrådssalen
     Indholdsfortegnelse                               <- table of contents, skipped (lines may be
    Godkendelse af dagsorden........ 3                    cut short without a dot leader)
     Punkt 2: Svar på forslag fra DD om principbeslutning om at sikre Havnens
    Perles fremtid på Aarhus Ø                         <- the title wraps
    EMN-2025-003383                                    <- case number
    Beslutninger                                       <- the decision
    Fremsendes til Teknisk Udvalg til behandling ...
    BESLUTNINGSFORSLAG FRA DD                          <- text sections, each under its heading
    Baggrund:
    INDSTILLING FRA MAGISTRATSAFDELINGEN FOR TEKNIK OG MILJØ
    Resume                                             <- the presentation
    Beslutningspunkter                                 <- the recommendation
    Det indstilles:
    At 1) der i forbindelse med ...
    Borgmesterens Afdelings påtegning
    Sagsforløb                                         <- history: one block per earlier treatment
    Udvalg: Aarhus Byråd
    Dato: 26-03-2025
    Punktnummer: 21                                    <- or glued: "Punktnummer: 17Fremsendes til ..."
    Sagens behandling blev udsat i byrådets møde den 26. marts 2025.
    Bilag                                              <- one Bilag per line or paragraph
    Indstilling
    Bilag 1: Beslutningsforslag
    Meningstilkendegivelse Havnens Perle (påført 27.08.2025)
     Punkt 21: Lukket: Køb af landbrugsejendom         <- closed: no text is kept

What each heading means is imports.vocabulary's business, and so is the mapping of the sections
to the item (`vocabulary.build_item`): "Resume" is the presentation, because it is the
department's own summary of the case and every item that has a recommendation has one; the
proposal ("BESLUTNINGSFORSLAG FRA ..."), the department's recommendation text ("INDSTILLING
FRA ..."), "Baggrund" and the endorsement ("Borgmesterens Afdelings påtegning") stay
ParsedSections under their headings, in document order. An item with no Resume (a new proposal)
has no presentation (unless text stands under no heading): its proposal is its first section. A
capital heading with no text of its own (right before "Resume") leaves no section.

Quirks of the extraction handled here:

* pdfplumber can glue the end of one item to the next item's line ("Godkendt.Punkt 2: Svar på
  ...") and the table of contents' last line to "Punkt 1:"; such a "Punkt N:" is split off when N
  follows the previous item's number (`_split_glued_items`).
* The PDF has no blank lines between paragraphs: a paragraph ends at a line that ends a sentence,
  or at a line much shorter than a full one (a sub-heading, a signature), when the next line does
  not start in lower case; an "At 1)" point, a bullet or a numbered point starts a new one
  (`_starts_paragraph`). A page break continues a paragraph when the sentence goes on.
* The Bilag list ends at the next item, runs over page breaks, and a title that wraps continues
  on the next line; a new Bilag starts after a blank line, at a page break, at "Bilag N:", or
  where a ")" or a date is glued to a capitalised word ("(påført 22.01.2025)Byrådsdebat ...",
  two titles glued at a page break). A capital heading glued to the line before it is split off
  the same way ("(ordfører)INDSTILLING FRA BORGMESTERENS AFDELING").
* The text before Resume in the page version of an item (often just ".") is printed right under
  the decision with nothing to tell them apart; it stays in the decision. A lone "." is dropped.
* Unknown glyphs come out as "(cid:123)"; they are dropped. The letterhead's case number
  ("Sag: EMN-...") and "Side N af M" are page furniture, never an item's.
"""

import re

from ..municipalities import from_text, from_url
from ..text import PAGE_OF, TOC_LINE, continues, ends_sentence, is_list_line, normalize, one_line
from ..types import NotMinutesError, ParsedAttachment, ParsedMeeting
from ..vocabulary import (
    ATTACHMENTS,
    build_item,
    committee_name,
    heading_role,
    is_capital_heading,
    section_break,
)
from .aabenraa import CASE_NUMBER, FIELD, HEADER, HEADER_DATE, set_date_and_time, split_names

NAME = "FirstAgenda PDF"

# A page starts here: a line of its own among the lines (text never holds a NUL).
PAGE = "\x00"

# For looks_like(): the REFERAT/DAGSORDEN header near the top, items, and one of FirstAgenda's
# own headings (the Aabenraa print, also a REFERAT header with items, has none of them).
LOOKS_HEADER = re.compile(r"^[ \t\f]*(?:REFERAT|DAGSORDEN)(?:[ \t]*[:\-–][ \t]*|[ \t]+)\S", re.MULTILINE)
LOOKS_ITEM = re.compile(r"Punkt[ \t]+[0-9]{1,4}[A-Za-z]?[ \t]*:")
LOOKS_VOCABULARY = re.compile(
    r"^[ \t\f]*(?:Beslutninger|Beslutningspunkter|Resume|Sagsforløb:?"
    r"|Punkt[ \t]+[0-9]{1,4}[ \t]*:[ \t]*Lukket:)",
    re.MULTILINE,
)
LOOKS_HEAD_CHARS = 5000

ITEM = re.compile(r"^Punkt\s+(?P<number>[0-9]{1,4}[A-Za-z]?)\s*:\s*(?P<title>.*)$")
# "...Godkendt.Punkt 2: Svar på ...": an item glued to the text before it (no space between).
GLUED_ITEM = re.compile(r"(?<=\S)(?=Punkt\s+(?P<number>[0-9]{1,4})[A-Za-z]?\s*:\s*\S)")
# "...(ordfører)INDSTILLING FRA BORGMESTERENS AFDELING": a capital heading glued to a page's last line.
GLUED_CAPITAL_HEADING = re.compile(
    r"(?<=[^\sA-ZÆØÅ])(?=(?:BESLUTNINGSFORSLAG|ÆNDRINGSFORSLAG|INDSTILLING) FRA [A-ZÆØÅ])"
)
# "Meningstilkendegivelse ... (påført 22.01.2025)Byrådsdebat 22.01.2025": two Bilag glued at a
# page break; a ")" or a date glued to a capitalised word is such a seam.
GLUED_BILAG = re.compile(r"(?:(?<=\))|(?<=[0-9]{2}\.[0-9]{2}\.[0-9]{4}))(?=[A-ZÆØÅ][a-zæøå])")
CLOSED_PREFIX = re.compile(r"^Lukket\s*:\s*")
CLOSED_LINE = re.compile(r"^Lukket punkt\.?$", re.IGNORECASE)
# The letterhead's case number, on every page: "Sag: EMN-2025-003383".
LETTERHEAD_CASE = re.compile(r"^Sag\s*:\s*[A-ZÆØÅ]{2,6}-[0-9]{4}-[0-9]{3,8}$")
BARE_PAGE_NUMBER = re.compile(r"^(?:[Ss]ide\s+)?[0-9]{1,3}$")
UNKNOWN_GLYPH = re.compile(r"\(cid:[0-9]{1,6}\)")
TOC_TITLE = re.compile(r"^Indholdsfortegnelse:?$")
TOC_WORD = "Indholdsfortegnelse"
# "At 1) ...", "At) byrådet godkender ..." (a point whose number was lost in the source).
AT_POINT = re.compile(r"^At\s*[0-9]{0,3}\)\s*")
SYMBOL_BULLET = re.compile(r"^[-–•*▪◦]\s+")
BILAG_NUMBERED = re.compile(r"^Bilag\s+[0-9]{1,3}[A-Za-z]?\s*:")
MAX_FURNITURE_CHARS = 300
# A line shorter than this share of a full line ends its paragraph (see _starts_paragraph).
SHORT_LINE = 0.6
MIN_LINES_FOR_WIDTH = 20
# A short line ending like this goes on in the next line: "Det indstilles, at" / "Forslag til ...".
WRAPS_ON = re.compile(r"(?:[-,–&]|\b(?:at|og|eller|samt|til|for|af|i|på|med|om|fra|der|som))$")


def looks_like(text: str) -> bool:
    """Cheap check: a REFERAT/DAGSORDEN header near the top, "Punkt N:" items after it and at least
    one of FirstAgenda's headings (Beslutninger, Beslutningspunkter, Resume, Sagsforløb) or a
    closed "Punkt N: Lukket: ..." item."""
    header = LOOKS_HEADER.search(text, 0, LOOKS_HEAD_CHARS)
    if not header or LOOKS_ITEM.search(text, 0, header.start()):
        return False
    return bool(LOOKS_ITEM.search(text, header.end()) and LOOKS_VOCABULARY.search(text, header.end()))


def parse(text: str, base_url: str | None = None) -> list[ParsedMeeting]:
    """One ParsedMeeting for a FirstAgenda PDF's text; NotMinutesError when it is not one."""
    lines = _split_glued_items(_lines(text))
    header_at, kind, committee, header_date = _find_header(lines)
    header = lines[header_at]
    lines = _drop_furniture(lines, header)
    starts = [i for i, line in enumerate(lines) if ITEM.match(line)]
    if not starts:
        raise NotMinutesError(
            f"a FirstAgenda {'agenda' if kind == 'agenda' else 'minutes'} header ('{header}') "
            "but no items ('Punkt N: ...') after it"
        )
    warnings = []
    meeting = ParsedMeeting(municipality="", committee=committee, kind=kind, warnings=warnings)
    preamble = lines[: starts[0]]
    fields = _read_fields(preamble)
    set_date_and_time(meeting, header_date, fields.get("Mødedato", ""), fields.get("Mødetidspunkt", ""))
    meeting.location = fields.get("Mødested") or None
    meeting.participants = split_names(fields.get("Mødedeltagere", ""))
    # The header and the meeting's fields, not the table of contents, whose titles may name
    # another municipality ("Samarbejde med Syddjurs Kommune").
    meeting.municipality = (
        from_text(committee) or from_text("\n".join(fields.values())) or from_url(base_url or "") or ""
    )
    meeting.source_url = base_url or None

    paragraphs = _paragraph_joiner(_text_width(lines))
    seen = set()
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        item = _parse_item(lines[start:end], paragraphs)
        if item.number in seen:
            warnings.append(f"Punkt {item.number} forekommer flere gange")
        seen.add(item.number)
        if not item.title:
            warnings.append(f"Punkt {item.number}: titlen mangler")
        if kind == "minutes" and not item.closed and not item.decision:
            warnings.append(f"Punkt {item.number}: ingen beslutning")
        meeting.items.append(item)
    return [meeting]


# --- lines ------------------------------------------------------------------------------------------


def _lines(text):
    """The text's lines, stripped, with a PAGE line where a page starts and "" for blank lines.

    imports.pdf starts each page's text with a space; other producers separate pages with a form
    feed. Both become a PAGE line.
    """
    lines = []
    for raw in normalize(text.replace("\f", f"\n{PAGE}\n")).split("\n"):
        if raw == PAGE or (raw[:1] in (" ", "\t") and raw.strip()):
            if lines and lines[-1] != PAGE:
                lines.append(PAGE)
            if raw == PAGE:
                continue
        line = raw.strip()
        if "(cid:" in line:
            line = " ".join(UNKNOWN_GLYPH.sub("", line).split())
        lines.append(line)
    return lines


def _split_glued_headings(line):
    """`line` as one or two lines: a capital heading glued to the text before it is split off.

    "... og Rabih Azad-Ahmad (ordfører)INDSTILLING FRA BORGMESTERENS AFDELING" -> two lines; so is
    the table of contents' title glued to the meeting fields before it.
    """
    if line.endswith(TOC_WORD) and line != TOC_WORD:  # "Mødested ByrådssalenIndholdsfortegnelse"
        return [line[: -len(TOC_WORD)].rstrip(), TOC_WORD]
    glued = GLUED_CAPITAL_HEADING.search(line) if "FRA" in line else None
    if glued and not any(c.islower() for c in line[glued.start() :]):
        return [line[: glued.start()].rstrip(), line[glued.start() :]]
    return [line]


def _split_glued_items(lines):
    """Lines with a glued "Punkt N:" split off when N is the next item's number.

    "Meningstilkendegivelse ... (påført 27.08.2025)Punkt 3: Svar på forslag" -> two lines. Only
    the number after the last item (or any number before the first) counts, so a reference such
    as "jf.Punkt 7:" inside the text of item 2 stays where it is.
    """
    out, last = [], None
    for line in (piece for raw in lines for piece in _split_glued_headings(raw)):
        match = ITEM.match(line)
        if match:
            last = _number_value(match["number"])
        elif "Punkt" in line:
            cut = None
            for glued in GLUED_ITEM.finditer(line):
                number = int(glued["number"])
                if last is None or number == last + 1:
                    cut = glued.start()
                    break
            if cut is not None:
                out.append(line[:cut].rstrip())
                line = line[cut:]
                last = _number_value(ITEM.match(line)["number"])
        out.append(line)
    return out


def _number_value(number):
    digits = re.match(r"[0-9]+", number)
    return int(digits.group(0)) if digits else None


def _find_header(lines):
    """(index, kind, committee, date text) of the REFERAT/DAGSORDEN line before the first item."""
    for index, line in enumerate(lines):
        if ITEM.match(line):
            break
        match = HEADER.match(line) if len(line) <= MAX_FURNITURE_CHARS else None
        if not match:
            continue
        rest = match["rest"]
        dated = HEADER_DATE.match(rest)
        committee, date_text = (dated["committee"] or "", dated["date"]) if dated else (rest, "")
        committee = committee_name(committee)
        if not committee:
            raise NotMinutesError(f"the header '{line}' does not name the committee")
        return index, ("agenda" if match["kind"] == "DAGSORDEN" else "minutes"), committee, date_text
    raise NotMinutesError(
        "not a FirstAgenda PDF: no 'REFERAT <committee> d. DD-MM-YYYY' (or DAGSORDEN) header before "
        "the first item"
    )


def _drop_furniture(lines, header):
    """The lines without page furniture: the header repeated at a page top, "Side N af M", the
    letterhead's "Sag: EMN-..." and a bare page number next to a page break."""
    out = []
    for index, line in enumerate(lines):
        if PAGE_OF.match(line):
            line = PAGE_OF.sub("", line, count=1).strip()  # "Side 2 af 5" may be glued to text
            if not line:
                continue
        if out and line == header:
            continue
        if len(line) <= MAX_FURNITURE_CHARS and LETTERHEAD_CASE.match(line):
            continue
        if BARE_PAGE_NUMBER.match(line) and _next_to_page_break(lines, index):
            continue
        out.append(line)
    return out


def _next_to_page_break(lines, index):
    """Whether only blank lines separate lines[index] from a page break (or the document's end)."""
    for step in (-1, 1):
        at = index + step
        while 0 <= at < len(lines) and lines[at] == "":
            at += step
        if not 0 <= at < len(lines) or lines[at] == PAGE:
            return True
    return False


def _read_fields(preamble):
    """The Møde... fields before the first item, each as one line; the table of contents skipped."""
    fields, label = {}, None
    for line in preamble:
        match = FIELD.match(line)
        if match:
            label = match["label"]
            fields.setdefault(label, []).append(match["value"])
        elif (
            not line or line == PAGE or TOC_TITLE.match(line) or TOC_LINE.search(line[-MAX_FURNITURE_CHARS:])
        ):
            label = None
        elif label:
            fields[label].append(line)
    return {name: one_line(values) for name, values in fields.items()}


# --- items ------------------------------------------------------------------------------------------


def _parse_item(lines, paragraphs):
    """One item from its lines, the first being "Punkt N: title"; `paragraphs` joins wrapped lines."""
    match = ITEM.match(lines[0])
    title_lines, at = [match["title"]], 1
    while at < len(lines) and lines[at] not in ("", PAGE) and not _ends_title(lines[at]):
        title_lines.append(lines[at])
        at += 1
    title = one_line(title_lines)
    closed = bool(CLOSED_PREFIX.match(title))
    title = CLOSED_PREFIX.sub("", title)

    case_number = None
    while at < len(lines):
        line = lines[at]
        case = CASE_NUMBER.match(line) if len(line) <= MAX_FURNITURE_CHARS else None
        if case and case_number is None:
            case_number = case["case"]
        elif CLOSED_LINE.match(line):
            closed = True
        elif line not in ("", PAGE):
            break
        at += 1

    sections, attachment_lines = [], []
    current = (None, [])
    while at < len(lines) and not closed:
        line = lines[at]
        at += 1
        heading = section_break(line, current[0]) if line not in ("", PAGE) else None
        if heading and heading[0] == ATTACHMENTS:
            attachment_lines = lines[at:]  # the Bilag list runs to the next item
            break
        if heading is None:
            current[1].append(line)
            continue
        name = heading[1]
        # An upper-case heading that wraps: "INDSTILLING FRA MAGISTRATSAFDELINGEN FOR SOCIALE
        # FORHOLD OG BESKÆFTIGELSE" over two lines.
        while is_capital_heading(line) and at < len(lines) and _continues_capitals(lines[at]):
            name = f"{name} {lines[at].strip(' .')}"
            at += 1
        sections.append(current)
        current = (name, [])
    sections.append(current)
    attachments = [] if closed else [ParsedAttachment(t) for t in _attachment_titles(attachment_lines)]
    return build_item(match["number"], title, case_number, closed, sections, attachments, paragraphs)


def _ends_title(line):
    """Whether a line after "Punkt N: ..." is no longer part of the (wrapped) title."""
    return bool(CASE_NUMBER.match(line) or CLOSED_LINE.match(line) or heading_role(line))


def _continues_capitals(line):
    return bool(line) and line != PAGE and not heading_role(line) and not any(c.islower() for c in line)


def _text_width(lines):
    """The length of a full line of running text in this document (0 when there are too few lines
    to tell): the 90th percentile of the line lengths."""
    lengths = sorted(len(line) for line in lines if line not in ("", PAGE))
    return lengths[len(lengths) * 9 // 10] if len(lengths) >= MIN_LINES_FOR_WIDTH else 0


def _paragraph_joiner(width):
    """`paragraphs(lines)` for a document whose full lines are `width` characters long."""

    def paragraphs(lines):
        """Wrapped PDF lines joined into paragraphs (see the module docstring for the rules)."""
        result, current, gap = [], [], False
        for line in lines:
            if line in ("", PAGE):
                gap = gap or bool(current)
                continue
            if current and _starts_paragraph(current[-1], line, gap, width):
                result.append(one_line(current))
                current = []
            current.append(line)
            gap = False
        if current:
            result.append(one_line(current))
        return result

    return paragraphs


def _starts_paragraph(previous, line, gap, width):
    """Whether `line` starts a new paragraph after `previous` (`gap`: a blank line or a page break
    between them; `width`: the length of a full line)."""
    if AT_POINT.match(line) or is_list_line(line):
        return True
    if previous.endswith(":") and line[:3].casefold() == "at ":
        return True  # "Det indstilles:" / "at forslaget indgår ..."
    if gap:
        return not continues(previous, line)
    if line[0].islower():
        return False
    if ends_sentence(previous):
        return True
    # A short line that the next one does not finish is a paragraph of its own: a sub-heading
    # ("Problemstilling") or a signature ("Jakob Søgaard Clausen"), never a wrapped line.
    return bool(width) and len(previous) < SHORT_LINE * width and not WRAPS_ON.search(previous)


def _attachment_titles(lines):
    """One Bilag per line or paragraph: a new one after a blank line, at a page break (unless the
    title clearly goes on), at "Bilag N:" or where two titles were glued at a page break; other
    lines are a wrapped title's rest."""
    groups, current, gap = [], [], False
    for line in lines:
        if line in ("", PAGE):
            gap = gap or bool(current)
            continue
        line = SYMBOL_BULLET.sub("", line)
        pieces = GLUED_BILAG.split(line) if ")" in line or "." in line else [line]
        for seam, piece in enumerate(pieces):
            new = seam or BILAG_NUMBERED.match(piece) or (gap and not continues(current[-1], piece))
            if current and new:
                groups.append(current)
                current = []
            current.append(piece)
            gap = False
    if current:
        groups.append(current)
    return [title for title in (one_line(group) for group in groups) if title]
