"""Save parsed meetings to the database: the only importer module that touches the ORM.

One call, one transaction: `load_meetings()` saves every meeting of one source file or
nothing. Saving is idempotent: a meeting is found again by its natural key (committee, kind
and date; or, when the date is not stated, a fingerprint of its items), its items by number
and its attachments by position, so importing the same file twice, or a corrected version of
it, updates in place. Fields a clerk corrected by hand (`AgendaItem.edited_fields`) are left
as the clerk left them. `plan_meetings()` tells, without saving, what `load_meetings()` would
do: the admin's import preview shows it.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F

from agenda_items.models import AgendaItem, Case, HistoryEntry, Position, normalize_case_number
from attachments.models import Attachment
from meetings.models import Committee, Meeting, Municipality, Person
from meetings.slugs import unique_slug
from search import index as search_index

from .decisions import outcome_values, position_party, position_person, split_person
from .detect import parse_text, text_of_file
from .types import MinutesError, ParsedItem, ParsedMeeting

# AgendaItem columns a parse sets and a clerk may correct; the case and the absences (relations)
# are set apart.
ITEM_FIELDS = [name for name in AgendaItem.IMPORTED_FIELDS if name not in ("case", "absences")]
HISTORY_FIELDS = ("committee", "date", "number", "text", "positions", "absences")


@dataclass
class LoadResult:
    """What saving one parsed meeting did."""

    meeting: Meeting
    created: bool
    items_created: int = 0
    items_updated: int = 0  # stored items the document changes, as the preview's ItemPlan.changes
    items_unchanged: int = 0
    items_deleted: int = 0
    kept_edits: list[str] = field(default_factory=list)


@dataclass
class ItemPlan:
    """What saving would do to one parsed item: `changes` and `kept_edits` are field names;
    `differences` maps each changed field to its (stored, new) value, for the clerk's preview."""

    parsed: ParsedItem
    new: bool
    changes: list[str] = field(default_factory=list)
    kept_edits: list[str] = field(default_factory=list)
    differences: dict = field(default_factory=dict)


@dataclass
class MeetingPlan:
    """What `load_meetings()` would do with one parsed meeting, found without saving anything.

    `existing` is the meeting it would update (None: a new meeting); `date` the date the meeting
    would have; `changes` the meeting's fields that would change; `deleted_items` the numbers of
    stored items the document no longer has; `differences` each changed field's (stored, new) value;
    `repeats` the index of an earlier meeting of the same file that this one would update.
    """

    parsed: ParsedMeeting
    existing: Meeting | None
    date: datetime.date | None
    items: list[ItemPlan]
    changes: list[str] = field(default_factory=list)
    deleted_items: list[str] = field(default_factory=list)
    differences: dict = field(default_factory=dict)
    repeats: int | None = None

    @property
    def updates(self):
        """Whether saving updates a meeting (stored, or saved before it from the same file)."""
        return self.existing is not None or self.repeats is not None

    @property
    def kept_edits(self):
        return [f"{p.parsed.number}: {name}" for p in self.items for name in p.kept_edits]


def fingerprint(parsed):
    """Identity of a meeting whose date is not stated: its item numbers and titles."""
    basis = "\n".join(f"{item.number}\t{item.title}" for item in parsed.items)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


def find_committee(parsed):
    """The stored committee of a parsed meeting, or None when its municipality or it is new."""
    return Committee.objects.filter(
        municipality__name__iexact=parsed.municipality, name=parsed.committee
    ).first()


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
    """Person rows for printed names ("Name (P)"), created where missing: one per name, whose party
    letter becomes the last one printed with it ("Jens Bach" and "Jens Bach (A)" are one person)."""
    printed = {text: split_person(text) for text in texts if text.strip()}
    if not printed:
        return {}
    parties = {}
    for name, party in printed.values():
        if party or name not in parties:
            parties[name] = party
    found = {p.name: p for p in Person.objects.filter(municipality=municipality, name__in=parties)}
    missing = [Person(municipality=municipality, name=n, party=p) for n, p in parties.items()]
    missing = [person for person in missing if person.name not in found]
    if missing:
        Person.objects.bulk_create(missing)
        found.update({p.name: p for p in Person.objects.filter(municipality=municipality, name__in=parties)})
    changed = [p for n, p in found.items() if parties[n] and p.party != parties[n]]
    for person in changed:
        person.party = parties[person.name]
    Person.objects.bulk_update(changed, ["party"])
    return {text: found[name] for text, (name, _party) in printed.items()}


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


def find_meeting(committee, parsed, date=None):
    """The stored meeting `parsed` is a version of, or None.

    By the publisher's id where the document carries one (any kind: an agenda that became minutes).
    Else by date where the document states one or a clerk entered one (`date`). A document that
    states no date is found by its items' fingerprint, which a meeting keeps when a clerk
    entered its date, so re-importing that document updates the meeting the clerk dated.
    """
    if parsed.external_id:
        # The publisher's id names the meeting whatever it is now: an agenda that has become minutes
        # updates the same meeting.
        found = Meeting.objects.filter(
            committee__municipality_id=committee.municipality_id, external_id=parsed.external_id
        ).first()
        if found is not None:
            return found
    meetings = Meeting.objects.filter(committee=committee, kind=parsed.kind)
    when = parsed.date or date
    if when:
        meeting = meetings.filter(date=when).first()
        if meeting is not None or parsed.date:
            return meeting
    return meetings.filter(fingerprint=fingerprint(parsed)).order_by(F("date").asc(nulls_first=True)).first()


def check_kind_change(meeting, committee, parsed):
    """An agenda that has become minutes (same publisher id) may take the minutes' place, unless
    the archive already holds those minutes as another meeting (e.g. from a PDF)."""
    date = parsed.date or meeting.date
    twin = Meeting.objects.filter(committee=committee, kind=parsed.kind, date=date).exclude(pk=meeting.pk)
    if date and twin.exists():
        raise MinutesError(
            f"{parsed.committee} {date}: this {parsed.kind} is meeting {meeting.pk} at the publisher, "
            f"but the archive already has it as meeting {twin.first().pk}; delete one of them first"
        )


def check_items(parsed):
    numbers = [item.number for item in parsed.items]
    twice = sorted({n for n in numbers if numbers.count(n) > 1})
    if twice:
        raise MinutesError(f"{parsed.committee}: item number {', '.join(twice)} appears more than once")


def item_values(p_item):
    """The values of `ITEM_FIELDS` a parsed item gives."""
    return {
        "title": p_item.title,
        "closed": p_item.closed,
        "presentation": p_item.presentation,
        "recommendation": p_item.recommendation,
        "decision": p_item.decision,
        "decided_by": list(p_item.decided_by),
        **outcome_values(p_item.decision, p_item.closed),
        "duration_minutes": p_item.duration_minutes,
        "responsible": p_item.responsible or "",
        "sections": [{"heading": s.heading, "text": s.text} for s in p_item.sections],
    }


def compare_item(item, p_item):
    """(fields an import of `p_item` would change, fields it would change but a clerk's edit keeps,
    {changed field: (stored value, new value)})."""
    new = {
        **item_values(p_item),
        "case": normalize_case_number(p_item.case_number or ""),
        "absences": sorted({split_person(a)[0] for a in p_item.absences if a.strip()}),
        "attachments": [(a.title, a.url or "") for a in p_item.attachments],
        "history": history_values(p_item),
        "positions": position_values(p_item),
    }
    old = {
        **{name: getattr(item, name) for name in ITEM_FIELDS},
        "case": item.case.normalized if item.case else "",
        "absences": sorted(p.name for p in item.absences.all()),
        "attachments": [(a.title, a.url) for a in item.attachments.all()],
        "history": [
            {
                name: getattr(h, name)
                for name in ("committee", "date", "number", "text", "positions", "absences")
            }
            for h in item.history.all()
        ],
        "positions": [{"who": p.who, "stance": p.stance, "text": p.text} for p in item.positions.all()],
    }
    differ = [name for name in new if new[name] != old[name]]
    kept = [name for name in differ if name in item.edited_fields]
    changes = [name for name in differ if name not in kept]
    return changes, kept, {name: (old[name], new[name]) for name in changes}


def stored_items(meeting):
    """A meeting's items by number, with what `compare_item()` reads."""
    items = meeting.items.select_related("case").prefetch_related(
        "absences", "attachments", "history", "positions"
    )
    return {item.number: item for item in items}


def plan_meetings(parsed_meetings, *, dates=None):
    """What `load_meetings(parsed_meetings, dates=dates)` would do, as MeetingPlans; saves nothing.

    Raises MinutesError for what saving would refuse.
    """
    dates = dates or {}
    plans = []
    for index, parsed in enumerate(parsed_meetings):
        check_items(parsed)
        date = dates.get(index)
        committee = find_committee(parsed)
        # A renamed committee is new, but the publisher's id still finds the meeting (find_meeting).
        meeting = find_meeting(committee, parsed, date) if committee else find_by_publisher_id(parsed)
        if meeting is None:
            plan = MeetingPlan(
                parsed, None, parsed.date or date, [ItemPlan(p, new=True) for p in parsed.items]
            )
            plan.repeats = repeated_in_file(plans, plan)
            if plan.repeats is not None:
                compare_with_earlier(plan, plans[plan.repeats].parsed)
            plans.append(plan)
            continue
        plan = MeetingPlan(parsed, meeting, parsed.date or date or meeting.date, [])
        new = {
            "kind": parsed.kind,
            "date": plan.date,
            "start_time": parsed.start_time,
            "end_time": parsed.end_time,
            "location": parsed.location or "",
            "participants": sorted({split_person(p)[0] for p in parsed.participants if p.strip()}),
        }
        old = {
            "kind": meeting.kind,
            "date": meeting.date,
            "start_time": meeting.start_time,
            "end_time": meeting.end_time,
            "location": meeting.location,
            "participants": sorted(p.name for p in meeting.participants.all()),
        }
        plan.changes = [name for name in new if new[name] != old[name]]
        plan.differences = {name: (old[name], new[name]) for name in plan.changes}
        existing = stored_items(meeting)
        for p_item in parsed.items:
            item = existing.pop(p_item.number, None)
            if item is None:
                plan.items.append(ItemPlan(p_item, new=True))
            else:
                plan.items.append(ItemPlan(p_item, False, *compare_item(item, p_item)))
        plan.deleted_items = list(existing)
        plans.append(plan)
    return plans


def find_by_publisher_id(parsed):
    """The stored meeting of the document's municipality with the document's publisher id, or None."""
    if not parsed.external_id:
        return None
    return Meeting.objects.filter(
        committee__municipality__name__iexact=parsed.municipality, external_id=parsed.external_id
    ).first()


def repeated_in_file(plans, plan):
    """The index of an earlier new meeting in `plans` that saving `plan` would find and update
    (the same meeting twice in one file), else None; as find_meeting() would find it once saved."""
    parsed = plan.parsed
    for index, earlier in enumerate(plans):
        other = earlier.parsed
        if earlier.existing is not None or other.municipality.casefold() != parsed.municipality.casefold():
            continue
        if parsed.external_id and parsed.external_id == other.external_id:
            return index
        if (other.committee, other.kind) != (parsed.committee, parsed.kind):
            continue
        if plan.date and plan.date == earlier.date:
            return index
        if not parsed.date and not plan.date and fingerprint(parsed) == fingerprint(other):
            return index
    return None


def compare_with_earlier(plan, earlier):
    """Plan `plan`'s items as updates of the items of `earlier`, the same meeting earlier in the file."""
    before = {item.number: item_values(item) for item in earlier.items}
    for item_plan in plan.items:
        old = before.pop(item_plan.parsed.number, None)
        if old is not None:
            new = item_values(item_plan.parsed)
            item_plan.new = False
            item_plan.changes = [name for name in new if new[name] != old[name]]
            item_plan.differences = {name: (old[name], new[name]) for name in item_plan.changes}
    plan.deleted_items = list(before)


def save_meeting(parsed, *, source_name="", source_hash="", source_file=None, date=None):
    """Create or update one meeting with its items, cases, people and attachments.

    `date` is the date a clerk entered for a meeting whose document does not state it.
    """
    check_items(parsed)
    municipality = get_municipality(parsed.municipality)
    committee = get_committee(municipality, parsed.committee)
    meeting = find_meeting(committee, parsed, date)
    created = meeting is None
    if created:
        meeting = Meeting(committee=committee, kind=parsed.kind)
    elif meeting.kind != parsed.kind:
        check_kind_change(meeting, committee, parsed)
    meeting.committee, meeting.kind = committee, parsed.kind
    meeting.external_id = parsed.external_id or meeting.external_id
    meeting.source_url = parsed.source_url or meeting.source_url
    # A date the document does not state stays as a clerk entered it, now or before.
    meeting.date = parsed.date or date or meeting.date
    meeting.fingerprint = "" if parsed.date else fingerprint(parsed)
    meeting.start_time = parsed.start_time
    meeting.end_time = parsed.end_time
    meeting.location = parsed.location or ""
    meeting.warnings = list(parsed.warnings)
    meeting.source_name = source_name or meeting.source_name
    meeting.source_hash = source_hash or meeting.source_hash
    if source_file is not None:
        meeting.source_file = source_file
    meeting.save()
    # Positions name people too ("John T. Olsen (A) undlod at tage stilling"), on open items only.
    named = [p.who for i in parsed.items if not i.closed for p in i.positions if position_person(p.who)]
    people = get_people(
        municipality, parsed.participants + [a for i in parsed.items for a in i.absences] + named
    )
    meeting.participants.set([people[p] for p in parsed.participants if p in people])

    result = LoadResult(meeting=meeting, created=created)
    cases = get_cases(municipality, [item.case_number for item in parsed.items])
    existing = stored_items(meeting) if not created else {}
    for order, p_item in enumerate(parsed.items, start=1):
        item = existing.pop(p_item.number, None)
        values = item_values(p_item)
        case = cases.get(normalize_case_number(p_item.case_number or ""))
        is_new = item is None
        if is_new:
            item = AgendaItem(meeting=meeting, number=p_item.number)
            result.items_created += 1
        else:
            changes, kept, _differences = compare_item(item, p_item)
            if changes:
                result.items_updated += 1
            else:
                result.items_unchanged += 1
            result.kept_edits += [f"{item.number}: {name}" for name in kept]
            for name in item.edited_fields:
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
        save_history_and_positions(item, p_item, new=is_new, people=people)
    # Items the new version of the document no longer has.
    result.items_deleted = len(existing)
    AgendaItem.objects.filter(pk__in=[i.pk for i in existing.values()]).delete()
    return result


def history_values(p_item):
    """The parsed item's earlier treatments as HistoryEntry field values, in order."""
    return [
        {
            "committee": h.committee or "",
            "date": h.date,
            "number": h.number or "",
            "text": h.text,
            "positions": [{"who": p.who, "stance": p.stance, "text": p.text} for p in h.positions],
            "absences": list(h.absences),
        }
        for h in p_item.history
    ]


def position_values(p_item):
    return [{"who": p.who, "stance": p.stance, "text": p.text} for p in p_item.positions]


def save_history_and_positions(item, p_item, *, new, people=None):
    """Replace the item's history entries and positions with the document's (a new item has none);
    a position names its person (from `people`, printed name -> Person) and party where it can."""
    if not new:
        item.history.all().delete()
        item.positions.all().delete()
    HistoryEntry.objects.bulk_create(
        HistoryEntry(item=item, order=order, **values)
        for order, values in enumerate(history_values(p_item), start=1)
    )
    people = people or {}
    municipality_id = item.meeting.committee.municipality_id
    Position.objects.bulk_create(
        Position(
            item=item,
            order=order,
            person=people.get(values["who"]) if position_person(values["who"]) else None,
            party=position_party(values["who"]),
            municipality_id=municipality_id,
            meeting_date=item.meeting.date,
            item_closed=item.closed,
            **values,
        )
        for order, values in enumerate(position_values(p_item), start=1)
    )


def publisher_id(url):
    """The publisher's own id of a Bilag, the last part of its address
    (".../Vis/Pdf/bilag/<id>" on a FirstAgenda site); "" without an address."""
    return url.split("?")[0].rstrip("/").rsplit("/", 1)[-1][:100] if url else ""


def save_attachments(item, parsed_attachments):
    """Match attachments by position; a file a clerk uploaded and its text are kept."""
    existing = {a.order: a for a in item.attachments.all()}
    for order, p_att in enumerate(parsed_attachments, start=1):
        att = existing.pop(order, None) or Attachment(agenda_item=item, order=order)
        att.title = p_att.title
        att.url = p_att.url or ""
        same_bilag = bool(p_att.url) and publisher_id(p_att.url) == att.external_id
        att.external_id = publisher_id(p_att.url)
        # The text harvested from the publisher's PDF (imports/harvest.py) stays while the document
        # still lists the same Bilag without text of its own.
        if not att.file and not (same_bilag and not p_att.text):
            att.text = p_att.text
            att.pages = []
        att.save()
    Attachment.objects.filter(pk__in=[a.pk for a in existing.values() if not a.file]).delete()


def load_meetings(parsed_meetings, *, source_name="", source_bytes=None, source_file=None, dates=None):
    """Save all meetings parsed from one source in one transaction; returns a LoadResult each.

    `dates` maps the index of a meeting whose document states no date to the date a clerk entered.
    """
    source_hash = hashlib.sha256(source_bytes).hexdigest() if source_bytes is not None else ""
    dates = dates or {}
    # One refresh of the search columns for everything the file changed (search/index.py).
    with transaction.atomic(), search_index.batch():
        return [
            save_meeting(
                m,
                source_name=source_name,
                source_hash=source_hash,
                source_file=source_file,
                date=dates.get(index),
            )
            for index, m in enumerate(parsed_meetings)
        ]


def import_file(path, *, municipality=None, base_url=None, dry_run=False, max_pdf_pages=500):
    """Read, parse and (unless `dry_run`) save one minutes file: (parsed meetings, LoadResults).

    Raises MinutesError for anything wrong with the file; nothing of it is saved then.
    """
    with open(path, "rb") as f:
        data = f.read()
    text = text_of_file(path, max_pdf_pages=max_pdf_pages)
    parsed = parse_text(text, municipality=municipality, base_url=base_url)
    if dry_run:
        return parsed, []
    return parsed, load_meetings(parsed, source_name=str(path).rsplit("/", 1)[-1], source_bytes=data)
