"""Aarhus bundles, step 3c: an "Indstilling til Rådmanden" (a recommendation to the alderman).

The grammar: every page starts " Indstilling til Rådmanden" / "24.06.2024 - 10 minutter" /
"side 1 af 2". Page 1 holds the title, then sections headed in CAPITALS (INDLEDNING, INDSTILLING,
SAGSFREMSTILLING, RESSOURCER, KOMMUNIKATION, VIDERE PROCES, KOORDINERET MED, BILAG) and a footer
(department, date, "Sagsbehandler:", "Tlf.:", "E-post:"). The recommendation is INDSTILLING, or,
when that is empty, the "Det indstilles," paragraph with its "at ..." points wherever it stands.
The BILAG section lists the attachments ("Bilag 1: Handleplan ...").
"""

import datetime
import re
from dataclasses import dataclass, field

from ...text import PAGE_OF, one_line, paragraphs, strip_page_of, to_text
from ...types import ParsedAttachment, ParsedSection
from .common import (
    BULLET_ENTRY,
    EMPTY_SECTION,
    LONE_NUMERIC_DATE,
    MAX_TITLE_LINES,
    NO_ATTACHMENT,
    _first_nonblank,
    _head,
    _make_date,
    _tidy,
)
from .letterhead import SAGSBEHANDLER, _strip_letterhead
from .pages import INDSTILLING_HEADER, _document_lines

# "24.06.2024 - 10 minutter" under the Indstilling header.
INDSTILLING_DATE_LINE = re.compile(
    r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*[-–]\s*(\d{1,3})\s*min(?:utter|\.)?)?$"
)
EMAIL_LINE = re.compile(r"[^\s@]+@\S+")
# A section heading in CAPITALS: "INDLEDNING", "VIDERE PROCES", "KOORDINERET MED".
SECTION_HEADING = re.compile(r"^[A-ZÆØÅ][A-ZÆØÅ ,/&-]*[A-ZÆØÅ]$")
BILAG_ENTRY = re.compile(r"^(?:[-–•]\s*)?Bilag\s+(\d{1,3})\s*[:.)]\s*(.*)$")
FOOTER_FIELD = re.compile(r"^(?:Tlf\.?|Telefon|E-?post|E-?mail|Mail|Sagsnr\.?|Sag)\s*:", re.IGNORECASE)
# "Det indstilles," / "Sociale Forhold og Beskæftigelse indstiller, at ..." starts the recommendation.
RECOMMENDATION_START = re.compile(r"^(?:Det\s+indstilles\b|[^.]{0,80}\bindstiller\b\s*(?:[,:]|at\b|$))")
RECOMMENDATION_MORE = re.compile(r"^(?:\d{1,2}[.)]\s*|[-–•]\s*)?at\b")


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
