"""Attachments (bilag) of agenda items: listed by title, with the file and its text where known."""

from pathlib import PurePath

from django.db import models
from django.utils.translation import gettext_lazy as _

from agenda_items.models import AgendaItem
from meetings.storage import UnguessableName

# Page texts are joined with a blank line for `Attachment.text`; `Attachment.pages` keeps them apart.
PAGE_BREAK = "\n\n"


class Attachment(models.Model):
    """A Bilag. One that the minutes only list by name has no file and no text.

    Its link on the pages: the archive's own copy (`file`, served through the access check of
    attachments.views) if there is one, else the publisher's (`url`), else none (`link()`).
    """

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("punkt")
    )
    order = models.PositiveIntegerField(_("rækkefølge"), default=0)
    title = models.TextField(_("titel"))
    # Stored under a random name (attachments/<year>/<32 hex>.pdf); the uploaded name is kept apart.
    file = models.FileField(_("fil"), upload_to=UnguessableName("attachments"), blank=True, db_index=True)
    original_name = models.CharField(_("oprindeligt filnavn"), max_length=255, blank=True)
    # The publisher's own address of the Bilag (https://dagsordener.greve.dk/Vis/Pdf/bilag/<id>)
    # and its id there, filled by the importer where the source gives them.
    url = models.URLField(_("adresse hos udgiveren"), max_length=500, blank=True)
    external_id = models.CharField(_("id hos udgiveren"), max_length=100, blank=True)
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

    def link(self):
        """Where the pages and the API link this Bilag: the archive's copy, the publisher's, or ""."""
        if self.file:
            return self.file.url
        return self.url

    def download_name(self):
        """The file name a download is offered under: the uploaded name, else the stored one's."""
        if self.original_name:
            return self.original_name
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""

    def attach_pdf(self, upload, pages):
        """Store `upload` as this Bilag's file (through the storage API) with its extracted `pages`.

        The file gets a random name (upload_to); the uploaded name is kept in `original_name` for
        the list and the download. A file it replaces is deleted once the save is committed
        (signals.py).
        """
        self.original_name = PurePath(upload.name or "").name[:255]
        self.file.save(upload.name, upload, save=False)
        self.pages = pages
        self.text = PAGE_BREAK.join(pages)
        self.save()
