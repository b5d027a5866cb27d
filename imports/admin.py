"""The admin's import pages (the Import proxy, imports/admin_views.py) and the log of uploads."""

from django.contrib import admin
from django.urls import path

from meetings.admin import ReadOnlyAdmin
from meetings.models import is_clerk

from . import admin_views
from .models import Import, ImportRecord


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
