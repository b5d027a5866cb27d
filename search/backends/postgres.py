"""PostgreSQL: Danish full-text search on the stored vectors of search/index.py.

Plain words become prefix terms (`sprogmentor:*` finds "sprogmentorindsatsen", `ukrainer:*` finds
"ukrainere"); quotes, `-word` and `or` switch to websearch syntax; a quoted phrase first finds the
items holding its adjacent word pairs (`AgendaItem.word_pairs`), and only those are rechecked for
word positions; titles with typos are found through pg_trgm when nothing else matches. Work is
bounded at any size: up to MAX_RESULTS matches are counted, ranked and faceted; beyond that (or
when PostgreSQL expects far more) the newest come first, and a statement timeout stops whatever
still runs too long.
"""

import json
import re
from contextlib import contextmanager

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
from django.db.models import BooleanField, Exists, F, Func, OuterRef, TextField, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from agenda_items.models import AgendaItem
from attachments.models import Attachment

from ..results import MAX_RESULTS, SearchTimedOut
from .common import WORD, item_text, plain_snippets

# When PostgreSQL's own estimate of the matches is above this, they are not even counted up to
# MAX_RESULTS: for a word in most items counting reads 10 000 rows, for a common phrase it
# rechecks word positions in 10 000 stored vectors (0.1-0.4 s at a million items), while the
# newest 20 matches are found in milliseconds. The estimate comes from the table statistics;
# twice the cap leaves room for its error.
ESTIMATE_LIMIT = 2 * MAX_RESULTS
# Sentinels for ts_headline: the snippet is escaped whole and only these become <mark>.
_START, _STOP = "\ue000", "\ue001"
_WEBSEARCH_SYNTAX = re.compile(r'"|(?:^|\s)-\w|\s(?:or|OR)\s')
# A quoted phrase every match must contain: not one negated with -, and none in a query with "or".
_REQUIRED_PHRASE = re.compile(r'(?<![-\w])"([^"]+)"')
_OR = re.compile(r"\sor\s", re.IGNORECASE)

# The adjacent word pairs of the quoted phrases in a query, as word_pairs stores them.
_PHRASE_PAIRS_SQL = """
WITH words AS (
    SELECT phrase.n, w.lexeme, unnest(w.positions) AS p
    FROM unnest(%s::text[]) WITH ORDINALITY AS phrase(text, n),
         unnest(to_tsvector('danish'::regconfig, phrase.text)) AS w
)
SELECT DISTINCT a.lexeme || ' ' || b.lexeme FROM words a JOIN words b ON b.n = a.n AND b.p = a.p + 1
"""


@contextmanager
def bounded(using):
    """A transaction in which any statement running longer than SEARCH_TIMEOUT_SECONDS is cancelled
    (a worker is never held for minutes by one unlucky query); a cancellation is SearchTimedOut."""
    try:
        with transaction.atomic(using=using):
            with connections[using].cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('statement_timeout', %s, true)",
                    [f"{max(1, round(settings.SEARCH_TIMEOUT_SECONDS * 1000))}ms"],
                )
            yield
    except OperationalError as exc:
        if not isinstance(exc.__cause__, psycopg.errors.QueryCanceled):
            raise
        raise SearchTimedOut from exc


def estimated_count(matched):
    """PostgreSQL's estimate of the number of rows in `matched`, from its plan (about 1 ms)."""
    plan = matched.order_by().values("pk").explain(format="json")
    return json.loads(plan)[0]["Plan"]["Plan Rows"]


def rank(query):
    return SearchRank(F("search_vector"), query)


def postgres_query(q):
    """The tsquery for `q`: websearch syntax when the user used it, else all words as prefixes."""
    if _WEBSEARCH_SYNTAX.search(q):
        return SearchQuery(q, config="danish", search_type="websearch")
    words = WORD.findall(q)
    if not words:
        return None
    return SearchQuery(" & ".join(f"{w}:*" for w in words), config="danish", search_type="raw")


def match(base, q, section, results, sections):
    """(matched items, the tsquery, the queryset to estimate their number from) for `q`."""
    query = postgres_query(q)
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
    if section in sections:
        matched = _limit_to_section(matched, sections[section], query)
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


def _limit_to_section(matched, column, query):
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


def snippets(items, query, q):
    if query is None:  # found by title similarity: no tsquery to headline with
        return plain_snippets(items, q)
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
                    item_text(),
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
