from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.urls import path
from django.utils.translation import gettext_lazy as _

from agenda_items.models import AgendaItem
from agenda_items.search import refresh_search_vectors
from attachments.models import Attachment

from . import admin_views
from .importers.load import note_clerk_edits
from .models import Committee, Import, ImportRecord, Meeting, Municipality, Person


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

    def get_urls(self):
        bilag = self.admin_site.admin_view(
            lambda request, pk, attachment: admin_views.bilag_upload_view(self, request, pk, attachment)
        )
        return [
            path("<int:pk>/bilag/<int:attachment>/", bilag, name="meetings_meeting_bilag"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": admin_views.is_clerk(request.user)}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The meeting's Bilag, each with a form for its PDF (admin/meetings/meeting/change_form.html).
        bilag = Attachment.objects.filter(agenda_item__meeting_id=object_id).select_related("agenda_item")
        extra_context = {
            **(extra_context or {}),
            "bilag": bilag.order_by("agenda_item__order", "order"),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_formset(self, request, form, formset, change):
        if formset.model is AgendaItem:
            for item_form in formset.forms:
                if item_form.has_changed() and item_form not in formset.deleted_forms:
                    note_clerk_edits(item_form.instance, item_form.changed_data)
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_search_vectors(AgendaItem.objects.filter(meeting=form.instance))


@admin.register(Import)
class ImportAdmin(admin.ModelAdmin):
    """The "Import minutes" pages (meetings/admin_views.py) at /admin/meetings/import/: clerks only."""

    def has_module_permission(self, request):
        return admin_views.is_clerk(request.user)

    def has_view_permission(self, request, obj=None):
        return admin_views.is_clerk(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(lambda request, **kwargs: view(self, request, **kwargs))

        return [
            path("", wrap(admin_views.upload_view), name="meetings_import_changelist"),
            path("<int:pk>/", wrap(admin_views.preview_view), name="meetings_import_preview"),
            path("<int:pk>/done/", wrap(admin_views.done_view), name="meetings_import_done"),
        ]


class ReadOnlyAdmin(admin.ModelAdmin):
    """A log: superusers may read it; nobody may add, change or delete entries."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ImportRecord)
class ImportRecordAdmin(ReadOnlyAdmin):
    list_display = ["created", "user", "file_name", "status", "meetings_created", "meetings_updated"]
    list_filter = ["status", "created"]
    list_select_related = ["user"]
    search_fields = ["file_name", "sha256", "user__username"]
    date_hierarchy = "created"
    fields = [
        ("created", "finished"),
        ("user", "status"),
        "file_name",
        "file",
        ("size", "sha256"),
        "municipality",
        "meetings",
        ("meetings_created", "meetings_updated"),
        "warnings",
        "kept_edits",
        "error",
    ]


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyAdmin):
    """Every change made through the admin, imports included: who, when, what."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag", "message"]
    list_filter = ["action_flag", "content_type", "action_time"]
    list_select_related = ["user", "content_type"]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"

    @admin.display(description=_("ændring"))
    def message(self, obj):
        return obj.get_change_message()
