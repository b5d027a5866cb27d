"""Atom feeds of agenda items: a case's items and a search's newest hits.

- /cases/<pk>/feed/ : an entry per open item on the case, newest meeting first, so a reader is told
  each time the case is on a meeting again
- /search/feed/?q=... : the newest items matching a search, with the search page's parameters

Only open items are ever entries (the case's public items; search() never finds closed ones).
An entry's id is the item's address, which re-imports keep; it is updated when its meeting is.
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.http import HttpResponseBadRequest, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from meetings.feeds import meeting_heading
from meetings.filters import MeetingFilter
from meetings.models import Meeting

from .models import AgendaItem
from .search import SearchResults, case_for_query, search
from .search_views import SearchOptionsForm
from .views import public_cases

CASE_FEED_LENGTH = 100


class ItemFeedBase(Feed):
    feed_type = Atom1Feed
    author_name = "Referatarkivet"

    def item_title(self, item):
        return _("Punkt %(number)s: %(title)s (%(meeting)s)") % {
            "number": item.number,
            "title": item.title,
            "meeting": meeting_heading(item.meeting),
        }

    def item_description(self, item):
        parts = [f"{meeting_heading(item.meeting)}, {item.meeting.committee.municipality.name}"]
        if item.recommendation:
            parts.append(f"{_('Indstilling')}:\n{item.recommendation}")
        if item.decision:
            parts.append(f"{_('Beslutning')}:\n{item.decision}")
        # Atom1Feed sends the description as HTML: escape the minutes' text (linebreaks() does).
        return linebreaks("\n\n".join(parts), autoescape=True)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.meeting.created

    def item_updateddate(self, item):
        return item.meeting.updated

    def item_author_name(self, item):
        return item.meeting.committee.name

    def item_categories(self, item):
        return [item.meeting.committee.municipality.name, item.meeting.committee.name]


class CaseFeed(ItemFeedBase):
    """/cases/<pk>/feed/: the case's open items, newest meeting first (404 for a case with none)."""

    def get_object(self, request, pk):
        return public_cases().select_related("municipality").get(pk=pk)

    def title(self, case):
        return _("Sag %(number)s · %(municipality)s") % {
            "number": case.number,
            "municipality": case.municipality.name,
        }

    def link(self, case):
        return case.get_absolute_url()

    def description(self, case):
        return _("Hver gang sagen er på et møde.")

    def items(self, case):
        return (
            case.items.public()
            .with_meeting()
            .order_by(F("meeting__date").desc(nulls_last=True), "-meeting_id", "order")[:CASE_FEED_LENGTH]
        )


@dataclass
class SearchQuery:
    q: str
    query: QueryDict
    results: SearchResults


class InvalidSearch(Exception):
    pass


class SearchFeed(ItemFeedBase):
    """/search/feed/?q=...: the newest 20 items the search finds, with /search/'s filters."""

    def __call__(self, request, *args, **kwargs):
        q = request.GET.get("q", "").strip()
        cases = list(public_cases().filter(pk__in=case_for_query(q).values("pk"))[:2])
        if len(cases) == 1:  # as /search/ does: a case number leads to the case
            return redirect("case_feed", pk=cases[0].pk)
        try:
            return super().__call__(request, *args, **kwargs)
        except InvalidSearch:
            return HttpResponseBadRequest(
                _("Søgningen kunne ikke bruges: angiv et søgeord (q) og gyldige filtre."),
                content_type="text/plain; charset=utf-8",
            )

    def get_object(self, request):
        query = request.GET.copy()
        for name in ("page", "sort"):  # a feed is always the newest hits
            query.pop(name, None)
        q = query.get("q", "").strip()
        meeting_filter = MeetingFilter(query, queryset=Meeting.objects.all())
        options = SearchOptionsForm(query)
        options.is_valid()  # as on /search/: an unknown choice falls back to the default
        if not q or "\x00" in q or not meeting_filter.is_valid():
            raise InvalidSearch
        filtered = any(query.get(name) for name in meeting_filter.filters)
        items = AgendaItem.objects.filter(meeting__in=meeting_filter.qs.values("pk")) if filtered else None
        results = search(q, items, section=options.cleaned_data.get("section"), sort="date")
        return SearchQuery(q, query, results)

    def title(self, obj):
        return _("Søgning: %(q)s · Referatarkivet") % {"q": obj.q}

    def link(self, obj):
        return reverse("search") + "?" + obj.query.urlencode()

    def feed_url(self, obj):
        return reverse("search_feed") + "?" + obj.query.urlencode()

    def description(self, obj):
        return _("De nyeste punkter, der matcher søgningen.")

    def items(self, obj):
        return [hit.item for hit in obj.results.hits]
