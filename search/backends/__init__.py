"""`search()`: one page of open agenda items matching a query, from the backend of the database
the items are read from (postgres.py or sqlite.py); common.py pages, ranks and facets."""

import math
from collections import Counter

from django.db import connections, router

from agenda_items.models import AgendaItem

from ..highlight import matching_bilag
from ..query import STOP_WORDS, has_or, parse, pieces, tokens, unquestioned
from ..results import OTHER_TREATMENTS, PAGE_SIZE, SearchResults, SearchTimedOut
from ..vocabulary import last_part, spelled_out, suggestion, written_apart
from . import common, postgres, sqlite

MAX_QUERY_LENGTH = 500
# A query of at most this many words and phrases that finds nothing is tried word by word, to leave
# out those no item holds (each is one look in the index).
MAX_RELAXED_PIECES = 8
# A query of several words that at most this many items hold all of may have a word of the reader's
# own which the item they look for lacks ("pigegarde driftstilskud musik": one report holds all
# three, the agreement with Greve Pigegarde not "musik"): its first page also shows, after those,
# the items that hold some of the words (`results.also`).
FEW_MATCHES = 3
# The weight of a word's rarity among the items that hold some of the words typed, added to the
# rank (ts_rank below 1, SQLite's bm25 in the tens): it decides, and the rank orders what it
# weighs alike.
RARER_FIRST = 1000.0
# Which columns a search can be limited to (the "section" choice); None: the Bilag's own text.
SECTIONS = {
    "title": "title",
    "decision": "decision",
    "recommendation": "recommendation",
    "presentation": "presentation",
    "attachments": None,
}


def backend_for(using):
    return postgres if connections[using].vendor == "postgresql" else sqlite


def search(q, items=None, *, section=None, sort="relevance", page=1, also=False, by_case=False):
    """Search `items` (default: all open items) for `q`; `items` carries the page's filters; `also`:
    add the items with some of the words when only a few hold all (FEW_MATCHES); `by_case`: a case's
    matching items as one hit (SearchResults.by_case). Both are the search page's.

    Returns SearchResults for one page. An empty or odd query is simply a search without hits,
    and one that takes too long comes back with `timed_out`. (Input that no search may get, such
    as control characters, is refused before this by SearchRequest.)
    """
    q = (q or "").strip()[:MAX_QUERY_LENGTH]
    results = SearchResults(query=q, page=max(1, page), sort=sort, by_case=by_case)
    base = (AgendaItem.objects.all() if items is None else items).filter(closed=False)
    using = router.db_for_read(AgendaItem)
    backend = backend_for(using)
    try:
        with backend.bounded(using):
            parsed = parse(q)
            if q:
                matched, query, estimate_of = backend.match(base, parsed, section, SECTIONS, using)
            else:
                # No query: the filtered items themselves (an outcome listed), newest first.
                matched, query, estimate_of = (base if items is not None else None), None, None
            common.fill_page(results, matched, backend, query, estimate_of)
            if parsed and not results.total:
                suggested = suggestion(parsed, q, using)
                stand_in = _search_suggestion(results, suggested, base, backend, section, using)
                # The suggestion without what it cannot find ("Logten fartnedsættelse": Løgten), or
                # with any of its words; then the query as typed, the same way (a misspelt word may
                # be suggested as a known word that never stands beside the others), without the
                # question word of a question.
                for relaxed in (suggested, unquestioned(q)):
                    stand_in = (
                        stand_in
                        or _search_without_missing(results, relaxed, base, backend, section, using)
                        or _search_some_words(results, relaxed, base, backend, section, using)
                    )
                query = stand_in or query
            elif also and results.listed <= FEW_MATCHES and results.page == 1 and not results.more_than_max:
                _add_some_words(results, unquestioned(q), base, backend, section, using)
            matching_bilag(results.hits, query.marks if query else parsed.words, section == "attachments")
    except SearchTimedOut:
        return SearchResults(query=q, page=results.page, sort=sort, by_case=by_case, timed_out=True)
    return results


def _search_suggestion(results, suggested, base, backend, section, using):
    """Nothing matched: answer with the hits of "Mente du ..." (`suggested`: the query with its
    unknown words replaced by near words of the archive's vocabulary), if that finds something;
    returns the suggestion's compiled query (None: no suggestion, or it found nothing)."""
    if not suggested:
        return None
    for candidate in dict.fromkeys([suggested, _apart(suggested, results.query)]):
        matched, query, estimate_of = backend.match(base, parse(candidate), section, SECTIONS, using)
        if matched is None:
            continue
        common.fill_page(results, matched, backend, query, estimate_of)
        if results.total:  # (fill_page() changes nothing else when it finds nothing)
            results.fuzzy, results.suggestion = True, _as_found(candidate, results)
            return query
    return None


def _apart(suggested, q):
    """`suggested` with the words it found in a word typed as two kept apart: the suggestion holds
    them as a phrase ("skilsmissekursus": "skilsmisse kursus", quoted), which the minutes may not
    print ("kursus ... skilsmisse"), so its words are tried apart too. Not when the reader typed a
    phrase, which a suggestion's quotes would be confused with, nor `or`, which would then stand
    between other words than typed ("x or skilsmissekursus": x or skilsmisse, and kursus)."""
    if '"' in q or has_or(q):
        return suggested
    return suggested.replace('"', "")


def _as_found(suggested, results):
    """`suggested` with the vocabulary's stems written as the hits print them (spelled_out())."""
    texts = [
        text
        for hit in results.hits
        for text in (hit.item.title, hit.item.decision, hit.item.recommendation, hit.item.presentation)
    ]
    return spelled_out(suggested, results.query, texts)


def _search_without_missing(results, q, base, backend, section, using):
    """Nothing matched `q` (the query, or its spelling suggestion), though some of its words may:
    a word no item holds, typed beside words that find the item ("fartnedsættelse Grenåvej" for
    the item on Grenåvej that says "hastighedsnedsættelse"). Answer with the hits of the query
    without the words and phrases that find nothing on their own (within the same filters and
    section), naming them in `results.missing`; returns that query compiled (None: nothing left
    out, or what is left finds nothing; `q` None: nothing to try). Not for a query with `or`, which
    asks for either already (_required()). A compound no item holds stands in for itself by its last
    part, the thing it is a kind of, when that finds something ("skraldegebyr 2024": gebyr 2024,
    whose compound tails find "affaldsgebyr"); still named as missing."""
    typed, required = _required(q)
    if not required:
        return None
    missing = [piece for piece in required if not _finds(piece, base, backend, section, using)]
    parts = {
        piece: part
        for piece in missing
        if (part := last_part(piece, using)) and _finds(part, base, backend, section, using)
    }
    if not missing or (len(missing) == len(required) and not parts):
        return None
    kept = " ".join(parts.get(piece, piece) for piece in typed if piece not in missing or piece in parts)
    matched, query, estimate_of = backend.match(base, parse(kept), section, SECTIONS, using)
    if matched is None:
        return None
    common.fill_page(results, matched, backend, query, estimate_of)
    if not results.total:
        return None
    # Named as the reader typed them: a suggestion changes words in their places ("fartnedsættelse"
    # was suggested as "fart nedsættelse", which no item holds either).
    as_typed = pieces(results.query)
    if len(as_typed) == len(typed):
        missing = [as_typed[i] for i, piece in enumerate(typed) if piece in missing]
    results.fuzzy, results.suggestion, results.missing = True, _as_found(kept, results), missing
    return query


def _search_some_words(results, q, base, backend, section, using):
    """Nothing matched `q`, though each of its words and phrases does on its own: answer with the
    items that hold some of them, ranked (those with the most first), if there are few enough to
    rank (RANK_LIMIT, also when the newest are asked for first); `results.some_words` says so.
    ("kontrolgruppen snyd": the Kontrolgruppen's report, which says "socialt bedrageri".) Returns
    that query compiled (None: not tried, or nothing found, or too many to rank: a page of the
    newest items holding one common word would be no answer)."""
    found = _some_words(results, q, base, backend, section, using)
    if found is None:
        return None
    trial, either, query = found
    vars(results).update(vars(trial))
    results.fuzzy, results.suggestion, results.some_words = True, _as_found(either, results), True
    return query


def _add_some_words(results, q, base, backend, section, using):
    """Only a few items hold every word of `q` (FEW_MATCHES): add to the page those that hold some of
    them (`results.also`), ranked as _search_some_words() ranks them, with the Bilag they were found
    in."""
    if not results.total:
        return
    found = _some_words(results, q, base, backend, section, using)  # (None: not for this query)
    if found is None:
        return
    trial, _either, query = found
    shown = {item.pk for hit in results.hits for item in (hit.item, *hit.others)}
    cases = {hit.item.case_id: hit for hit in results.hits if hit.item.case_id} if results.by_case else {}
    also = []
    for hit in trial.hits:
        items = [item for item in (hit.item, *hit.others) if item.pk not in shown]
        if hit.item.case_id in cases:
            # Of a case already shown (results.by_case): named under its hit, with the others.
            _add_others(cases[hit.item.case_id], items)
        elif items:
            also.append(hit)
    results.also = also[: PAGE_SIZE - len(results.hits)]
    matching_bilag(results.also, query.marks, section == "attachments")


def _add_others(hit, items):
    """`items` of `hit`'s case named under it too, oldest first, as many as OTHER_TREATMENTS allows."""
    room = OTHER_TREATMENTS - len(hit.others)
    hit.more_others += max(0, len(items) - room)
    hit.others = common.oldest_first([*hit.others, *items[: max(0, room)]])


def _some_words(results, q, base, backend, section, using):
    """(a page of the items that hold some of the words and phrases of `q`, that query as typed, and
    compiled), the page as `results` asks for it; None when not tried (_required()), or nothing
    was found, or too many to rank."""
    typed, required = _required(q)
    if not required:
        return None
    # Words typed together ("ikke-vestlige") stand together, as a phrase, among the alternatives.
    alternatives = [
        f'"{piece}"' if len(tokens(piece)) > 1 and not piece.startswith('"') else piece for piece in required
    ]
    # A word typed as one that the minutes may print as two is looked for as those two together as
    # well ("opdateret tiårsplan skoler": the Byråd's copy says "ti årsplan").
    alternatives += [f'"{apart}"' for piece in required if (apart := written_apart(piece, using))]
    either = " ".join([" or ".join(alternatives), *(piece for piece in typed if piece.startswith("-"))])
    matched, query, estimate_of = backend.match(base, parse(either), section, SECTIONS, using)
    if matched is None:
        return None

    def rarer_first(ids):
        # Of the items holding some words, those holding the rarer ones (among these items) come
        # first, then those holding more: PostgreSQL's ts_rank has no measure of a word's rarity, and
        # put three "Social- og Handicapudvalget - mødekalender" titles above the item on "hjemløse"
        # and "herberg" for "social- og handicapudvalget hjemløse herberg".
        within, weights = common.with_pks(base, ids), Counter()
        for piece in alternatives:
            held, _query, _estimate_of = backend.match(within, parse(piece), section, SECTIONS, using)
            pks = list(held.order_by().values_list("pk", flat=True)) if held is not None else []
            for pk in pks:
                weights[pk] += RARER_FIRST * math.log((len(ids) + 1) / len(pks))
        return weights

    trial = SearchResults(query=results.query, page=results.page, sort=results.sort, by_case=results.by_case)
    common.fill_page(trial, matched, backend, query, estimate_of, boost=rarer_first)
    if not trial.total or trial.more_than_max or trial.total > common.RANK_LIMIT:  # (also newest first)
        return None
    return trial, either, query


def _required(q):
    """(the pieces of `q`, the words and phrases of them that must occur) when `q` may be tried
    without some of them; the latter is empty when it may not: a query with `or` (it asks for
    either already), of one word, or of more than MAX_RELAXED_PIECES. A stop word alone means
    nothing on its own and is never left out."""
    typed = pieces(q)
    if has_or(q):
        return typed, []
    required = [
        piece
        for piece in typed
        if not piece.startswith("-") and not all(word in STOP_WORDS for word in tokens(piece))
    ]
    return typed, required if 2 <= len(required) <= MAX_RELAXED_PIECES else []


def _finds(piece, base, backend, section, using):
    """Whether the word or phrase `piece` alone matches an item of `base`."""
    matched, _query, _estimate_of = backend.match(base, parse(piece), section, SECTIONS, using)
    return matched is not None and matched.exists()
