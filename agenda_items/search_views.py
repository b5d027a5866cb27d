"""The search page, /search/?q=... (the query logic is in search.py)."""

from django import forms
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from meetings.filters import MeetingFilter
from meetings.models import Meeting

from .models import AgendaItem
from .search import MAX_RESULTS, SECTIONS, case_for_query, search

MAX_PAGE = MAX_RESULTS // 20


class SearchOptionsForm(forms.Form):
    """How to search; the query itself is read leniently (any text, cut at 500 characters)."""

    section = forms.ChoiceField(
        label=_("Søg i"),
        required=False,
        choices=[
            ("", _("Hele punktet og bilag")),
            ("title", _("Kun titler")),
            ("decision", _("Kun beslutninger")),
            ("recommendation", _("Kun indstillinger")),
            ("presentation", _("Kun sagsfremstillinger")),
            ("attachments", _("Kun bilag")),
        ],
    )
    sort = forms.ChoiceField(
        label=_("Sortér"),
        required=False,
        choices=[("relevance", _("Bedste match først")), ("date", _("Nyeste først"))],
    )

    def clean_section(self):
        return self.cleaned_data["section"] if self.cleaned_data["section"] in SECTIONS else None


class SearchView(TemplateView):
    template_name = "search/search.html"

    def get(self, request, *args, **kwargs):
        q = request.GET.get("q", "").strip()
        cases = list(case_for_query(q)[:2])
        if len(cases) == 1:
            return redirect(cases[0])
        if cases:  # the number exists in several municipalities: let the reader choose
            return redirect(reverse("agenda_items:case_lookup") + "?" + urlencode({"number": q}))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        q = params.get("q", "").strip()
        meeting_filter = MeetingFilter(params, queryset=Meeting.objects.all())
        options = SearchOptionsForm(params)
        options.is_valid()  # invalid choices fall back to the defaults below
        try:
            page = min(max(int(params.get("page", "1")), 1), MAX_PAGE)
        except ValueError:
            page = 1
        results = None
        if q and meeting_filter.is_valid():
            filtered = any(params.get(name) for name in meeting_filter.filters)
            items = (
                AgendaItem.objects.filter(meeting__in=meeting_filter.qs.values("pk")) if filtered else None
            )
            results = search(
                q,
                items,
                section=options.cleaned_data.get("section"),
                sort=options.cleaned_data.get("sort") or "relevance",
                page=page,
            )
        if results:
            page = results.page
            context.update(
                previous_url=self.url_with(page=page - 1) if results.has_previous else None,
                next_url=self.url_with(page=page + 1) if results.has_next and page < MAX_PAGE else None,
            )
            for row in results.committees:
                row["url"] = self.url_with(municipality=row["municipality"], committee=row["slug"])
            for row in results.years:
                if row["year"]:
                    row["url"] = self.url_with(
                        date_after=f"{row['year']}-01-01", date_before=f"{row['year']}-12-31"
                    )
        context.update(q=q, filter=meeting_filter, options=options, results=results, max_results=MAX_RESULTS)
        return context

    def url_with(self, **changes):
        """This search's URL with some parameters changed (and back on page 1 unless a page is given)."""
        params = self.request.GET.copy()
        params.pop("page", None)
        for name, value in changes.items():
            params[name] = value
        return "?" + params.urlencode()
