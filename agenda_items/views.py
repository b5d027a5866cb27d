from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, TemplateView

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


def public_cases():
    """Cases with at least one open item: a case seen only on closed items is not public."""
    return Case.objects.public()


class CaseLookupView(TemplateView):
    """/cases/?number=25/31181: to the case's page, a choice if two municipalities use the number, or 404."""

    template_name = "agenda_items/case_lookup.html"

    def get(self, request, *args, **kwargs):
        number = request.GET.get("number", "").strip()
        cases = []
        # No case number holds a NUL byte, and PostgreSQL refuses one in a query.
        if normalize_case_number(number) and "\x00" not in number:
            cases = list(public_cases().by_number(number).select_related("municipality"))
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
        items = list(self.object.items.public().timeline())
        if not items:
            raise Http404("No public items on this case")
        context["items"] = items
        return context
