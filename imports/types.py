"""What a parser returns: plain dataclasses, no Django. `as_dict()` is the --json interface."""

import datetime
from dataclasses import asdict, dataclass, field


class MinutesError(Exception):
    """Base of the importer's own errors; anything a bad file can cause is one of these."""


class NotMinutesError(MinutesError):
    """The input is not minutes or an agenda in a format we know. `line` is 1-based where known."""

    def __init__(self, message, line=None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self):
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass
class ParsedSection:
    heading: str
    text: str


@dataclass
class ParsedAttachment:
    """A Bilag as the document lists it; `url` where the document links it (absolute when known)."""

    title: str
    text: str = ""
    url: str | None = None


@dataclass
class ParsedPosition:
    """How a party group or a person stood on an item, as the decision prose says it.

    `who` as written, party groups named the same way everywhere ("Socialdemokratiet"); `stance`
    one of STANCES; `text` the sentence it was read from.
    """

    who: str
    stance: str
    text: str = ""


STANCES = ("for", "against", "reservation", "abstained")


@dataclass
class ParsedHistoryEntry:
    """One earlier treatment of the case ("Sagsforløb" / "Sagens forløb"): where, when, which item,
    what was decided there, with that treatment's own positions and absences (never the item's)."""

    committee: str
    date: datetime.date | None
    number: str | None
    text: str
    positions: list[ParsedPosition] = field(default_factory=list)
    absences: list[str] = field(default_factory=list)


@dataclass
class ParsedItem:
    number: str
    title: str
    case_number: str | None = None
    closed: bool = False
    presentation: str = ""
    recommendation: str = ""
    decision: str = ""
    decided_by: list[str] = field(default_factory=list)
    absences: list[str] = field(default_factory=list)
    duration_minutes: int | None = None
    responsible: str | None = None
    sections: list[ParsedSection] = field(default_factory=list)
    attachments: list[ParsedAttachment] = field(default_factory=list)
    history: list[ParsedHistoryEntry] = field(default_factory=list)
    positions: list[ParsedPosition] = field(default_factory=list)


@dataclass
class ParsedMeeting:
    municipality: str
    committee: str
    kind: str  # "minutes" | "agenda"
    date: datetime.date | None = None
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    location: str | None = None
    participants: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    items: list[ParsedItem] = field(default_factory=list)
    # Where the document came from, when it says so (a FirstAgenda page's or API's address), and
    # the publisher's own id of the meeting: what a harvest finds the meeting again by.
    source_url: str | None = None
    external_id: str | None = None

    def as_dict(self):
        """The JSON shape of `import_minutes --dry-run --json` (an interface: keep the names)."""
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        for item in data["items"]:
            for entry in item["history"]:
                entry["date"] = entry["date"].isoformat() if entry["date"] else None
        data["start_time"] = self.start_time.strftime("%H:%M") if self.start_time else None
        data["end_time"] = self.end_time.strftime("%H:%M") if self.end_time else None
        return data
