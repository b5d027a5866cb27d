"""Synthetic minutes at national scale, for benchmarks: `generate(meetings, seed=...)`.

The corpus imitates what the importers produce from real documents (see fixtures/minutes/):
municipalities with their committees, meetings spread over twenty years, 5–25 items a meeting
with Sagsfremstilling, Indstilling ("at ..."), Beslutning ("Godkendt.", "Taget til
orientering.") with its outcome, now and then a vote by party ("For stemte: A og V. Imod stemte:
Ø.") or a member's reservation with the positions the importer reads from them, "Sagen afgøres
i", other sections ("Økonomi", "Høring", ...), absences ("Name (P)"), attachments with text and
about 3% closed items. The Danish text is composed at
run time from the seed minutes (parsed with the project's own parsers), so its vocabulary and
sentence shapes are the seeds'; generated place names give it the long tail of rare words real
minutes have. Case numbers follow the municipality's format (`25/31181` like Aabenraa,
`EMN-2024-027961` like Aarhus) and recur the way real cases do: most once, some 2–6 times over
later meetings of the same or another committee, plus each committee's yearly "administrative"
case shared by its procedural items.

Everything comes from one `random.Random(seed)`: the same seed gives the same corpus. Rows are
written in bulk, in one transaction per batch of meetings (COPY on PostgreSQL, bulk_create
elsewhere) with ids assigned here, so nothing else may write to the same tables while it runs.
The search index is built once at the end, in id ranges.

The words come from bench/corpus_text.py, the rows are written by bench/corpus_writer.py, and
bench/corpus.py is the command line. Needs Django set up.
"""

import bisect
import datetime
import itertools
import random
import time
from collections import Counter
from dataclasses import dataclass, field

from django.db import connections
from django.utils import timezone

from agenda_items.models import AgendaItem, Case, Position, normalize_case_number
from attachments.models import Attachment
from bench.corpus_text import (
    DECISIONS,
    DEPARTMENTS,
    EXTRA_SECTIONS,
    FIRST_NAMES,
    LAST_NAMES,
    MUNICIPALITIES,
    OTHER_COMMITTEES,
    PARTIES,
    PROCEDURAL_FIRST,
    PROCEDURAL_LAST,
    RECOMMENDATION_VERBS,
    SLOT_SENTENCES,
    STANDING_COMMITTEES,
    TITLE_PREFIXES,
    TOPICS,
    danish_slug,
    markov_sentences,
    place_names,
    seed_vocabulary,
)
from bench.corpus_writer import (
    REBUILD_INDEX_FROM,
    AbsenceRow,
    BulkWriter,
    ParticipantRow,
    build_search_index,
    create_indexes,
    drop_indexes,
)
from imports.decisions import outcome_values, position_party, position_person
from imports.prose import positions
from meetings.models import Committee, Meeting, Municipality, Person

LAST_DAY = datetime.date(2025, 12, 31)
YEARS = 20
FIRST_DAY = datetime.date(LAST_DAY.year - YEARS + 1, 1, 1)
# About a thousand meetings per municipality (≈ 50 a year over twenty years, ten committees),
# so a million items fill ~67 municipalities; more spread over all 98.
MEETINGS_PER_MUNICIPALITY = 1000
MEETINGS_PER_BATCH = 500
CLOSED_SHARE = 0.03
# Decisions of the minutes that record a vote by party ("For stemte: A og V. Imod stemte: Ø.") and
# a member's reservation ("Jens Hansen (Ø) tog forbehold."), as Greve's and Aarhus's do.
VOTE_SHARE = 0.12
RESERVATION_SHARE = 0.04
ITEMS_PER_MEETING = 15  # the mean of 5–25
ZIPF_EXPONENT = 1.0


@dataclass
class Stats:
    """What one `generate()` call made, and how long the two phases took (seconds)."""

    municipalities: int = 0
    committees: int = 0
    people: int = 0
    meetings: int = 0
    items: int = 0
    closed_items: int = 0
    cases: int = 0
    attachments: int = 0
    positions: int = 0
    load_seconds: float = 0.0
    index_seconds: float = 0.0
    case_occurrences: Counter = field(default_factory=Counter)  # items per case number

    @property
    def items_per_second(self):
        return self.items / self.load_seconds if self.load_seconds else 0.0


class _Zipf:
    def __init__(self, values, exponent=ZIPF_EXPONENT):
        self.values = values
        self.cum = list(itertools.accumulate(1.0 / (rank**exponent) for rank in range(1, len(values) + 1)))

    def pick(self, rng):
        return self.values[bisect.bisect_left(self.cum, rng.random() * self.cum[-1])]


@dataclass
class _Committee:
    id: int
    name: str
    municipality: "_Municipality"
    per_year: int
    members: dict = field(default_factory=dict)  # election period -> list of "Name (P)"
    admin_case: dict = field(default_factory=dict)  # year -> case id
    item_counter: dict = field(default_factory=dict)  # year -> last item number (Aabenraa style)


@dataclass
class _Municipality:
    id: int
    name: str
    style: str  # "aabenraa" | "aarhus"
    people: list[str]
    person_ids: dict
    person_by_name: dict = field(default_factory=dict)  # "Name" -> id (positions name a person so)
    committees: list = field(default_factory=list)
    case_serial: dict = field(default_factory=dict)  # year -> last serial
    existing_cases: set = field(default_factory=set)
    open_cases: list = field(default_factory=list)  # recurring cases still to come back


class CorpusGenerator:
    """Composes meetings with `rng` and hands their rows to a BulkWriter (see `generate()`)."""

    def __init__(self, rng, writer, vocabulary=None):
        self.rng = rng
        self.writer = writer
        vocabulary = vocabulary or seed_vocabulary()
        self.sentences = vocabulary.sentences + markov_sentences(vocabulary.sentences, rng, 4000)
        self.seed_titles = vocabulary.titles
        self.attachment_titles = vocabulary.attachment_titles
        self.places = _Zipf(place_names(rng))
        self.decisions = [d for d, _ in DECISIONS]
        self.decision_weights = list(itertools.accumulate(w for _, w in DECISIONS))
        self.now = timezone.now()
        self.stats = Stats()
        self.outcomes = {}

    # -- people, municipalities, committees --

    def setup(self, count):
        """`count` municipalities (existing rows of the same name are reused) with committees and people."""
        rng = self.rng
        names = MUNICIPALITIES[:]
        rng.shuffle(names)
        result = []
        for name in names[:count]:
            row = Municipality.objects.filter(name=name).first()
            if row is None:
                pk = self.writer.new_id(Municipality)
                self.writer.add(Municipality, id=pk, name=name, slug=self._municipality_slug(name))
                self.stats.municipalities += 1
                existing_people, existing_committees = {}, {}
            else:
                pk = row.pk
                existing_people = {(p.name, p.party): p.pk for p in Person.objects.filter(municipality=row)}
                existing_committees = {c.name: c.pk for c in Committee.objects.filter(municipality=row)}
            people, person_ids = [], {}
            while len(people) < 60:
                person_name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                if any(p.startswith(person_name + " (") for p in people):
                    continue
                party = rng.choice(PARTIES)
                people.append(f"{person_name} ({party})")
                key = (person_name, party)
                if key in existing_people:
                    person_ids[people[-1]] = existing_people[key]
                else:
                    person_ids[people[-1]] = self.writer.new_id(Person)
                    self.writer.add(
                        Person, id=person_ids[people[-1]], municipality_id=pk, name=person_name, party=party
                    )
                    self.stats.people += 1
            municipality = _Municipality(
                id=pk,
                name=name,
                style="aabenraa" if rng.random() < 0.6 else "aarhus",
                people=people,
                person_ids=person_ids,
                person_by_name={p.rsplit(" (", 1)[0]: i for p, i in person_ids.items()},
            )
            if row is not None:
                municipality.existing_cases = set(
                    Case.objects.filter(municipality=row).values_list("normalized", flat=True)
                )
            others = rng.sample(OTHER_COMMITTEES, rng.randint(5, 9))
            used_slugs = set()
            for committee_name, per_year in STANDING_COMMITTEES + [(n, 8) for n in others]:
                if committee_name in existing_committees:
                    cpk = existing_committees[committee_name]
                else:
                    cpk = self.writer.new_id(Committee)
                    slug = danish_slug(committee_name)[:200]
                    while (
                        slug in used_slugs or Committee.objects.filter(municipality_id=pk, slug=slug).exists()
                    ):
                        slug += "-2"
                    used_slugs.add(slug)
                    self.writer.add(Committee, id=cpk, municipality_id=pk, name=committee_name, slug=slug)
                    self.stats.committees += 1
                municipality.committees.append(_Committee(cpk, committee_name, municipality, per_year))
            result.append(municipality)
        return result

    def _municipality_slug(self, name):
        slug = danish_slug(name)
        while Municipality.objects.filter(slug=slug).exists():
            slug += "-kommune"
        return slug

    def members(self, committee, date):
        period = (date.year - 2002) // 4  # municipal elections every four years
        if period not in committee.members:
            committee.members[period] = self.rng.sample(
                committee.municipality.people, self.rng.randint(7, 11)
            )
        return committee.members[period]

    # -- the schedule --

    def schedule(self, municipalities, count):
        """`count` (committee, kind, date) triples, distinct per the meeting's natural key, by date."""
        rng = self.rng
        committees = [c for m in municipalities for c in m.committees]
        weights = list(itertools.accumulate(c.per_year for c in committees))
        per_committee = Counter(rng.choices(range(len(committees)), cum_weights=weights, k=count))
        weekdays = [
            FIRST_DAY + datetime.timedelta(days=d)
            for d in range((LAST_DAY - FIRST_DAY).days + 1)
            if (FIRST_DAY + datetime.timedelta(days=d)).weekday() < 5
        ]
        taken = set(
            Meeting.objects.filter(
                committee_id__in=[c.id for c in committees], date__isnull=False
            ).values_list("committee_id", "kind", "date")
        )
        meetings = []
        for index in sorted(per_committee):
            committee = committees[index]
            wanted = per_committee[index]
            kinds = [Meeting.Kind.MINUTES] * 9 + [Meeting.Kind.AGENDA]
            chosen = set()
            for date in rng.sample(weekdays, min(len(weekdays), wanted * 2)):
                kind = rng.choice(kinds)
                key = (committee.id, kind, date)
                if key in taken or key in chosen:
                    continue
                chosen.add(key)
                meetings.append((date, committee, kind))
                if len(chosen) == wanted:
                    break
        meetings.sort(key=lambda m: (m[0], m[1].id, m[2]))
        return meetings

    # -- text --

    def paragraph(self, sentences=(2, 5)):
        rng = self.rng
        parts = [rng.choice(self.sentences) for _ in range(rng.randint(*sentences))]
        if rng.random() < 0.45:
            parts.insert(rng.randrange(len(parts) + 1), self.slot_sentence())
        return " ".join(parts)

    def text(self, paragraphs=(1, 5), sentences=(2, 5)):
        return "\n\n".join(self.paragraph(sentences) for _ in range(self.rng.randint(*paragraphs)))

    def slot_sentence(self):
        rng = self.rng
        return rng.choice(SLOT_SENTENCES).format(
            place=self.places.pick(rng),
            amount=f"{rng.randint(1, 250)},{rng.randint(0, 9)}",
            date=f"{rng.randint(1, 28)}. {rng.choice(['januar', 'marts', 'maj', 'september', 'november'])}",
            n=rng.randint(2, 120),
            m=rng.randint(1, 40),
            year=rng.randint(FIRST_DAY.year, LAST_DAY.year + 3),
        )

    def topic(self, year):
        rng = self.rng
        if rng.random() < 0.25:
            title = rng.choice(self.seed_titles)
            return title[0].lower() + title[1:]
        return rng.choice(TOPICS).format(
            year=year + rng.randint(0, 1), year2=year + 4, n=rng.randint(1, 450), place=self.places.pick(rng)
        )

    def votes(self, decision, members, absent):
        """The decision with, now and then, a vote by party and a member's reservation added, and the
        positions the importer reads from it (imports.prose.positions, as load.py does)."""
        rng = self.rng
        lines = []
        present = [m for m in members if m not in absent]
        letters = sorted({m.rsplit("(", 1)[1].rstrip(")") for m in present})
        if len(letters) >= 2 and rng.random() < VOTE_SHARE:
            against = rng.sample(letters, rng.randint(1, max(1, len(letters) // 3)))
            in_favour = [letter for letter in letters if letter not in against]
            lines += [f"For stemte: {_listed(in_favour)}.", f"Imod stemte: {_listed(against)}."]
        if present and rng.random() < RESERVATION_SHARE:
            lines.append(f"{rng.choice(present)} tog forbehold.")
        if not lines:
            return decision, []
        decision = decision + "\n\n" + "\n".join(lines)
        return decision, positions(decision)

    def outcome(self, decision, closed):
        """The item's outcome fields as the importer derives them (imports.decisions), memoised: most
        decisions are one of a few texts."""
        key = (decision, closed)
        if key not in self.outcomes:
            values = outcome_values(decision, closed)
            if len(self.outcomes) > 10_000:
                return values
            self.outcomes[key] = values
        return self.outcomes[key]

    def decision(self):
        text = self.rng.choices(self.decisions, cum_weights=self.decision_weights)[0]
        if "{sentence}" in text:
            sentence = self.rng.choice(self.sentences)
            text = text.format(sentence=sentence[0].lower() + sentence[1:])
        return text

    # -- cases --

    def new_case(self, municipality, year):
        rng = self.rng
        while True:
            serial = municipality.case_serial.get(year) or rng.randint(300, 5000)
            serial += rng.randint(1, 40)
            municipality.case_serial[year] = serial
            if municipality.style == "aabenraa":
                number = f"{year % 100:02d}/{serial}"
            else:
                number = f"EMN-{year}-{serial:06d}"
            normalized = normalize_case_number(number)
            if normalized not in municipality.existing_cases:
                break
        municipality.existing_cases.add(normalized)
        pk = self.writer.new_id(Case)
        self.writer.add(Case, id=pk, municipality_id=municipality.id, number=number, normalized=normalized)
        self.stats.cases += 1
        return pk, number

    def substantive_case(self, municipality, year):
        """(case id, number, topic) for an item: a returning case or a new one (some of which return)."""
        rng = self.rng
        waiting = municipality.open_cases
        if waiting and rng.random() < min(0.6, len(waiting) / 40):
            entry = waiting[rng.randrange(len(waiting))]
            entry["left"] -= 1
            if entry["left"] <= 0:
                waiting.remove(entry)
            return entry["id"], entry["number"], entry["topic"], True
        pk, number = self.new_case(municipality, year)
        topic = self.topic(year)
        if rng.random() < 0.2:
            waiting.append({"id": pk, "number": number, "topic": topic, "left": rng.randint(1, 5)})
        return pk, number, topic, False

    # -- one meeting --

    def meeting(self, date, committee, kind):
        rng, writer = self.rng, self.writer
        municipality = committee.municipality
        members = self.members(committee, date)
        # Agendas are printed before the meeting: nobody is absent from them yet.
        absent = rng.sample(members, rng.choice([0, 0, 0, 1, 1, 2])) if kind == Meeting.Kind.MINUTES else []
        meeting_id = writer.new_id(Meeting)
        start = datetime.time(rng.choice([8, 9, 13, 14, 15, 16, 17]), rng.choice([0, 0, 15, 30]))
        writer.add(
            Meeting,
            id=meeting_id,
            committee_id=committee.id,
            kind=kind,
            date=date,
            start_time=start,
            end_time=datetime.time(min(start.hour + rng.randint(1, 4), 23), rng.choice([0, 15, 30, 45])),
            location=f"{rng.choice(['Mødelokale', 'Byrådssalen', 'Rådhuset, lokale'])} {rng.randint(1, 400)}",
            fingerprint="",
            warnings=[],
            source_name=f"{danish_slug(committee.name)}-{date.isoformat()}.pdf",
            source_file="",
            source_hash="",
            created=self.now,
            updated=self.now,
        )
        for person in members:
            if person not in absent:
                writer.add(ParticipantRow, meeting_id=meeting_id, person_id=municipality.person_ids[person])
        year = date.year
        if year not in committee.admin_case:
            committee.admin_case[year] = self.new_case(municipality, year)
        admin_case = committee.admin_case[year]
        count = rng.randint(5, 25)
        aabenraa = municipality.style == "aabenraa"
        first_number = committee.item_counter.get(year, 0) + 1 if aabenraa else 1
        committee.item_counter[year] = first_number + count - 1
        for position in range(count):
            number = str(first_number + position)
            item_id = writer.new_id(AgendaItem)
            values = self.item(committee, kind, date, position, count, admin_case)
            case_number = values.pop("case_number")
            stated = []
            if values["decision"] and 0 < position < count - 1:
                values["decision"], stated = self.votes(values["decision"], members, absent)
            values.update(self.outcome(values["decision"], values["closed"]))
            writer.add(
                AgendaItem,
                id=item_id,
                meeting_id=meeting_id,
                number=number,
                order=position + 1,
                edited_fields=[],
                search_vector=None,
                **values,
            )
            if case_number:
                self.stats.case_occurrences[(municipality.id, case_number)] += 1
            self.stats.items += 1
            if values["closed"]:
                self.stats.closed_items += 1
                continue
            for person in absent:
                writer.add(AbsenceRow, agendaitem_id=item_id, person_id=municipality.person_ids[person])
            for order, parsed in enumerate(stated):
                name = position_person(parsed.who)
                writer.add(
                    Position,
                    item_id=item_id,
                    order=order,
                    who=parsed.who,
                    stance=parsed.stance,
                    text=parsed.text,
                    person_id=municipality.person_by_name.get(name) if name else None,
                    party=position_party(parsed.who),
                    municipality_id=municipality.id,
                    meeting_date=date,
                    item_closed=False,
                )
                self.stats.positions += 1
            if kind == Meeting.Kind.MINUTES or rng.random() < 0.5:
                self.attachments(item_id, values["title"])
        self.stats.meetings += 1

    def item(self, committee, kind, date, position, count, admin_case):
        rng = self.rng
        aabenraa = committee.municipality.style == "aabenraa"
        minutes = kind == Meeting.Kind.MINUTES
        values = {
            "closed": False,
            "presentation": "",
            "recommendation": "",
            "decision": "",
            "decided_by": [],
            "duration_minutes": None if aabenraa else rng.choice([2, 3, 5, 5, 10, 15, 20, 30]),
            "responsible": "" if aabenraa else rng.choice(committee.municipality.people).rsplit(" (", 1)[0],
            "sections": [],
        }
        if position == 0 or position == count - 1:
            # Procedural items share the committee's case of the year, as Aabenraa's do (25/31181).
            values["title"] = PROCEDURAL_FIRST if position == 0 else rng.choice(PROCEDURAL_LAST)
            values["case_id"], values["case_number"] = admin_case
            if minutes:
                values["decision"] = "Godkendt." if position == 0 else "Taget til orientering."
            if position and rng.random() < 0.5:
                values["presentation"] = self.paragraph((1, 3))
            return values
        if rng.random() < CLOSED_SHARE:
            values["title"] = "Lukket punkt" if aabenraa else "LUKKET PUNKT"
            values["closed"] = True
            values["case_id"], values["case_number"] = (
                self.new_case(committee.municipality, date.year) if rng.random() < 0.5 else (None, None)
            )
            return values
        case_id, number, topic, returning = self.substantive_case(committee.municipality, date.year)
        prefix = rng.choice(TITLE_PREFIXES[1:] if returning else TITLE_PREFIXES)
        values["title"] = f"{prefix} {topic}"
        values["case_id"], values["case_number"] = case_id, number
        values["presentation"] = self.text()
        verb = rng.choice(RECOMMENDATION_VERBS)
        lines = [f"at {topic} {verb}."] + [
            f"at {s[0].lower()}{s[1:]}"
            for s in (rng.choice(self.sentences) for _ in range(rng.randint(0, 2)))
        ]
        values["recommendation"] = f"{rng.choice(DEPARTMENTS)} indstiller,\n\n" + "\n\n".join(lines)
        if minutes:
            values["decision"] = self.decision()
        chain = [committee.name]
        if committee.name not in ("Byrådet", "Økonomiudvalget") and rng.random() < 0.25:
            chain += ["Økonomiudvalget", "Byrådet"]
        values["decided_by"] = chain
        if rng.random() < 0.3:
            headings = rng.sample(EXTRA_SECTIONS, rng.randint(1, 2))
            values["sections"] = [{"heading": h, "text": self.text((1, 2), (1, 4))} for h in headings]
        return values

    def attachments(self, item_id, title):
        rng = self.rng
        count = rng.choices([0, 1, 2, 3, 4], weights=[40, 30, 15, 10, 5])[0]
        for order in range(1, count + 1):
            if self.attachment_titles and rng.random() < 0.3:
                att_title = rng.choice(self.attachment_titles)
            else:
                att_title = f"Bilag {order}: {title[:80]}"
            pages = []
            if rng.random() < 0.4:
                pages = [self.text((1, 3), (2, 5)) for _ in range(rng.randint(1, 4))]
            self.writer.add(
                Attachment,
                id=self.writer.new_id(Attachment),
                agenda_item_id=item_id,
                order=order,
                title=att_title,
                file="",
                text="\n\n".join(pages),
                pages=pages,
            )
            self.stats.attachments += 1


def _listed(letters):
    """["A", "V", "C"] -> "A, V og C"."""
    return letters[0] if len(letters) == 1 else ", ".join(letters[:-1]) + " og " + letters[-1]


def municipality_count(meetings):
    return max(2, min(len(MUNICIPALITIES), round(meetings / MEETINGS_PER_MUNICIPALITY)))


def generate(meetings, *, seed=0, progress=None, index_progress=None, using="default", search_index=True):
    """Add `meetings` synthetic meetings (5–25 items each) to the database; returns Stats.

    `progress(n)` is called after every n meetings written and `index_progress(n)` after every n
    items indexed (e.g. tqdm's `update`). The same seed gives the same corpus on an empty database.
    For a large load on PostgreSQL (outside a transaction) the item table's GIN indexes (search
    vector, title trigrams) are dropped first and built again at the end from their own
    definitions; that time is part of `index_seconds`.
    """
    rng = random.Random(seed)
    connection = connections[using]
    bulk = (
        connection.vendor == "postgresql"
        and not connection.in_atomic_block
        and meetings * ITEMS_PER_MEETING >= REBUILD_INDEX_FROM
    )
    started = time.perf_counter()
    dropped = drop_indexes(connection, AgendaItem._meta.db_table, "USING gin") if bulk else []
    try:
        writer = BulkWriter(using, background=True)
        try:
            generator = CorpusGenerator(rng, writer)
            municipalities = generator.setup(municipality_count(meetings))
            writer.flush()
            first_item = writer.next_ids[AgendaItem]
            done = 0
            for date, committee, kind in generator.schedule(municipalities, meetings):
                generator.meeting(date, committee, kind)
                done += 1
                if done % MEETINGS_PER_BATCH == 0:
                    writer.flush()
                    if progress:
                        progress(MEETINGS_PER_BATCH)
        finally:
            writer.finish()
        if progress and done % MEETINGS_PER_BATCH:
            progress(done % MEETINGS_PER_BATCH)
        stats = generator.stats
        stats.load_seconds = time.perf_counter() - started
        started = time.perf_counter()
        if search_index:
            build_search_index(first_item, writer.next_ids[AgendaItem], progress=index_progress, using=using)
    finally:
        create_indexes(connection, dropped)
    if search_index or dropped:
        stats.index_seconds = time.perf_counter() - started
    return stats
