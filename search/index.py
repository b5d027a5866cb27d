"""The one place that keeps the stored search columns of agenda items current.

PostgreSQL keeps a weighted tsvector per item in `AgendaItem.search_vector` (danish config):
title A, decision B, recommendation, presentation and other sections C, Bilag D; beside it
`AgendaItem.word_pairs` holds every pair of adjacent words, stop words included (PAIRS_CONFIG), so
that a phrase finds its candidates through an index and a phrase with a stop word ("ikke
godkendt") finds only the items that hold it. Each column a search can be limited to (title,
decision, recommendation, presentation) has a vector of its own words besides (SECTION_VECTORS,
each with a GIN index: migration search 0010), made from the same parse. A closed item has none.

Saving an item or a Bilag through the ORM (the admin, the importer, a shell) refreshes that item
through the signals connected in `connect_signals()`. Inside `batch()` the refresh waits and runs
once for every item the batch touched: the importer loads a meeting of 40 items and 200 Bilag
with one UPDATE, not 240. Bulk writes (`bulk_create`, `QuerySet.update`) send no signals: whoever
makes them calls `refresh_search_vectors()` itself (the corpus generator does; a query on closed
items never matches, so a stale vector of a newly closed item shows nothing).

SQLite keeps the same in the FTS5 table `search_fts` (migration search/0002): one row per open
item, its columns the Danish stems (search/query.py's `index_tokens()`) of the title, decision,
recommendation, presentation, the other sections with the responsible person, and the Bilag.
On both databases every stem indexed is also added to the vocabulary (search.models.Lexeme), and so
are the compounds a text writes with a suspended hyphen ("toilet- og badevogne": toiletvogne,
search/query.py's suspended_compounds()), which are indexed with the text they come from: on
PostgreSQL added to the vectors after they are made (add_compounds_postgres()), on SQLite to the
columns' text. They are cut against the vocabulary as it is when the item is indexed, so a compound
whose parts the archive learns later is added by `rebuild_search_index`.
"""

import json
import threading
from contextlib import contextmanager

from django.db import connections
from django.db.models.signals import post_delete, post_save

from agenda_items.models import AgendaItem
from attachments.models import Attachment

# tsvector values are limited to 1 MB; a long Bilag is indexed by its beginning.
MAX_ATTACHMENT_CHARS = 200_000

# What PostgreSQL's parser is given of a text, so that it finds the words SQLite's tokenizer (and
# search/query.py's tokens()) finds: a hyphen before a digit becomes a non-breaking hyphen
# ("Covid-19", "EMN-2025-003383", "2023-26", "-95.000 tons": the parser reads "-19" as a negative
# number, which a query for 19 never matches), and a slash beside a letter a division slash
# ("SFO/Klub", "SIRI/MÆRK", "ud-/indrejse": the parser reads a file path 'sfo/klub', holding
# neither word). The parser takes both for spaces. A slash between digits stays: "24/34838" is a case
# number, matched as printed. A hyphen before a letter is a non-breaking hyphen too: the parser
# reads "nyt IT-system" as nyt, it-system, it, system, four positions for three words, so that no
# phrase with a word before the compound ("nyt it-system", "reducere co2-udledningen") matched.
# Used for the stored vectors here and for the section searches of backends/postgres.py.
PG_HYPHEN, PG_SLASH = "\u2011", "\u2215"
_PG_SEARCHABLE_PATTERNS = (
    (r"-([0-9])", PG_HYPHEN + r"\1"),
    (r"(?<=[[:alnum:]])-(?=[[:alpha:]])", PG_HYPHEN),
    (r"([[:alpha:]])/", r"\1" + PG_SLASH),
    (r"/([[:alpha:]])", PG_SLASH + r"\1"),
)


def pg_searchable(expression):
    """SQL for the text `expression` (SQL) as PostgreSQL's parser should read it (see above)."""
    for pattern, replacement in _PG_SEARCHABLE_PATTERNS:
        expression = f"regexp_replace({expression}, '{pattern}', '{replacement}', 'g')"
    return expression


# The text search configuration the word pairs are read with: a copy of PostgreSQL's danish whose
# Snowball stemmer keeps the stop words. The danish configuration drops them (a phrase's "ikke",
# "selv", "til" are not in the stored vector): `"ikke godkendt"` was 'godkend' alone there, every
# approved item, and `"selv-princippet"` found 152 items of the real documents where SQLite, which
# indexes every word, finds 17. With the stop words in the pairs, a phrase is held to them.
# Created by migration search 0008 (and by reindex_postgres(), which the earlier re-indexes call).
PAIRS_CONFIG = "danish_with_stop_words"
_CREATE_PAIRS_CONFIG = f"""
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_ts_dict WHERE dictname = '{PAIRS_CONFIG}') THEN
        CREATE TEXT SEARCH DICTIONARY {PAIRS_CONFIG} (TEMPLATE = snowball, LANGUAGE = danish);
    END IF;
    IF NOT EXISTS (SELECT FROM pg_ts_config WHERE cfgname = '{PAIRS_CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {PAIRS_CONFIG} (COPY = pg_catalog.danish);
        ALTER TEXT SEARCH CONFIGURATION {PAIRS_CONFIG} ALTER MAPPING REPLACE danish_stem WITH {PAIRS_CONFIG};
    END IF;
END $$
"""


# The responsible person is indexed under the label the page shows ("Ansvarlig: Eva Borchorst
# Mejnertz"), so that "ansvarlig jeanette hoppe" finds the items she is responsible for.
RESPONSIBLE_LABEL = "Ansvarlig:"
_PG_SECTIONS = (
    "coalesce((SELECT string_agg(s.value #>> '{}', E'\\n') FROM jsonb_path_query(i.sections,"
    " 'strict $.** ? (@.type() == \"string\")') AS s(value)), '')"
)
_PG_RESPONSIBLE = f"CASE WHEN i.responsible <> '' THEN '{RESPONSIBLE_LABEL} ' || i.responsible ELSE '' END"

# How the parties and members stood on the decision (agenda_items.Position) are indexed with it, one
# line each: who, the party a member stands for, and the stance in the minutes' words ("Mehmet Zeki
# Dogru (Ø) Enhedslisten imod"). The minutes print a ballot letter ("Imod stemte: (Ø)") or "kunne
# ikke tiltræde", so "enhedslisten imod vandværket" found nothing, though the page names the party.
STANCE_WORDS = {
    "for": "for",
    "against": "imod",
    "reservation": "tog forbehold",
    "abstained": "undlod at stemme",
}
_PG_STANCE = "CASE p.stance " + " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in STANCE_WORDS.items()) + " END"


def pg_decision_text(decision, item_id):
    """SQL for an item's decision as its vectors hold it, with its positions (see STANCE_WORDS);
    `decision` and `item_id` are the SQL of the item's decision and id. (A search in the decisions
    reads it the same way: search/backends/postgres.py.)"""
    return f"""{decision} || coalesce((
            SELECT E'\\n' || string_agg(
                concat_ws(' ', p.who, CASE WHEN p.party <> p.who THEN nullif(p.party, '') END, {_PG_STANCE}),
                E'\\n' ORDER BY p."order", p.id)
            FROM agenda_items_position p WHERE p.item_id = {item_id}), '')"""


_PG_DECISION = pg_decision_text("i.decision", "i.id")
_SQLITE_POSITIONS_SQL = """
SELECT item_id, who, party, stance FROM agenda_items_position
WHERE item_id IN ({ids}) ORDER BY item_id, "order", id
"""


def position_line(who, party, stance):
    """A position as the decision's vector holds it (see STANCE_WORDS)."""
    parts = (who, party if party != who else "", STANCE_WORDS.get(stance, ""))
    return " ".join(part for part in parts if part)


def pg_bilag_text(item_id):
    """SQL for the text of an item's Bilag as its vector holds them: all of them, title and text, in
    their order, cut at MAX_ATTACHMENT_CHARS; `item_id` is the SQL of the item's id. (A search in the
    Bilag reads them the same way: search/backends/postgres.py.)"""
    return f"""coalesce((
            SELECT left(string_agg(a.title || E'\\n' || a.text, E'\\n' ORDER BY a."order"),
                        {MAX_ATTACHMENT_CHARS})
            FROM attachments_attachment a WHERE a.agenda_item_id = {item_id}), '')"""


_PG_BILAG = pg_bilag_text("i.id")

# The weight of the Bilag's words in the stored vector: theirs alone, so a search in the Bilag
# rechecks the index's candidates for it (search/backends/postgres.py).
BILAG_WEIGHT = "D"
# The vector of each column a search can be limited to (search/backends' SECTIONS), by column: the
# column's words alone, with their positions (danish configuration, unweighted). The weights of
# search_vector cannot tell the sections apart: PostgreSQL has four, for an item's six parts (the
# Bilag have one of their own). A search in the presentations asks the column's GIN index which
# items hold the query there, and a phrase is confirmed from the stored positions: parsing the
# presentation again took 0.13 ms a candidate (1.3 KB of text), reading its vector a tenth of that
# or less (docs/PERFORMANCE.md).
SECTION_VECTORS = {
    "title": "title_vector",
    "decision": "decision_vector",
    "recommendation": "recommendation_vector",
    "presentation": "presentation_vector",
}
# The texts of an item in the order its vector is made of them, with their weights and the column
# that keeps their own vector, if any: each is given to the parser once (as pg_searchable() makes
# it) for the vectors and once for the word pairs.
_PG_PARTS = (
    ("i.title", "A", SECTION_VECTORS["title"]),
    (_PG_DECISION, "B", SECTION_VECTORS["decision"]),
    ("i.recommendation", "C", SECTION_VECTORS["recommendation"]),
    ("i.presentation", "C", SECTION_VECTORS["presentation"]),
    (_PG_SECTIONS, "C", None),
    (_PG_RESPONSIBLE, "C", None),
    (_PG_BILAG, BILAG_WEIGHT, None),
)
_PG_TEXTS = ", ".join(f"{pg_searchable(text)} AS t{n}" for n, (text, *_) in enumerate(_PG_PARTS))
_PG_PARSED = ", ".join(f"to_tsvector('danish'::regconfig, t.t{n}) AS d{n}" for n in range(len(_PG_PARTS)))
_PG_VECTOR = " || ".join(f"setweight(d.d{n}, '{weight}')" for n, (_text, weight, _) in enumerate(_PG_PARTS))
_PG_WORDS = " || ".join(f"to_tsvector('{PAIRS_CONFIG}'::regconfig, t.t{n})" for n in range(len(_PG_PARTS)))
_PG_OWN = {column: f"d.d{n}" for n, (_text, _weight, column) in enumerate(_PG_PARTS) if column}
_PG_PAIRS = """(
        SELECT array_to_tsvector(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme))
        FROM (SELECT lexeme, unnest(positions) AS p FROM unnest(v.words)) AS a
        JOIN (SELECT lexeme, unnest(positions) AS p FROM unnest(v.words)) AS b ON b.p = a.p + 1
    )"""


def _refresh_sql(own_vectors):
    """The UPDATE that re-indexes items on PostgreSQL; the columns' own vectors too if
    `own_vectors` (the table has them from agenda_items 0010 on)."""
    values = {"search_vector": "v.vector", "word_pairs": _PG_PAIRS, **(_PG_OWN if own_vectors else {})}
    return f"""
UPDATE agenda_items_agendaitem AS i SET ({", ".join(values)}) = (
    SELECT {", ".join(values.values())}
    FROM (SELECT {_PG_TEXTS} WHERE NOT i.closed) AS t,
         LATERAL (SELECT {_PG_PARSED}) AS d,
         LATERAL (SELECT {_PG_VECTOR} AS vector, {_PG_WORDS} AS words) AS v
)
"""


_REFRESH_SQL = _refresh_sql(own_vectors=True)

# The vocabulary from the stored vectors: words of letters only (no numbers or odd tokens such as
# "-2025" from "EMN-2025-003383"), at least 3 letters, as long as a Lexeme may be.
PG_LEXEMES_SQL = """
INSERT INTO search_lexeme (word, reversed)
SELECT DISTINCT w.lexeme, reverse(w.lexeme)
FROM agenda_items_agendaitem AS i, unnest(i.search_vector) AS w
WHERE i.search_vector IS NOT NULL AND w.lexeme ~ '^[[:alpha:]]{{3,60}}$' {where}
ON CONFLICT (word) DO NOTHING
"""

SQLITE_FTS_TABLE = """
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
    title, decision, recommendation, presentation, other, bilag,
    tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
)
"""
# The item columns in search_fts's order (after title), and the attachments' text per item.
_SQLITE_ITEMS_SQL = """
SELECT id, closed, title, decision, recommendation, presentation, sections, responsible
FROM agenda_items_agendaitem {where}
"""
_SQLITE_BILAG_SQL = """
SELECT agenda_item_id, title, text FROM attachments_attachment
WHERE agenda_item_id IN ({ids}) ORDER BY agenda_item_id, "order"
"""
# Items indexed per round trip when the whole archive is (re)built.
_CHUNK = 500

_pending = threading.local()


def refresh_search_vectors(items=None):
    """Recompute the stored search index of `items` (a queryset; all when None): on PostgreSQL
    the vectors and word pairs, on SQLite the search_fts rows; and add their words to the vocabulary.

    Called through the signals below for every saved item or Bilag, once per batch by the
    importer, and by the `rebuild_search_index` command. Returns how many items were indexed.
    """
    ids = None if items is None else list(items.values_list("pk", flat=True))
    if ids == []:
        return 0
    with connections["default"].cursor() as cursor:
        return refresh_items(cursor, ids)


def refresh_items(cursor, ids):
    """Re-index the items `ids` (a list; all items when None) in the database of `cursor` (a Django
    cursor); returns how many were indexed. For refresh_search_vectors() and the migrations."""
    vendor = cursor.db.vendor
    if vendor == "sqlite":
        return refresh_sqlite(cursor, ids)
    if vendor != "postgresql":
        return 0
    if ids is None:
        count = reindex_postgres(cursor)
        cursor.execute(PG_LEXEMES_SQL.format(where=""))
    else:
        cursor.execute(_REFRESH_SQL + " WHERE i.id = ANY(%s)", [ids])
        count = cursor.rowcount
        cursor.execute(PG_LEXEMES_SQL.format(where="AND i.id = ANY(%s)"), [ids])
    add_compounds_postgres(cursor, ids)
    return count


def reindex_postgres(cursor, own_vectors=True):
    """Recompute every item's vectors and word pairs on PostgreSQL (creating PAIRS_CONFIG first, for
    the migrations that re-index before search 0008 made it); returns how many rows were written.
    The migrations that re-index before agenda_items 0010 leave out the columns' own vectors
    (`own_vectors`), which the table may not have yet: search 0010 writes them."""
    cursor.execute(_CREATE_PAIRS_CONFIG)
    cursor.execute(_refresh_sql(own_vectors))
    return cursor.rowcount


# The texts of open items that may write a compound apart, with a suspended hyphen ("toilet- og
# badevogne") or a hyphen between its parts ("ti-årsplan"), for add_compounds_postgres(): the parts of
# _PG_PARTS as stored, by id range or ids.
_PG_APART_SQL = f"""
SELECT t.* FROM (
    SELECT i.id, {", ".join(f"{text} AS t{n}" for n, (text, *_) in enumerate(_PG_PARTS))}
    FROM agenda_items_agendaitem AS i WHERE NOT i.closed AND {{where}}
) AS t
WHERE concat_ws(' ', {", ".join(f"t.t{n}" for n in range(len(_PG_PARTS)))})
    ~* '[[:alpha:]][-\u2010\u2011](,?[[:space:]]+(og|eller|samt)[[:space:]]+)?[[:alpha:]]'
"""
# The compounds added to an item's vectors, each part's under the part's weight and in its column's
# own vector; and to the vocabulary.
_PG_ADD_WEIGHTED = " || ".join(
    f"setweight(to_tsvector('danish'::regconfig, %s), '{weight}')" for _text, weight, _ in _PG_PARTS
)
_PG_ADD_OWN = "".join(
    f", {column} = {column} || to_tsvector('danish'::regconfig, %s)" for *_, column in _PG_PARTS if column
)
_PG_ADD_COMPOUNDS_SQL = (
    f"UPDATE agenda_items_agendaitem SET search_vector = search_vector || {_PG_ADD_WEIGHTED}{_PG_ADD_OWN}"
    " WHERE id = %s"
)
_PG_COMPOUND_LEXEMES_SQL = """
INSERT INTO search_lexeme (word, reversed)
SELECT DISTINCT w.lexeme, reverse(w.lexeme) FROM unnest(to_tsvector('danish'::regconfig, %s)) AS w
WHERE w.lexeme ~ '^[[:alpha:]]{3,60}$'
ON CONFLICT (word) DO NOTHING
"""
# Items read at a time when every item's compounds are added (their Bilag's text with them).
_PG_COMPOUND_CHUNK = 2000


def add_compounds_postgres(cursor, ids):
    """Add the compounds the texts of `ids` (all items when None) write apart (_compounds()) to their
    vectors, after the vectors were made from the texts: a reader types "toiletvogne",
    "teknikudvalget" or "tiårsplan" for "toilet- og badevogne", "Klima-, Teknik- og Miljøudvalget" or
    "ti-årsplan". SQLite's refresh_sqlite() adds them to the columns the same way."""
    if ids is None:
        batches = [(_PG_ID_RANGE, id_range) for id_range in _id_ranges(cursor)]
    else:
        batches = [("i.id = ANY(%s)", [ids])]
    for where, params in batches:
        cursor.execute(_PG_APART_SQL.replace("{where}", where), params)
        texts = {row[0]: row[1:] for row in cursor.fetchall()}
        compounds = _compounds(texts, set(), cursor) if texts else {}
        if not compounds:
            continue
        rows = []
        for pk, words in compounds.items():
            parts = [" ".join(part) for part in words]
            own = [parts[n] for n, (*_, column) in enumerate(_PG_PARTS) if column]
            rows.append([*parts, *own, pk])
        cursor.executemany(_PG_ADD_COMPOUNDS_SQL, rows)
        cursor.execute(
            _PG_COMPOUND_LEXEMES_SQL,
            [" ".join(" ".join(part) for words in compounds.values() for part in words)],
        )


def reindex_apart_postgres(cursor):
    """Re-index the open items whose texts may write a compound apart (_PG_APART_SQL), read 2 000 ids
    at a time; for search 0013, whose cursor commits each statement on its own."""
    select = f"SELECT id FROM ({_PG_APART_SQL.replace('{where}', _PG_ID_RANGE)}) AS apart"
    for id_range in _id_ranges(cursor):
        cursor.execute(select, id_range)
        ids = [row[0] for row in cursor.fetchall()]
        if ids:
            refresh_items(cursor, ids)


_PG_ID_RANGE = "i.id >= %s AND i.id < %s"


def _id_ranges(cursor):
    """[start, stop] of each _PG_COMPOUND_CHUNK ids from the items' first id to their last."""
    cursor.execute("SELECT min(id), max(id) FROM agenda_items_agendaitem")
    low, high = cursor.fetchone()
    starts = [] if low is None else range(low, high + 1, _PG_COMPOUND_CHUNK)
    return [[start, start + _PG_COMPOUND_CHUNK] for start in starts]


def refresh_sqlite(cursor, ids):
    """Re-index the items `ids` (all when None) in SQLite's search_fts; returns how many.

    Raw SQL on the tables, so that migration search/0002 can build the index with it too.
    """
    from .query import index_tokens

    if ids is None:
        cursor.execute("DELETE FROM search_fts")
        cursor.execute(_SQLITE_ITEMS_SQL.format(where=""))
    else:
        marks = ",".join("%s" for _ in ids)
        cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({marks})", ids)
        cursor.execute(_SQLITE_ITEMS_SQL.format(where=f"WHERE id IN ({marks})"), ids)
    rows = [row for row in cursor.fetchall() if not row[1]]  # a closed item is never indexed
    count = 0
    for start in range(0, len(rows), _CHUNK):
        chunk = rows[start : start + _CHUNK]
        bilag, chunk_ids = {}, ",".join(str(row[0]) for row in chunk)
        cursor.execute(_SQLITE_BILAG_SQL.format(ids=chunk_ids))
        for item_id, title, text in cursor.fetchall():
            bilag.setdefault(item_id, []).append(f"{title}\n{text}")
        votes = {}
        cursor.execute(_SQLITE_POSITIONS_SQL.format(ids=chunk_ids))
        for item_id, who, party, stance in cursor.fetchall():
            votes.setdefault(item_id, []).append(position_line(who, party, stance))
        texts, vocabulary = {}, set()
        for pk, _closed, title, decision, recommendation, presentation, sections, responsible in chunk:
            other = " ".join(
                f"{section.get('heading', '')} {section.get('text', '')}"
                for section in _json_list(sections)
                if isinstance(section, dict)
            )
            texts[pk] = (
                title,
                "\n".join([decision, *votes.get(pk, [])]),
                recommendation,
                presentation,
                f"{other} {RESPONSIBLE_LABEL} {responsible}" if responsible else other,
                "\n".join(bilag.get(pk, []))[:MAX_ATTACHMENT_CHARS],
            )
        columns = {pk: [index_tokens(text) for text in item_texts] for pk, item_texts in texts.items()}
        for item_columns in columns.values():
            vocabulary.update(" ".join(item_columns).split())
        compounds = _compounds(texts, vocabulary, cursor)
        values = []
        for pk, item_columns in columns.items():
            for n, words in enumerate(compounds.get(pk, ())):
                if words:
                    stems = index_tokens(" ".join(words))
                    item_columns[n] = f"{item_columns[n]} {stems}"
                    vocabulary.update(stems.split())
            values.append((pk, *item_columns))
        cursor.executemany(
            "INSERT INTO search_fts (rowid, title, decision, recommendation, presentation, other, bilag)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s)",
            values,
        )
        words = [(w, w[::-1]) for w in vocabulary if 3 <= len(w) <= 60 and w.isalpha()]
        cursor.executemany("INSERT OR IGNORE INTO search_lexeme (word, reversed) VALUES (%s, %s)", words)
        count += len(chunk)
    return count


def _compounds(texts, vocabulary, cursor):
    """{item id: [the compounds each text writes apart]} for `texts` ({item id: its texts}): with a
    suspended hyphen, as query.suspended_compounds() reads them against the archive's vocabulary and
    `vocabulary` (the stems of these items, which it may not hold yet; one lookup for them all), and
    with a hyphen between the parts (query.hyphen_compounds())."""
    from .query import hyphen_compounds, suspended_compounds
    from .vocabulary import in_vocabulary

    def known(stems):
        return (stems & vocabulary) | in_vocabulary(stems - vocabulary, cursor)

    found = iter(suspended_compounds([text for item_texts in texts.values() for text in item_texts], known))
    by_item = {
        pk: [next(found) + hyphen_compounds(text) for text in item_texts] for pk, item_texts in texts.items()
    }
    return {pk: words for pk, words in by_item.items() if any(words)}


def _json_list(value):
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return value if isinstance(value, list) else []


@contextmanager
def batch():
    """Refresh the items saved inside the block once, when it ends without an error."""
    if getattr(_pending, "ids", None) is not None:  # nested: the outer batch refreshes
        yield
        return
    _pending.ids = set()
    try:
        yield
        ids = _pending.ids
    finally:
        _pending.ids = None
    if ids:
        refresh_search_vectors(AgendaItem.objects.filter(pk__in=ids))


def _touched(item_id):
    if item_id is None:
        return
    if getattr(_pending, "ids", None) is not None:
        _pending.ids.add(item_id)
    else:
        refresh_search_vectors(AgendaItem.objects.filter(pk=item_id))


def _item_saved(sender, instance, raw=False, **kwargs):
    if not raw:  # loaddata: the fixture's rows are refreshed by rebuild_search_index
        _touched(instance.pk)


def _attachment_changed(sender, instance, raw=False, **kwargs):
    # An item deleted with its Bilag is simply not found by the refresh.
    if not raw:
        _touched(instance.agenda_item_id)


def connect_signals():
    post_save.connect(_item_saved, sender=AgendaItem, dispatch_uid="search-item-saved")
    post_save.connect(_attachment_changed, sender=Attachment, dispatch_uid="search-attachment-saved")
    post_delete.connect(_attachment_changed, sender=Attachment, dispatch_uid="search-attachment-deleted")


def register_sqlite_functions(sender, connection, **kwargs):
    """SQLite folds only ASCII case; search needs æ/ø/å folded too (backends/sqlite.py)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "minutes_casefold", 1, lambda s: s.casefold() if isinstance(s, str) else s, deterministic=True
        )
