"""The read-only JSON API under /api/: thin DRF viewsets over the same querysets as the pages."""

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.views import defaults
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from agenda_items.models import AgendaItem, Case
from meetings.filters import MeetingFilter
from meetings.models import Committee, Meeting, Municipality, Person
from meetings.people import attendance, attendance_by_year, stance_counts
from meetings.slugs import moved_path
from search.request import InvalidSearch, SearchRequest
from search.results import MAX_PAGE, MAX_RESULTS

from . import serializers
from .filters import CaseFilter, CommitteeFilter, ItemFilter, PersonFilter
from .pagination import IdPagination, MeetingPagination


def not_found(request, exception):
    """The site's 404 handler: JSON under /api/, the 404 page everywhere else."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    # A municipality or committee whose slug changed (meetings/slugs.py): its old addresses move.
    moved = moved_path(request.path_info)
    if moved is not None:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(
            request.META.get("SCRIPT_NAME", "") + moved + (f"?{query}" if query else "")
        )
    return defaults.page_not_found(request, exception)


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    pagination_class = IdPagination
    # Any segment reaches the view, so a malformed id is the API's JSON 404, not the HTML page.
    lookup_value_regex = "[^/]+"

    def filter_queryset(self, queryset):
        # Filters belong to the list; an object is found by its id alone.
        return super().filter_queryset(queryset) if self.action == "list" else queryset


class MunicipalityViewSet(ReadOnlyViewSet):
    """Municipalities (kommuner), in id order."""

    queryset = Municipality.objects.all()
    serializer_class = serializers.MunicipalitySerializer
    filter_backends = []


class CommitteeViewSet(ReadOnlyViewSet):
    """Committees (udvalg), in id order; `municipality` takes a municipality's slug."""

    queryset = Committee.objects.select_related("municipality")
    serializer_class = serializers.CommitteeSerializer
    filterset_class = CommitteeFilter


MEETING_FILTER_PARAMETERS = [
    OpenApiParameter("municipality", str, description="Municipality slug (as on /meetings/)"),
    OpenApiParameter("committee", str, description="Committee slug (as on /meetings/)"),
    OpenApiParameter("date_after", OpenApiTypes.DATE, description="Meetings on or after this date"),
    OpenApiParameter("date_before", OpenApiTypes.DATE, description="Meetings on or before this date"),
    OpenApiParameter("case", str, description="Meetings with an open item on this case number"),
    OpenApiParameter(
        "kind", str, enum=[kind.value for kind in Meeting.Kind], description="agenda or minutes"
    ),
]


@extend_schema_view(list=extend_schema(parameters=MEETING_FILTER_PARAMETERS))
class MeetingViewSet(ReadOnlyViewSet):
    """Meetings with the meeting list's filters and order (/meetings/): newest first, undated last.

    The filters are the list's own MeetingFilter: the same parameter names, values and meaning.
    A meeting's own address lists its participants and its items (closed items by number only).
    """

    queryset = Meeting.objects.with_committee()
    filterset_class = MeetingFilter
    pagination_class = MeetingPagination

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "retrieve":
            items = (
                AgendaItem.objects.select_related("case")
                .defer(*serializers.ITEM_DEFER)
                .order_by("order", "id")
            )
            queryset = queryset.prefetch_related(
                "participants", Prefetch("items", queryset=items), *serializers.item_prefetches("items__")
            )
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.MeetingDetailSerializer
        return serializers.MeetingSerializer


class AgendaItemViewSet(ReadOnlyViewSet):
    """Agenda items in id order. A closed item (lukket punkt) shows only its number and meeting."""

    queryset = (
        AgendaItem.objects.with_meeting()
        .defer(*serializers.ITEM_DEFER)
        .prefetch_related(*serializers.item_prefetches())
    )
    serializer_class = serializers.AgendaItemSerializer
    filterset_class = ItemFilter


class CaseViewSet(ReadOnlyViewSet):
    """Cases (sager) with at least one open item, in id order; a case's address has its timeline."""

    queryset = Case.objects.public().select_related("municipality")
    filterset_class = CaseFilter

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.CaseDetailSerializer
        return serializers.CaseSerializer

    def get_object(self):
        case = super().get_object()
        items = case.items.public().timeline().defer(*serializers.ITEM_DEFER)
        case.timeline = list(items.prefetch_related(*serializers.item_prefetches()))
        return case


class PersonViewSet(ReadOnlyViewSet):
    """The people the public minutes name (as /<municipality>/personer/), in id order.

    Someone known only from closed items is not here, and their id is a 404. A person's address adds
    their attendance and their positions on open items, counted as their page counts them.
    """

    queryset = Person.objects.public().select_related("municipality")
    filterset_class = PersonFilter

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.PersonDetailSerializer
        return serializers.PublicPersonSerializer

    def get_object(self):
        person = super().get_object()
        person.attendance_rows = attendance_by_year(attendance(person))
        person.stance_counts = stance_counts(person=person)
        return person


class SearchView(GenericAPIView):
    """Full-text search over open agenda items, as /search/, with the meeting list's filters.

    Pages of 20 hits by `page`; at most 10 000 hits are counted, 2 000 of a quoted phrase on
    PostgreSQL (`more_than_max` says when more match). A query that is a case number also lists the
    cases of that number in `cases`.
    """

    queryset = Meeting.objects.all()
    filterset_class = MeetingFilter
    serializer_class = serializers.SearchResultsSerializer
    pagination_class = None

    @extend_schema(
        parameters=[serializers.SearchParamsSerializer, *MEETING_FILTER_PARAMETERS],
        responses=serializers.SearchResultsSerializer,
    )
    def get(self, request):
        params = serializers.SearchParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        self.filter_queryset(self.get_queryset())  # 400 for a filter the list would refuse
        search = SearchRequest(request.query_params)
        try:
            search.check()
        except InvalidSearch as exc:
            raise ValidationError({"q": [str(exc)]}) from None
        results = search.run(page=min(params.validated_data["page"], MAX_PAGE))
        prefetch_related_objects([hit.item for hit in results.hits], *serializers.item_prefetches())
        url = request.build_absolute_uri()
        cases = search.cases()
        data = {
            "query": results.query,
            "total": results.total,
            "more_than_max": results.more_than_max,
            "max_results": MAX_RESULTS,
            "fuzzy": results.fuzzy,
            "suggestion": results.suggestion,
            "missing": results.missing,
            "some_words": results.some_words,
            "sort": results.sort,
            "timed_out": results.timed_out,
            "page": results.page,
            "next": replace_query_param(url, "page", results.page + 1)
            if results.has_next and results.page < MAX_PAGE
            else None,
            "previous": replace_query_param(url, "page", results.page - 1) if results.has_previous else None,
            "cases": cases,
            "results": results.hits,
        }
        return Response(self.get_serializer(data).data)
