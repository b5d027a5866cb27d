"""Aarhus bundles, step 3e: the Dagsorden (agenda) of a committee meeting.

The grammar: page furniture " 21. juni 2024" + "Side 1 af 5" (glued to the text on later pages:
"Side 2 af 5Tid: ..."); a head of "Emne:" (hyphenated "Em-" / "ne:"), "Mødedato:", "Mødetid:",
"Mødested:"; "Dagsorden kort:" (a table of contents); then items "N. <title>" with the fields
Baggrund/formål, Metode, Ansvarlig, Tid and Bilag (and "Sag:" when an item names its own case),
and sub-points "A) ...". The letterhead sidebar (letterhead.py) names the department; its case
number is the document's, so it goes to no item.
"""

import difflib
import re
from dataclasses import dataclass, field

from ...text import MONTH_NAMES, PAGE_OF, join_two, one_line, paragraphs, strip_page_of, to_text
from ...types import ParsedAttachment, ParsedItem, ParsedMeeting, ParsedSection
from .common import (
    BULLET_ENTRY,
    EMPTY_SECTION,
    LONE_NUMERIC_DATE,
    MAX_TITLE_LINES,
    MUNICIPALITY,
    NO_ATTACHMENT,
    _clean,
    _find_date,
    _first_nonblank,
    _head,
    _make_time,
    _tidy,
    _title_key,
)
from .letterhead import _Letterhead, _strip_letterhead
from .pages import DAGSORDEN_KORT, EMNE, MOEDEDATO, MOEDESTED, MOEDETID, _document_lines

TRAILING_PAGE_OF = re.compile(r"\s*\b[Ss]ide\s+\d{1,3}\s+af\s+\d{1,3}\s*$")
LONE_DANISH_DATE = re.compile(rf"^\d{{1,2}}\.\s*(?:{MONTH_NAMES})\s+\d{{4}}$", re.IGNORECASE)
STARTS_WITH_MONTH = re.compile(rf"^(?:{MONTH_NAMES})\b", re.IGNORECASE)
TIME = re.compile(r"\b(\d{1,2})[.:](\d{2})\b")
TIME_RANGE = re.compile(r"(\d{1,2})[.:](\d{2})\s*(?:[-–—]|til)\s*(\d{1,2})[.:](\d{2})")
MINUTES_IN_TEXT = re.compile(r"\(\s*(\d{1,3})\s*min(?:\.|utter)?\s*\)")
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
CLOSED = re.compile(r"\bLUKKET\s+PUNKT\b|^Lukket punkt\b", re.IGNORECASE)
SECTION_FIELDS = {"Baggrund/formål", "Baggrund og formål", "Formål", "Baggrund", "Metode"}
SLASH_SPACING = re.compile(r"\s*/\s*")


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

    # The letterhead's "Sag: EMN-2024-027961" is the case of the agenda as a document, not of its
    # items: given to every item it made one bogus case of ten unrelated items. It stays on
    # `letterhead`; an item has a case number only from its own "Sag:" field.

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
