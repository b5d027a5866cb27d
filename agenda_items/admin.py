from django.contrib import admin

from attachments.models import Attachment

from .models import AgendaItem, Case


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["number", "municipality"]
    list_filter = ["municipality"]
    list_select_related = ["municipality"]
    search_fields = ["number", "normalized"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["order", "title", "file"]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "case", "closed"]
    list_filter = ["closed", "meeting__committee__municipality", "meeting__kind"]
    list_select_related = ["meeting__committee__municipality", "case"]
    search_fields = ["title", "case__number", "case__normalized"]
    raw_id_fields = ["meeting", "case"]
    autocomplete_fields = ["absences"]
    inlines = [AttachmentInline]
