"""The meeting list's filters: query parameters municipality, committee, date_after, date_before, case, kind.

The parameter names are an interface: other pages and outside links build these URLs.
"""

import re
from html import escape

import django_filters
from django import forms
from django.db.models import Min
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_filters import fields as filter_fields

from agenda_items.models import normalize_case_number

from .models import Committee, Meeting, Municipality

# type="date" makes browsers offer a date picker; it submits and expects ISO dates, whatever the locale.
ISO_DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
# A committee parameter: "slug" or "municipality-slug/slug" (anything else is never looked up).
COMMITTEE_VALUE = re.compile(r"(?:[-\w]+/)?[-\w]+")


class LongSelect(forms.Select):
    """A <select> written out in one pass: made for many options (a municipality's committees, the
    committee names of the archive, the municipalities), and used for every select of the filter
    forms, which every search page renders.

    Django's Select renders each option through a template of its own, which at 600 options is
    most of a search page's time (18 ms of 45 for a search that finds nothing). The markup is the
    same as Django's (name, id, attributes, <optgroup>, selected), escaped by format_html; the
    field's label and errors are still rendered by the form's templates."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}

        def option(value, label):
            # The standard library's escape is Django's escape() without the SafeString wrapper
            # (which format_html added twice per option: a third of the select's time).
            selected = " selected" if str(value) in chosen else ""
            return f'<option value="{escape(str(value))}"{selected}>{escape(str(label))}</option>'

        parts = [format_html('<select name="{}"{}>', name, flatatt(self.build_attrs(self.attrs, attrs)))]
        for value_or_group, label_or_options in self.choices:
            if isinstance(label_or_options, (list, tuple)):
                parts.append(f'<optgroup label="{escape(str(value_or_group))}">')
                parts.extend(option(v, label) for v, label in label_or_options)
                parts.append("</optgroup>")
            else:
                parts.append(option(value_or_group, label_or_options))
        parts.append("</select>")
        return mark_safe("".join(parts))


class CommitteeChoiceField(filter_fields.ChoiceField):
    """The committee: "slug" (of the chosen municipality, or every committee by that name) or
    "municipality-slug/slug" (one municipality's).

    Any committee the archive has is a valid value, even one that is not offered: old links and
    feeds keep working (`exists` asks the database, for a value shaped like a slug only). A
    committee of another municipality than the chosen one is an error that names both, never a
    slug (the reader never typed one)."""

    def __init__(self, *args, exists=None, **kwargs):
        self.exists = exists
        super().__init__(*args, **kwargs)

    def valid_value(self, value):
        if super().valid_value(value):
            return True
        return bool(self.exists and COMMITTEE_VALUE.fullmatch(str(value)) and self.exists(str(value)))


class MeetingFilter(django_filters.FilterSet):
    # Choices are filled in per request (see __init__). Checking a value against them in memory, rather
    # than with a query as ModelChoiceFilter does, also keeps junk such as NUL bytes away from the database.
    municipality = django_filters.ChoiceFilter(
        label=_("Kommune"),
        field_name="committee__municipality__slug",
        empty_label=_("Alle kommuner"),
        error_messages={"invalid_choice": _("Kommunen findes ikke i arkivet. Vælg en fra listen.")},
        widget=LongSelect,
    )
    # A committee slug is unique only within its municipality: a plain slug without a municipality
    # matches every committee of that name ("all the Økonomiudvalg"), as the list offers them;
    # "aabenraa/oekonomiudvalget" names one municipality's.
    committee = django_filters.ChoiceFilter(
        label=_("Udvalg"),
        method="filter_committee",
        empty_label=_("Alle udvalg"),
        error_messages={"invalid_choice": _("Udvalget findes ikke i arkivet. Vælg et fra listen.")},
        widget=LongSelect,
    )
    committee.field_class = CommitteeChoiceField
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
    kind = django_filters.ChoiceFilter(
        label=_("Type"),
        choices=Meeting.Kind.choices,
        empty_label=_("Alle"),
        error_messages={"invalid_choice": _("Vælg en type fra listen.")},
        widget=LongSelect,
    )

    class Meta:
        model = Meeting
        fields = ["municipality", "committee", "date_after", "date_before", "case", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities = list(Municipality.objects.values_list("slug", "name"))
        self.filters["municipality"].extra["choices"] = municipalities
        chosen = self.data.get("municipality") if self.data else None
        self.municipality_names = dict(municipalities)
        self.chosen_municipality = chosen if chosen in self.municipality_names else None
        self._committees_named = {}
        self.filters["committee"].extra["choices"] = self.committee_choices()
        self.filters["committee"].extra["exists"] = lambda value: bool(self.committees_named(value))

    def committee_choices(self):
        """The chosen municipality's committees as (slug, name); with none chosen, each committee
        name once (its plain slug: every municipality's committee of that name), which a reader
        narrows with the municipality. Every committee of every municipality would be 600 options
        here and about 1 500 for the whole country, rendered on every search page. A committee the
        query string names that the list lacks ("aarhus/magistraten") is offered too, so that
        sending the form again keeps it."""
        if self.chosen_municipality:
            committees = Committee.objects.filter(municipality__slug=self.chosen_municipality)
        else:
            committees = Committee.objects.values("slug").annotate(name=Min("name"))
        choices = list(committees.order_by("name", "slug").values_list("slug", "name"))
        value = self.data.get("committee") if self.data else None
        municipality = value.rpartition("/")[0] if value and COMMITTEE_VALUE.fullmatch(value) else ""
        if municipality and self.chosen_municipality in (None, municipality):
            name = self.committees_named(value).get(municipality)
            if name:
                choices.append((value, f"{name} ({self.municipality_names[municipality]})"))
        return choices

    def committees_named(self, value):
        """{municipality slug: committee name} of the committees a committee parameter names ("slug":
        every municipality's by that slug; "municipality-slug/slug": one), read once per filter: the
        choices, the check of the value and the check against the municipality all ask."""
        if value not in self._committees_named:
            municipality, slash, slug = value.rpartition("/")
            committees = Committee.objects.filter(slug=slug)
            if slash:
                committees = committees.filter(municipality__slug=municipality)
            rows = committees.order_by().values_list("municipality__slug", "name")[:100]
            self._committees_named[value] = dict(rows)
        return self._committees_named[value]

    @property
    def chosen_count(self):
        """How many filters the query string sets (for the folded filter panel's summary)."""
        return sum(1 for name in self.filters if self.data and self.data.get(name))

    def is_valid(self):
        valid = super().is_valid()
        if valid and not getattr(self, "_committee_checked", False):
            self._committee_checked = True
            self.check_committee_municipality()
        return valid and not self.form.errors

    def check_committee_municipality(self):
        """ "aabenraa/amu" with Aarhus chosen: say so by name; the list then offers Aarhus's committees."""
        value = self.form.cleaned_data.get("committee") or ""
        chosen = self.form.cleaned_data.get("municipality")
        if not value or not chosen:
            return
        named = self.committees_named(value)
        if value.rpartition("/")[0] in ("", chosen) and chosen in named:
            return
        # A plain slug only other municipalities have: name one of them.
        other, committee = min(named.items()) if named else ("", _("Udvalget"))
        self.form.add_error(
            "committee",
            _("%(committee)s hører til %(other)s, ikke %(chosen)s. Vælg et af %(chosen)s' udvalg.")
            % {
                "committee": committee,
                "other": self.municipality_names.get(other, _("en anden kommune")),
                "chosen": self.municipality_names[chosen],
            },
        )

    def filter_committee(self, queryset, name, value):
        municipality, slash, slug = value.rpartition("/")
        if slash:
            return queryset.filter(committee__municipality__slug=municipality, committee__slug=slug)
        return queryset.filter(committee__slug=slug)

    def filter_case(self, queryset, name, value):
        normalized = normalize_case_number(value)
        if not normalized:
            return queryset
        # A subquery rather than a join, so a meeting with two items on the case is listed once.
        # Closed items do not count: the public may not learn that a case was on a closed item.
        with_case = Meeting.objects.filter(items__case__normalized=normalized, items__closed=False)
        return queryset.filter(pk__in=with_case.values("pk"))
