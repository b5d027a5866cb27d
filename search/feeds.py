"""/search/feed/?q=...: an Atom feed of the newest items a search finds, with /search/'s parameters.

Entries as the case feed's (agenda_items/feeds.py); search never finds a closed item.
"""

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from agenda_items.feeds import ItemFeedBase

from .request import InvalidSearch, SearchRequest


class SearchFeed(ItemFeedBase):
    """/search/feed/?q=...: the newest 20 items the search finds, with /search/'s filters."""

    def __call__(self, request, *args, **kwargs):
        search = SearchRequest(request.GET, newest_first=True)
        cases = list(search.cases()[:2])
        if len(cases) == 1:  # as /search/ does: a case number leads to the case
            return redirect("case_feed", pk=cases[0].pk)
        try:
            search.check()
        except InvalidSearch as exc:
            return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
        request.search = search
        response = super().__call__(request, *args, **kwargs)
        if search.results.timed_out:  # an empty feed would say "nothing new"; this says "try later"
            return HttpResponse(
                _("Søgningen tog for lang tid og blev stoppet. Afgræns den og prøv igen."),
                status=503,
                content_type="text/plain; charset=utf-8",
                headers={"Retry-After": "60"},
            )
        return response

    def get_object(self, request):
        request.search.results = request.search.run()
        return request.search

    def title(self, obj):
        return _("Søgning: %(q)s · Referatarkivet") % {"q": obj.q}

    def link(self, obj):
        return reverse("search") + "?" + obj.params.urlencode()

    def feed_url(self, obj):
        return reverse("search_feed") + "?" + obj.params.urlencode()

    def description(self, obj):
        return _("De nyeste punkter, der matcher søgningen.")

    def items(self, obj):
        # A feed follows what matches the search; the hits of "Mente du ..." (or of the search without
        # a word no item holds) are what the page offers instead, as e-mail alerts skip them.
        if obj.results.fuzzy:
            return []
        return [hit.item for hit in obj.results.hits]
