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
    title: str
    text: str = ""


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

    def as_dict(self):
        """The JSON shape of `import_minutes --dry-run --json` (an interface: keep the names)."""
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        data["start_time"] = self.start_time.strftime("%H:%M") if self.start_time else None
        data["end_time"] = self.end_time.strftime("%H:%M") if self.end_time else None
        return data
