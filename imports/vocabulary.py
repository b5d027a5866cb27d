"""What the section headings of Danish minutes mean, and how a FirstAgenda item's sections become
a ParsedItem. Pure Python, no Django.

One vocabulary for every parser of the FirstAgenda family (the PDF print, the saved meeting page)
and, for the template headings it shares, the Aabenraa parser:

    heading                                      role
    "Beslutninger", "Beslutning", "Beslutning    DECISION        -> item.decision
     Økonomiudvalget den 03-02-2026"
    "Beslutningspunkter" ("Det indstilles: At    RECOMMENDATION  -> item.recommendation
     1) ..."), "Indstilling"
    "Resume", "Sagsfremstilling"                 PRESENTATION    -> item.presentation
    "Sagsforløb", "Sagsforløb:", "Sagens forløb" HISTORY         -> item.history (Udvalg / Dato /
                                                                    Punktnummer / text blocks)
    "Bilag"                                      ATTACHMENTS     -> item.attachments
    "Sagen afgøres i"                            DECIDED_BY      -> item.decided_by
    "BESLUTNINGSFORSLAG FRA DD", "INDSTILLING    SECTION         -> a ParsedSection under its own
     FRA MAGISTRATSAFDELINGEN FOR ...",                             heading, in document order
     "Baggrund", "Borgmesterens Afdelings
     påtegning", "Økonomi", "Høring", ...

A heading is a whole line (a final ":" allowed); the upper-case "... FRA ..." headings only count
when the line has no lower-case letter, so a sentence such as "Indstilling fra Magistraten blev
vedtaget" stays text.

`build_item` turns the sections of one FirstAgenda item into a ParsedItem; the positions and
absences in the decision prose and in each earlier treatment are read here, in one place
(`_read_prose`), with imports.prose.
"""

import re

from . import prose
from .text import make_date
from .types import ParsedHistoryEntry, ParsedItem, ParsedSection

DECISION = "decision"
RECOMMENDATION = "recommendation"
PRESENTATION = "presentation"
HISTORY = "history"
ATTACHMENTS = "attachments"
DECIDED_BY = "decided_by"
SECTION = "section"

# The headings of the Aabenraa template (its parser matches them exactly as printed).
TEMPLATE_HEADINGS = {
    "Sagsfremstilling": PRESENTATION,
    "Sagen afgøres i": DECIDED_BY,
    "Indstilling": RECOMMENDATION,
    "Bilag": ATTACHMENTS,
}
# Optional template sections, each kept as a ParsedSection under its heading (both families).
TEMPLATE_SECTIONS = frozenset(
    {
        "Økonomi",
        "Økonomiske konsekvenser",
        "Økonomiske forhold",
        "Høring",
        "Høringssvar",
        "Lovgrundlag",
        "Retsgrundlag",
        "Kommunikation",
        "Tidsplan",
        "Personalemæssige konsekvenser",
        "Bæredygtighed",
        "Borgerinddragelse",
        "Udtalelse",
        "Administrativ vurdering",
    }
)
# FirstAgenda's own headings (Aarhus prints them; dagsordener.aarhus.dk shows them as <h3>),
# matched case-insensitively: the web page writes "Borgmesterens afdelings påtegning" where the
# PDF writes "Borgmesterens Afdelings påtegning".
FIRSTAGENDA_HEADINGS = {
    "beslutninger": DECISION,
    "beslutning": DECISION,
    "beslutningspunkter": RECOMMENDATION,
    "indstilling": RECOMMENDATION,
    "resume": PRESENTATION,
    "sagsfremstilling": PRESENTATION,
    "sagsforløb": HISTORY,
    "sagens forløb": HISTORY,
    "bilag": ATTACHMENTS,
    "sagen afgøres i": DECIDED_BY,
    "baggrund": SECTION,
}
_FIRSTAGENDA_SECTIONS = {name.casefold() for name in TEMPLATE_SECTIONS}
# "Borgmesterens Afdelings påtegning", "Økonomiafdelingens påtegning": an office's endorsement.
ENDORSEMENT = re.compile(r"^[A-ZÆØÅ][\wæøåÆØÅ -]{0,60}\bpåtegning$", re.IGNORECASE)
# "BESLUTNINGSFORSLAG FRA DD", "INDSTILLING FRA MAGISTRATSAFDELINGEN FOR TEKNIK OG MILJØ. ",
# "ÆNDRINGSFORSLAG FRA V OG KF": the heading of a proposal or of a department's recommendation,
# printed in capitals inside the text.
CAPITAL_HEADING = re.compile(
    r"^(?:BESLUTNINGSFORSLAG|ÆNDRINGSFORSLAG|INDSTILLING|FORSLAG|UDTALELSE)\s+FRA\s+\S"
)
# "Beslutning Arbejdsmarkeds- og Uddannelsesudvalget den 03-02-2026", "Beslutning Byrådet": after
# the word a date or a body's name, so "Beslutning om ny struktur" is no heading.
DECISION_HEADING = re.compile(
    r"^Beslutning(?::"
    r"|\s+.*\bden\s+[0-9]{1,2}[-.][0-9]{1,2}[-.][0-9]{4}:?"
    r"|\s+[^.]*(?:udvalget|udvalg|[Bb]yrådet|[Bb]yråd|rådet|bestyrelsen|nævnet):?)?$"
)
MAX_HEADING_CHARS = 200
# What a parser may put among a section's lines besides text: blank lines and its page mark.
NON_TEXT = " \t\x00"


def heading_role(line):
    """(role, heading as printed) when `line` is a FirstAgenda section heading, else None."""
    line = " ".join(line.split())
    if not line or len(line) > MAX_HEADING_CHARS:
        return None
    bare = line[:-1].rstrip() if line.endswith(":") else line
    key = bare.casefold()
    if key in FIRSTAGENDA_HEADINGS:
        return FIRSTAGENDA_HEADINGS[key], bare
    if key in _FIRSTAGENDA_SECTIONS or ENDORSEMENT.match(bare):
        return SECTION, bare
    if CAPITAL_HEADING.match(bare) and not any(c.islower() for c in bare):
        return SECTION, bare.rstrip(" .")
    if DECISION_HEADING.match(line):
        return DECISION, bare
    return None


# Sub-headings that a proposal or a department's text printed under a capital heading has of its
# own ("BESLUTNINGSFORSLAG FRA DD" / "Baggrund:" / ..., "BESLUTNINGSFORSLAG FRA RV" / "Beslutning:" /
# "Byrådet beslutter at ..."): there they stay in that section's text.
SUBHEADINGS = frozenset({"baggrund", "beslutning"} | _FIRSTAGENDA_SECTIONS)


def section_break(line, current_heading):
    """(role, heading) when `line` starts a new section of an item whose current section is headed
    `current_heading` (None before the first heading), else None.

    Like heading_role, except that under a capital heading ("BESLUTNINGSFORSLAG FRA RV") the
    proposal's own sub-headings ("Baggrund", "Økonomi") are its text, not sections of the item.
    """
    found = heading_role(line)
    if (
        found
        and current_heading
        and found[1].casefold() in SUBHEADINGS
        and is_capital_heading(current_heading)
    ):
        return None
    return found


def is_capital_heading(line):
    """Whether `line` is an upper-case "... FRA ..." heading (which may wrap onto a second line)."""
    return bool(CAPITAL_HEADING.match(line)) and not any(c.islower() for c in line)


# --- committees -------------------------------------------------------------------------------------

# "Byråd 2022-2025", "Økonomiudvalget (2018-2021)": the election period is no part of the name.
ELECTION_PERIOD = re.compile(r"\s*[,(]?\s*(?:19|20)[0-9]{2}\s*[-–]\s*(?:19|20)?[0-9]{2}(?:[0-9]{2})?\)?$")


def committee_name(name):
    """A committee's name as printed, spaces collapsed and a trailing election period dropped:
    "Aarhus Byråd 2022-2025" -> "Aarhus Byråd"."""
    name = " ".join((name or "").split())
    return ELECTION_PERIOD.sub("", name).strip(" ,.-–:") if len(name) <= 300 else name


# --- history ------------------------------------------------------------------------------------------

# "Udvalg: Aarhus Byråd", possibly with the next labels glued on by the PDF extraction.
HISTORY_COMMITTEE = re.compile(r"^Udvalg\s*:\s*(?P<rest>.*)$")
HISTORY_DATE = re.compile(
    r"^Dato\s*:\s*(?P<day>[0-9]{1,2})-(?P<month>[0-9]{1,2})-(?P<year>[0-9]{4})(?P<rest>.*)$"
)
# "Punktnummer: 21", and glued to the treatment's text: "Punktnummer: 17Fremsendes til ...".
HISTORY_NUMBER = re.compile(
    r"^Punktnummer\s*:\s*(?P<number>[0-9]{1,4}(?:[A-Za-z](?![a-zæøå]))?)(?P<rest>.*)$"
)
# Labels glued inside one line: "Udvalg: MagistratenDato: 19-08-2025Punktnummer: 4".
_GLUED_LABEL = re.compile(r"(?<=\S)(?=Dato\s*:\s*[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}|Punktnummer\s*:\s*[0-9])")


def history_entries(lines, paragraphs):
    """ParsedHistoryEntry objects from the lines of a "Sagsforløb" section.

    Each treatment is "Udvalg: X", "Dato: DD-MM-YYYY", "Punktnummer: N" and then its text, which
    `paragraphs` (the parser's own way of joining lines) turns into paragraphs. Text before the
    first "Udvalg:" line is kept in an entry with no committee.
    """
    entries, current = [], None
    for raw in lines:
        pieces = _GLUED_LABEL.split(raw) if ("Dato" in raw or "Punktnummer" in raw) else [raw]
        for piece in pieces:
            line = piece.strip()
            committee = HISTORY_COMMITTEE.match(line)
            if committee:
                current = _entry(committee_name(committee["rest"]))
                entries.append(current)
                continue
            if current is None:
                if not line.strip(NON_TEXT):
                    continue  # blank lines and page marks before the first treatment
                current = _entry("")
                entries.append(current)
            if not current["has_text"]:
                dated = HISTORY_DATE.match(line) if current["date"] is None else None
                numbered = HISTORY_NUMBER.match(line) if current["number"] is None else None
                label = dated or numbered
                if dated:
                    current["date"] = make_date(dated["year"], dated["month"], dated["day"])
                elif numbered:
                    current["number"] = numbered["number"]
                if label:
                    if label["rest"].strip():
                        current["lines"].append(label["rest"].strip())
                        current["has_text"] = True
                    continue
            current["lines"].append(piece)
            current["has_text"] = current["has_text"] or bool(line.strip(NON_TEXT))
    result = []
    for entry in entries:
        text = "\n\n".join(paragraphs(entry["lines"]))
        history = ParsedHistoryEntry(entry["committee"], entry["date"], entry["number"], text)
        history.positions, history.absences = _read_prose(text)
        result.append(history)
    return result


def _entry(committee):
    """A treatment being read: its labels, its lines, and whether any of them is text yet (the
    labels come before the text; a "Dato:" line inside the text is text)."""
    return {"committee": committee, "date": None, "number": None, "lines": [], "has_text": False}


# --- one item ---------------------------------------------------------------------------------------


def build_item(number, title, case_number, closed, sections, attachments, paragraphs):
    """A ParsedItem from a FirstAgenda item's parts.

    `sections`: (heading or None, lines) pairs in document order, None for text before the first
    heading; `paragraphs(lines)` joins a section's lines into paragraphs (the PDF parser undoes
    line wrapping, the HTML parser has one paragraph per element already). `attachments`: the
    ParsedAttachments, which each parser reads its own way.

    Mapping: the decision sections make the decision (several: each after its heading); the
    recommendation sections the recommendation; "Resume" (or "Sagsfremstilling") is the
    presentation, preceded by any text before the first heading (the page's untitled intro); with
    no Resume that intro alone is the presentation. Every other text section ("BESLUTNINGSFORSLAG
    FRA ...", "Baggrund", "Borgmesterens Afdelings påtegning", a second Resume) becomes a
    ParsedSection under its heading, in document order. A lone "." paragraph (FirstAgenda's
    filler for an empty field) is dropped. A closed item keeps its number, title and case number
    and nothing else: its content is never public.
    """
    item = ParsedItem(number=number, title=title, case_number=case_number, closed=closed)
    if closed:
        return item
    decisions, recommendation, intro, presentation, decided_by = [], [], [], [], []
    for heading, lines in sections:
        found = heading_role(heading) if heading else None
        role = found[0] if found else (SECTION if heading else None)  # an unknown heading is a section
        text = [p for p in paragraphs(lines) if p.strip() not in ("", ".")]
        if role == DECISION:
            decisions.append((heading, text))
        elif role == RECOMMENDATION:
            recommendation += text
        elif role == HISTORY:
            item.history += history_entries(lines, paragraphs)
        elif role == DECIDED_BY:
            decided_by += [p.rstrip(". ") for p in text]
        elif role == ATTACHMENTS:
            continue  # read by the parser
        elif role is None:
            intro += text
        elif role == PRESENTATION and not presentation:
            presentation = text or [""]
        elif text:
            item.sections.append(ParsedSection(heading, "\n\n".join(text)))
    item.presentation = "\n\n".join(p for p in intro + presentation if p)
    item.recommendation = "\n\n".join(recommendation)
    item.decided_by = list(dict.fromkeys(name for name in decided_by if name))
    if len(decisions) == 1:
        item.decision = "\n\n".join(decisions[0][1])
    else:
        item.decision = "\n\n".join(
            f"{heading}\n\n" + "\n\n".join(text) for heading, text in decisions if text
        )
    item.positions, item.absences = _read_prose(item.decision)
    item.attachments = list(attachments)
    return item


def _read_prose(text):
    """(positions, absences) stated in a decision's or a treatment's prose."""
    if not text:
        return [], []
    return prose.positions(text), prose.absences(text)
