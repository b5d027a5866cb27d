"""Synthetic minutes at national scale, for benchmarks: `generate(meetings, seed=...)`.

The corpus imitates what the importers produce from real documents (see fixtures/minutes/):
municipalities with their committees, meetings spread over twenty years, 5–25 items a meeting
with Sagsfremstilling, Indstilling ("at ..."), Beslutning ("Godkendt.", "Taget til
orientering."), "Sagen afgøres i", other sections ("Økonomi", "Høring", ...), absences
("Name (P)"), attachments with text and about 3% closed items. The Danish text is composed at
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
"""

import bisect
import datetime
import itertools
import json
import queue
import random
import re
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.color import no_style
from django.db import connections, models, transaction
from django.utils import timezone

from agenda_items.models import AgendaItem, Case, normalize_case_number
from agenda_items.search import refresh_search_vectors
from attachments.models import Attachment
from imports.detect import parse_text
from meetings.models import Committee, Meeting, Municipality, Person


def _words(text):
    return text.split()


SEED_DIR = Path(settings.BASE_DIR) / "fixtures" / "minutes"
LAST_DAY = datetime.date(2025, 12, 31)
YEARS = 20
FIRST_DAY = datetime.date(LAST_DAY.year - YEARS + 1, 1, 1)
# About a thousand meetings per municipality (≈ 50 a year over twenty years, ten committees),
# so a million items fill ~67 municipalities; more spread over all 98.
MEETINGS_PER_MUNICIPALITY = 1000
MEETINGS_PER_BATCH = 500
SEARCH_BATCH = 5000
# From this many items on, the search-vector indexes are dropped and built again after the refresh.
REBUILD_INDEX_FROM = 100_000
CLOSED_SHARE = 0.03
ITEMS_PER_MEETING = 15  # the mean of 5–25

MUNICIPALITIES = _words(
    "Albertslund Allerød Assens Ballerup Billund Bornholm Brøndby Brønderslev Dragør Egedal Esbjerg "
    "Fanø Favrskov Faxe Fredensborg Fredericia Frederiksberg Frederikshavn Frederikssund Furesø "
    "Faaborg-Midtfyn Gentofte Gladsaxe Glostrup Greve Gribskov Guldborgsund Haderslev Halsnæs "
    "Hedensted Helsingør Herlev Herning Hillerød Hjørring Holbæk Holstebro Horsens Hvidovre "
    "Høje-Taastrup Hørsholm Ikast-Brande Ishøj Jammerbugt Kalundborg Kerteminde Kolding København "
    "Køge Langeland Lejre Lemvig Lolland Lyngby-Taarbæk Læsø Mariagerfjord Middelfart Morsø "
    "Norddjurs Nordfyns Nyborg Næstved Odder Odense Odsherred Randers Rebild Ringkøbing-Skjern "
    "Ringsted Roskilde Rudersdal Rødovre Samsø Silkeborg Skanderborg Skive Slagelse Solrød Sorø "
    "Stevns Struer Svendborg Syddjurs Sønderborg Thisted Tønder Tårnby Vallensbæk Varde Vejen Vejle "
    "Vesthimmerland Viborg Vordingborg Ærø Aabenraa Aalborg Aarhus"
)
# Every municipality has these two; the others pick some of the rest.
STANDING_COMMITTEES = [("Byrådet", 11), ("Økonomiudvalget", 11)]
OTHER_COMMITTEES = [
    "Arbejdsmarkeds- og Uddannelsesudvalget",
    "Social- og Beskæftigelsesudvalget",
    "Børne- og Skoleudvalget",
    "Børne- og Ungeudvalget",
    "Teknik- og Miljøudvalget",
    "Plan- og Miljøudvalget",
    "Klima- og Miljøudvalget",
    "Kultur- og Fritidsudvalget",
    "Social- og Seniorudvalget",
    "Ældreudvalget",
    "Sundheds- og Forebyggelsesudvalget",
    "Erhvervs- og Turismeudvalget",
    "Landdistriktsudvalget",
    "Udvalget for Digitalisering",
    "Beredskabskommissionen",
    "Rådmandsmøde – Sociale Forhold og Beskæftigelse",
]
PARTIES = ["A", "A", "A", "V", "V", "V", "C", "F", "O", "B", "Ø", "I", "Å", "D", "K", "S"]
FIRST_NAMES = _words(
    "Anne Mette Hanne Susanne Lene Dorrit Lotte Louise Eva Sofie Jeanette Karen Kirsten Birgitte Helle "
    "Maria Camilla Line Pia Tina Ida Marianne Charlotte Rikke Signe Jette Inge Bente Gitte Malene "
    "Rasmus Christian Kim Arne Erik Jens Peter Lars Søren Niels Henrik Morten Thomas Jesper Anders "
    "Michael Martin Jan Ole Poul Frank Bo Torben Claus Steen Kristian Jakob Mads Mikkel Jørgen"
)
LAST_NAMES = _words(
    "Andresen Knudsen Christensen Juhl Petersen Wandahl Leyh Provstgaard Jensen Nielsen Hansen Pedersen "
    "Andersen Larsen Sørensen Rasmussen Jørgensen Madsen Kristensen Olsen Thomsen Poulsen Johansen "
    "Møller Mortensen Henriksen Rohde Hoppe Mejnertz Borchorst Kaastrup Lund Holm Skov Bach Dam Berg "
    "Friis Vestergaard Damgaard Lauridsen Mikkelsen Kjær Toft Bundgaard Schmidt Frandsen Mathiasen"
)
DEPARTMENTS = [
    "Jobcenter og Borgerservice",
    "Forvaltningen",
    "Teknik og Miljø",
    "Børn og Skole",
    "Social og Sundhed",
    "Kultur, Miljø og Erhverv",
    "Økonomi og Personale",
    "Direktionen",
    "Fagligt Sekretariat",
]
PROCEDURAL_FIRST = "Godkendelse af dagsorden"
PROCEDURAL_LAST = [
    "Orientering fra formanden og forvaltningen",
    "Meddelelser",
    "Eventuelt",
    "Orientering fra udvalget",
]
TITLE_PREFIXES = [
    "Godkendelse af",
    "Orientering om",
    "Status på",
    "Høring om",
    "Beslutning om",
    "Forslag til",
    "Evaluering af",
    "Ansøgning om tilskud til",
    "Anlægsbevilling til",
    "Opfølgning på",
    "Budgetopfølgning for",
    "Drøftelse af",
]
TOPICS = [
    "budget {year}",
    "lokalplan nr. {n} for {place}",
    "skolestruktur i {place}",
    "affaldsordning for {place}",
    "renovering af {place}",
    "trafiksikkerhed på {place}",
    "helhedsplan for {place}",
    "kvalitetsrapport {year}",
    "takster {year}",
    "regnskab {year}",
    "udbud af rengøring",
    "handleplan for klimatilpasning",
    "sundhedspolitik {year}-{year2}",
    "integrationshandleplan {year}",
    "dagtilbudsstruktur",
    "ældrepolitik",
    "frivillighedspolitik",
    "boligsocial helhedsplan i {place}",
    "salg af byggegrunde på {place}",
    "ny idrætshal ved {place}",
    "kommuneplantillæg nr. {n}",
    "beskæftigelsesplan {year}",
    "ungeindsatsen",
    "tilsyn med plejecentre {year}",
    "spildevandsplan {year}-{year2}",
    "cykelstier langs {place}",
    "vinterbekæmpelse",
    "kollektiv trafik i {place}",
]
DECISIONS = [
    ("Godkendt.", 50),
    ("Taget til orientering.", 25),
    ("Anbefales godkendt.", 8),
    ("Udsat.", 3),
    ("Godkendt med den bemærkning, at {sentence}", 8),
    ("Oversendes til Økonomiudvalget.", 3),
    ("Sagen blev drøftet.", 3),
]
RECOMMENDATION_VERBS = [
    "godkendes",
    "tages til efterretning",
    "sendes i høring",
    "anbefales over for Byrådet",
    "drøftes",
]
EXTRA_SECTIONS = [
    "Økonomi",
    "Økonomiske konsekvenser",
    "Høring",
    "Lovgrundlag",
    "Kommunikation",
    "Tidsplan",
    "Bæredygtighed",
    "Borgerinddragelse",
    "Baggrund/formål",
    "Metode",
    "Videre proces",
]
SLOT_SENTENCES = [
    "Projektet på {place} har en samlet anlægsudgift på {amount} mio. kr.",
    "Forvaltningen har den {date} holdt borgermøde om {place}.",
    "Der er indkommet {n} høringssvar, heraf {m} fra beboere ved {place}.",
    "Udgiften på {amount} mio. kr. finansieres af puljen til {place}.",
    "Sagen vedrører ejendommen {place} {n}, matr.nr. {m}a.",
    "Tidsplanen forudsætter, at arbejdet ved {place} afsluttes i {year}.",
]
# Place names: first part + second part + ending ("Birkeskovvej", "Padborghallen"), drawn with
# Zipf weights so a few are everywhere and most are rare, as in real minutes.
PLACE_FIRST = _words(
    "Skelbæk Padborg Kollund Rødekro Tinglev Løjt Ensted Varnæs Hjordkær Genner Stubbæk Felsted "
    "Bolderslev Kliplev Birke Ege Hassel Aske Bøge Linde Elme Rosen Kirke Mølle Skov Sø Strand Bakke "
    "Eng Mark Nørre Søndre Øster Vester Ny Gammel Lille Store Holm Dal Hede Lyng Toft Vang Fjord Å "
    "Mose Kilde Bro Havne Slots Præste Smede Kro Ravns Ulv Ørne Trane Svane Hjorte Ræve Ugle"
)
PLACE_MIDDLE = ["", "skov", "bæk", "holm", "lund", "høj", "gård", "dal", "mose", "kær", "by", "toft"]
PLACE_END = _words(
    "vej gade parken skolen hallen huset centret bakken engen haven torvet stien høj lund gården "
    "marken dalen vænget allé plads kvarteret hjemmet børnehaven"
)
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
    load_seconds: float = 0.0
    index_seconds: float = 0.0
    case_occurrences: Counter = field(default_factory=Counter)  # items per case number

    @property
    def items_per_second(self):
        return self.items / self.load_seconds if self.load_seconds else 0.0


# --- vocabulary from the seeds ----------------------------------------------------------------

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")
_WORDS = re.compile(r"\S+")


def _sentences(text):
    for paragraph in text.split("\n\n"):
        paragraph = " ".join(paragraph.split())
        for sentence in _SENTENCE_SPLIT.split(paragraph):
            if 40 <= len(sentence) <= 320 and sentence[-1] in ".!?" and not sentence.startswith("-"):
                yield sentence


@dataclass
class Vocabulary:
    """What the generator composes from: the seeds' sentences, titles, headings and names."""

    sentences: list[str]
    titles: list[str]
    attachment_titles: list[str]
    people: list[str]


def seed_vocabulary(seed_dir=SEED_DIR):
    """Parse every seed file with the project's parsers and collect its text pieces, in file order."""
    sentences, titles, attachment_titles, people = [], [], [], []
    for path in sorted(Path(seed_dir).glob("*.txt")):
        for meeting in parse_text(path.read_text(encoding="utf-8")):
            people += meeting.participants
            for item in meeting.items:
                people += item.absences
                if not item.closed:
                    titles.append(item.title)
                texts = [item.presentation, item.recommendation, item.decision]
                texts += [s.text for s in item.sections] + [a.text for a in item.attachments]
                for text in texts:
                    sentences.extend(_sentences(text))
                attachment_titles += [a.title for a in item.attachments if len(a.title) < 120]
    return Vocabulary(
        sentences=list(dict.fromkeys(sentences)),
        titles=list(dict.fromkeys(titles)),
        attachment_titles=list(dict.fromkeys(attachment_titles)),
        people=list(dict.fromkeys(p for p in people if p.strip())),
    )


def markov_sentences(sentences, rng, count):
    """New sentences from a word-pair Markov chain over `sentences`: the seeds' words, recombined."""
    chain = defaultdict(list)
    starts = []
    for sentence in sentences:
        words = _WORDS.findall(sentence)
        if len(words) < 4:
            continue
        starts.append((words[0], words[1]))
        for a, b, c in zip(words, words[1:], words[2:], strict=False):
            chain[(a, b)].append(c)
        chain[(words[-2], words[-1])].append(None)
    made = []
    while len(made) < count:
        a, b = rng.choice(starts)
        words = [a, b]
        while len(words) < 45:
            following = chain.get((a, b))
            if not following:
                break
            c = rng.choice(following)
            if c is None:
                break
            words.append(c)
            a, b = b, c
        sentence = " ".join(words)
        if len(words) >= 6 and sentence[-1] in ".!?":
            made.append(sentence)
    return made


def place_names(rng):
    """All place names in a fixed shuffled order: the first are common, the last rare."""
    names = [
        f"{first}{middle}{end}"
        for first in PLACE_FIRST
        for middle in PLACE_MIDDLE
        for end in PLACE_END
        if not (middle and first.endswith(middle))
    ]
    rng.shuffle(names)
    return names


def danish_slug(text):
    from django.utils.text import slugify

    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("Æ", "ae"), ("Ø", "oe"), ("Å", "aa")):
        text = text.replace(a, b)
    return slugify(text)


# --- writing rows in bulk ---------------------------------------------------------------------

ParticipantRow = Meeting.participants.through
AbsenceRow = AgendaItem.absences.through
# Dependency order: a batch is written parents first.
WRITE_ORDER = [
    Municipality,
    Committee,
    Person,
    Case,
    Meeting,
    ParticipantRow,
    AgendaItem,
    AbsenceRow,
    Attachment,
]
WITH_IDS = [Municipality, Committee, Person, Case, Meeting, AgendaItem, Attachment]


class BulkWriter:
    """Rows per model, written in dependency order: COPY on PostgreSQL, bulk_create elsewhere.

    Ids are assigned here (from the table's highest id on) so that children can point at parents
    before anything is written; the sequences are reset at the end (`finish()`). With
    `background=True` (PostgreSQL, outside a transaction) a batch is written on a second
    connection by a thread while the next one is composed: the database works on one core while
    Python composes on the other.
    """

    def __init__(self, using="default", *, background=False):
        self.using = using
        self.connection = connections[using]
        self.rows = defaultdict(list)
        self.next_ids = {}
        for model in WITH_IDS:
            top = model.objects.using(using).aggregate(top=models.Max("pk"))["top"] or 0
            self.next_ids[model] = top + 1
        self.queue = self.thread = self.error = None
        if background and self.connection.vendor == "postgresql" and not self.connection.in_atomic_block:
            self.queue = queue.Queue(maxsize=2)
            self.thread = threading.Thread(target=self._work, name="corpus-writer", daemon=True)
            self.thread.start()

    def new_id(self, model):
        pk = self.next_ids[model]
        self.next_ids[model] = pk + 1
        return pk

    def add(self, model, **values):
        self.rows[model].append(values)

    def flush(self):
        rows, self.rows = self.rows, defaultdict(list)
        if self.queue is None:
            self._write(rows)
            return
        if self.error:
            raise self.error
        self.queue.put(rows)

    def _work(self):
        try:
            while (rows := self.queue.get()) is not None:
                if self.error is None:
                    try:
                        self._write(rows)
                    except BaseException as exc:  # handed to the generating thread at its next flush
                        self.error = exc
        finally:
            connections[self.using].close()

    def _write(self, rows):
        connection = connections[self.using]
        with transaction.atomic(using=self.using):
            for model in WRITE_ORDER:
                if rows.get(model):
                    if connection.vendor == "postgresql":
                        self._copy(connection, model, rows[model])
                    else:
                        model.objects.using(self.using).bulk_create(
                            [model(**row) for row in rows[model]], batch_size=500
                        )

    def _copy(self, connection, model, rows):
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        names = list(rows[0])
        columns = ", ".join(connection.ops.quote_name(by_attname[name].column) for name in names)
        as_json = [isinstance(by_attname[name], models.JSONField) for name in names]
        table = connection.ops.quote_name(model._meta.db_table)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                values = list(row.values())
                for i, is_json in enumerate(as_json):
                    if is_json:
                        values[i] = json.dumps(values[i], ensure_ascii=False)
                copy.write_row(values)

    def finish(self):
        """Wait for the last batch, then point the id sequences past the ids assigned here."""
        self.flush()
        if self.thread is not None:
            self.queue.put(None)
            self.thread.join()
            if self.error:
                raise self.error
        statements = self.connection.ops.sequence_reset_sql(no_style(), WRITE_ORDER)
        if statements:
            with self.connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)


# --- the generator ----------------------------------------------------------------------------


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
    dropped = _drop_indexes(connection, AgendaItem._meta.db_table, "USING gin") if bulk else []
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
        _create_indexes(connection, dropped)
    if search_index or dropped:
        stats.index_seconds = time.perf_counter() - started
    return stats


def build_search_index(first_id, end_id, *, progress=None, using="default", workers=2):
    """`refresh_search_vectors()` over items first_id <= id < end_id, in id ranges; PostgreSQL only.

    Outside a transaction the ranges run on `workers` connections at once, and for a large load
    the indexes on the search vector are dropped first and built again afterwards from their own
    definitions (building a GIN index once is many times faster than updating it row by row).
    The tables are analysed (the items vacuumed) at the end so the planner knows the new rows.
    """
    connection = connections[using]
    if connection.vendor != "postgresql" or end_id <= first_id:
        return
    ranges = [(a, min(a + SEARCH_BATCH, end_id)) for a in range(first_id, end_id, SEARCH_BATCH)]
    in_transaction = connection.in_atomic_block

    def refresh(bounds):
        items = AgendaItem.objects.using(using).filter(pk__gte=bounds[0], pk__lt=bounds[1])
        refresh_search_vectors(items)
        return bounds[1] - bounds[0]

    def refresh_in_thread(bounds):
        try:
            return refresh(bounds)
        finally:
            connections[using].close()

    rebuild = []
    if not in_transaction and end_id - first_id >= REBUILD_INDEX_FROM:
        table = AgendaItem._meta.db_table
        rebuild = _drop_indexes(connection, table, "search_vector") + _drop_indexes(
            connection, table, "word_pairs"
        )
    try:
        if in_transaction or workers < 2:
            for span in map(refresh, ranges):
                if progress:
                    progress(span)
        else:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                for span in pool.map(refresh_in_thread, ranges):
                    if progress:
                        progress(span)
    finally:
        _create_indexes(connection, rebuild)
    with connection.cursor() as cursor:
        for model in (Municipality, Committee, Person, Case, Meeting, AgendaItem, Attachment):
            command = "VACUUM ANALYZE" if model is AgendaItem and not in_transaction else "ANALYZE"
            cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")


def _drop_indexes(connection, table, containing):
    """Drop the indexes on `table` whose definition contains `containing`; their (name, definition)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
            [table, f"%{containing}%"],
        )
        found = cursor.fetchall()
        for name, _ in found:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return found


def _create_indexes(connection, indexes):
    """Build again the indexes `_drop_indexes()` dropped (one sort each, plenty of memory)."""
    if not indexes:
        return
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for _, definition in indexes:
            cursor.execute(definition)
        cursor.execute("RESET maintenance_work_mem")
