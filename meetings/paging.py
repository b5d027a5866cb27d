"""Keyset ("seek") paging: a page of rows after or before a cursor, no OFFSET and no COUNT(*), so
page 5 000 costs what page 1 costs (PITFALLS.md). `keyset_page()` assembles a page for the meeting
list (views.py) and for the API (api/pagination.py); the meeting list's own order is below.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q


def keyset_page(after, before, size, *, rows_after, rows_before, cursor_of):
    """(rows of the page in list order, cursor of the newer page or None, of the older page or None).

    `rows_after(cursor, n)` gives up to n rows that follow `cursor` (from the top when None),
    `rows_before(cursor, n)` up to n that precede it, nearest first; `cursor_of(row)` a row's cursor.
    """
    if before is not None:
        rows = list(rows_before(before, size + 1))
        if len(rows) > size:
            rows = list(reversed(rows[:size]))
            return rows, cursor_of(rows[0]), cursor_of(rows[-1])
        # Less than a page of newer rows left: that is simply the first page.
        after = None
    rows = list(rows_after(after, size + 1))
    page = rows[:size]
    # A cursor past the last row gives an empty page; "newer" then starts from the cursor itself.
    newer = (cursor_of(page[0]) if page else after) if after is not None else None
    older = cursor_of(page[-1]) if len(rows) > size else None
    return page, newer, older


# Keyset ("seek") pagination over the list order: newest first, undated last, then id.
# The list is walked as two runs, dated meetings by (date, id) and then undated ones by id, so that
# each query is a plain range scan of the (-date, -id) index: PostgreSQL cannot use that index for
# ORDER BY date DESC NULLS LAST, and one OR-ed condition over both runs would scan from the top
# again on every page.


@dataclass(frozen=True)
class Cursor:
    """A position in the meeting list: the date (None if unknown) and id of one meeting."""

    date: datetime.date | None
    id: int

    @classmethod
    def parse(cls, value):
        """`2026-02-03_123`, or `_123` for an undated meeting; ValueError for anything else."""
        date_part, separator, id_part = value.rpartition("_")
        if not separator:
            raise ValueError(value)
        return cls(datetime.date.fromisoformat(date_part) if date_part else None, int(id_part))

    @classmethod
    def of(cls, meeting):
        return cls(meeting.date, meeting.pk)

    def __str__(self):
        return f"{self.date.isoformat() if self.date else ''}_{self.id}"


def meetings_after(queryset, cursor, limit):
    """Up to `limit` meetings that follow `cursor` in list order (all from the top if it is None)."""
    found = []
    if cursor is None or cursor.date is not None:
        dated = queryset.filter(date__isnull=False)
        if cursor is not None:
            # date <= d bounds the index scan; the OR only sorts out meetings on the cursor's own day.
            dated = dated.filter(date__lte=cursor.date).filter(Q(date__lt=cursor.date) | Q(id__lt=cursor.id))
        found = list(dated.order_by("-date", "-id")[:limit])
    if len(found) < limit:
        undated = queryset.filter(date__isnull=True)
        if cursor is not None and cursor.date is None:
            undated = undated.filter(id__lt=cursor.id)
        # Ordering by date too, though it is NULL throughout, lets PostgreSQL walk the NULL end of the
        # (-date, -id) index instead of filtering the whole primary key index for undated rows.
        found += undated.order_by("-date", "-id")[: limit - len(found)]
    return found


def meetings_before(queryset, cursor, limit):
    """Up to `limit` meetings that precede `cursor` in list order, nearest first."""
    found = []
    dated = queryset.filter(date__isnull=False)
    if cursor.date is None:
        found = list(queryset.filter(date__isnull=True, id__gt=cursor.id).order_by("date", "id")[:limit])
    else:
        dated = dated.filter(date__gte=cursor.date).filter(Q(date__gt=cursor.date) | Q(id__gt=cursor.id))
    if len(found) < limit:
        found += dated.order_by("date", "id")[: limit - len(found)]
    return found
