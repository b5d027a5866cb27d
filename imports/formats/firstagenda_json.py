"""Parser for the JSON a FirstAgenda Publication site's API answers for one meeting.

Pure Python, no Django. `GET <site>/api/agenda/dagsorden/<meeting id>` (dagsordener.greve.dk and
other municipalities' FirstAgenda Publication sites) answers:

    {"Dagsordenpunkter": [                          <- the items, in agenda order
        {"Punktnummer": "3", "Navn": "Lukket: Salg af ...",   <- "Lukket: " marks a closed item
         "SagsNummer": "22-000056",
         "Felter": [{"Html": "<div>...</div>", "Link": "https://<site>/Vis/Pdf/bilag/<id>"}],
         "Bilag": [{"Order": 0, "Navn": "Tilsynets afgørelse", "Id": "<guid>"}],
         "ExternalAgendaItemAttendees": [{"Name": "A", "Reason": "Fraværende", "AttendanceType": 2}],
         "IsOpen": false, ...}],                    <- IsOpen is NOT about closed items: ignored
     "Udvalg": {"Navn": "Byråd 2022-2025"},         <- committee, maybe with its election period
     "Moede": {"Dato": "2022-01-10T07:45:00+01:00", "MeetingEndUtc": null, "Sted": "Biblioteket",
               "Afsluttet": true, "Moededeltagere": [{"Name": "A", "Absent": false,
               "ParticipationCancelled": false}]},
     "Id": "<meeting guid>"}

An open item's Html (see `_split_parts`) holds up to three parts, each under an <h3>:

* "Beslutning": the decision, ending in lines such as "Fraværende: A" or "Afbud: B og C";
* "Fremstilling": the case, under sub-headings (<h2>, sometimes <h3>/<h4> or a bold paragraph) of
  the council's template. How they are used (`TEMPLATE`):
  - "Sagsprocedure" ("Økonomiudvalget og Byrådet.") -> decided_by, when it is such a list; otherwise
    it stays a section;
  - "Indstilling" -> recommendation;
  - "Sagsbeskrivelse" / "Sagsfremstilling" -> presentation (the case text proper), and text under
    no sub-heading at all; when an item has none of these (orientations, "Godkendelse af
    dagsorden") its "Resume" is the presentation, otherwise "Resume" is a section;
  - every other template heading (Økonomiske konsekvenser, Lovgrundlag, Tidsplan, Kommunikation,
    Øvrige forhold, Supplerende sagsfremstilling, ...) -> a ParsedSection, in document order;
  - any other heading is the case officer's own sub-heading ("Udbud af grund", "Tabel 1: ...") and
    stays in the text as a paragraph; an empty heading right after "Indstilling" is the template's
    Sagsbeskrivelse slot whose name was deleted, so the text after it is presentation;
* "Sagens forløb": the earlier treatments, each "<u>24-01-2022 Økonomiudvalget</u><br>" and what
  that committee decided -> ParsedHistoryEntry (no item number: Greve does not print one). The
  entry for this very meeting (same date and committee, usually empty) is not history and is left
  out.

Some items have no <h3> parts: their Html starts with the item's title as bare text, then the
decision paragraphs, then the Fremstilling sub-headings (Greve, January 2023); or it is only
decision paragraphs. Text before the first part or sub-heading is therefore the decision, the
title line dropped. A closed item's Html is exactly such decision paragraphs: it is never read
(a closed item keeps its number, title and case number, and the absences the attendance data
gives, nothing else).
"""

import json
import re
from datetime import datetime
from urllib.parse import quote, urlsplit

from .. import prose
from ..html import Block, blocks_text, fragment_blocks
from ..municipalities import from_url
from ..text import make_date
from ..types import (
    NotMinutesError,
    ParsedAttachment,
    ParsedHistoryEntry,
    ParsedItem,
    ParsedMeeting,
    ParsedSection,
)

NAME = "FirstAgenda JSON"

LOOKS_HEAD_CHARS = 200

# "Lukket: Salg af matr. 7hy", "Lukket:  Henvendelser til formanden"
CLOSED_TITLE = re.compile(r"^\s*Lukket\s*:\s*", re.IGNORECASE)
# A committee's name with its election period or year: "Byråd 2022-2025", "Byråd 2022",
# ".Spørgsmål / Svar til Byrådet 2022-2025", "Økonomiudvalget (slettet 10-01-2022)" in a history.
COMMITTEE_SUFFIX = re.compile(
    r"(?:\s+\(slettet\s[^)]*\)|\s+[0-9]{4}(?:\s*[-–]\s*[0-9]{4})?)+\s*$", re.IGNORECASE
)

# Part headings (<h3>) of an item's Html.
DECISION_HEADING = re.compile(r"^Beslutning\b", re.IGNORECASE)
PRESENTATION_PART = {"fremstilling"}
HISTORY_PART = {"sagens forløb", "sagsforløb"}

# The sub-headings of the Fremstilling template, by their normalised text (see `_heading_key`).
PRESENTATION, RECOMMENDATION, DECIDED_BY, RESUME, SECTION = (
    "presentation",
    "recommendation",
    "decided_by",
    "resume",
    "section",
)
TEMPLATE = {
    "sagsbeskrivelse": PRESENTATION,
    "sagsfremstilling": PRESENTATION,
    "indstilling": RECOMMENDATION,
    "indstillinger": RECOMMENDATION,
    "sagsprocedure": DECIDED_BY,
    "resume": RESUME,
    "resumé": RESUME,
    **dict.fromkeys(
        (
            "økonomiske konsekvenser", "økonomi", "økonomiske forhold", "lovgrundlag", "lovgrunlag",
            "lovgivning", "retsgrundlag", "tidsplan", "kommunikation", "øvrige konsekvenser",
            "øvrige forhold", "øvrige opmærksomhedspunkter", "høring", "høringssvar", "bilag",
            "personalemæssige konsekvenser", "bæredygtighed", "borgerinddragelse",
            "ny supplerende sagsfremstilling", "supplerende sagsbeskrivelse",
        ),
        SECTION,
    ),
}  # fmt: skip
# "Supplerende sagsfremstilling", "Supplerende sagsfremstilling den 17. maj 2022".
SUPPLEMENT = re.compile(r"^(?:ny\s+)?supplerende\s+sags(?:fremstilling|beskrivelse)\b")
MAX_HEADING_CHARS = 80

# "24-01-2022 Økonomiudvalget" opening one earlier treatment in "Sagens forløb".
HISTORY_LINE = re.compile(r"^([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})\s+(\S.{0,150})$")

# A name in a "Sagsprocedure" list ends in one of these words.
COMMITTEE_WORD = re.compile(r"(?:udvalget|udvalg|byrådet|byråd|rådet|nævnet|bestyrelsen)$", re.IGNORECASE)
MAX_COMMITTEE_WORDS = 8
MAX_DECIDED_BY_CHARS = 400
PARTY_SUFFIX = re.compile(r"\s*\([^()]{1,12}\)\s*$")
GUID = re.compile(r"^[0-9A-Za-z-]{1,64}$")
HAS_TEXT = re.compile(r"\w")


def looks_like(text: str) -> bool:
    """Cheap check: a JSON object that has the API's "Dagsordenpunkter" and "Moede" keys."""
    head = text[:LOOKS_HEAD_CHARS].lstrip("\ufeff \t\r\n")
    return head.startswith("{") and '"Dagsordenpunkter"' in text and '"Moede"' in text


def parse(text: str, base_url: str | None = None) -> list[ParsedMeeting]:
    """The one meeting of a FirstAgenda API answer; NotMinutesError when it is not one."""
    data = _load(text)
    moede, udvalg = data["Moede"], data.get("Udvalg")
    committee = clean_committee(_str(udvalg, "Navn") if isinstance(udvalg, dict) else "")
    if not committee:
        raise NotMinutesError("FirstAgenda JSON: the meeting names no committee (Udvalg.Navn is empty)")
    warnings = []
    links = _links(data["Dagsordenpunkter"])
    site = _site(base_url) or next(filter(None, map(_site, links)), None)
    municipality = _municipality(links, base_url, warnings)
    meeting = ParsedMeeting(municipality=municipality, committee=committee, kind="agenda", warnings=warnings)
    meeting.external_id = _str(data, "Id") or None
    if site and meeting.external_id:
        meeting.source_url = f"{site}/api/agenda/dagsorden/{quote(meeting.external_id, safe='-')}"
    _set_times(meeting, moede)
    meeting.location = _str(moede, "Sted") or None

    absentees = []  # absent from the whole meeting, so from every item
    for person in moede.get("Moededeltagere") or []:
        name = _name(_str(person, "Name")) if isinstance(person, dict) else ""
        if not name:
            continue
        if person.get("Absent") is True or person.get("ParticipationCancelled") is True:
            _add_names(absentees, [name])
        elif name not in meeting.participants:
            meeting.participants.append(name)

    for raw in data["Dagsordenpunkter"]:
        if not isinstance(raw, dict):
            warnings.append("Et punkt i Dagsordenpunkter er ikke et objekt og er udeladt")
            continue
        meeting.items.append(_parse_item(raw, meeting, site, absentees))

    _spell_committees_alike(meeting)
    if moede.get("Afsluttet") is True and any(item.decision for item in meeting.items):
        meeting.kind = "minutes"
    if meeting.kind == "minutes":
        for item in meeting.items:
            if not item.closed and not item.decision:
                warnings.append(f"Punkt {item.number}: ingen beslutning")
    return [meeting]


def clean_committee(name):
    """A committee's name the same in every election period: "Byråd 2022-2025" -> "Byråd",
    ".Spørgsmål / Svar til Byrådet 2022-2025" -> "Spørgsmål / Svar til Byrådet"."""
    name = _one_line(name).lstrip(". ")
    return COMMITTEE_SUFFIX.sub("", name).strip() or name


# --- the JSON ------------------------------------------------------------------------------------


def _load(text):
    try:
        data = json.loads(text.lstrip("\ufeff"))  # a BOM is no JSON, but saved files have one
    except json.JSONDecodeError as exc:
        raise NotMinutesError(f"not valid JSON ({exc.msg}, column {exc.colno})", line=exc.lineno) from None
    except RecursionError:
        raise NotMinutesError("not valid JSON (nested too deeply)") from None
    if not isinstance(data, dict):
        raise NotMinutesError("JSON, but not a FirstAgenda meeting: the top level is not an object")
    expected = (("Dagsordenpunkter", list), ("Moede", dict))
    missing = [key for key, kind in expected if not isinstance(data.get(key), kind)]
    if missing:
        raise NotMinutesError(
            "JSON, but not a FirstAgenda meeting (/api/agenda/dagsorden/<id>): "
            + ", ".join(missing)
            + (" is" if len(missing) == 1 else " are")
            + " missing or of the wrong type"
        )
    return data


def _str(obj, key):
    """obj[key] as a stripped string; "" when missing, null or not a string or number."""
    value = obj.get(key) if isinstance(obj, dict) else None
    if isinstance(value, bool) or value is None:
        return ""
    return str(value).strip() if isinstance(value, (str, int, float)) else ""


def _one_line(text):
    return " ".join((text or "").split())


def _name(text):
    return _one_line(text).strip(" ,.;")


def _links(items):
    """The Felter links of the items (https://<site>/Vis/Pdf/bilag/<id>)."""
    links = []
    for item in items:
        for field in (item.get("Felter") or []) if isinstance(item, dict) else []:
            link = _str(field, "Link")
            if link:
                links.append(link)
    return links


def _site(url):
    """The site's address of a URL on it: "https://dagsordener.greve.dk/Vis/Pdf/bilag/x" ->
    "https://dagsordener.greve.dk". None for anything but an http(s) address."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not re.fullmatch(r"[\w.:@-]+", parts.netloc):
        return None
    path = re.split(r"/(?:api|vis)(?:/|$|\?)", parts.path, maxsplit=1, flags=re.IGNORECASE)[0]
    return f"{parts.scheme.lower()}://{parts.netloc}{path.rstrip('/')}"


def _municipality(links, base_url, warnings):
    """What the site's address says: the Felter links first (the document itself), then base_url."""
    from_links = next(filter(None, map(from_url, links)), None)
    from_base = from_url(base_url) if base_url else None
    if from_links and from_base and from_links != from_base:
        warnings.append(f"Dokumentets links peger på {from_links}, adressen på {from_base}")
    return from_links or from_base or ""


def _set_times(meeting, moede):
    """Date and start from Moede.Dato as printed (local time); the end from MeetingEndUtc."""
    raw = _str(moede, "Dato") or _str(moede, "MeetingBeginUtc")
    begin = _datetime(raw)
    if begin:
        meeting.date, meeting.start_time = begin.date(), begin.time().replace(tzinfo=None)
        if begin.time() == datetime.min.time():
            meeting.start_time = None  # a bare date ("2022-01-01T00:00:00") says no time
    else:
        problem = f"Mødets dato kan ikke læses: {raw[:40]}" if raw else "Mødets dato er ikke angivet"
        meeting.warnings.append(problem)
    end = _datetime(_str(moede, "MeetingEndUtc"))
    if end:
        if end.tzinfo and begin and begin.tzinfo:
            end = end.astimezone(begin.tzinfo)  # the name says UTC; print it in the meeting's time
        meeting.end_time = end.time().replace(tzinfo=None)


def _datetime(text):
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


# --- items ---------------------------------------------------------------------------------------


def _parse_item(raw, meeting, site, absentees):
    number = _str(raw, "Punktnummer") or _str(raw, "Number")
    title = _one_line(_str(raw, "Navn") or _str(raw, "Caption"))
    closed = bool(CLOSED_TITLE.match(title))
    if closed:
        title = CLOSED_TITLE.sub("", title)
    item = ParsedItem(number=number, title=title, closed=closed)
    item.case_number = _str(raw, "SagsNummer") or _str(raw, "CaseNumber") or None
    if not number:
        meeting.warnings.append(f"Et punkt uden nummer: {title[:60]}")
    if not title:
        meeting.warnings.append(f"Punkt {number}: titlen mangler")

    _add_names(item.absences, absentees)
    for person in raw.get("ExternalAgendaItemAttendees") or []:
        # Lists who missed the item: {"Name": ..., "AttendanceType": 2, "Reason": "Fraværende"}.
        if isinstance(person, dict) and (person.get("AttendanceType") == 2 or _str(person, "Reason")):
            _add_names(item.absences, [_name(_str(person, "Name"))])
    if closed:
        return item  # nothing of a closed item's text, not even its decision, is read

    html = "".join(_str(field, "Html") for field in raw.get("Felter") or [] if isinstance(field, dict))
    if html:
        _read_text(item, fragment_blocks(html, keep_empty_headings=True), meeting)
    item.attachments = _attachments(raw.get("Bilag"), site)
    return item


def _attachments(bilag, site):
    """Bilag in their Order; the url <site>/Vis/Pdf/bilag/<Id> keeps the Bilag's Id."""
    entries = [b for b in bilag or [] if isinstance(b, dict)]
    entries.sort(key=lambda b: b.get("Order") if isinstance(b.get("Order"), int) else 0)
    attachments = []
    for entry in entries:
        title = _one_line(_str(entry, "Navn"))
        bilag_id = _str(entry, "Id")
        url = f"{site}/Vis/Pdf/bilag/{bilag_id}" if site and GUID.match(bilag_id) else None
        if title or url:
            attachments.append(ParsedAttachment(title=title or bilag_id, url=url))
    return attachments


def _read_text(item, blocks, meeting):
    """Decision, case text and history of an open item from the blocks of its Html."""
    lead, decisions, sections, history = _split_parts(blocks)
    if lead and lead[0].text.casefold() == item.title.casefold():
        lead = lead[1:]  # the title printed again above the decision (no-<h3> layout)
    if lead:
        if decisions:
            meeting.warnings.append(f"Punkt {item.number}: tekst før beslutningen er udeladt")
        else:
            decisions = [("", lead)]
    item.decision = _decision_text(decisions)
    _read_sections(item, sections)
    if item.decision:
        item.positions = _positions(item.decision)
        _add_names(item.absences, _prose_absences(item.decision))
    item.history = _history(history, meeting)


def _split_parts(blocks):
    """(lead, decisions, sections, history) of an item's blocks.

    lead: blocks before any part or sub-heading; decisions: [(heading, blocks)] per "Beslutning";
    sections: [(heading text, role, blocks)] of the Fremstilling in document order, role None for
    text under no template heading; history: the blocks after "Sagens forløb".
    """
    lead, decisions, sections, history = [], [], [], []
    target = lead
    for block in blocks:
        key = _heading_key(block.text)
        if block.heading and DECISION_HEADING.match(key):
            decisions.append((block.text, []))
            target = decisions[-1][1]
        elif block.heading and key in PRESENTATION_PART:
            sections.append(("", None, []))
            target = sections[-1][2]
        elif block.heading and key in HISTORY_PART:
            target = history
        elif target is not history and _template_role(block):
            sections.append((_heading_text(block.text), _template_role(block), []))
            target = sections[-1][2]
        elif block.heading and not block.text:
            # An empty heading: the template's Sagsbeskrivelse slot when it follows Indstilling
            # ("<h2>Indstilling</h2> ... <h2><div><i>&nbsp;</i></div></h2> <div>Administrationen
            # orienterer om ...</div>"); inside any other section it changes nothing.
            if sections and sections[-1][1] == RECOMMENDATION and target is sections[-1][2]:
                sections.append(("", None, []))
                target = sections[-1][2]
        else:
            target.append(Block(block.text))  # an unknown heading stays as a paragraph
    return lead, decisions, sections, history


def _heading_key(text):
    return _one_line(text).rstrip(" :.").casefold()


def _heading_text(text):
    return _one_line(text).rstrip(" :.")


def _template_role(block):
    """The role of a template sub-heading, or None. A one-line paragraph that is exactly a
    template heading is one too: "<div><b>Resume</b></div>" is written where <h2> is meant."""
    if "\n" in block.text or len(block.text) > MAX_HEADING_CHARS:
        return None
    key = _heading_key(block.text)
    if key in TEMPLATE:
        return TEMPLATE[key]
    return SECTION if SUPPLEMENT.match(key) else None


def _decision_text(decisions):
    """One decision as its text; several (by several committees) each after its heading line."""
    texts = [(heading, blocks_text(blocks)) for heading, blocks in decisions]
    texts = [(heading, text) for heading, text in texts if HAS_TEXT.search(text)]  # "." is no decision
    if len(texts) == 1:
        return texts[0][1]
    return "\n\n".join(f"{heading}\n\n{text}" if heading else text for heading, text in texts)


def _read_sections(item, sections):
    """presentation, recommendation, decided_by and sections from the Fremstilling's sections."""
    presentation, recommendation, resumes, others = [], [], [], []
    for heading, role, blocks in sections:
        text = blocks_text(blocks)
        if not text:
            continue
        if role in (None, PRESENTATION):
            presentation.append(text)
        elif role == RECOMMENDATION:
            recommendation.append(text)
        elif role == DECIDED_BY and not item.decided_by and _committee_list(text):
            item.decided_by = _committee_list(text)
        elif role == RESUME:
            resumes.append(ParsedSection(heading, text))
            others.append(resumes[-1])
        else:
            others.append(ParsedSection(heading, text))
    if not presentation and resumes:
        presentation = [resumes[0].text]
        others.remove(resumes[0])
    item.presentation = "\n\n".join(presentation)
    item.recommendation = "\n\n".join(recommendation)
    item.sections = others


def _committee_list(text):
    """Committee names of a Sagsprocedure that lists them, else [].

    "Klima-, Teknik- og Miljøudvalget, Økonomiudvalget og Byrådet." -> three names: a name ends at
    a word such as "...udvalget" or "Byrådet", so the "," and "og" inside "Klima-, Teknik- og
    Miljøudvalget" do not split it. Prose ("I sagen gives ...") gives [].
    """
    first = text.split("\n\n")[0]
    if len(first) > MAX_DECIDED_BY_CHARS:
        return []
    names, words = [], []
    for word in first.split():
        bare = word.strip(",.;:")
        if not bare or (not words and bare == "og"):
            continue
        words.append(word)  # as printed: "Klima-," keeps its comma inside the name
        if COMMITTEE_WORD.search(bare):
            name = " ".join(words).strip(" ,.;:")
            if len(words) > MAX_COMMITTEE_WORDS or not name[0].isupper():
                return []
            if name not in names:
                names.append(name)
            words = []
    return names if names and not words else []


def _spell_committees_alike(meeting):
    """A decided_by name spelt like the system spells the committee where only punctuation or
    spacing differ: "Skole-, Børne-, og Ungeudvalget" and "Klima-, Teknik og Miljøudvalget" are
    "Skole-, Børne- og Ungeudvalget" and "Klima-, Teknik- og Miljøudvalget" as the committee's
    own name (Udvalg.Navn) and the "Sagens forløb" lines of this meeting write them."""
    known = {_spelling_key(meeting.committee): meeting.committee}
    for item in meeting.items:
        for entry in item.history:
            known.setdefault(_spelling_key(entry.committee), entry.committee)
    for item in meeting.items:
        names = []
        for name in item.decided_by:
            name = known.get(_spelling_key(name), name)
            if name not in names:
                names.append(name)
        item.decided_by = names


def _spelling_key(name):
    return re.sub(r"[\W_]+", "", name.replace("&", " og ")).casefold()


# --- history -------------------------------------------------------------------------------------


def _history(blocks, meeting):
    """ "Sagens forløb": one entry per "DD-MM-YYYY Committee" line and the text after it."""
    entries, current, text = [], None, []

    def close():
        body = re.sub(r"\n{3,}", "\n\n", "\n".join(text)).strip()
        if current is not None or body:
            entry = current or ParsedHistoryEntry(committee="", date=None, number=None, text="")
            entry.text = body
            entries.append(entry)

    for block in blocks:
        for line in block.text.split("\n"):
            match = HISTORY_LINE.match(line)
            day = make_date(match[3], match[2], match[1]) if match else None
            if day:
                close()
                current, text = ParsedHistoryEntry(clean_committee(match[4]), day, None, ""), []
            else:
                text.append(line)
        text.append("")
    close()

    kept = []
    for entry in entries:
        if entry.date == meeting.date and entry.committee == meeting.committee:
            continue  # this very treatment, not an earlier one
        if entry.text:
            entry.positions = _positions(entry.text)
            _add_names(entry.absences, _prose_absences(entry.text))
        kept.append(entry)
    return kept


# --- names, positions --------------------------------------------------------------------------------


def _add_names(names, new):
    """Add each name once: "Tina Rottbøll (A)" is the same person as "Tina Rottbøll"."""
    keys = {PARTY_SUFFIX.sub("", name).casefold() for name in names}
    for name in new:
        key = PARTY_SUFFIX.sub("", name).casefold()
        if name and key not in keys:
            names.append(name)
            keys.add(key)


def _positions(text):
    """Positions in a decision's prose ("For stemte: Ø Imod stemte: V, A, C")."""
    return prose.positions(text)


def _prose_absences(text):
    """Names the prose says were absent ("Afbud: A, B og C", "Fraværende: X")."""
    return prose.absences(text)
