"""Full-text search over agenda items, for every surface that searches.

- request.py: `SearchRequest`, built once from a query string (query, meeting filters, section,
  order, page) and validated the same way for the search page, the API, the CSV export, the feed
  and alerts; bad input is an `InvalidSearch` with a message, never a database error.
- backends/: one module per database behind `backends.search()`: postgres.py (Danish full-text
  search on stored vectors) and sqlite.py (the zero-setup default); common.py pages, ranks and
  facets whatever a backend matched.
- index.py: the one place that keeps the stored search columns current (signals on items and
  Bilag, batched per import).
- views.py, feeds.py: the search page and its Atom feed.
"""
