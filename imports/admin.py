"""The admin's import pages (the Import proxy, imports/admin_views.py), the log of uploads, and the
harvested sites with their runs and failures (imports/harvest.py)."""

from django.contrib import admin
from django.db import models
from django.urls import path

from meetings.admin import ReadOnlyAdmin
from meetings.models import is_clerk

from . import admin_views
from .models import HarvestedBilag, HarvestedMeeting, HarvestRun, HarvestSite, Import, ImportRecord


@admin.register(Import)
class ImportAdmin(ReadOnlyAdmin):
    """The "Import minutes" pages (imports/admin_views.py) at /admin/imports/import/: clerks only."""

    def has_module_permission(self, request):
        return is_clerk(request.user)

    def has_view_permission(self, request, obj=None):
        return is_clerk(request.user)

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(lambda request, **kwargs: view(self, request, **kwargs))

        return [
            path("", wrap(admin_views.upload_view), name="imports_import_changelist"),
            path("<int:pk>/", wrap(admin_views.preview_view), name="imports_import_preview"),
            path("<int:pk>/done/", wrap(admin_views.done_view), name="imports_import_done"),
        ]


@admin.register(ImportRecord)
class ImportRecordAdmin(ReadOnlyAdmin):
    def changelist_view(self, request, extra_context=None):
        # An upload left pending for more than a day has expired: the log says so, not "Afventer".
        admin_views.expire_stale()
        return super().changelist_view(request, extra_context)

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


# Harvesting ---------------------------------------------------------------------------------------


def is_staff(user):
    return user.is_active and user.is_staff


class StaffReadOnlyAdmin(ReadOnlyAdmin):
    """A harvest log: every staff member may read it; nobody may change it."""

    def has_module_permission(self, request):
        return is_staff(request.user)

    def has_view_permission(self, request, obj=None):
        return is_staff(request.user)


class FailingFilter(admin.SimpleListFilter):
    title = "fejl"
    parameter_name = "failing"

    def lookups(self, request, model_admin):
        return [("yes", "Med fejl"), ("no", "Uden fejl")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(error="")
        if self.value() == "no":
            return queryset.filter(error="")
        return queryset


@admin.register(HarvestSite)
class HarvestSiteAdmin(admin.ModelAdmin):
    """The sites `harvest --all` harvests: staff see them, superusers add and change them."""

    list_display = ["url", "municipality", "enabled", "delay_seconds", "last_run", "last_success", "failing"]
    list_filter = ["enabled"]
    search_fields = ["url", "municipality"]
    fields = ["url", "municipality", "enabled", "delay_seconds", "last_run", "last_success"]
    readonly_fields = ["last_run", "last_success"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description="møder med fejl")
    def failing(self, site):
        return site.meetings.exclude(error="").count()

    def has_module_permission(self, request):
        return is_staff(request.user)

    def has_view_permission(self, request, obj=None):
        return is_staff(request.user)

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def save_model(self, request, obj, form, change):
        # Only what the form changed: a harvest running meanwhile keeps its lock and times.
        if change:
            obj.save(update_fields=form.changed_data or ["url"])
        else:
            obj.save()


@admin.register(HarvestRun)
class HarvestRunAdmin(StaffReadOnlyAdmin):
    list_display = [
        "started",
        "site",
        "status",
        "new",
        "updated",
        "unchanged",
        "failed",
        "bilag_fetched",
        "requests",
    ]
    list_filter = ["status", "site"]
    list_select_related = ["site"]
    date_hierarchy = "started"


@admin.register(HarvestedMeeting)
class HarvestedMeetingAdmin(StaffReadOnlyAdmin):
    list_display = [
        "site",
        "committee",
        "date",
        "external_id",
        "imported_at",
        "attempts",
        "failed_at",
        "error",
    ]
    list_filter = [FailingFilter, "site"]
    list_select_related = ["site"]
    search_fields = ["external_id", "committee", "error"]


@admin.register(HarvestedBilag)
class HarvestedBilagAdmin(StaffReadOnlyAdmin):
    list_display = ["site", "bilag_id", "fetched_at", "pages", "error"]
    list_filter = [FailingFilter, "site"]
    list_select_related = ["site"]
    search_fields = ["bilag_id", "error"]
