"""What every backend shares: one page of whatever a backend matched, ranked and faceted within
bounds, with its snippets."""

import datetime
from collections import Counter

from django.db import connections
from django.db.models import F, Lookup

from agenda_items.models import AgendaItem
from meetings.models import Committee, Meeting

from ..highlight import plain_snippets
from ..query import parse
from ..results import MANY_RESULTS_PAGES, MAX_RESULTS, OTHER_TREATMENTS, PAGE_SIZE, RANK_LIMIT, Hit


def fill_page(results, matched, backend, query=None, estimate_of=None, boost=None):
    """Fill `results` with one page of `matched` (None: there was nothing to search for).

    `backend` is the module that matched: it estimates, ranks and cuts snippets. `query` is its
    compiled query (None: order by date); `estimate_of` the queryset whose estimated size stands
    for the matches' (None: count); `boost`, given the ids of the matches to rank, says what to
    add to the rank of some of them ({id: float}).
    """
    if matched is None:
        return
    # How many matches are counted and faceted at most: a backend may count fewer for a query each
    # of whose matches costs more to confirm (PostgreSQL: a phrase, by its words' positions).
    cap = backend.count_limit(query) if query is not None else MAX_RESULTS
    groups = more = ()  # (not many) each hit's items, its own first, and how many more match
    many = estimate_of is not None and backend.estimated_count(estimate_of) > backend.ESTIMATE_LIMIT
    if not many:
        # The bounded set's items, then their meetings' dates and committees: the facets are
        # counted and the order is decided from these rows, and only the page is fetched whole.
        # (Joining the meetings in the first query made PostgreSQL read all of them, also when
        # there turn out to be too many matches to use any.)
        found = list(matched.order_by().values_list("pk", "meeting_id", "outcome", "case_id")[: cap + 1])
        many = len(found) > cap
    if many:
        # Too many to rank or facet: newest first, straight down the date index.
        results.page = min(results.page, MANY_RESULTS_PAGES)
        start = (results.page - 1) * PAGE_SIZE
        ordered = matched.order_by(F("meeting__date").desc(nulls_last=True), "-pk")
        page_items = list(ordered.with_meeting()[start : start + PAGE_SIZE])
        if start == 0 and len(page_items) < PAGE_SIZE:
            # Fewer than a page, where the estimate expected too many (an estimate can be far off:
            # PostgreSQL's statistics do not tell the Bilag's words from the rest of an item's):
            # these are all there are, counted, faceted and ranked as such.
            found = [(item.pk, item.meeting_id, item.outcome, item.case_id) for item in page_items]
            many = False
        else:
            results.more_than_max, results.total, results.sort = True, cap, "date"
    if not many:
        rows = match_rows(found, matched.db) if found else []
        results.total = len(rows)
        if not rows:
            return
        if results.sort != "relevance" or query is None:
            results.sort = "date"
        elif len(rows) > RANK_LIMIT:
            results.sort, results.too_many_to_rank = "date", True
        ranks = (
            ranked(backend, query, [row[0] for row in rows], matched.db, boost)
            if results.sort == "relevance"
            else {}
        )
        results.committees, results.years, results.outcomes = facets(rows, matched.db)
        # Best first (or newest first), then newest, undated last, then the newest item.
        rows.sort(
            key=lambda row: (
                -ranks.get(row[0], 0.0),
                row[1] is None,
                -(row[1].toordinal() if row[1] else 0),
                -row[0],
            )
        )
        start = (results.page - 1) * PAGE_SIZE
        results.listed, listed = page_of(rows, start, results.by_case)
        shown = [pks[: 1 + OTHER_TREATMENTS] for pks in listed]
        more = [max(0, len(pks) - 1 - OTHER_TREATMENTS) for pks in listed]
        by_pk = AgendaItem.objects.filter(pk__in=[pk for pks in shown for pk in pks]).with_meeting().in_bulk()
        groups = [[by_pk[pk] for pk in pks] for pks in shown]
        page_items = [shown_for(group) for group in groups]
    if query is not None:
        snippets = plain_snippets(page_items, query.marks, query.phrases_typed)
    else:
        snippets = plain_snippets(page_items, parse(results.query).words)
    results.hits = [Hit(item, snippets.get(item.pk, "")) for item in page_items]
    for hit, group, more_others in zip(results.hits, groups, more, strict=bool(groups)):
        hit.others = oldest_first(item for item in group if item is not hit.item)
        hit.more_others = more_others


def oldest_first(items):
    """`items` (of one case) oldest first, undated last: the case's course."""
    return sorted(items, key=lambda item: (item.meeting.date or datetime.date.max, item.pk))


def shown_for(group):
    """The item a hit shows of `group` (its case's matches, the best first): the newest of the best
    one's copies (the same title), the case where it stands (Greve's Byråd after its committees),
    though the committees' copies may rank a little higher."""
    return max(
        (item for item in group if item.title == group[0].title),
        key=lambda item: (item.meeting.date or datetime.date.min, item.pk),
    )


def page_of(rows, start, by_case):
    """(how many hits the matches `rows` make, in the order shown, and the ids of the hits from
    `start` on, a page of them: each a list, its own item first). `by_case`: a case's items are one
    hit, an item without a case a hit of its own. Only the page's lists are made: a list per match
    made thousands of objects per search, and Python's collector paused the page for 80 ms now and
    then."""
    stop = start + PAGE_SIZE
    if not by_case:
        return len(rows), [[row[0]] for row in rows[start:stop]]
    hits, page = {}, []
    for row in rows:
        # A case by its id, an item without one by its id negated (both are positive).
        n = hits.setdefault(row[4] if row[4] is not None else -row[0], len(hits))
        if start <= n < stop:
            if n - start < len(page):
                page[n - start].append(row[0])
            else:
                page.append([row[0]])
    return len(hits), page


def match_rows(found, using):
    """(pk, date, committee id, outcome, case id) of each match of `found` ((pk, meeting id, outcome,
    case id) rows). The committees' names are read once per committee by facets(): joined here they
    were read and decoded once per match (4 500 meetings: 15 against 8 ms)."""
    meetings = {
        pk: (date, committee_id)
        for pk, date, committee_id in with_pks(Meeting.objects.using(using), {row[1] for row in found})
        .order_by()
        .values_list("pk", "date", "committee_id")
    }
    return [(pk, *meetings[meeting_id], outcome, case) for pk, meeting_id, outcome, case in found]


# Added to the rank of a match that holds the words typed together as typed: above any rank
# either database gives (ts_rank below 1, SQLite's bm25 in the tens), so those matches come first.
TOGETHER_FIRST = 1_000_000.0


def ranked(backend, query, ids, using, boost=None):
    """{item id: rank} of the matches `ids` (at most RANK_LIMIT): ranked in SQL (PostgreSQL), or
    read from the index in one pass (SQLite's scores()). The matches that hold words typed together
    ("ikke-vestlige") as typed come first: read as two words, which must both occur, one common
    word ("ikke") otherwise ranks the items that hold the pair below those that merely hold both."""
    scores = backend.scores(query, using)
    if scores is None:
        scores = dict(
            with_pks(AgendaItem.objects.using(using), ids).order_by().values_list("pk", backend.rank(query))
        )
    for pk in backend.holding_together(query, ids, using):
        scores[pk] = scores.get(pk, 0.0) + TOGETHER_FIRST
    for pk, extra in (boost(ids) if boost else {}).items():
        scores[pk] = scores.get(pk, 0.0) + extra
    return scores


class _AnyOf(Lookup):
    """`column = ANY(%s::bigint[])`: integer values as one array parameter (PostgreSQL), written as
    the array's text ('{1,2,3}'), which takes a tenth of the time psycopg takes to send a list of
    thousands of Python ints (3 ms for 4 500)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        values = "{" + ",".join(str(int(value)) for value in self.rhs) + "}"
        return f"{lhs} = ANY(%s::bigint[])", [*params, values]


def with_pks(queryset, pks):
    """`queryset` limited to the integer primary keys `pks` (thousands: a search's matches or their
    meetings). On PostgreSQL they go as one array parameter: as an IN list, Django and psycopg
    spent more time placing 4 400 parameters into the SQL than the database spent answering
    (42 against 19 ms)."""
    if connections[queryset.db].vendor == "postgresql":
        return queryset.filter(_AnyOf(F("pk"), list(pks)))
    return queryset.filter(pk__in=pks)


def facets(rows, using):
    """Counts per committee, per year and per outcome from the matches' rows (match_rows())."""
    committees, years, outcomes = Counter(), Counter(), Counter()
    for _pk, date, committee_id, outcome, _case in rows:
        committees[committee_id] += 1
        years[date.year if date else None] += 1
        if outcome:
            outcomes[outcome] += 1
    names = (
        Committee.objects.using(using)
        .filter(pk__in=committees)
        .values_list("pk", "name", "slug", "municipality__slug")
    )
    committee_rows = [
        {"name": name, "slug": slug, "municipality": municipality, "count": committees[pk]}
        for pk, name, slug, municipality in names
    ]
    committee_rows.sort(key=lambda row: (-row["count"], row["name"]))
    # Newest year first, undated (None) last.
    year_rows = [{"year": year, "count": count} for year, count in years.items()]
    year_rows.sort(key=lambda row: (row["year"] is None, -(row["year"] or 0)))
    # In the order of the vocabulary (approved, recommended, noted, ...), as the committee page.
    outcome_rows = [
        {"outcome": code, "label": label, "count": outcomes[code]}
        for code, label in AgendaItem.Outcome.choices
        if outcomes[code]
    ]
    return committee_rows, year_rows, outcome_rows
