from django.contrib import admin

from .models import Attachment


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["title", "agenda_item", "order"]
    list_select_related = ["agenda_item__meeting__committee"]
    search_fields = ["title", "agenda_item__title"]
    raw_id_fields = ["agenda_item"]
