import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, TemplateView

from meetings.models import Meeting

from .models import AgendaItem, Case, normalize_case_number


class ItemView(DetailView):
    """One agenda item at a stable, citable address: /meetings/<meeting>/punkt/<number>/."""

    template_name = "agenda_items/agendaitem_detail.html"
    context_object_name = "item"

    def get_object(self, queryset=None):
        return get_object_or_404(
            AgendaItem.objects.with_meeting().for_display(),
            # Through the meeting's primary key, whose lookup turns an out-of-range id into "no such row".
            meeting__pk=self.kwargs["meeting"],
            number=self.kwargs["number"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        numbers = list(
            AgendaItem.objects.filter(meeting_id=self.object.meeting_id)
            .order_by("order", "id")
            .values_list("number", flat=True)
        )
        position = numbers.index(self.object.number)
        context.update(
            meeting=self.object.meeting,
            previous_number=numbers[position - 1] if position > 0 else None,
            next_number=numbers[position + 1] if position + 1 < len(numbers) else None,
        )
        return context


class CaseLookupView(TemplateView):
    """/cases/?number=25/31181: to the case's page, a choice if two municipalities use the number, or 404."""

    template_name = "agenda_items/case_lookup.html"

    def get(self, request, *args, **kwargs):
        number = request.GET.get("number", "").strip()
        cases = []
        # No case number holds a NUL byte, and PostgreSQL refuses one in a query.
        if normalize_case_number(number) and "\x00" not in number:
            cases = list(Case.objects.public().by_number(number).select_related("municipality"))
        if len(cases) == 1:
            return redirect(cases[0])
        context = self.get_context_data(number=number, cases=cases)
        return self.render_to_response(context, status=200 if cases else 404)


class CaseView(DetailView):
    """Every open item on a case, across meetings and committees, in meeting date order."""

    template_name = "agenda_items/case_detail.html"
    queryset = Case.objects.select_related("municipality")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = list(self.object.items.public().timeline().with_decisions())
        if not items:
            raise Http404("No public items on this case")
        context["items"] = items
        context["timeline"] = case_timeline(self.object, items)
        context["status"] = case_status(items)
        return context


def case_status(items):
    """Where the case stands: the latest dated item with an outcome ("Udsat" in Teknisk Udvalg on
    1 October 2025), or None. `items` are open items in date order, undated last."""
    dated = [item for item in items if item.meeting.date and item.outcome]
    return dated[-1] if dated else None


def _committee_key(name):
    return " ".join((name or "").split()).casefold()


def case_timeline(case, items):
    """The case's treatments in date order: its archived items, and the earlier treatments its items'
    "Sagsforløb" lists that the archive does not hold on this case, each once (linked to the archived
    meeting of that committee and date where there is one). Rows: {"date", "item"} or
    {"date", "entry", "meeting"}. `items` come with their Sagsforløb (with_decisions())."""
    rows = [{"date": item.meeting.date, "item": item} for item in items]
    seen = {(_committee_key(item.meeting.committee.name), item.meeting.date) for item in items}
    entries = []
    for item in items:
        for entry in item.history_list:
            key = (_committee_key(entry.committee), entry.date)
            if entry.date is None or key in seen:
                continue
            seen.add(key)
            entries.append(entry)
    if entries:
        meetings = {
            (_committee_key(m.committee.name), m.date): m
            for m in Meeting.objects.filter(
                committee__municipality_id=case.municipality_id, date__in={e.date for e in entries}
            ).select_related("committee")
        }
        rows += [
            {"date": e.date, "entry": e, "meeting": meetings.get((_committee_key(e.committee), e.date))}
            for e in entries
        ]
    # Undated last; on one day the archived item before the treatment known only from history.
    rows.sort(key=lambda row: (row["date"] is None, row["date"] or datetime.date.min, "item" not in row))
    return rows
