"""`search()`: one page of open agenda items matching a query, from the backend of the database
the items are read from (postgres.py or sqlite.py); common.py pages, ranks and facets."""

from django.db import connections, router

from agenda_items.models import AgendaItem

from ..results import SearchResults, SearchTimedOut
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
            matched, query, estimate_of = backend.match(base, q, section, results, SECTIONS)
            common.fill_page(results, matched, backend, query, estimate_of)
    except SearchTimedOut:
        return SearchResults(query=q, page=results.page, sort=sort, timed_out=True)
    return results
