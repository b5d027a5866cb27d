"""Rows of the synthetic corpus written in bulk, and its search index built afterwards.

`BulkWriter` assigns ids itself and writes a batch parents first: COPY on PostgreSQL (optionally
on a second connection in a thread), bulk_create elsewhere. `build_search_index()` fills the
search vectors in id ranges, dropping and rebuilding the GIN indexes for a large load.
Needs Django set up (bench/corpus.py does it).
"""

import json
import queue
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from django.core.management.color import no_style
from django.db import connections, models, transaction

from agenda_items.models import AgendaItem, Case, Position
from attachments.models import Attachment
from meetings.models import Committee, Meeting, Municipality, Person
from search.index import refresh_search_vectors
from search.models import Lexeme

SEARCH_BATCH = 5000
# From this many items on, the search-vector indexes are dropped and built again after the refresh.
REBUILD_INDEX_FROM = 100_000

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
    Position,
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
        # COPY writes NULL into a column it is not given: a NOT NULL field the generator does not
        # fill (a field added to a model later, e.g. a blank CharField) gets the model's default.
        missing = {
            f.attname: f.get_default()
            for f in model._meta.concrete_fields
            if f.attname not in rows[0] and not f.null and not f.primary_key
        }
        if missing:
            rows = [{**row, **missing} for row in rows]
            names += list(missing)
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


def build_search_index(first_id, end_id, *, progress=None, using="default", workers=2):
    """`refresh_search_vectors()` over items first_id <= id < end_id, in id ranges.

    Outside a transaction the ranges run on `workers` connections at once, and for a large load
    the indexes on the search vector are dropped first and built again afterwards from their own
    definitions (building a GIN index once is many times faster than updating it row by row).
    The tables are analysed (the items vacuumed) at the end so the planner knows the new rows.
    """
    connection = connections[using]
    if end_id <= first_id:
        return
    if connection.vendor != "postgresql":  # SQLite's FTS5 index, in one pass on one connection
        refresh_search_vectors(AgendaItem.objects.using(using).filter(pk__gte=first_id, pk__lt=end_id))
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
        rebuild = drop_indexes(connection, table, "search_vector") + drop_indexes(
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
        create_indexes(connection, rebuild)
    with connection.cursor() as cursor:
        # Every table written, and the vocabulary the index just grew: a table without statistics
        # is planned as if it were empty, and PostgreSQL then scans 550 000 positions for the
        # 20 items of a meeting page (60 ms) instead of using the index on item_id. The vocabulary
        # is vacuumed too: its trigram index keeps the words added in batches in a pending list
        # until then, and PostgreSQL, costing that, read all 18 000 words for "Mente du" instead
        # (20 ms against 1).
        for model in [*WRITE_ORDER, Lexeme]:
            vacuum = model in (AgendaItem, Lexeme) and not in_transaction
            command = "VACUUM ANALYZE" if vacuum else "ANALYZE"
            cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")


def drop_indexes(connection, table, containing):
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


def create_indexes(connection, indexes):
    """Build again the indexes `drop_indexes()` dropped (one sort each, plenty of memory)."""
    if not indexes:
        return
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for _, definition in indexes:
            cursor.execute(definition)
        cursor.execute("RESET maintenance_work_mem")
