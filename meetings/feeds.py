"""Atom feeds and iCalendar files of meetings, for feed readers and calendar apps.

- /meetings/feed/?... : the meeting list with the same query parameters as /meetings/ (MeetingFilter)
- /<municipality>/<committee>/feed/ : a committee's meetings
- /<municipality>/<committee>/calendar.ics : every dated meeting of the committee, newest first
- /meetings/calendar.ics : the newest CALENDAR_LIMIT dated meetings of all committees, future ones included

A meeting's entry says what the meeting list says of it (committee, kind, date, time, place) and
nothing of its items, so closed items cannot show. Entry ids and UIDs are the meeting's address and
id, which re-imports keep.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib.syndication.views import Feed
from django.http import HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import linebreaks
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .filters import MeetingFilter
from .models import Committee, Meeting
from .paging import meetings_after

FEED_LENGTH = 50
CALENDAR_LIMIT = 500
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def meeting_heading(meeting):
    """'Økonomiudvalget – Referat, 3. februar 2026': how a feed or calendar names a meeting."""
    when = date_format(meeting.date, "DATE_FORMAT") if meeting.date else _("dato ikke angivet")
    return _("%(committee)s – %(kind)s, %(date)s") % {
        "committee": meeting.committee.name,
        "kind": meeting.get_kind_display(),
        "date": when,
    }


def meeting_facts(meeting):
    """The meeting's public facts as lines of plain text."""
    lines = [f"{meeting.get_kind_display()}: {meeting.committee.name}, {meeting.committee.municipality.name}"]
    if meeting.date:
        lines.append(date_format(meeting.date, "DATE_FORMAT"))
    if meeting.start_time:
        times = meeting.start_time.strftime("%H:%M")
        if meeting.end_time:
            times += "–" + meeting.end_time.strftime("%H:%M")
        lines.append(_("kl. %(times)s") % {"times": times})
    if meeting.location:
        lines.append(meeting.location)
    return lines


class MeetingFeedBase(Feed):
    """Entries for meetings: the meeting page as link and id, updated when a re-import touches it."""

    feed_type = Atom1Feed
    author_name = "Referatarkivet"

    def item_title(self, meeting):
        return meeting_heading(meeting)

    def item_description(self, meeting):
        # Atom1Feed sends the description as HTML: escape the text (linebreaks() does) and nothing more.
        return linebreaks("\n".join(meeting_facts(meeting)), autoescape=True)

    def item_link(self, meeting):
        return meeting.get_absolute_url()

    def item_pubdate(self, meeting):
        return meeting.created

    def item_updateddate(self, meeting):
        return meeting.updated

    def item_author_name(self, meeting):
        return meeting.committee.name

    def item_categories(self, meeting):
        return [meeting.committee.municipality.name, meeting.committee.name]


@dataclass
class ListQuery:
    """The meeting list's filters as a feed's "object", with the query string they came from."""

    filter: MeetingFilter
    query: QueryDict


class InvalidFilter(Exception):
    pass


class MeetingListFeed(MeetingFeedBase):
    """/meetings/feed/?municipality=...&committee=...: what /meetings/ lists with the same parameters."""

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except InvalidFilter:
            return HttpResponseBadRequest(
                _("Filteret kunne ikke bruges. Ret adressen, som på mødelisten."),
                content_type="text/plain; charset=utf-8",
            )

    def get_object(self, request):
        query = request.GET.copy()
        for name in ("after", "before"):  # the list's page cursors mean nothing to a feed
            query.pop(name, None)
        meeting_filter = MeetingFilter(query, queryset=Meeting.objects.with_committee())
        if meeting_filter.is_bound and not meeting_filter.is_valid():
            raise InvalidFilter
        return ListQuery(meeting_filter, query)

    def title(self, obj):
        chosen = [
            f"{obj.filter.filters[name].label}: {obj.query[name]}"
            for name in obj.filter.filters
            if obj.query.get(name)
        ]
        if not chosen:
            return _("Møder · Referatarkivet")
        return _("Møder (%(filters)s) · Referatarkivet") % {"filters": ", ".join(chosen)}

    def link(self, obj):
        query = obj.query.urlencode()
        return reverse("meetings:meeting_list") + (f"?{query}" if query else "")

    def feed_url(self, obj):
        query = obj.query.urlencode()
        return reverse("meeting_list_feed") + (f"?{query}" if query else "")

    def description(self, obj):
        return _("Nye møder i arkivet med de valgte filtre, nyeste først.")

    def items(self, obj):
        return meetings_after(obj.filter.qs, None, FEED_LENGTH)


class CommitteeFeed(MeetingFeedBase):
    """/<municipality>/<committee>/feed/: the committee's meetings, newest first."""

    def get_object(self, request, municipality, slug):
        return get_object_or_404(
            Committee.objects.select_related("municipality"), municipality__slug=municipality, slug=slug
        )

    def title(self, committee):
        return f"{committee.name} · {committee.municipality.name}"

    def link(self, committee):
        return committee.get_absolute_url()

    def description(self, committee):
        return _("Nye møder i %(committee)s, nyeste først.") % {"committee": committee.name}

    def items(self, committee):
        return meetings_after(Meeting.objects.with_committee().for_committee(committee), None, FEED_LENGTH)


# --- iCalendar ------------------------------------------------------------------------------


def calendar_meetings(meetings, limit=None):
    """The dated meetings (future ones too), newest first; the newest `limit` of them if given.

    A committee's calendar holds all its meetings: a committee that last met three years ago
    still has a calendar with its meetings in it (a committee meets some tens of times a year)."""
    dated = meetings.filter(date__isnull=False).order_by("-date", "-id")
    return list(dated[:limit] if limit else dated)


def meeting_event(meeting, request):
    """One VEVENT: local Copenhagen time when the minutes give a time, else an all-day event."""
    url = request.build_absolute_uri(meeting.get_absolute_url())
    event = Event()
    # The id never changes for a meeting (re-imports update in place), so calendars update, not duplicate.
    event.add("uid", f"meeting-{meeting.pk}@{request.get_host().partition(':')[0]}")
    event.add("dtstamp", meeting.updated)
    event.add("last-modified", meeting.updated)
    event.add("created", meeting.created)
    if meeting.start_time:
        event.add("dtstart", datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=COPENHAGEN))
        if meeting.end_time and meeting.end_time > meeting.start_time:
            event.add("dtend", datetime.datetime.combine(meeting.date, meeting.end_time, tzinfo=COPENHAGEN))
    else:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + datetime.timedelta(days=1))
    event.add("summary", f"{meeting.committee.name} ({meeting.get_kind_display()})")
    if meeting.location:
        event.add("location", meeting.location)
    event.add("url", url)
    event.add("description", "\n".join([*meeting_facts(meeting), url]))
    return event


def calendar_response(request, name, meetings, filename, limit=None):
    calendar = Calendar()
    calendar.add("prodid", "-//Referatarkivet//Moeder//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Copenhagen")
    events = calendar_meetings(meetings, limit)
    for meeting in events:
        calendar.add_component(meeting_event(meeting, request))
    # The time zone's rules from the first meeting on (events are newest first).
    first = events[-1].date if events else timezone.localdate()
    calendar.add_missing_timezones(first_date=first - datetime.timedelta(days=1))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def meetings_calendar(request):
    """/meetings/calendar.ics: all committees' meetings."""
    return calendar_response(
        request, _("Møder · Referatarkivet"), Meeting.objects.with_committee(), "moeder.ics", CALENDAR_LIMIT
    )


def committee_calendar(request, municipality, slug):
    """/<municipality>/<committee>/calendar.ics: one committee's meetings."""
    committee = get_object_or_404(
        Committee.objects.select_related("municipality"), municipality__slug=municipality, slug=slug
    )
    return calendar_response(
        request,
        f"{committee.name} · {committee.municipality.name}",
        Meeting.objects.with_committee().for_committee(committee),
        f"{committee.municipality.slug}-{committee.slug}.ics",
    )
