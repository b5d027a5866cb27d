"""The search page, /search/?q=... (the query is read by request.py and run by backends/)."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .people import people_named
from .request import SearchRequest
from .results import MAX_PAGE, RANK_LIMIT

# The committee facet's rows on the page, most matches first.
COMMITTEE_FACETS = 20


class SearchView(TemplateView):
    template_name = "search/search.html"

    def get(self, request, *args, **kwargs):
        self.search = SearchRequest(request.GET)
        cases = list(self.search.cases()[:2])
        if len(cases) == 1:
            return redirect(cases[0])
        if cases:  # the number exists in several municipalities: let the reader choose
            # As stored: the lookup reads the number as written, and the query may be another
            # spelling of it ("emn 2025 8076").
            number = cases[0].number
            return redirect(reverse("agenda_items:case_lookup") + "?" + urlencode({"number": number}))
        context = self.get_context_data(**kwargs)
        # Refused input is a client error. A search stopped for time says so on the page (a marked
        # result, like the API's `timed_out`); the CSV and the feed, which cannot say it, answer 503.
        return self.render_to_response(context, status=400 if self.search.refused else 200)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        search = self.search
        results = search.run(also=True, by_case=True) if search.runnable else None
        if results:
            page = results.page
            if results.suggestion:
                context["suggestion_url"] = search.url_with(q=results.suggestion)
            context.update(
                previous_url=search.url_with(page=page - 1) if results.has_previous else None,
                next_url=search.url_with(page=page + 1) if results.has_next and page < MAX_PAGE else None,
            )
            # The committees with the most matches: a common word is found in hundreds of them,
            # and a list that long helps no one (the filter form offers them all by name).
            committees = results.committees[:COMMITTEE_FACETS]
            for row in committees:
                row["url"] = search.url_with(municipality=row["municipality"], committee=row["slug"])
            context.update(
                committee_facets=committees, more_committees=len(results.committees) - len(committees)
            )
            # The hits, then (only a few items hold every word) those that hold some of the words.
            context["hit_lists"] = [("", results.hits), (_("Punkter med nogle af ordene:"), results.also)]
            for row in results.outcomes:
                row["url"] = search.url_with(outcome=row["outcome"])
            for row in results.years:
                if row["year"]:
                    row["url"] = search.url_with(
                        date_after=f"{row['year']}-01-01", date_before=f"{row['year']}-12-31"
                    )
        if results and search.q and results.page == 1:
            # The people the query names, whose pages list what no item's text says (absences, votes).
            context["people"] = people_named(search.q, search.filter.chosen_municipality)
        context.update(
            q=search.q,
            filter=search.filter,
            options=search.options,
            results=results,
            search_error=search.error,
            rank_limit=RANK_LIMIT,
        )
        return context
