"""Attachments (bilag) of agenda items: listed by title, with the file and its text where known."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from agenda_items.models import AgendaItem


class Attachment(models.Model):
    """A Bilag. One that the minutes only list by name has no file and no text."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("punkt")
    )
    order = models.PositiveIntegerField(_("rækkefølge"), default=0)
    title = models.TextField(_("titel"))
    file = models.FileField(_("fil"), upload_to="attachments/%Y/", blank=True)
    text = models.TextField(_("tekst"), blank=True)
    # Extracted text page by page, so a reader can be pointed at the page: [str, ...].
    pages = models.JSONField(_("sider"), default=list, blank=True)

    class Meta:
        ordering = ["agenda_item", "order"]
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")
        constraints = [
            models.UniqueConstraint(fields=["agenda_item", "order"], name="attachment_unique_order"),
        ]

    def __str__(self):
        return self.title
