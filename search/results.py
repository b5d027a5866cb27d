"""What a search answers: one page of hits with their count and facets."""

from dataclasses import dataclass, field

# Never rank or facet an unbounded set (PITFALLS.md: ranking costs ~7 ms per 1 000 matches).
MAX_RESULTS = 10_000
PAGE_SIZE = 20
# Matches are ordered by relevance only up to this many: ranking reads each match's stored vector
# (about 35 ms per 1 000 at a million items, docs/PERFORMANCE.md), while counting and faceting
# them reads an index row each. Beyond it, up to MAX_RESULTS, they are counted and faceted and
# shown newest first, and the page says why (a filter or another word brings the ranking back).
RANK_LIMIT = 2_000
# Pages of a search with more than MAX_RESULTS matches (newest first): each page further back
# walks further down the date index, so the deep pages are cut off here (1 000 items); the
# date and committee filters reach the rest.
MANY_RESULTS_PAGES = 50
# The other items of a hit's case that match, named under it (SearchResults.by_case); the case page
# lists them all.
OTHER_TREATMENTS = 8
# The deepest page any surface offers.
MAX_PAGE = MAX_RESULTS // PAGE_SIZE


class SearchTimedOut(Exception):
    """The database stopped the search at its time limit (SEARCH_TIMEOUT_SECONDS)."""


@dataclass
class Hit:
    item: object  # an AgendaItem with its meeting, committee, municipality and case
    snippet: str  # safe HTML: escaped text with <mark> around the matches
    attachment: object = None  # the Bilag the words were found in, when the item's own text lacks them
    # SearchResults.by_case: the case's other items that match, oldest first (at most OTHER_TREATMENTS),
    # and how many more match.
    others: list = field(default_factory=list)
    more_others: int = 0


@dataclass
class SearchResults:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0  # the items that match
    # The case's items as one hit (the search page's: Greve prints a case's text again at each
    # meeting that treats it, and its copies filled the page), else each item as one.
    by_case: bool = False
    listed: int = 0  # the hits the matches make (by_case: the cases, and the items without one)
    more_than_max: bool = False  # total is MAX_RESULTS and there are more
    too_many_to_rank: bool = False  # relevance was asked for, but more than RANK_LIMIT matched
    page: int = 1
    sort: str = "relevance"
    committees: list[dict] = field(default_factory=list)  # facet rows: name, slug, municipality, count
    years: list[dict] = field(default_factory=list)  # facet rows: year, count
    outcomes: list[dict] = field(default_factory=list)  # facet rows: outcome, label, count
    fuzzy: bool = False  # nothing matched the query: these hits are the suggestion's
    suggestion: str = ""  # "Mente du ...": the query with unknown words replaced by known ones (or two)
    # Words or phrases of the query that no item holds: left out of `suggestion`, whose hits these are.
    missing: list[str] = field(default_factory=list)
    some_words: bool = False  # no item holds every word: these hits hold some of them (`suggestion`)
    timed_out: bool = False  # the search took longer than SEARCH_TIMEOUT_SECONDS and was stopped
    # Only a few items hold every word: these hold some of them, shown after those (search(also=True):
    # the search page's alone; the API, feeds, exports and alerts answer with every word's, unslowed).
    also: list[Hit] = field(default_factory=list)

    @property
    def has_next(self):
        if self.more_than_max:
            return self.page < MANY_RESULTS_PAGES and len(self.hits) == PAGE_SIZE
        return self.page * PAGE_SIZE < self.listed

    @property
    def has_previous(self):
        return self.page > 1
