"""The meeting list's filters: query parameters municipality, committee, date_after, date_before, case, kind.

The parameter names are an interface: other pages and outside links build these URLs.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from agenda_items.models import normalize_case_number

from .models import Committee, Meeting, Municipality

# type="date" makes browsers offer a date picker; it submits and expects ISO dates, whatever the locale.
ISO_DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class MeetingFilter(django_filters.FilterSet):
    # Choices are filled in per request (see __init__). Checking a value against them in memory, rather
    # than with a query as ModelChoiceFilter does, also keeps junk such as NUL bytes away from the database.
    municipality = django_filters.ChoiceFilter(
        label=_("Kommune"), field_name="committee__municipality__slug", empty_label=_("Alle kommuner")
    )
    # A committee slug is unique only within its municipality: without a municipality the filter
    # matches every committee of that name ("all the Økonomiudvalg"), which is what a reader comparing
    # municipalities wants.
    committee = django_filters.ChoiceFilter(
        label=_("Udvalg"), field_name="committee__slug", empty_label=_("Alle udvalg")
    )
    date_after = django_filters.DateFilter(
        label=_("Fra dato"), field_name="date", lookup_expr="gte", widget=ISO_DATE_INPUT
    )
    date_before = django_filters.DateFilter(
        label=_("Til dato"), field_name="date", lookup_expr="lte", widget=ISO_DATE_INPUT
    )
    case = django_filters.CharFilter(
        label=_("Sagsnummer"),
        method="filter_case",
        help_text=_("Som det står i referatet, fx 25/31181."),
    )
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=Meeting.Kind.choices, empty_label=_("Alle"))

    class Meta:
        model = Meeting
        fields = ["municipality", "committee", "date_after", "date_before", "case", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities = list(Municipality.objects.values_list("slug", "name"))
        self.filters["municipality"].extra["choices"] = municipalities
        chosen = self.data.get("municipality") if self.data else None
        known = chosen in {slug for slug, _name in municipalities}
        self.filters["committee"].extra["choices"] = self.committee_choices(chosen if known else None)

    def committee_choices(self, municipality_slug):
        """(slug, name) of that municipality's committees, or of all committees (one entry per slug)."""
        committees = Committee.objects.order_by("name", "slug")
        if municipality_slug:
            committees = committees.filter(municipality__slug=municipality_slug)
        choices = {}
        for slug, name in committees.values_list("slug", "name"):
            choices.setdefault(slug, name)
        return list(choices.items())

    def filter_case(self, queryset, name, value):
        normalized = normalize_case_number(value)
        if not normalized:
            return queryset
        # A subquery rather than a join, so a meeting with two items on the case is listed once.
        # Closed items do not count: the public may not learn that a case was on a closed item.
        with_case = Meeting.objects.filter(items__case__normalized=normalized, items__closed=False)
        return queryset.filter(pk__in=with_case.values("pk"))
