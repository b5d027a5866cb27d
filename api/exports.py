"""Open-data exports: Open Civic Data JSON per meeting and per case, CSV of the meeting list and of a search.

- /meetings/<pk>/ocd.json : the meeting as an OCD Event, its items as the agenda
- /cases/<pk>/ocd.json    : the case as an OCD Bill-like object, one action per meeting it was on
- /meetings/export.csv?... : the meeting list with /meetings/'s query parameters, every row, streamed
- /search/export.csv?q=... : a search's results with /search/'s parameters, at most SEARCH_CSV_ROWS

Items reach the JSON through api.serializers.AgendaItemSerializer, the one place that reduces a
closed item to its number, its meeting and closed=true. The CSV files hold no closed item at all
(the meeting list has no item text; search never finds a closed item).

CSV dialect: `;`-separated, UTF-8 with a byte-order mark, because that is what Excel set to Danish
opens directly (it reads `,` as the decimal sign and, without the mark, æøå as mojibake). Text that
starts like a formula (= + - @) gets a leading apostrophe so a spreadsheet shows it as text.
"""

import csv
import datetime
import html
import uuid
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from agenda_items.models import AgendaItem, Case, Position, in_item_order
from meetings.filters import MeetingFilter
from meetings.models import Meeting
from meetings.paging import Cursor, meetings_after
from search.request import InvalidSearch, SearchRequest
from search.results import MAX_RESULTS, PAGE_SIZE

from .serializers import ITEM_DEFER, AgendaItemSerializer, item_prefetches

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
# Stable OCD ids: a UUID derived from the archive's own id, the same on every export.
OCD_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://referatarkivet.dk/ocd/")
CSV_BATCH = 1_000
SEARCH_CSV_ROWS = 1_000


def _json(data):
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})


def _ocd_id(kind, pk):
    return f"ocd-{kind}/{uuid.uuid5(OCD_NAMESPACE, f'{kind}/{pk}')}"


def _local_iso(date, time):
    if date is None:
        return None
    if time is None:
        return date.isoformat()
    return datetime.datetime.combine(date, time, tzinfo=COPENHAGEN).isoformat()


def _items_data(items, request):
    return AgendaItemSerializer(items, many=True, context={"request": request}).data


# --- Open Civic Data ------------------------------------------------------------------------


def ocd_agenda_item(data):
    """An OCD agenda item from an item as AgendaItemSerializer gives it (a closed one: number only)."""
    extras = {
        "archive_id": data["id"],
        "number": data["number"],
        "closed": data["closed"],
        "url": data["html_url"],
    }
    if data["closed"]:
        return {
            "description": _("Lukket punkt"),
            "order": data["number"],
            "subjects": [],
            "classification": [],
            "related_entities": [],
            "notes": [],
            "media": [],
            "extras": extras,
        }
    case = data["case"]
    notes = [
        f"{label}: {data[name]}"
        for label, name in ((_("Indstilling"), "recommendation"), (_("Beslutning"), "decision"))
        if data[name]
    ]
    return {
        "description": data["title"],
        "order": data["number"],
        "subjects": [],
        "classification": [],
        "related_entities": (
            [
                {
                    "entity_type": "bill",
                    "name": case["number"],
                    "note": "consideration",
                    "url": case["html_url"],
                }
            ]
            if case
            else []
        ),
        "notes": notes,
        "media": [
            {"note": attachment["title"], "links": [{"url": attachment["file_url"], "media_type": ""}]}
            for attachment in data["attachments"]
            if attachment["file_url"]
        ],
        "extras": {
            **extras,
            "presentation": data["presentation"],
            "recommendation": data["recommendation"],
            "decision": data["decision"],
            "decided_by": data["decided_by"],
            "outcome": data["outcome"],
            "outcome_target": data["outcome_target"],
            "responsible": data["responsible"],
            "duration_minutes": data["duration_minutes"],
            "sections": data["sections"],
            "absences": [person["name"] for person in data["absences"]],
            "attachments": [attachment["title"] for attachment in data["attachments"]],
            "positions": data["positions"],
            "history": data["history"],
        },
    }


def ocd_event(meeting, request):
    """The meeting as an Open Civic Data Event (meeting.items prefetched in order)."""
    committee, municipality = meeting.committee, meeting.committee.municipality
    url = request.build_absolute_uri(meeting.get_absolute_url())
    today = timezone.localdate()
    held = meeting.kind == Meeting.Kind.MINUTES or (meeting.date is not None and meeting.date < today)
    return {
        "_type": "event",
        "id": _ocd_id("event", meeting.pk),
        "name": f"{committee.name} – {meeting.get_kind_display()}",
        "description": "",
        "classification": "committee-meeting",
        "start_date": _local_iso(meeting.date, meeting.start_time),
        "end_date": _local_iso(meeting.date, meeting.end_time)
        if meeting.start_time and meeting.end_time
        else None,
        "all_day": meeting.date is not None and meeting.start_time is None,
        "timezone": "Europe/Copenhagen",
        "status": "passed" if held else "confirmed",
        "location": {"name": meeting.location, "note": "", "coordinates": None},
        "participants": [
            {"name": committee.name, "entity_type": "organization", "note": "host"},
            *(
                {"name": person.name, "entity_type": "person", "note": "participant"}
                for person in meeting.participants.all()
            ),
        ],
        "agenda": [ocd_agenda_item(data) for data in _items_data(meeting.items.all(), request)],
        "documents": [],
        "media": [],
        "links": [],
        "sources": [{"url": url, "note": "Referatarkivet"}],
        "extras": {
            "archive_id": meeting.pk,
            "kind": meeting.kind,
            "municipality": municipality.name,
            "committee": committee.name,
            "updated": meeting.updated.isoformat(),
        },
    }


def ocd_bill(case, items, request):
    """The case as an Open Civic Data Bill-like object: one action per open item, in meeting order."""
    timeline = _items_data(items, request)
    dated = [data for data in timeline if data["meeting"]["date"]] or timeline
    titles = list(dict.fromkeys(data["title"] for data in reversed(timeline)))
    return {
        "_type": "bill",
        "id": _ocd_id("bill", case.pk),
        "identifier": case.number,
        "title": dated[-1]["title"] if dated else "",
        "other_titles": [{"title": title, "note": ""} for title in titles[1:]],
        "classification": ["case"],
        "subject": [],
        "from_organization": {"name": case.municipality.name},
        "abstracts": [],
        "actions": [
            {
                "date": data["meeting"]["date"],
                "description": _("Punkt %(number)s: %(title)s") % data,
                "organization": data["meeting"]["committee"]["name"],
                "classification": [],
                "related_entities": [],
                "extras": {
                    "meeting": data["meeting"]["html_url"],
                    "item": data["html_url"],
                    "kind": data["meeting"]["kind"],
                    "decision": data["decision"],
                    "positions": data["positions"],
                },
            }
            for data in timeline
        ],
        "sponsorships": [],
        "related_bills": [],
        "documents": [],
        "versions": [],
        "sources": [{"url": request.build_absolute_uri(case.get_absolute_url()), "note": "Referatarkivet"}],
        "extras": {"archive_id": case.pk, "municipality": case.municipality.name},
    }


def meeting_ocd(request, pk):
    items = AgendaItem.objects.select_related("case").defer(*ITEM_DEFER).order_by("order", "id")
    meeting = get_object_or_404(
        Meeting.objects.with_committee().prefetch_related(
            "participants", Prefetch("items", queryset=items), *item_prefetches("items__")
        ),
        pk=pk,
    )
    with translation.override("da"):  # data, not interface: the same text whatever the reader's language
        return _json(ocd_event(meeting, request))


def case_ocd(request, pk):
    case = get_object_or_404(Case.objects.public().select_related("municipality"), pk=pk)
    items = case.items.public().timeline().defer(*ITEM_DEFER).prefetch_related(*item_prefetches())
    with translation.override("da"):
        return _json(ocd_bill(case, items, request))


# --- CSV ------------------------------------------------------------------------------------


class _Echo:
    """A file-like object whose write() returns the line, for streaming csv.writer output."""

    def write(self, value):
        return value


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_response(header, rows, filename):
    """A streamed `;`-separated UTF-8 CSV with a byte-order mark (see the module docstring)."""
    writer = csv.writer(_Echo(), delimiter=";")

    def lines():
        yield "\ufeff" + writer.writerow(header)
        for row in rows:
            yield writer.writerow([_cell(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _bad_request(message):
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def meeting_list_csv(request):
    """/meetings/export.csv?...: every meeting the list shows with these filters, in its order."""
    query = request.GET.copy()
    for name in ("after", "before"):
        query.pop(name, None)
    meeting_filter = MeetingFilter(query, queryset=Meeting.objects.with_committee())
    if meeting_filter.is_bound and not meeting_filter.is_valid():
        return _bad_request(_("Filteret kunne ikke bruges. Ret adressen, som på mødelisten."))
    meetings = meeting_filter.qs

    def rows():
        cursor = None
        with translation.override("da"):
            while True:
                batch = meetings_after(meetings, cursor, CSV_BATCH)
                for meeting in batch:
                    yield [
                        meeting.pk,
                        request.build_absolute_uri(meeting.get_absolute_url()),
                        meeting.committee.municipality.name,
                        meeting.committee.name,
                        meeting.get_kind_display(),
                        meeting.date,
                        meeting.start_time,
                        meeting.end_time,
                        meeting.location,
                        meeting.updated,
                    ]
                if len(batch) < CSV_BATCH:
                    return
                cursor = Cursor.of(batch[-1])

    header = [
        "id",
        "url",
        "kommune",
        "udvalg",
        "type",
        "dato",
        "starttid",
        "sluttid",
        "mødested",
        "opdateret",
    ]
    return csv_response(header, rows(), "moeder.csv")


def positions_text(positions):
    """How parties and members stood, in one cell: "For: Venstre, Socialdemokratiet; Imod: Enhedslisten"
    (stances in the order the decision states them first)."""
    by_stance = {}
    for position in positions:
        by_stance.setdefault(position.get_stance_display(), []).append(position.who)
    return "; ".join(f"{stance}: {', '.join(who)}" for stance, who in by_stance.items())


def search_csv(request):
    """/search/export.csv?q=...: the search's hits page after page, at most SEARCH_CSV_ROWS rows.

    A search stopped for time answers 503 (an empty file would read as "no hits").
    """
    search = SearchRequest(request.GET)
    try:
        first = search.run(page=1)
    except InvalidSearch as exc:
        return _bad_request(str(exc))
    if first.timed_out:
        return HttpResponse(
            _("Søgningen tog for lang tid og blev stoppet. Afgræns den og prøv igen."),
            status=503,
            content_type="text/plain; charset=utf-8",
            headers={"Retry-After": "60"},
        )
    last_page = min(SEARCH_CSV_ROWS, MAX_RESULTS) // PAGE_SIZE

    def rows():
        with translation.override("da"):
            results = first
            for page in range(1, last_page + 1):
                if page > 1:
                    results = search.run(page=page)
                prefetch_related_objects(
                    [hit.item for hit in results.hits], Prefetch("positions", in_item_order(Position))
                )
                for hit in results.hits:
                    item, meeting = hit.item, hit.item.meeting
                    yield [
                        item.pk,
                        request.build_absolute_uri(item.get_absolute_url()),
                        meeting.committee.municipality.name,
                        meeting.committee.name,
                        meeting.date,
                        meeting.get_kind_display(),
                        item.number,
                        item.title,
                        item.case.number if item.case else "",
                        html.unescape(strip_tags(hit.snippet)),
                        item.outcome_label,
                        positions_text(item.positions.all()),
                    ]
                if not results.has_next:
                    return

    header = [
        *["id", "url", "kommune", "udvalg", "dato", "type", "punkt", "titel", "sag", "uddrag", "udfald"],
        "holdninger",
    ]
    return csv_response(header, rows(), "soegning.csv")
