"""SQLite, the zero-setup default: FTS5 over Danish stems (the search_fts table of search/index.py).

The query (search/query.py) becomes an FTS5 expression of the same stems the index holds: a word
is a prefix term ("ukrainer" -> "ukrain"*, which finds "ukrainesituationen" too) or any compound
that ends with it (search/vocabulary.py), a phrase is an FTS5 phrase, `-word` is NOT and `or`
is OR. ae/oe/aa are read as æ/ø/å on both sides (query.fold()). Ranked by bm25, words in titles
first; a match through a compound's tail counts less than the word itself.
"""

from contextlib import nullcontext
from dataclasses import dataclass

from django.db import connections
from django.db.models import FloatField, Value
from django.db.models.expressions import RawSQL

from ..query import is_prefix, phrases_typed, stem
from ..results import MAX_RESULTS
from ..vocabulary import tails

# The columns of search_fts (search/index.py) a section is limited to; None: every column.
_COLUMNS = {
    None: None,
    "title": "title",
    "decision": "decision",
    "recommendation": "recommendation",
    "presentation": "presentation",
    "attachments": "bilag",
}
# bm25 weights of title, decision, recommendation, presentation, other sections, Bilag.
_WEIGHTS = "10.0, 4.0, 2.0, 2.0, 2.0, 1.0"
# Every match's bm25 in one pass over the index. (A subquery per match, correlated on the rowid,
# reads the query's whole posting lists again for each row: 20 s for "kommune" in 3 000 items.)
_SCORES_SQL = f"SELECT rowid, -bm25(search_fts, {_WEIGHTS}) FROM search_fts WHERE search_fts MATCH %s"
# The items an FTS5 expression matches.
_MATCHING_SQL = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
ESTIMATE_LIMIT = 0  # unused: SQLite always counts (up to MAX_RESULTS)


@dataclass
class FtsQuery:
    """The FTS5 expression a search matches (`full`), the one without compound tails (`exact`,
    which ranks), and the words a snippet marks."""

    full: str
    exact: str
    marks: list
    # The words typed together (Query.together) as FTS5 phrases ANDed; "" when there are none.
    together: str = ""
    # The phrases typed, and the words typed together, as tuples of words: snippets are cut around
    # the first found (highlight.plain_snippets()).
    phrases_typed: tuple = ()


def bounded(using):
    """No statement timeout on SQLite: the search runs as it is."""
    return nullcontext()


def count_limit(query):
    """How many matches are counted at most: FTS5 confirms a phrase from its own index, as cheaply
    as a word."""
    return MAX_RESULTS


def estimated_count(matched):
    return 0


def rank(query):
    """Nothing in SQL: scores() reads the ranks of all matches at once."""
    return Value(0.0, output_field=FloatField())


def scores(query, using):
    """{item id: rank} of the matches of `query`: bm25 of the exact words, plus a tenth of it
    through compound tails (a tail's match ranks below the word itself)."""
    with connections[using].cursor() as cursor:
        cursor.execute(_SCORES_SQL, [query.exact])
        exact = dict(cursor.fetchall())
        # Without compound tails the two expressions are one: read the index once.
        if query.full == query.exact:
            full = exact
        else:
            cursor.execute(_SCORES_SQL, [query.full])
            full = dict(cursor.fetchall())
    return {pk: exact.get(pk, 0.0) + score * 0.1 for pk, score in full.items()}


def _quoted(tokens):
    return '"' + " ".join(tokens) + '"'


def _term(term, using, marks, with_tails):
    """One term as FTS5: a phrase of stems, or a word as prefix OR the compounds ending in it."""
    if term.is_phrase:
        marks.extend(term.words)
        return _quoted(stem(word) for word in term.words)
    word = term.words[0]
    marks.append(word)
    if not is_prefix(word):
        return _quoted([stem(word)])
    alternatives = [_quoted([stem(word)]) + "*"]
    if with_tails:
        compounds = tails(word, using)
        marks.extend(compounds)
        alternatives += [_quoted([compound]) for compound in compounds]
    return " OR ".join(alternatives)


def compile_query(query, section, using, with_tails=True):
    """The FTS5 MATCH expression of `query` limited to `section` (None: no positive term)."""
    if not query:
        return None
    marks, parts = [], {}
    for term in query.terms:
        # A term may stand in two clauses (search/query.py's joined neighbours): compiled once.
        if term not in parts:
            parts[term] = _term(term, using, marks, with_tails)
    clauses = ["(" + " OR ".join(parts[term] for term in clause) + ")" for clause in query.clauses]
    expression = " AND ".join(clauses)
    for term in query.excluded:
        expression = f"({expression}) NOT ({_term(term, using, [], False)})"
    column = _COLUMNS.get(section)
    if column:
        expression = f"{{{column}}} : ({expression})"
    return expression, marks


def match(base, query, section, sections, using):
    """(matched items, the FtsQuery, None): SQLite has nothing to estimate from."""
    compiled = compile_query(query, section, using)
    if compiled is None:
        return None, None, None
    full, marks = compiled
    exact, _ = compile_query(query, section, using, with_tails=False)
    matched = base.filter(pk__in=RawSQL(_MATCHING_SQL, [full]))
    together = " AND ".join(_quoted(stem(word) for word in term.words) for term in query.together)
    return matched, FtsQuery(full, exact, marks, together, phrases_typed(query)), None


def holding_together(query, ids, using):
    """Which of the matches `ids` hold the words typed together as they were typed: they rank
    first."""
    if not query.together:
        return set()
    with connections[using].cursor() as cursor:
        cursor.execute(_MATCHING_SQL, [query.together])
        return {pk for (pk,) in cursor.fetchall()}.intersection(ids)
