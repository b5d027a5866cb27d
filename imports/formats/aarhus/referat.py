"""Aarhus bundles, step 3b: the Referat of an alderman's meeting (rådmandsmøde).

The grammar: " Referat" (or "Referat fra rådmandsmøde den 24. juni 2024"), maybe a date before
the first item, then items "Punkt N: <title> (10 min)" (the title may wrap) followed by the decision
text only. Absences are stated in prose in the decisions ("Direktør Erik Kaastrup-Hansen og
stabschef Louise Rohde var forhindret."); they are read from there.
"""

import datetime
import re
from dataclasses import dataclass, field

from ...text import one_line
from ...types import ParsedItem
from .common import MAX_TITLE_LINES, MINUTES_SUFFIX, _clean, _find_date
from .letterhead import _strip_letterhead
from .pages import PUNKT_HEADER, _clean_plain_page, _document_lines

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
