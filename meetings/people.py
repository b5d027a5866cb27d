"""The pages of the people and parties of a municipality: who attended, who stayed away, and how
they stood on decisions. Everything comes from the public minutes: closed items count for nothing.

Each page runs a fixed number of queries, however many meetings a person has attended
(tests/meetings/test_people_pages.py counts them).
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Value
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from agenda_items.models import AgendaItem, Position

from .models import Committee, Meeting, Municipality, Person
from .parties import LETTER_OF, PARTY_BY_SLUG, party_slug

# A person's or a party's positions, newest first, this many a page (?side=2 the next); the counts
# above them cover all.
POSITIONS_SHOWN = 50
# The attendance chart: a bar per year, this wide at the year with the most meetings.
CHART_WIDTH = 400
BAR_HEIGHT = 22
LABEL_WIDTH = 48
# ?aar= of the meetings the minutes give no date.
UNDATED = "uden-dato"


@dataclass
class Attended:
    """A minutes meeting as the person pages count it: its id, date, committee_id, the person's
    `status` there and, once with_committees() has read it, its committee. A long-serving member
    has attended hundreds of meetings, and the page lists one year's."""

    pk: int
    date: datetime.date | None
    committee_id: int
    status: str = "attended"
    committee: Committee | None = None

    def get_absolute_url(self):
        return Meeting(pk=self.pk).get_absolute_url()


def attendance(person):
    """The minutes meetings `person` attended or missed (Attended), newest first, each with
    `status` ("attended", "partly": absent from some of its open items with a decision, "missed":
    from all).

    A meeting counts when the minutes list the person among its participants or as absent from
    one of its open items; agendas say nothing about who came."""
    open_items = AgendaItem.objects.filter(closed=False).order_by()
    absent_items = open_items.filter(absences=person)
    # (meeting, 0) for each meeting the person took part in, (meeting, n) for each they were absent
    # from n open items of: one query.
    participated = (
        Meeting.participants.through.objects.filter(person=person)
        .annotate(n=Value(0))
        .values_list("meeting_id", "n")
    )
    absent_from = absent_items.values("meeting_id").annotate(n=Count("pk")).values_list("meeting_id", "n")
    absent, ids = {}, set()
    for meeting_id, n in participated.union(absent_from, all=True):
        ids.add(meeting_id)
        if n:
            absent[meeting_id] = n
    # The ids first, then the meetings: one condition "participant or absent" made PostgreSQL
    # walk every meeting of the archive to test each against both lists.
    meetings = [
        Attended(pk, date, committee_id)
        for pk, date, committee_id in Meeting.objects.filter(kind=Meeting.Kind.MINUTES, pk__in=ids)
        .newest_first()
        .values_list("pk", "date", "committee_id")
    ]
    # Only items with a decision can say who was away: "Underskriftsark" after a meeting someone
    # missed records no absence, and must not make them "partly" present.
    totals = dict(
        open_items.exclude(decision="")
        .filter(meeting_id__in=absent_items.values("meeting_id"))
        .values("meeting_id")
        .annotate(n=Count("pk"))
        .values_list("meeting_id", "n")
    )
    for meeting in meetings:
        away = absent.get(meeting.pk, 0)
        if away:
            meeting.status = "missed" if away >= totals.get(meeting.pk, 0) else "partly"
    return meetings


def with_committees(meetings):
    """`meetings` (Attended) with their committee and its municipality, each committee read once:
    a long-serving member has attended a thousand meetings of a handful of committees."""
    committees = Committee.objects.select_related("municipality").in_bulk({m.committee_id for m in meetings})
    for meeting in meetings:
        meeting.committee = committees[meeting.committee_id]
    return meetings


def attendance_by_year(meetings):
    """Rows {"year", "attended", "partly", "missed", "total"}, newest year first, undated last."""
    counts = {}
    for meeting in meetings:
        year = meeting.date.year if meeting.date else None
        row = counts.setdefault(year, {"year": year, "attended": 0, "partly": 0, "missed": 0, "total": 0})
        row[meeting.status] += 1
        row["total"] += 1
    return sorted(counts.values(), key=lambda row: (row["year"] is None, -(row["year"] or 0)))


def attendance_chart(rows):
    """The geometry of the attendance chart (an SVG drawn by the template, no JavaScript): one bar
    per dated year, its attended, partly and missed parts side by side."""
    dated = [row for row in rows if row["year"] is not None]
    widest = max((row["total"] for row in dated), default=0)
    if not widest:
        return None
    scale = CHART_WIDTH / widest
    bars = []
    for k, row in enumerate(dated):
        x, parts = LABEL_WIDTH, []
        for status in ("attended", "partly", "missed"):
            width = row[status] * scale
            if width:
                parts.append(
                    {"status": status, "x": round(x, 1), "width": round(width, 1), "count": row[status]}
                )
            x += width
        bars.append(
            {"year": row["year"], "y": k * (BAR_HEIGHT + 8), "parts": parts, "end": round(x + 6, 1), **row}
        )
    return {
        "bars": bars,
        "width": LABEL_WIDTH + CHART_WIDTH + 40,
        "height": len(bars) * (BAR_HEIGHT + 8),
        "bar_height": BAR_HEIGHT,
        "text_y": BAR_HEIGHT // 2 + 5,
    }


def open_positions(**conditions):
    """The positions matching `conditions` on open items, by the copy each keeps of its item's closed
    state: the counts of the people pages and of the API, and the pages' order, come from these."""
    return Position.objects.filter(item_closed=False, **conditions).order_by()


def stance_counts(**conditions):
    """{"for": n, "against": n, ...} of the open positions matching `conditions`, in one query."""
    return dict(
        open_positions(**conditions).values("stance").annotate(n=Count("pk")).values_list("stance", "n")
    )


def stance_rows(counts):
    return [
        {"stance": stance, "label": label, "count": counts.get(stance, 0)}
        for stance, label in Position.Stance.choices
        if counts.get(stance)
    ]


def public_positions(**conditions):
    """Positions on open items (the item's own flag decides) with what their rows show."""
    return (
        Position.objects.filter(item__closed=False, **conditions)
        .select_related("item__meeting__committee__municipality", "person__municipality")
        # What a row shows: not the items' long texts, which a cold read fetches from TOAST.
        .only(
            *("item", "order", "who", "stance", "person", "party", "municipality", "meeting_date"),
            *("item__number", "item__title", "item__order", "item__closed", "item__meeting"),
            *("item__meeting__date", "item__meeting__committee"),
            *("item__meeting__committee__name", "item__meeting__committee__slug"),
            *("item__meeting__committee__municipality__slug", "item__meeting__committee__municipality__name"),
            *("person__name", "person__party", "person__municipality__slug"),
        )
    )


def query_number(request, name):
    """The whole number a query parameter holds ("2024"), else None ("x", "-1", "١٢", and thousands of
    digits, which int() refuses)."""
    value = request.GET.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 8 else None


def chosen_year(request, rows):
    """The row of `rows` (attendance_by_year) whose meetings a person's page lists: ?aar=2024 (an
    undated meeting's ?aar=uden-dato), else the newest year's; None when there are no rows."""
    undated, year = request.GET.get("aar") == UNDATED, query_number(request, "aar")
    for row in rows:
        if (row["year"] is None and undated) or (year is not None and row["year"] == year):
            return row
    return rows[0] if rows else None


def positions_page(request, **conditions):
    """The stance counts of the public positions matching `conditions` and one page of them, newest
    first, by ?side=N, with the pager's addresses.

    One pass over the positions themselves (a party has thousands) reads each one's stance and
    place from the copies a position keeps of its meeting's date and its item's closed state; only
    the page's positions are then read whole, with their items and meetings."""
    rows = list(open_positions(**conditions).values_list("pk", "stance", "meeting_date", "item_id", "order"))
    counts = Counter(row[1] for row in rows)
    # Newest meeting first, undated last; within a date in the order the items were stored.
    rows.sort(key=lambda r: (r[2] is None, -(r[2].toordinal() if r[2] else 0), r[3], r[4]))
    pages = max(1, -(-len(rows) // POSITIONS_SHOWN))
    page = min(max(query_number(request, "side") or 1, 1), pages)
    start = (page - 1) * POSITIONS_SHOWN
    ids = [row[0] for row in rows[start : start + POSITIONS_SHOWN]]
    by_pk = public_positions(**conditions).in_bulk(ids) if ids else {}
    shown = [by_pk[pk] for pk in ids if pk in by_pk]

    def url(number):
        query = request.GET.copy()
        query["side"] = str(number)
        return f"?{query.urlencode()}#holdninger"

    return counts, {
        "stances": stance_rows(counts),
        "positions_total": len(rows),
        "positions": shown,
        "positions_first": start + 1,
        "positions_last": start + len(shown),
        "positions_previous": url(page - 1) if page > 1 else None,
        "positions_next": url(page + 1) if page < pages else None,
    }


class PersonView(TemplateView):
    """/<municipality>/personer/<id>/: a member's committees, attendance and positions."""

    template_name = "meetings/person_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = get_object_or_404(
            Person.objects.select_related("municipality"),
            municipality__slug=self.kwargs["municipality"],
            pk=self.kwargs["pk"],
        )
        meetings = with_committees(attendance(person))
        counts, positions = positions_page(self.request, person=person)
        if not meetings and not counts:
            # Known only from closed items (or from nothing any longer): no public page.
            raise Http404("Nothing public about this person")
        committees = Counter(m.committee for m in meetings)
        rows = attendance_by_year(meetings)
        shown = chosen_year(self.request, rows)
        context.update(
            person=person,
            municipality=person.municipality,
            party_slug=party_slug(person.party_name) if person.party_name else "",
            committees=sorted(committees.items(), key=lambda pair: (-pair[1], pair[0].name)),
            shown_year=shown,
            undated=UNDATED,
            meetings=[m for m in meetings if shown and (m.date.year if m.date else None) == shown["year"]],
            years=rows,
            chart=attendance_chart(rows),
            totals={s: sum(r[s] for r in rows) for s in ("attended", "partly", "missed", "total")},
            dissents=sum(n for stance, n in counts.items() if stance != Position.Stance.FOR),
            **positions,
        )
        return context


class PartyView(TemplateView):
    """/<municipality>/partier/<slug>/: how a national party's group stood, and its members."""

    template_name = "meetings/party_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        municipality = get_object_or_404(Municipality, slug=self.kwargs["municipality"])
        name = PARTY_BY_SLUG.get(self.kwargs["slug"])
        if name is None:
            raise Http404("No such party")
        counts, positions = positions_page(self.request, municipality=municipality, party=name)
        members = list(Person.objects.filter(municipality=municipality, party=LETTER_OF[name]))
        if not counts and not members:
            raise Http404("Nothing about this party here")
        context.update(
            municipality=municipality,
            party=name,
            letter=LETTER_OF[name],
            members=members,
            **positions,
        )
        return context


class PeopleView(TemplateView):
    """/<municipality>/personer/: the people and parties the municipality's public minutes name."""

    template_name = "meetings/people.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        municipality = get_object_or_404(Municipality, slug=self.kwargs["municipality"])
        people = Person.objects.filter(municipality=municipality).public()
        party_names = (
            Position.objects.filter(municipality=municipality, item__closed=False)
            .exclude(party="")
            .order_by()
            .values_list("party", flat=True)
            .distinct()
        )
        people = list(people.select_related("municipality"))
        names = set(party_names) | {person.party_name for person in people if person.party_name}
        context.update(
            municipality=municipality,
            people=people,
            parties=[{"name": n, "slug": party_slug(n), "letter": LETTER_OF[n]} for n in sorted(names)],
        )
        return context
