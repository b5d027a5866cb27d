import logging
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import Count, Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.views.decorators.cache import cache_page
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView
from redis.exceptions import RedisError

from agenda_items.models import AgendaItem

from .cache import page_key_prefix, public_cache_control
from .filters import MeetingFilter
from .models import Committee, Meeting, Municipality
from .paging import Cursor, keyset_page, meetings_after, meetings_before

logger = logging.getLogger(__name__)


def public_page(view):
    """Serve `view` from the page cache for PAGE_CACHE_SECONDS to readers without a session.

    The public pages are the same for every reader (the language is part of the URL), so they
    are cached whole; only 200 responses are kept. A clerk, who has a session, always gets the
    page fresh. Every other reader gets a copy of the current generation (meetings/cache.py):
    a change that makes anything less public withdraws all cached copies on the next request.
    Browsers and proxies are told to revalidate (or a proxy to keep a copy at most
    PROXY_CACHE_SECONDS), against an ETag, so they cannot keep a withdrawn page for long either.
    A shared cache (Redis) that is down or slow makes the page slower, never an error.
    """

    def with_etag(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            set_response_etag(response)
        return response

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        try:
            # Wrapped here rather than once at import, so that PAGE_CACHE_SECONDS and the
            # generation are read per request; the wrapping costs microseconds.
            cached = cache_page(seconds, key_prefix=page_key_prefix())(with_etag)
            response = cached(request, *args, **kwargs)
        except RedisError:
            logger.warning("Page cache unavailable; serving %s uncached", request.path, exc_info=True)
            return view(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        # The cached copy carries cache_page's max-age; what leaves here is the site's policy.
        public_cache_control(response, settings.PROXY_CACHE_SECONDS)
        return get_conditional_response(request, etag=response.get("ETag"), response=response)

    return wrapper


def healthz(request):
    """Liveness and database check for load balancers and the Docker HEALTHCHECK."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "unhealthy", never a 500 page
        return JsonResponse({"status": "error", "database": str(exc.__class__.__name__)}, status=503)
    return JsonResponse({"status": "ok"})


class FrontPageView(TemplateView):
    template_name = "meetings/front_page.html"
    latest_count = 10

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["municipalities"] = Municipality.objects.prefetch_related("committees")
        context["latest_meetings"] = meetings_after(Meeting.objects.with_committee(), None, self.latest_count)
        return context


class AccessibilityView(TemplateView):
    template_name = "meetings/accessibility.html"


class MeetingListView(FilterView):
    """The meeting list: filters as query parameters, keyset pages of `page_size` via ?after= / ?before=."""

    filterset_class = MeetingFilter
    template_name = "meetings/meeting_filter.html"
    page_size = 20
    # Counting stops here, so a filter matching most of the archive costs no more than a small one.
    count_cap = 10_000
    bad_cursor = False

    def get_queryset(self):
        return Meeting.objects.with_committee()

    def get_cursor(self, name):
        value = self.request.GET.get(name)
        if not value:
            return None
        try:
            return Cursor.parse(value)
        except ValueError:
            self.bad_cursor = True
            return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        after, before = self.get_cursor("after"), self.get_cursor("before")
        if self.is_invalid():
            context.update(meetings=[], bad_cursor=self.bad_cursor)
            return context
        meetings, newer, older = self.keyset_page(self.object_list, after, before)
        context.update(
            meetings=meetings,
            newer_url=self.page_url("before", newer) if newer else None,
            older_url=self.page_url("after", older) if older else None,
            # Unordered and unjoined, so the database counts the first rows it finds instead of sorting.
            total=self.object_list.order_by().select_related(None)[: self.count_cap + 1].count(),
            count_cap=self.count_cap,
            is_filtered=self.filterset.is_bound,
        )
        return context

    def keyset_page(self, queryset, after, before):
        """(meetings on the page, cursor for the newer page or None, cursor for the older page or None)."""
        return keyset_page(
            after,
            before,
            self.page_size,
            rows_after=lambda cursor, n: meetings_after(queryset, cursor, n),
            rows_before=lambda cursor, n: meetings_before(queryset, cursor, n),
            cursor_of=Cursor.of,
        )

    def page_url(self, direction, cursor):
        """The current query string with the filters kept and the cursor replaced."""
        query = self.request.GET.copy()
        query.pop("after", None)
        query.pop("before", None)
        query[direction] = str(cursor)
        return f"?{query.urlencode()}"

    def is_invalid(self):
        return self.bad_cursor or (self.filterset.is_bound and not self.filterset.is_valid())

    def render_to_response(self, context, **response_kwargs):
        # 400 tells crawlers and caches that the URL is wrong; the page still explains what to fix.
        if self.is_invalid():
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


class MunicipalityView(DetailView):
    model = Municipality
    template_name = "meetings/municipality_detail.html"
    latest_count = 10

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["committees"] = self.object.committees.all()
        context["latest_meetings"] = meetings_after(
            Meeting.objects.with_committee().for_municipality(self.object), None, self.latest_count
        )
        # When a harvest last brought the municipality up to date (imports/harvest.py); by app label,
        # as imports sits above this app.
        harvest_sites = apps.get_model("imports", "HarvestSite").objects
        context["harvested_at"] = harvest_sites.last_success_for(self.object.name)
        return context


class CommitteeView(DetailView):
    """A committee's meetings one year at a time (`?year=2025`, `?year=undated`), newest year by default."""

    template_name = "meetings/committee_detail.html"
    undated = "undated"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Committee.objects.select_related("municipality"),
            municipality__slug=self.kwargs["municipality"],
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meetings = Meeting.objects.with_committee().for_committee(self.object)
        years = [str(day.year) for day in meetings.dates("date", "year", order="DESC")]
        if meetings.filter(date__isnull=True).exists():
            years.append(self.undated)
        year = self.request.GET.get("year") or (years[0] if years else None)
        if year is not None and year not in years:
            raise Http404("No meetings that year")
        if year == self.undated:
            meetings = meetings.filter(date__isnull=True).order_by("-id")
        elif year is not None:
            meetings = meetings.filter(date__year=int(year)).order_by("-date", "-id")
        context.update(
            years=years,
            year=year,
            undated=self.undated,
            meetings=list(meetings) if year is not None else [],
            outcomes=outcome_counts(self.object),
        )
        return context


def outcome_counts(committee):
    """How the committee's open items were decided: rows {"code", "label", "count"} in the order of
    AgendaItem.Outcome, each linking to the search for them (the page adds the address)."""
    counts = dict(
        AgendaItem.objects.filter(meeting__committee=committee, closed=False)
        .exclude(outcome="")
        .order_by()
        .values("outcome")
        .annotate(n=Count("pk"))
        .values_list("outcome", "n")
    )
    return [
        {"code": code, "label": label, "count": counts[code]}
        for code, label in AgendaItem.Outcome.choices
        if counts.get(code)
    ]


def absences_of(items):
    """Everyone absent from at least one of the items, once each; closed items are not told."""
    absent = {}
    for item in items:
        if not item.closed:
            for person in item.absence_list:
                absent.setdefault(person.pk, person)
    return sorted(absent.values(), key=lambda person: person.name)


class MeetingView(DetailView):
    template_name = "meetings/meeting_detail.html"

    def get_queryset(self):
        items = AgendaItem.objects.for_display().order_by("order", "id")
        return Meeting.objects.with_committee().prefetch_related(
            "participants", Prefetch("items", queryset=items)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        # Previous/next in the committee's list order (newest first, undated last).
        siblings = Meeting.objects.for_committee(meeting.committee_id)
        cursor = Cursor.of(meeting)
        items = meeting.items.all()
        context.update(
            items=items,
            absences=absences_of(items),
            newer_meeting=next(iter(meetings_before(siblings, cursor, 1)), None),
            older_meeting=next(iter(meetings_after(siblings, cursor, 1)), None),
        )
        return context
