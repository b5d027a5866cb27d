"""Full-text search over agenda items: one entry point, `search()`, that picks a strategy by database.

PostgreSQL keeps a weighted tsvector per item in `AgendaItem.search_vector` (danish config):
title A, decision B, recommendation, presentation and other sections C, attachments D; beside it
`AgendaItem.word_pairs` holds every pair of adjacent words, so that a phrase finds its candidates
through an index. Both are kept current by `refresh_search_vectors()` (called by the importer,
the admin and the `rebuild_search_index` command). Plain words become prefix terms
(`sprogmentor:*` finds "sprogmentorindsatsen", `ukrainer:*` finds "ukrainere"); quotes, `-word`
and `or` switch to websearch syntax; titles with typos are found through pg_trgm when nothing
else matches. Work is bounded at any size: up to MAX_RESULTS matches are counted, ranked and
faceted; beyond that (or when PostgreSQL expects far more) the newest come first, and a
statement timeout stops whatever still runs too long.

SQLite, the zero-setup default, has none of that: every word must occur in the item's text,
case-insensitively. Closed items are never searched on either database.
"""

import json
import re
from collections import Counter
from dataclasses import dataclass, field

import psycopg
from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVector,
)
from django.db import OperationalError, connections, router, transaction
from django.db.models import BooleanField, Exists, F, Func, OuterRef, Q, TextField, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from attachments.models import Attachment

from .models import AgendaItem, Case

# Never rank or facet an unbounded set (PITFALLS.md: ranking costs ~7 ms per 1 000 matches).
MAX_RESULTS = 10_000
PAGE_SIZE = 20
# When PostgreSQL's own estimate of the matches is above this, they are not even counted up to
# MAX_RESULTS: for a word in most items counting reads 10 000 rows, for a common phrase it
# rechecks word positions in 10 000 stored vectors (0.1-0.4 s at a million items), while the
# newest 20 matches are found in milliseconds. The estimate comes from the table statistics;
# twice the cap leaves room for its error.
ESTIMATE_LIMIT = 2 * MAX_RESULTS
# Pages of a search with more than MAX_RESULTS matches (newest first): each page further back
# walks further down the date index, so the deep pages are cut off here (1 000 items); the
# date and committee filters reach the rest.
MANY_RESULTS_PAGES = 50
MAX_QUERY_LENGTH = 500
# tsvector values are limited to 1 MB; a long Bilag is indexed by its beginning.
MAX_ATTACHMENT_CHARS = 200_000
# Sentinels for ts_headline: the snippet is escaped whole and only these become <mark>.
_START, _STOP = "\ue000", "\ue001"
# A query that is a case number goes to the case, not to the text index:
# "25/31181" (Aabenraa), "EMN-2024-027961" (Aarhus), "27.00.00-P20-3-24" (KLE-style).
CASE_NUMBER = re.compile(
    r"^\s*(?:\d{2}\s*[/-]\s*\d{1,7}|[A-Za-zÆØÅæøå]{2,6}-\d{4}-\d{3,}|\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d+-\d{2})\s*$"
)
_WEBSEARCH_SYNTAX = re.compile(r'"|(?:^|\s)-\w|\s(?:or|OR)\s')
# A quoted phrase every match must contain: not one negated with -, and none in a query with "or".
_REQUIRED_PHRASE = re.compile(r'(?<![-\w])"([^"]+)"')
_OR = re.compile(r"\sor\s", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")

# Which columns a search can be limited to (the "section" choice).
SECTIONS = {
    "title": "title",
    "decision": "decision",
    "recommendation": "recommendation",
    "presentation": "presentation",
    "attachments": None,  # searched through the attachments' own text
}

_REFRESH_SQL = f"""
UPDATE agenda_items_agendaitem AS i SET (search_vector, word_pairs) = (
    SELECT v.vector, (
        SELECT array_to_tsvector(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme))
        FROM (SELECT lexeme, unnest(positions) AS p FROM unnest(v.vector)) AS a
        JOIN (SELECT lexeme, unnest(positions) AS p FROM unnest(v.vector)) AS b ON b.p = a.p + 1
    )
    FROM (SELECT CASE WHEN i.closed THEN NULL ELSE
        setweight(to_tsvector('danish'::regconfig, i.title), 'A')
        || setweight(to_tsvector('danish'::regconfig, i.decision), 'B')
        || setweight(to_tsvector('danish'::regconfig, i.recommendation), 'C')
        || setweight(to_tsvector('danish'::regconfig, i.presentation), 'C')
        || setweight(jsonb_to_tsvector('danish'::regconfig, i.sections, '["string"]'), 'C')
        || setweight(to_tsvector('danish'::regconfig, coalesce((
            SELECT left(string_agg(a.title || E'\\n' || a.text, E'\\n' ORDER BY a."order"),
                        {MAX_ATTACHMENT_CHARS})
            FROM attachments_attachment a WHERE a.agenda_item_id = i.id), '')), 'D')
    END AS vector) AS v
)
"""
# The adjacent word pairs of the quoted phrases in a query, as word_pairs stores them.
_PHRASE_PAIRS_SQL = """
WITH words AS (
    SELECT phrase.n, w.lexeme, unnest(w.positions) AS p
    FROM unnest(%s::text[]) WITH ORDINALITY AS phrase(text, n),
         unnest(to_tsvector('danish'::regconfig, phrase.text)) AS w
)
SELECT DISTINCT a.lexeme || ' ' || b.lexeme FROM words a JOIN words b ON b.n = a.n AND b.p = a.p + 1
"""


def refresh_search_vectors(items=None):
    """Recompute the stored search vector and word pairs of `items` (a queryset; all when None).

    Called by the importer after saving, by the admin after an edit, and by the
    `rebuild_search_index` command. A no-op on databases without full-text search.
    """
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        if items is None:
            cursor.execute(_REFRESH_SQL)
        else:
            ids = list(items.values_list("pk", flat=True))
            if not ids:
                return 0
            cursor.execute(_REFRESH_SQL + " WHERE i.id = ANY(%s)", [ids])
        return cursor.rowcount


@dataclass
class Hit:
    item: AgendaItem
    snippet: str  # safe HTML: escaped text with <mark> around the matches


@dataclass
class SearchResults:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    more_than_max: bool = False  # total is MAX_RESULTS and there are more
    page: int = 1
    sort: str = "relevance"
    committees: list[dict] = field(default_factory=list)  # facet rows: name, slug, municipality, count
    years: list[dict] = field(default_factory=list)  # facet rows: year, count
    fuzzy: bool = False  # found through trigram similarity, not the words themselves
    timed_out: bool = False  # the search took longer than SEARCH_TIMEOUT_SECONDS and was stopped

    @property
    def has_next(self):
        if self.more_than_max:
            return self.page < MANY_RESULTS_PAGES and len(self.hits) == PAGE_SIZE
        return self.page * PAGE_SIZE < self.total

    @property
    def has_previous(self):
        return self.page > 1


def case_for_query(q):
    """The cases a query that looks like a case number names (an exact lookup), else none."""
    if not q or not CASE_NUMBER.match(q):
        return Case.objects.none()
    return Case.objects.by_number(q).select_related("municipality")


def search(q, items=None, *, section=None, sort="relevance", page=1):
    """Search `items` (default: all open items) for `q`; `items` carries the page's filters.

    Returns SearchResults for one page. Bad input never raises: an empty or odd query is
    simply a search without hits, and one that takes too long comes back with `timed_out`.
    """
    q = (q or "").strip()[:MAX_QUERY_LENGTH]
    results = SearchResults(query=q, page=max(1, page), sort=sort)
    base = (AgendaItem.objects.all() if items is None else items).filter(closed=False)
    using = router.db_for_read(AgendaItem)
    if connections[using].vendor != "postgresql":
        _search(results, _fallback_match(base, q, section), None, None)
        return results
    try:
        with transaction.atomic(using=using):
            _limit_statement_time(using)
            matched, query, estimate_of = _postgres_match(base, q, section, results)
            _search(results, matched, query, estimate_of)
    except OperationalError as exc:
        if not isinstance(exc.__cause__, psycopg.errors.QueryCanceled):
            raise
        return SearchResults(query=q, page=results.page, sort=sort, timed_out=True)
    return results


def _limit_statement_time(using):
    """Cancel any statement of this transaction that runs longer than SEARCH_TIMEOUT_SECONDS:
    a worker is never held for minutes by one unlucky query."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT set_config('statement_timeout', %s, true)",
            [f"{max(1, round(settings.SEARCH_TIMEOUT_SECONDS * 1000))}ms"],
        )


def _search(results, matched, query, estimate_of):
    """Fill `results` with one page of `matched` (None: there was nothing to search for).

    `estimate_of` is the queryset whose estimated size stands for the matches' (None: count).
    """
    if matched is None:
        return
    many = estimate_of is not None and _estimated_count(estimate_of) > ESTIMATE_LIMIT
    if not many:
        ids = list(matched.order_by().values_list("pk", flat=True)[: MAX_RESULTS + 1])
        many = len(ids) > MAX_RESULTS
    if many:
        # Too many to rank or facet: newest first, straight down the date index.
        results.more_than_max, results.total, results.sort = True, MAX_RESULTS, "date"
        results.page = min(results.page, MANY_RESULTS_PAGES)
        start = (results.page - 1) * PAGE_SIZE
        ordered = matched.order_by(F("meeting__date").desc(nulls_last=True), "-pk")
        page_items = list(ordered.with_meeting()[start : start + PAGE_SIZE])
    else:
        results.total = len(ids)
        if not ids:
            return
        if results.sort != "relevance" or query is None:
            results.sort = "date"
        # One pass over the bounded set gives each match's rank, date and committee: the facets
        # are counted and the order is decided from these rows, and only the page is fetched whole.
        rank = SearchRank(F("search_vector"), query) if results.sort == "relevance" else Value(0.0)
        rows = list(
            AgendaItem.objects.filter(pk__in=ids)
            .order_by()
            .values_list(
                "pk",
                rank,
                "meeting__date",
                "meeting__committee__name",
                "meeting__committee__slug",
                "meeting__committee__municipality__slug",
            )
        )
        results.committees, results.years = _facets(rows)
        # Best first (or newest first), then newest, undated last, then the newest item.
        rows.sort(key=lambda row: (-row[1], row[2] is None, -(row[2].toordinal() if row[2] else 0), -row[0]))
        start = (results.page - 1) * PAGE_SIZE
        page_ids = [row[0] for row in rows[start : start + PAGE_SIZE]]
        by_pk = AgendaItem.objects.filter(pk__in=page_ids).with_meeting().in_bulk()
        page_items = [by_pk[pk] for pk in page_ids]
    if query is not None:
        snippets = _postgres_snippets(page_items, query)
    else:
        snippets = _plain_snippets(page_items, results.query)
    results.hits = [Hit(item, snippets.get(item.pk, "")) for item in page_items]


def _estimated_count(matched):
    """PostgreSQL's estimate of the number of rows in `matched`, from its plan (about 1 ms)."""
    plan = matched.order_by().values("pk").explain(format="json")
    return json.loads(plan)[0]["Plan"]["Plan Rows"]


def _postgres_query(q):
    """The tsquery for `q`: websearch syntax when the user used it, else all words as prefixes."""
    if _WEBSEARCH_SYNTAX.search(q):
        return SearchQuery(q, config="danish", search_type="websearch")
    words = _WORD.findall(q)
    if not words:
        return None
    return SearchQuery(" & ".join(f"{w}:*" for w in words), config="danish", search_type="raw")


def _postgres_match(base, q, section, results):
    """(matched items, the tsquery, the queryset to estimate their number from) for `q`."""
    query = _postgres_query(q)
    if query is None:
        return None, None, None
    matched = estimate_of = base.filter(search_vector=query)
    pairs = _phrase_pairs(q)
    if pairs:
        # The index finds the few items that hold the phrase's word pairs; only those are
        # rechecked for the phrase itself (word positions), not every item with both words.
        # Their number is the better estimate: the planner takes the pairs and the words for
        # independent conditions, and so underestimates both together several times over.
        holds_pairs = _Matches(F("word_pairs"), Cast(Value(pairs), SearchQueryField()))
        estimate_of = base.filter(holds_pairs)
        matched = matched.filter(holds_pairs)
    if section in SECTIONS:
        matched = _limit_to_section(matched, section, query)
    if not matched.exists() and section is None:
        # Typos in titles ("ukrainesituationn"): trigram word similarity, index-backed.
        fuzzy = base.filter(title__trigram_word_similar=q)
        if fuzzy.exists():
            results.fuzzy = True
            return fuzzy, None, None
    return matched, query, estimate_of


class _Matches(Func):
    """`vector @@ tsquery` as a condition, for a tsquery that must not be parsed again."""

    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = BooleanField()


def _phrase_pairs(q):
    """The tsquery text ('social ydels' & ...) of the word pairs that every match of `q` holds
    in word_pairs, from its required quoted phrases; "" when there are none."""
    phrases = _REQUIRED_PHRASE.findall(q) if not _OR.search(q) else []
    if not phrases:
        return ""
    with connections[router.db_for_read(AgendaItem)].cursor() as cursor:
        cursor.execute(_PHRASE_PAIRS_SQL, [phrases])
        pairs = sorted(row[0] for row in cursor.fetchall())
    return " & ".join("'" + pair.replace("\\", "\\\\").replace("'", "''") + "'" for pair in pairs)


def _limit_to_section(matched, section, query):
    column = SECTIONS[section]
    if column is None:
        return matched.filter(
            Exists(
                Attachment.objects.filter(agenda_item=OuterRef("pk"))
                .order_by()
                .annotate(v=SearchVector("title", "text", config="danish"))
                .filter(v=query)
            )
        )
    return matched.annotate(section_vector=SearchVector(column, config="danish")).filter(section_vector=query)


def _item_text():
    """An item's searchable text as one expression (for headlines and the SQLite fallback)."""
    return Concat(
        "decision",
        Value("\n"),
        "recommendation",
        Value("\n"),
        "presentation",
        output_field=TextField(),
    )


def _postgres_snippets(items, query):
    if not items:
        return {}
    attachment_text = Func(
        Attachment.objects.filter(agenda_item=OuterRef("pk"))
        .order_by()
        .values("agenda_item")
        .annotate(t=Func(F("text"), Value("\n"), function="string_agg", output_field=TextField()))
        .values("t")[:1],
        Value(20_000),
        function="left",
        output_field=TextField(),
    )
    rows = (
        AgendaItem.objects.filter(pk__in=[i.pk for i in items])
        .annotate(
            snippet=SearchHeadline(
                Concat(
                    _item_text(),
                    Value("\n"),
                    Coalesce(attachment_text, Value(""), output_field=TextField()),
                    output_field=TextField(),
                ),
                query,
                config="danish",
                start_sel=_START,
                stop_sel=_STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        .values_list("pk", "snippet")
    )
    return {pk: _marked(snippet) for pk, snippet in rows}


def _marked(text):
    """Escape everything, then turn the sentinels into <mark>: ts_headline copies markup verbatim."""
    return mark_safe(escape(text or "").replace(_START, "<mark>").replace(_STOP, "</mark>"))


# --- SQLite ---------------------------------------------------------------------------------


def _casefold(expression):
    # minutes_casefold is registered on every SQLite connection (agenda_items/apps.py):
    # SQLite's own lower() and LIKE fold ASCII only, and Danish needs æ/ø/å.
    return Func(expression, function="minutes_casefold", output_field=TextField())


def _fallback_match(base, q, section):
    words = [w.casefold() for w in _WORD.findall(q)]
    if not words:
        return None

    def in_attachments(word):
        attachments = Attachment.objects.filter(agenda_item=OuterRef("pk")).annotate(
            t=_casefold(Concat("title", Value("\n"), "text", output_field=TextField()))
        )
        return Exists(attachments.filter(t__contains=word))

    if section in SECTIONS and SECTIONS[section]:
        matched = base.annotate(search_text=_casefold(F(SECTIONS[section])))
    else:
        text = Concat("title", Value("\n"), _item_text(), output_field=TextField())
        matched = base.annotate(search_text=_casefold(text))
    condition = Q()
    for word in words:
        if section == "attachments":
            condition &= in_attachments(word)
        elif section in SECTIONS:
            condition &= Q(search_text__contains=word)
        else:
            condition &= Q(search_text__contains=word) | in_attachments(word)
    return matched.filter(condition)


def _plain_snippets(items, q, width=110):
    """A window of text around the first match, escaped, with every query word marked."""
    words = sorted({w.casefold() for w in _WORD.findall(q)}, key=len, reverse=True)
    if not words:
        return {}
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    snippets = {}
    for item in items:
        text = " ".join(f"{item.decision}\n{item.recommendation}\n{item.presentation}".split())
        m = pattern.search(text)
        start = max(0, m.start() - width) if m else 0
        if start:  # begin at a word, not in the middle of one
            start = text.find(" ", start, m.start()) + 1 or start
        window = text[start : start + 2 * width + 40]
        if start + len(window) < len(text):
            window = window.rsplit(" ", 1)[0]
        parts, last = [], 0
        for hit in pattern.finditer(window):
            parts.append(escape(window[last : hit.start()]))
            parts.append(f"<mark>{escape(hit.group(0))}</mark>")
            last = hit.end()
        parts.append(escape(window[last:]))
        ellipsis_after = " …" if start + len(window) < len(text) else ""
        snippets[item.pk] = mark_safe(("… " if start else "") + "".join(parts) + ellipsis_after)
    return snippets


def _facets(rows):
    """Counts per committee and per year from the matches' (pk, rank, date, committee name,
    committee slug, municipality slug) rows."""
    committees, years = Counter(), Counter()
    for _pk, _rank, date, name, slug, municipality in rows:
        committees[name, slug, municipality] += 1
        years[date.year if date else None] += 1
    committee_rows = [
        {"name": name, "slug": slug, "municipality": municipality, "count": count}
        for (name, slug, municipality), count in committees.items()
    ]
    committee_rows.sort(key=lambda row: (-row["count"], row["name"]))
    # Newest year first, undated (None) last.
    year_rows = [{"year": year, "count": count} for year, count in years.items()]
    year_rows.sort(key=lambda row: (row["year"] is None, -(row["year"] or 0)))
    return committee_rows, year_rows
