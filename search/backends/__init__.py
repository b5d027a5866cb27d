"""`search()`: one page of open agenda items matching a query, from the backend of the database
the items are read from (postgres.py or sqlite.py); common.py pages, ranks and facets."""

from django.db import connections, router

from agenda_items.models import AgendaItem

from ..highlight import matching_bilag
from ..query import parse
from ..results import SearchResults, SearchTimedOut
from ..vocabulary import spelled_out, suggestion
from . import common, postgres, sqlite

MAX_QUERY_LENGTH = 500
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


def search(q, items=None, *, section=None, sort="relevance", page=1):
    """Search `items` (default: all open items) for `q`; `items` carries the page's filters.

    Returns SearchResults for one page. An empty or odd query is simply a search without hits,
    and one that takes too long comes back with `timed_out`. (Input that no search may get, such
    as control characters, is refused before this by SearchRequest.)
    """
    q = (q or "").strip()[:MAX_QUERY_LENGTH]
    results = SearchResults(query=q, page=max(1, page), sort=sort)
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
                query = _search_suggestion(results, parsed, base, backend, section, using) or query
            matching_bilag(results.hits, query.marks if query else parsed.words, section == "attachments")
    except SearchTimedOut:
        return SearchResults(query=q, page=results.page, sort=sort, timed_out=True)
    return results


def _search_suggestion(results, parsed, base, backend, section, using):
    """Nothing matched: answer with the hits of "Mente du ..." (the query with its unknown words
    replaced by near words of the archive's vocabulary), if that finds something; returns the
    suggestion's compiled query (None: no suggestion)."""
    suggested = suggestion(parsed, results.query, using)
    if not suggested:
        return None
    matched, query, estimate_of = backend.match(base, parse(suggested), section, SECTIONS, using)
    if matched is None:
        return None
    common.fill_page(results, matched, backend, query, estimate_of)
    if not results.total:  # (fill_page() changes nothing else when it finds nothing)
        return None
    results.fuzzy = True
    texts = [
        text
        for hit in results.hits
        for text in (hit.item.title, hit.item.decision, hit.item.recommendation, hit.item.presentation)
    ]
    results.suggestion = spelled_out(suggested, results.query, texts)
    return query
