"""One search, as every surface reads it from a query string: the search page, the API, the CSV
export, the feed and e-mail alerts build a `SearchRequest` and run it, so a query means the same
and bad input is refused the same way everywhere."""

import re
from functools import cached_property

from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from agenda_items.models import AgendaItem, Case
from meetings.filters import LongSelect, MeetingFilter
from meetings.models import Meeting

from .backends import MAX_QUERY_LENGTH, SECTIONS, search
from .query import case_number_forms, case_number_tails
from .results import MAX_PAGE

# NUL and the other C0/C1 control characters (tab and line breaks pass): no text holds them, and
# PostgreSQL refuses NUL outright.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class InvalidSearch(ValueError):
    """The query string cannot be searched; `str()` is a message for the reader."""


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
        widget=LongSelect,
    )
    outcome = forms.ChoiceField(
        label=_("Udfald"),
        required=False,
        choices=[("", _("Alle udfald")), *AgendaItem.Outcome.choices],
        help_text=_("Beslutningens udfald, som det står i referatet."),
        widget=LongSelect,
    )
    sort = forms.ChoiceField(
        label=_("Sortér"),
        required=False,
        choices=[("relevance", _("Bedste match først")), ("date", _("Nyeste først"))],
        widget=LongSelect,
    )

    def clean_section(self):
        return self.cleaned_data["section"] if self.cleaned_data["section"] in SECTIONS else None


class SearchRequest:
    """A search read from `params` (a QueryDict): `q`, the meeting list's filters, `section`,
    `sort` and `page`. `error` is None or why it cannot run; `run()` answers one page."""

    def __init__(self, params, *, newest_first=False):
        params = params.copy() if isinstance(params, QueryDict) else QueryDict(params)
        if newest_first:  # a feed or an alert: always the newest hits, from the top
            for name in ("page", "sort"):
                params.pop(name, None)
        self.params = params
        self.q = params.get("q", "").strip()[:MAX_QUERY_LENGTH]
        self.options = SearchOptionsForm(params)
        self.options.is_valid()  # an unknown choice falls back to the default
        self.section = self.options.cleaned_data.get("section")
        # Decisions of one outcome ("postponed") can be listed without a query, newest first.
        self.outcome = self.options.cleaned_data.get("outcome") or ""
        self.sort = "date" if newest_first else (self.options.cleaned_data.get("sort") or "relevance")
        try:
            self.page = min(max(int(params.get("page", "1")), 1), MAX_PAGE)
        except ValueError:
            self.page = 1
        self.error = None
        # Input no text holds (control characters) is refused outright: 400 on every surface.
        self.refused = False
        if any(CONTROL_CHARACTERS.search(f"{k}{''.join(vs)}") for k, vs in params.lists()):
            self.error = _("Søgningen indeholder tegn, der ikke kan søges på (kontroltegn).")
            self.refused = True
        elif self.filters_given and not self.filter.is_valid():
            self.error = _("Filteret kunne ikke bruges: ret de markerede felter.")

    @cached_property
    def filter(self):
        """The meeting list's filters (built when used: they read the municipalities and committee
        names, which a case number that goes straight to its case never needs)."""
        return MeetingFilter(self.params, queryset=Meeting.objects.all())

    @property
    def filters_given(self):
        return any(self.params.get(name) for name in MeetingFilter.base_filters)

    def check(self):
        """Raise InvalidSearch unless this search can run: valid input and a query."""
        if self.error:
            raise InvalidSearch(self.error)
        if not self.q and not self.outcome:
            raise InvalidSearch(_("Søgningen kunne ikke bruges: angiv et søgeord (q) og gyldige filtre."))

    @property
    def filtered(self):
        return bool(self.outcome) or self.filters_given

    @property
    def runnable(self):
        """Whether there is a search to run: valid input and a query or an outcome."""
        return not self.error and bool(self.q or self.outcome)

    def items(self):
        """The items the filters allow (None: all of them)."""
        if not self.filtered:
            return None
        items = AgendaItem.objects.all()
        if self.filters_given:
            items = items.filter(meeting__in=self.filter.qs.values("pk"))
        return items.filter(outcome=self.outcome) if self.outcome else items

    def cases(self):
        """The PUBLIC cases a query that looks like a case number names (an exact lookup), else none:
        a number seen only on closed items is never revealed. A year and a serial without the
        prefix the number is stored with ("2025-008076") is looked up by the end of the stored
        numbers when no number is the same (a scan of them: 40 ms at 550 000 cases)."""
        forms, tails = case_number_forms(self.q), case_number_tails(self.q)
        if self.error or not (forms or tails):
            return Case.objects.none()
        public = Case.objects.public().select_related("municipality")
        if forms and (not tails or public.filter(normalized__in=forms).exists()):
            return public.filter(normalized__in=forms)
        ends = Q()
        for tail in tails:
            ends |= Q(normalized__endswith=tail)
        return public.filter(ends)

    def run(self, page=None, *, also=False, by_case=False):
        """One page of results (this request's page unless `page` is given); `also` and `by_case`, the
        search page's alone: with the items holding some of the words when only a few hold all, and a
        case's items as one hit."""
        self.check()
        return search(
            self.q,
            self.items(),
            section=self.section,
            sort=self.sort,
            page=page or self.page,
            also=also,
            by_case=by_case,
        )

    def url_with(self, **changes):
        """This search's query string with some parameters changed (back on page 1 unless given)."""
        params = self.params.copy()
        params.pop("page", None)
        for name, value in changes.items():
            params[name] = value
        return "?" + params.urlencode()
