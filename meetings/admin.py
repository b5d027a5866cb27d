from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from agenda_items.models import AgendaItem

from .models import Committee, Meeting, Municipality, Person


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality"]
    list_filter = ["municipality"]
    list_select_related = ["municipality"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "party", "municipality"]
    list_filter = ["municipality", "party"]
    list_select_related = ["municipality"]
    search_fields = ["name"]


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = [
        ("number", "order", "closed"),
        "title",
        "case",
        "presentation",
        "recommendation",
        "decision",
        "decided_by",
        ("responsible", "duration_minutes"),
        "absences",
        "sections",
    ]
    raw_id_fields = ["case"]
    autocomplete_fields = ["absences"]
    show_change_link = True


class DateMissingFilter(admin.SimpleListFilter):
    title = _("dato")
    parameter_name = "date_missing"

    def lookups(self, request, model_admin):
        return [("yes", _("Dato mangler")), ("no", _("Dato kendt"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(date__isnull=True)
        if self.value() == "no":
            return queryset.filter(date__isnull=False)
        return queryset


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["committee", "date", "kind", "municipality", "updated"]
    list_filter = [
        "committee__municipality",
        "committee",
        "kind",
        ("date", admin.DateFieldListFilter),
        DateMissingFilter,
    ]
    list_select_related = ["committee__municipality"]
    search_fields = ["committee__name", "items__title", "items__case__number", "source_name"]
    date_hierarchy = "date"
    autocomplete_fields = ["participants"]
    raw_id_fields = ["committee"]
    readonly_fields = ["source_hash", "fingerprint", "warnings", "created", "updated"]
    inlines = [AgendaItemInline]

    @admin.display(description=_("kommune"), ordering="committee__municipality__name")
    def municipality(self, obj):
        return obj.committee.municipality
