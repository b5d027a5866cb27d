"""PostgreSQL: Danish full-text search on the stored vectors of search/index.py.

The parsed query (search/query.py) becomes one tsquery: a word is a prefix term (`sprogmentor:*`
finds "sprogmentorindsatsen", `ukrainer:*` finds "ukrainere"), OR its ae/oe/aa reading
(`beskaeftigelse:* | beskæftigelse:*`) and its å written aa (`århus:* | aarhus:*`), OR the
compounds of the vocabulary that end with it (search/vocabulary.py); a number is matched as printed
('11.309.897'); a phrase is `a <-> b`, `-word` is NOT and `or` is OR. A quoted phrase first finds
the items holding its adjacent word pairs (`AgendaItem.word_pairs`), and only those are rechecked
for word positions. Work is bounded at any size: up to MAX_RESULTS matches are counted, ranked
and faceted; beyond that (or when PostgreSQL expects far more) the newest come first, and a
statement timeout stops whatever still runs too long.
"""

import json
from contextlib import contextmanager
from dataclasses import dataclass, replace

import psycopg
from django.conf import settings
from django.contrib.postgres.search import (
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVector,
)
from django.db import OperationalError, connections, router, transaction
from django.db.models import BooleanField, F, Func, Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from agenda_items.models import AgendaItem

from ..index import (
    BILAG_WEIGHT,
    PAIRS_CONFIG,
    SECTION_VECTORS,
    pg_bilag_text,
    pg_decision_text,
    pg_searchable,
)
from ..query import STOP_WORDS, fold, is_prefix, parse, phrases_typed, unfold
from ..results import MAX_RESULTS, RANK_LIMIT, SearchTimedOut
from ..vocabulary import tails
from .common import with_pks

# When PostgreSQL's own estimate of the matches is above this, they are not even counted up to
# MAX_RESULTS: for a word in most items counting reads 10 000 rows, for a common phrase it
# rechecks word positions in 10 000 stored vectors (0.1-0.4 s at a million items), while the
# newest 20 matches are found in milliseconds. The estimate comes from the table statistics;
# twice the cap leaves room for its error.
ESTIMATE_LIMIT = 2 * MAX_RESULTS
# A phrase's matches are counted up to this many (words up to MAX_RESULTS): each is confirmed by
# its words' positions in its stored vector, about 18 ms per 1 000 at a million items, so counting
# 10 000 of them cost 0.2 s (docs/PERFORMANCE.md). Beyond it they are not ranked anyway
# (RANK_LIMIT): the page shows the newest, and says "more than 2 000".
PHRASE_COUNT_LIMIT = RANK_LIMIT
# Within a section a phrase's matches are counted up to this many: each is confirmed in the
# section's words, a Bilag's by the weight of its words in the item's whole stored vector, about
# 60 µs a match. The page of "sociale ydelser" in the Bilag at 250 000 items (5 114 matches) took
# 154 ms counting 2 000 of them, 70-80 ms counting 1 000 (docs/PERFORMANCE.md).
SECTION_PHRASE_COUNT_LIMIT = RANK_LIMIT // 2

# The adjacent word pairs of the quoted phrases in a query, as word_pairs stores them (stop words
# included: search/index.py's PAIRS_CONFIG).
_PHRASE_PAIRS_SQL = f"""
WITH words AS (
    SELECT phrase.n, w.lexeme, unnest(w.positions) AS p
    FROM unnest(%s::text[]) WITH ORDINALITY AS phrase(text, n),
         unnest(to_tsvector('{PAIRS_CONFIG}'::regconfig, phrase.text)) AS w
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


def count_limit(query):
    """How many matches of `query` (a PgQuery) are counted at most (see PHRASE_COUNT_LIMIT and
    SECTION_PHRASE_COUNT_LIMIT)."""
    if not query.phrases:
        return MAX_RESULTS
    return SECTION_PHRASE_COUNT_LIMIT if query.in_section else PHRASE_COUNT_LIMIT


def estimated_count(matched):
    """PostgreSQL's estimate of the number of rows in `matched`, from its plan (about 1 ms); of
    several querysets that each hold every match (a tuple), the smallest."""
    if isinstance(matched, tuple):
        return min(map(estimated_count, matched))
    plan = matched.order_by().values("pk").explain(format="json")
    return json.loads(plan)[0]["Plan"]["Plan Rows"]


@dataclass
class PgQuery:
    """The tsquery a search matches (`full`: with compound tails), the one that ranks (`exact`),
    and the words a snippet marks."""

    full: SearchQuery
    exact: SearchQuery
    marks: list
    phrases: bool = False  # it holds a phrase of two words or more (count_limit())
    in_section: bool = False  # it is searched within a section (count_limit())
    # The words typed together (Query.together): their phrases as one tsquery and their word pairs
    # (_phrase_pairs()); None when there are none.
    together: tuple = None
    # The phrases typed, and the words typed together, as tuples of words: snippets are cut around
    # the first found (highlight.plain_snippets()).
    phrases_typed: tuple = ()


# ts_rank's normalization 1: the rank divided by 1 + log(the item's length in words). Unnormalised,
# a long item that repeats a word outranks a short one about it (a budget report mentioning
# "ukrainere" twenty times above the item on the ukrainesituation); SQLite's bm25 normalises by
# length too, so both databases rank alike. The length is read from the vector already read.
RANK_NORMALIZATION = 1


def rank(query):
    # A match through a compound's tail ("miljøscreening" for "screening") ranks below the word.
    return (
        SearchRank(F("search_vector"), query.exact, normalization=Value(RANK_NORMALIZATION))
        + SearchRank(F("search_vector"), query.full, normalization=Value(RANK_NORMALIZATION)) * 0.1
    )


def scores(query, using):
    """None: rank() ranks in SQL."""
    return None


def _raw(text, config="danish"):
    return SearchQuery(text, config=config, search_type="raw")


def _term(term, using, marks, with_tails, config="danish", weight="", known=None):
    """One term as a tsquery: a phrase (<->), a number as printed, or a word as a prefix, its
    ae/oe/aa reading and the compounds that end with it (looked up once per word in `known`, a
    dict one search shares, if given); only in words of the weight `weight` (search/index.py's:
    "A" the title's), if given."""
    marks.extend(term.words)
    label = f":{weight}" if weight else ""
    if term.is_phrase:
        return _raw(" <-> ".join(f"'{word}'{label}" for word in term.words), config)
    word = term.words[0]
    if not is_prefix(word):
        return _raw(f"'{word}'{label}", config)
    # PostgreSQL's index holds words as printed: "Søgaard" is found by "søgård" (and "soegaard"),
    # "Aarhus" by "århus", as SQLite's, which reads both sides with fold(), finds them.
    variants = dict.fromkeys([word, fold(word), unfold(fold(word))])
    query = _raw(" | ".join(f"'{variant}':*{weight}" for variant in variants), config)
    if not with_tails:
        compounds = []
    elif known is None:
        compounds = tails(word, using)
    else:
        if word not in known:
            known[word] = tails(word, using)
        compounds = known[word]
    if compounds:
        marks.extend(compounds)
        query = query | _raw(" | ".join(f"'{compound}'{label}" for compound in compounds), config="simple")
    return query


def compile_query(query, using, with_tails=True, config="danish", weight="", known=None):
    """The tsquery of a parsed query (None when it has no positive term), read with the text search
    configuration `config`; its terms only in words of the weight `weight`, if given (`known`: as
    _term())."""
    if not query:
        return None, []
    marks, compiled, parts = [], None, {}
    for clause in query.clauses:
        alternatives = None
        for term in clause:
            # A term may stand in two clauses (search/query.py's joined neighbours): compiled once.
            if term not in parts:
                parts[term] = _term(term, using, marks, with_tails, config, weight, known)
            part = parts[term]
            alternatives = part if alternatives is None else alternatives | part
        compiled = alternatives if compiled is None else compiled & alternatives
    for term in query.excluded:
        compiled = compiled & ~_term(term, using, [], False, config, weight)
    return compiled, marks


def postgres_query(q, using="default"):
    """The tsquery for the query text `q` (as match() searches it; None: nothing to search for)."""
    return compile_query(parse(q), using)[0]


def match(base, query, section, sections, using):
    """(matched items, the PgQuery, the queryset to estimate their number from) for `query`."""
    # PostgreSQL's vectors and tsqueries have no stop words, so a phrase with one is held to its
    # word pairs, which keep them (_by_pairs()). Such a phrase is left out of the tsquery where the
    # tsquery alone would decide wrongly: excluded (`-"ikke godkendt"` would exclude every item
    # with "godkendt"), or a phrase of stop words alone, whose tsquery is empty and matches nothing
    # (`"selv om"`; as one of several alternatives, `budget or "selv om"` would be `budget`).
    if section in sections:
        # Within a section, a stop word typed alone is left out: only the section's text, parsed
        # again for each item holding it anywhere (most items), could tell ("ikke" in the titles
        # ran into the 3 s timeout at a million items). SQLite, which indexes every word, finds it.
        query = replace(
            query,
            clauses=[clause for clause in query.clauses if not _lone_stop_word(clause)],
            excluded=[term for term in query.excluded if not _lone_stop_word([term])],
        )
    typed = query
    excluded_by_pairs = [term for term in query.excluded if _held_to_pairs(term)]
    query = replace(query, excluded=[term for term in query.excluded if term not in excluded_by_pairs])
    known = {}  # the compound tails of each word, looked up once for all the tsqueries below
    full, marks = compile_query(query, using, known=known)
    if full is None:
        return None, None, None
    exact, _ = compile_query(query, using, with_tails=False)
    # The query with its stop words, where it has one: read with the configuration that keeps them,
    # it decides a section (whose vector is made of the section's text here, stop words and all).
    with_stop_words = None
    if excluded_by_pairs or any(not STOP_WORDS.isdisjoint(term.words) for term in query.terms):
        with_stop_words = (compile_query(typed, using, config=PAIRS_CONFIG, known=known)[0], PAIRS_CONFIG)
    # The clauses the vectors take part in deciding: not those with a phrase of stop words alone,
    # which their word pairs decide below. Within a section, `-word` excludes what the section holds
    # (as on SQLite), not the whole item: it is left to the section below.
    vector_clauses = [clause for clause in query.clauses if not any(map(_stop_words_only, clause))]
    in_section = section in sections
    column = sections.get(section)  # None: no section, or the Bilag
    vector_query = replace(query, clauses=vector_clauses, excluded=[] if in_section else query.excluded)
    if vector_query != query:
        full_in_vectors = compile_query(vector_query, using, known=known)[0] if vector_clauses else None
    else:
        full_in_vectors = full
    estimate_of = base if full_in_vectors is None else base.filter(search_vector=full_in_vectors)
    # Within a section, the section's own words decide (below), which imply the stored vector's: it
    # is not read for that as well (a phrase in the recommendations at a million items: 173 ms with
    # it; in the Bilag, whose words are in the vector, it was read twice).
    matched = base if in_section and vector_clauses else estimate_of
    # A stop word typed alone ("kan ikke") is held to the word pairs that begin with it.
    lone_stop_words = [clause[0] for clause in query.clauses if _lone_stop_word(clause)]
    pairs = " & ".join(
        filter(None, [_phrase_pairs(query.required_phrases), *map(_word_in_pairs, lone_stop_words)])
    )
    if pairs:
        # The index finds the few items that hold the phrase's word pairs; only those are
        # rechecked for the phrase itself (word positions), not every item with both words.
        # Their number is the better estimate: the planner takes the pairs and the words for
        # independent conditions, and so underestimates both together several times over.
        # The pairs keep the stop words the vectors drop, so they also hold a phrase to its
        # stop words ("ikke godkendt": 'ikk godkend', where the vector's phrase is 'godkend').
        # (A stop word's pairs are most items': the smaller estimate stands, "hjortebydalen ikke"
        # is estimated by its rare word.)
        holding_pairs = base.filter(_holds(pairs))
        estimate_of = (estimate_of, holding_pairs) if lone_stop_words else holding_pairs
        matched = matched.filter(_holds(pairs))
    for clause in query.clauses:
        if len(clause) > 1 and any(map(_held_to_pairs, clause)):
            alternatives = Q()
            for term in clause:
                alternatives |= _by_pairs(term, using, known)
            matched = matched.filter(alternatives)
    for term in [] if in_section else excluded_by_pairs:  # a section's own text decides (below)
        matched = matched.exclude(_by_pairs(term, using, known))
    if in_section:
        _serially(using)
        if vector_clauses:
            # The section's own words decide, with the exclusions: a column's by its own vector
            # and that vector's index (search/index.py's SECTION_VECTORS), the Bilag's by their
            # weight in the stored vector. Parsing the section again for each item that holds the
            # query anywhere made a phrase in the presentations time out at a million items (3 s),
            # and for each that holds it in the column (the column's words indexed, not stored)
            # took 1.1 s at 100 000 items.
            in_section_query = replace(vector_query, excluded=query.excluded)
            if column is None:
                in_bilag = compile_query(in_section_query, using, weight=BILAG_WEIGHT, known=known)[0]
                matched = matched.filter(search_vector=in_bilag)
            else:
                words = compile_query(in_section_query, using, known=known)[0]
                in_column = Q(**{SECTION_VECTORS[column]: words})
                matched = matched.filter(in_column)
                # Every match holds the query in the column as well as (the phrase's word pairs)
                # anywhere: the smaller estimate stands. The whole item's alone took "sociale
                # ydelser" in the titles for 52 000 matches at a million items, where there are
                # none, and the page said "more than 2 000" over no hits.
                estimate_of = (estimate_of, base.filter(in_column))
        if with_stop_words or not vector_clauses:
            # Stop words are in neither vector: the section is read again, only for the items
            # that hold the rest of the query there (and the phrase's word pairs anywhere).
            matched = _limit_to_section(matched, column, *(with_stop_words or (full, "danish")))
    phrases = any(term.is_phrase for term in query.terms)
    together = None
    if query.together:
        phrase = _combined(
            _term(term, using, [], False) for term in query.together if not _stop_words_only(term)
        )
        together = (phrase, _phrase_pairs(query.together))
    pg_query = PgQuery(
        full,
        exact,
        marks,
        phrases=phrases,
        in_section=in_section,
        together=together,
        phrases_typed=phrases_typed(query),
    )
    return matched, pg_query, estimate_of


def _serially(using):
    """No parallel workers for the rest of the search's transaction (bounded()). Within a section
    PostgreSQL planned two processes down the date index, each reading ahead of the 20 newest matches
    the page needs. At a million items, in-process medians, parallel against not: kommune in
    decisions 150 against 32 ms, "sociale ydelser" in the presentations 103 against 41, in the Bilag
    67 against 28 (when a column's words were parsed again); with the columns' stored vectors, the
    phrase in the presentations 51 against 24. A search in all of an item keeps them (a rare word 25
    against 27, a ranked one 46 against 61)."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT set_config('max_parallel_workers_per_gather', '0', true)")


def _held_to_pairs(term):
    """Whether `term` is a phrase with a stop word or a stop word alone, which only the word pairs
    hold it to."""
    return not STOP_WORDS.isdisjoint(term.words)


def _lone_stop_word(clause):
    """Whether the clause `clause` (its terms) is a stop word typed alone ("ikke")."""
    return len(clause) == 1 and not clause[0].is_phrase and _stop_words_only(clause[0])


def _stop_words_only(term):
    """Whether `term` is of stop words alone (`"selv om"`, or "ikke"): its tsquery is empty."""
    return STOP_WORDS.issuperset(term.words)


def _by_pairs(term, using, known):
    """The condition (a Q) that an item holds `term`: its tsquery in the vector (unless the phrase is
    of stop words alone; `known` as _term()) and, for a phrase with a stop word, its word pairs.
    The pairs have no positions, so a phrase of three stop words or more ("at det er") is held to
    each of its pairs, not to their order: looser than on SQLite (655 items against 190 on the real
    documents)."""
    condition = Q() if _stop_words_only(term) else Q(search_vector=_term(term, using, [], True, known=known))
    if _held_to_pairs(term):
        condition &= Q(_holds(_phrase_pairs([term]) if term.is_phrase else _word_in_pairs(term)))
    return condition


def _combined(tsqueries):
    """The tsqueries `tsqueries` ANDed."""
    combined = None
    for tsquery in tsqueries:
        combined = tsquery if combined is None else combined & tsquery
    return combined


def holding_together(query, ids, using):
    """Which of the matches `ids` hold the words typed together as they were typed (the phrase, its
    stop words held by the word pairs): they rank first."""
    if query.together is None:
        return set()
    phrase, pairs = query.together
    holding = with_pks(AgendaItem.objects.using(using), ids)
    if phrase is not None:
        holding = holding.filter(search_vector=phrase)
    if pairs:
        holding = holding.filter(_holds(pairs))
    return set(holding.values_list("pk", flat=True))


class _Matches(Func):
    """`vector @@ tsquery` as a condition, for a tsquery that must not be parsed again."""

    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = BooleanField()


def _holds(pairs):
    """The condition that an item's word_pairs hold `pairs` (_phrase_pairs())."""
    return _Matches(F("word_pairs"), Cast(Value(pairs), SearchQueryField()))


def _phrase_pairs(terms):
    """The tsquery text ('social ydels' & ...) of the word pairs that an item holding each of the
    phrases `terms` (Terms, or the text of a query for its required phrases) holds in word_pairs;
    "" when none."""
    if isinstance(terms, str):
        terms = parse(terms).required_phrases
    phrases = [" ".join(term.words) for term in terms]
    if not phrases:
        return ""
    with connections[router.db_for_read(AgendaItem)].cursor() as cursor:
        cursor.execute(_PHRASE_PAIRS_SQL, [phrases])
        pairs = sorted(row[0] for row in cursor.fetchall())
    return " & ".join(_lexeme(pair) for pair in pairs)


def _word_in_pairs(term):
    """The tsquery text of the word pairs that begin with the word `term` (a stop word, which no
    vector holds: "ikke" is 'ikk':*, any pair of "ikke", "ikkevestlige" and the word after them;
    a word searched as typed, not as a prefix, 'i ':*). An item whose last word is the only one is
    not found: no pair begins with it."""
    [word] = term.words
    with connections[router.db_for_read(AgendaItem)].cursor() as cursor:
        cursor.execute(f"SELECT lexeme FROM unnest(to_tsvector('{PAIRS_CONFIG}'::regconfig, %s))", [word])
        lexemes = [row[0] for row in cursor.fetchall()]
    if len(lexemes) != 1:
        return ""
    return _lexeme(lexemes[0] + ("" if is_prefix(word) else " ")) + ":*"


def _lexeme(text):
    """`text` as one quoted lexeme of a tsquery's text ('ikke godkend'), its quotes and backslashes
    escaped."""
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def searchable(expression):
    """`expression` (text) as the stored vectors give it to PostgreSQL's parser (search/index.py's
    pg_searchable(), the same SQL): a vector of it finds the words the stored vector holds."""
    return Func(expression, template=pg_searchable("%(expressions)s"), output_field=TextField())


def _limit_to_section(matched, column, query, config):
    """`matched` limited to the items whose section `column` holds `query`, a tsquery read with the
    text search configuration `config`. The Bilag (column None) are one text, all of an item's in
    their order and cut where the stored vector cuts them, as SQLite's Bilag column: "budget
    regnskab" finds an item with "budget" in one Bilag and "regnskab" in another."""
    if column is None:
        text = Func(F("pk"), template=pg_bilag_text("%(expressions)s"), output_field=TextField())
    elif column == "decision":  # with the positions taken on it, as its vector holds them
        table = f'"{AgendaItem._meta.db_table}"'
        text = RawSQL(pg_decision_text(f"{table}.decision", f"{table}.id"), [], output_field=TextField())
    else:
        text = F(column)
    return matched.annotate(section_vector=SearchVector(searchable(text), config=config)).filter(
        section_vector=query
    )
