"""What a subscription follows, read from the subscribe form: a public case, a committee, or a
search given as the search page's query string (read by search.request.SearchRequest, never here).

A search is stored as its *normalised* query string: only the parameters that change what is
found (q, section, the meeting filters), empty ones dropped, in a fixed order, the query's
spaces collapsed. Two readers who follow "vindmøller" from different pages (one on page 3,
sorted by date) follow the same search, and send_alerts runs it once for both.
"""

from django.http import QueryDict
from django.utils.translation import gettext as _

from agenda_items.models import Case
from meetings.filters import MeetingFilter
from meetings.models import Committee
from search.request import CONTROL_CHARACTERS, InvalidSearch, SearchOptionsForm, SearchRequest

from .models import Subscription

# Parameters of the search page that decide what is found; page and sort only decide the order.
SEARCH_PARAMETERS = ("q", *(set(SearchOptionsForm.base_fields) - {"sort"}), *MeetingFilter.base_filters)
MAX_QUERY_STRING = 2000


class NotFollowable(ValueError):
    """The form names nothing that can be followed; `str()` is a message for the reader."""


def normalise_query(query_string):
    """The normalised form of a search page's query string (see the module docstring)."""
    params = QueryDict(query_string)
    kept = QueryDict(mutable=True)
    for name in sorted(SEARCH_PARAMETERS):
        values = sorted({" ".join(v.split()) for v in params.getlist(name)} - {""})
        if values:
            kept.setlist(name, values)
    return kept.urlencode()


def search_request(query):
    """The SearchRequest of a stored (normalised) query string, newest hits first."""
    return SearchRequest(QueryDict(query), newest_first=True)


def _pk(value):
    """A row id from a form field, or None ("12" yes; "١٢", "-1", 30 digits no)."""
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


def target_from(data):
    """(kind, case, committee, query) from the subscribe form's fields; NotFollowable if none is valid."""
    case, committee, search = data.get("case", ""), data.get("committee", ""), data.get("search")
    if any(CONTROL_CHARACTERS.search(value or "") for value in (case, committee, search)):
        raise NotFollowable(_("Formularen indeholder tegn, der ikke kan bruges (kontroltegn)."))
    if case:
        found = Case.objects.public().filter(pk=_pk(case)).first() if _pk(case) else None
        if found is None:
            raise NotFollowable(_("Sagen findes ikke i arkivet."))
        return Subscription.Kind.CASE, found, None, ""
    if committee:
        found = Committee.objects.filter(pk=_pk(committee)).first() if _pk(committee) else None
        if found is None:
            raise NotFollowable(_("Udvalget findes ikke i arkivet."))
        return Subscription.Kind.COMMITTEE, None, found, ""
    if search is not None:
        if len(search) > MAX_QUERY_STRING:
            raise NotFollowable(_("Søgningen er for lang til at følge."))
        query = normalise_query(search)
        try:
            search_request(query).check()
        except InvalidSearch as error:
            raise NotFollowable(str(error)) from None
        return Subscription.Kind.SEARCH, None, None, query
    raise NotFollowable(_("Formularen siger ikke, hvad du vil følge (en sag, et udvalg eller en søgning)."))


def describe(kind, case=None, committee=None, query=""):
    """What a subscription follows, in the active language: "sagen 25/31181 (Aabenraa Kommune)"."""
    if kind == Subscription.Kind.CASE:
        return _("sagen %(number)s (%(municipality)s)") % {
            "number": case.number,
            "municipality": case.municipality.name,
        }
    if kind == Subscription.Kind.COMMITTEE:
        return _("%(committee)s (%(municipality)s)") % {
            "committee": committee.name,
            "municipality": committee.municipality.name,
        }
    params = QueryDict(query)
    text = _("søgningen „%(q)s“") % {"q": params.get("q", "")}
    filters = [f"{name}={value}" for name, value in params.items() if name != "q"]
    return f"{text} ({', '.join(filters)})" if filters else text


def path_of(kind, case=None, committee=None, query=""):
    """The page of what is followed (in the active language)."""
    from django.urls import reverse

    if kind == Subscription.Kind.CASE:
        return case.get_absolute_url()
    if kind == Subscription.Kind.COMMITTEE:
        return committee.get_absolute_url()
    return f"{reverse('search')}?{query}"
