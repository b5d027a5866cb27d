from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from meetings.admin import MunicipalityRightsAdmin

from .models import Attachment


@admin.register(Attachment)
class AttachmentAdmin(MunicipalityRightsAdmin):
    list_display = ["title", "agenda_item", "order", "page_count"]
    list_select_related = ["agenda_item__meeting__committee"]
    search_fields = ["title", "agenda_item__title"]
    raw_id_fields = ["agenda_item"]
    fields = [
        "agenda_item",
        "order",
        "title",
        "file",
        "original_name",
        "url",
        "external_id",
        "page_count",
        "text",
    ]
    # The PDF is uploaded on the meeting's page, where its text is extracted page by page; its
    # link (/files/...) goes through the same access check as the public pages' links.
    readonly_fields = ["file", "original_name", "page_count", "text"]

    @admin.display(description=_("sider"))
    def page_count(self, obj):
        return len(obj.pages)
