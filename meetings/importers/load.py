"""Save parsed meetings to the database: the only importer module that touches the ORM.

One call, one transaction: `load_meetings()` saves every meeting of one source file or
nothing. Saving is idempotent: a meeting is found again by its natural key (committee, kind
and date; or, when the date is not stated, a fingerprint of its items), its items by number
and its attachments by position, so importing the same file twice, or a corrected version of
it, updates in place. Fields a clerk corrected by hand (`AgendaItem.edited_fields`) are left
as the clerk left them.
"""

import hashlib
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from agenda_items.models import AgendaItem, Case, normalize_case_number
from agenda_items.search import refresh_search_vectors
from attachments.models import Attachment
from meetings.models import Committee, Meeting, Municipality, Person

from .detect import parse_text, text_of_file
from .types import MinutesError

# "Susanne Provstgaard (V)" -> name and party letter(s).
PERSON_WITH_PARTY = re.compile(r"^(?P<name>.+?)\s*\((?P<party>[A-ZÆØÅ]{1,3})\)\s*$")
# AgendaItem fields a parse sets and a clerk may correct.
ITEM_FIELDS = [
    "title",
    "closed",
    "presentation",
    "recommendation",
    "decision",
    "decided_by",
    "duration_minutes",
    "responsible",
    "sections",
]


@dataclass
class LoadResult:
    """What saving one parsed meeting did."""

    meeting: Meeting
    created: bool
    items_created: int = 0
    items_updated: int = 0
    items_deleted: int = 0
    kept_edits: list[str] = field(default_factory=list)


def split_person(text):
    """("Susanne Provstgaard", "V") from "Susanne Provstgaard (V)"; party "" when none is printed."""
    text = " ".join(text.split())
    m = PERSON_WITH_PARTY.match(text)
    return (m.group("name"), m.group("party")) if m else (text, "")


def fingerprint(parsed):
    """Identity of a meeting whose date is not stated: its item numbers and titles."""
    basis = "\n".join(f"{item.number}\t{item.title}" for item in parsed.items)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


def unique_slug(model, base, **scope):
    base = slugify(base)[:180] or "x"
    slug, n = base, 2
    while model.objects.filter(slug=slug, **scope).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def get_municipality(name):
    municipality = Municipality.objects.filter(name__iexact=name).first()
    if municipality is None:
        municipality = Municipality.objects.create(name=name, slug=unique_slug(Municipality, name))
    return municipality


def get_committee(municipality, name):
    committee = Committee.objects.filter(municipality=municipality, name=name).first()
    if committee is None:
        committee = Committee.objects.create(
            municipality=municipality,
            name=name,
            slug=unique_slug(Committee, name, municipality=municipality),
        )
    return committee


def get_people(municipality, texts):
    """Person rows for printed names ("Name (P)"), created where missing, in the order given."""
    keys = list(dict.fromkeys(split_person(t) for t in texts if t.strip()))
    if not keys:
        return {}
    names = {name for name, _ in keys}
    found = {(p.name, p.party): p for p in Person.objects.filter(municipality=municipality, name__in=names)}
    missing = [Person(municipality=municipality, name=n, party=p) for n, p in keys if (n, p) not in found]
    if missing:
        Person.objects.bulk_create(missing)
        found.update(
            {(p.name, p.party): p for p in Person.objects.filter(municipality=municipality, name__in=names)}
        )
    return {text: found[split_person(text)] for text in texts if text.strip()}


def get_cases(municipality, numbers):
    """Case rows by normalised number, created where missing (number kept as first printed)."""
    wanted = {}
    for number in numbers:
        if number and normalize_case_number(number):
            wanted.setdefault(normalize_case_number(number), number.strip())
    if not wanted:
        return {}
    found = {c.normalized: c for c in Case.objects.filter(municipality=municipality, normalized__in=wanted)}
    for normalized, number in wanted.items():
        if normalized not in found:
            found[normalized] = Case.objects.create(municipality=municipality, number=number)
    return found


def find_meeting(committee, parsed):
    key = {"date": parsed.date} if parsed.date else {"date": None, "fingerprint": fingerprint(parsed)}
    meeting = Meeting.objects.filter(committee=committee, kind=parsed.kind, **key).first()
    return meeting, key


def save_meeting(parsed, *, source_name="", source_hash="", source_file=None):
    """Create or update one meeting with its items, cases, people and attachments."""
    numbers = [item.number for item in parsed.items]
    twice = sorted({n for n in numbers if numbers.count(n) > 1})
    if twice:
        raise MinutesError(f"{parsed.committee}: item number {', '.join(twice)} appears more than once")
    municipality = get_municipality(parsed.municipality)
    committee = get_committee(municipality, parsed.committee)
    meeting, key = find_meeting(committee, parsed)
    created = meeting is None
    if created:
        meeting = Meeting(committee=committee, kind=parsed.kind, **key)
    meeting.start_time = parsed.start_time
    meeting.end_time = parsed.end_time
    meeting.location = parsed.location or ""
    meeting.warnings = list(parsed.warnings)
    meeting.source_name = source_name or meeting.source_name
    meeting.source_hash = source_hash or meeting.source_hash
    if source_file is not None:
        meeting.source_file = source_file
    meeting.save()
    people = get_people(municipality, parsed.participants + [a for i in parsed.items for a in i.absences])
    meeting.participants.set([people[p] for p in parsed.participants if p in people])

    result = LoadResult(meeting=meeting, created=created)
    cases = get_cases(municipality, [item.case_number for item in parsed.items])
    existing = {item.number: item for item in meeting.items.all()}
    saved = []
    for order, p_item in enumerate(parsed.items, start=1):
        item = existing.pop(p_item.number, None)
        values = {
            "title": p_item.title,
            "closed": p_item.closed,
            "presentation": p_item.presentation,
            "recommendation": p_item.recommendation,
            "decision": p_item.decision,
            "decided_by": list(p_item.decided_by),
            "duration_minutes": p_item.duration_minutes,
            "responsible": p_item.responsible or "",
            "sections": [{"heading": s.heading, "text": s.text} for s in p_item.sections],
        }
        case = cases.get(normalize_case_number(p_item.case_number or ""))
        if item is None:
            item = AgendaItem(meeting=meeting, number=p_item.number)
            result.items_created += 1
        else:
            result.items_updated += 1
            for name in item.edited_fields:
                if name in values and values[name] != getattr(item, name):
                    result.kept_edits.append(f"{item.number}: {name}")
                values.pop(name, None)
        for name, value in values.items():
            setattr(item, name, value)
        item.order = order
        if "case" not in item.edited_fields:
            item.case = case
        item.save()
        if "absences" not in item.edited_fields:
            item.absences.set([people[a] for a in p_item.absences if a in people])
        save_attachments(item, p_item.attachments)
        saved.append(item.pk)
    # Items the new version of the document no longer has.
    result.items_deleted = len(existing)
    AgendaItem.objects.filter(pk__in=[i.pk for i in existing.values()]).delete()
    refresh_search_vectors(AgendaItem.objects.filter(pk__in=saved))
    return result


def save_attachments(item, parsed_attachments):
    """Match attachments by position; a file a clerk uploaded and its text are kept."""
    existing = {a.order: a for a in item.attachments.all()}
    for order, p_att in enumerate(parsed_attachments, start=1):
        att = existing.pop(order, None) or Attachment(agenda_item=item, order=order)
        att.title = p_att.title
        if not att.file:
            att.text = p_att.text
        att.save()
    Attachment.objects.filter(pk__in=[a.pk for a in existing.values() if not a.file]).delete()


def load_meetings(parsed_meetings, *, source_name="", source_bytes=None, source_file=None):
    """Save all meetings parsed from one source in one transaction; returns a LoadResult each."""
    source_hash = hashlib.sha256(source_bytes).hexdigest() if source_bytes is not None else ""
    with transaction.atomic():
        return [
            save_meeting(m, source_name=source_name, source_hash=source_hash, source_file=source_file)
            for m in parsed_meetings
        ]


def import_file(path, *, municipality=None, dry_run=False, max_pdf_pages=500):
    """Read, parse and (unless `dry_run`) save one minutes file: (parsed meetings, LoadResults).

    Raises MinutesError for anything wrong with the file; nothing of it is saved then.
    """
    with open(path, "rb") as f:
        data = f.read()
    parsed = parse_text(text_of_file(path, max_pdf_pages=max_pdf_pages), municipality=municipality)
    if dry_run:
        return parsed, []
    return parsed, load_meetings(parsed, source_name=str(path).rsplit("/", 1)[-1], source_bytes=data)
