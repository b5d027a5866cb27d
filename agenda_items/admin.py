from django.contrib import admin

from attachments.models import Attachment
from meetings.admin import MunicipalityRightsAdmin, OwnMunicipalitiesOnly

from .models import AgendaItem, Case


@admin.register(Case)
class CaseAdmin(MunicipalityRightsAdmin):
    list_display = ["number", "municipality"]
    list_filter = ["municipality"]
    list_select_related = ["municipality"]
    search_fields = ["number", "normalized"]


class AttachmentInline(OwnMunicipalitiesOnly, admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["order", "title", "file"]
    # A Bilag's PDF is uploaded on its meeting's page, where its text is extracted.
    readonly_fields = ["file"]


@admin.register(AgendaItem)
class AgendaItemAdmin(MunicipalityRightsAdmin):
    list_display = ["__str__", "meeting", "case", "closed"]
    list_filter = ["closed", "meeting__committee__municipality", "meeting__kind"]
    list_select_related = ["meeting__committee__municipality", "case"]
    search_fields = ["title", "case__number", "case__normalized"]
    raw_id_fields = ["meeting", "case"]
    autocomplete_fields = ["absences"]
    readonly_fields = ["edited_fields"]
    inlines = [AttachmentInline]

    def save_model(self, request, obj, form, change):
        # Fields a clerk corrects here are kept as they are when the minutes are imported again.
        obj.note_clerk_edits(form.changed_data)
        super().save_model(request, obj, form, change)
