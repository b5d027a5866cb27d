"""The audit record of a clerk's upload (ImportRecord) and the admin's import pages' proxy (Import).

An ImportRecord goes pending -> imported, pending -> cancelled (by the clerk, or expired when left
pending), or is refused at once (a file we cannot read). Each change is a method here, so the views
and the clean-up commands change the state one way only.

The table keeps its old name, meetings_importrecord: the model moved here from meetings/ without
moving its rows (migrations meetings/0006 and imports/0001).
"""

import datetime

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from meetings.storage import UnguessableName

# Where an upload waits, with the text read from it beside it, until the clerk confirms or cancels.
PENDING_DIR = "imports/pending"
EXPIRED_NOTE = "expired: left pending without being confirmed or cancelled; the upload was deleted"


def text_name(name):
    """Where the text read from the pending upload `name` is kept between the steps."""
    return f"{name}.txt"


def delete_files(names):
    """Delete the stored files `names` (a missing one is no error: the delete may be repeated)."""
    for name in names:
        default_storage.delete(name)


class ImportRecordQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ImportRecord.Status.PENDING)

    def stale(self, age=datetime.timedelta(days=1)):
        """Pending uploads older than `age`: nobody confirmed or cancelled them; expire() them."""
        return self.pending().filter(created__lt=timezone.now() - age)


class ImportRecord(models.Model):
    """One file a clerk uploaded through the admin: who, when, what, and what became of it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Afventer bekræftelse")
        IMPORTED = "imported", _("Importeret")
        CANCELLED = "cancelled", _("Annulleret")
        REFUSED = "refused", _("Afvist")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="minutes_imports",
        verbose_name=_("bruger"),
    )
    created = models.DateTimeField(_("uploadet"), auto_now_add=True)
    finished = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    file_name = models.CharField(_("filnavn"), max_length=300)
    # While pending: the upload under imports/pending/; once imported: the meetings' source file.
    file = models.FileField(_("fil"), upload_to=UnguessableName("imports"), max_length=300, blank=True)
    size = models.PositiveBigIntegerField(_("størrelse (bytes)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    municipality = models.CharField(_("kommune (valgt af brugeren)"), max_length=100, blank=True)
    meetings = models.ManyToManyField(
        Meeting,
        related_name="imports",
        blank=True,
        verbose_name=_("møder"),
        db_table="meetings_importrecord_meetings",  # the table it had in meetings/
    )
    meetings_created = models.PositiveIntegerField(_("møder oprettet"), default=0)
    meetings_updated = models.PositiveIntegerField(_("møder opdateret"), default=0)
    warnings = models.JSONField(_("advarsler"), default=list, blank=True)
    kept_edits = models.JSONField(_("bevarede rettelser"), default=list, blank=True)
    error = models.TextField(_("fejl"), blank=True)

    objects = ImportRecordQuerySet.as_manager()

    class Meta:
        db_table = "meetings_importrecord"  # the table it had in meetings/
        ordering = ["-created", "-id"]
        verbose_name = _("importlog")
        verbose_name_plural = _("importlog")

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    # The pending upload ------------------------------------------------------------------------

    def pending_files(self):
        """The storage names of the pending upload and its text; [] once the import is finished."""
        name = self.file.name or ""
        return [text_name(name), name] if name.startswith(PENDING_DIR + "/") else []

    def read_text(self):
        """The text read from the pending upload when it came in."""
        with default_storage.open(text_name(self.file.name), "rb") as f:
            return f.read().decode("utf-8")

    def choose_municipality(self, name):
        """The clerk names the municipality of a pending upload whose document does not say it."""
        self.municipality = name
        self.save(update_fields=["municipality"])

    # State changes -----------------------------------------------------------------------------

    def refuse(self, error):
        """Log the upload as refused with the (English) reason; nothing of it is kept (a pending
        upload's files are deleted, see cancel()). A new record is saved refused."""
        if self.pk is not None and self.status == self.Status.PENDING:
            self._finish_pending(self.Status.REFUSED, error)
            return self
        self.status, self.error, self.finished, self.file = self.Status.REFUSED, error, timezone.now(), ""
        self.save()
        return self

    def mark_imported(self, results, parsed_meetings, source_file):
        """Record what the confirmed import saved: `results` (imports.load.LoadResult of each meeting),
        the parsed meetings (for their warnings) and `source_file`, the storage name the upload was
        saved under as the meetings' source. Call it inside the transaction that saved the meetings;
        the pending copy is then the caller's to delete once that transaction is committed (see
        pending_files(), called before this)."""
        self.file.name = source_file
        self.status, self.finished = self.Status.IMPORTED, timezone.now()
        self.meetings_created = sum(r.created for r in results)
        self.meetings_updated = sum(not r.created for r in results)
        self.warnings = [f"{m.committee}: {w}" for m in parsed_meetings for w in m.warnings]
        self.kept_edits = [f"{r.meeting}: {edit}" for r in results for edit in r.kept_edits]
        self.save()
        self.meetings.set([r.meeting for r in results])

    def cancel(self):
        """The clerk cancels the pending import: nothing is saved and the upload is deleted.
        Returns False if it was no longer pending (confirmed, cancelled or expired meanwhile)."""
        return self._finish_pending(self.Status.CANCELLED, "")

    def expire(self):
        """Cancel a pending upload nobody confirmed or cancelled (see ImportRecordQuerySet.stale),
        with a note saying so, and delete the upload. False if it was no longer pending."""
        return self._finish_pending(self.Status.CANCELLED, EXPIRED_NOTE)

    def _finish_pending(self, status, error):
        files = self.pending_files()
        now = timezone.now()
        # Durable: committed when the block ends, so the files go only once the new status is saved
        # (a rollback would leave a pending record without its upload). Call it outside a transaction.
        with transaction.atomic(durable=True):
            changed = (
                type(self)
                .objects.filter(pk=self.pk, status=self.Status.PENDING)
                .update(status=status, error=error, finished=now, file="")
            )
        if not changed:
            self.refresh_from_db()
            return False
        self.status, self.error, self.finished, self.file = status, error, now, ""
        delete_files(files)
        return True


class Import(ImportRecord):
    """The admin's "Import minutes" pages hang off this proxy, which puts them at /admin/imports/import/."""

    class Meta:
        proxy = True
        verbose_name = _("import af referat")
        verbose_name_plural = _("importér referater")


# Harvesting FirstAgenda Publication sites (imports/harvest.py) -------------------------------------


class HarvestSiteQuerySet(models.QuerySet):
    def enabled(self):
        return self.filter(enabled=True)

    def last_success_for(self, municipality_name):
        """When the archive was last brought up to date from a site of `municipality_name`
        (the latest completed harvest among its sites), or None: for the municipality's page."""
        return (
            self.filter(municipality__iexact=municipality_name, last_success__isnull=False)
            .order_by("-last_success")
            .values_list("last_success", flat=True)
            .first()
        )


class HarvestSite(models.Model):
    """A FirstAgenda Publication site (https://dagsordener.<kommune>.dk) the archive harvests.

    `locked_by` / `locked_until` are a lease: the one harvest that holds it may work on the site
    (see imports/harvest.py, SiteLock); a crashed worker's lease runs out by itself.
    """

    url = models.URLField(_("adresse"), max_length=300, unique=True)
    municipality = models.CharField(_("kommune"), max_length=100)
    enabled = models.BooleanField(_("aktiv"), default=True, help_text=_("Høstes af harvest --all."))
    delay_seconds = models.FloatField(_("pause mellem forespørgsler (sekunder)"), default=1.0)
    last_run = models.DateTimeField(_("seneste kørsel"), null=True, blank=True)
    # The last run that read the committee list and tried every meeting in it (failed ones are
    # retried next run): when the municipality's page says it was last brought up to date.
    last_success = models.DateTimeField(_("seneste fuldførte kørsel"), null=True, blank=True)
    locked_by = models.CharField(_("låst af"), max_length=64, blank=True, editable=False)
    locked_until = models.DateTimeField(_("låst til"), null=True, blank=True, editable=False)

    objects = HarvestSiteQuerySet.as_manager()

    class Meta:
        ordering = ["municipality", "url"]
        verbose_name = _("høstet side")
        verbose_name_plural = _("høstede sider")

    def __str__(self):
        return f"{self.municipality} ({self.url})"

    def clean(self):
        """The address as the harvest stores it: "https://Dagsordener.Greve.dk/" -> "https://dagsordener.greve.dk"."""
        from django.core.exceptions import ValidationError

        from .harvest_http import normalize_site
        from .types import MinutesError

        try:
            self.url = normalize_site(self.url)
        except MinutesError as exc:
            raise ValidationError({"url": str(exc)}) from None


class HarvestRun(models.Model):
    """One harvest of one site: when, and what it found (the command's closing summary)."""

    class Status(models.TextChoices):
        RUNNING = "running", _("I gang")
        OK = "ok", _("Fuldført")
        FAILED = "failed", _("Med fejl")

    site = models.ForeignKey(
        HarvestSite, on_delete=models.CASCADE, related_name="runs", verbose_name=_("side")
    )
    started = models.DateTimeField(_("startet"), auto_now_add=True)
    finished = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    new = models.PositiveIntegerField(_("nye møder"), default=0)
    updated = models.PositiveIntegerField(_("opdaterede møder"), default=0)
    unchanged = models.PositiveIntegerField(_("uændrede møder"), default=0)
    failed = models.PositiveIntegerField(_("fejlede møder"), default=0)
    bilag_fetched = models.PositiveIntegerField(_("bilag hentet"), default=0)
    bilag_unreadable = models.PositiveIntegerField(_("bilag uden tekst"), default=0)
    requests = models.PositiveIntegerField(_("forespørgsler"), default=0)
    errors = models.JSONField(_("fejl"), default=list, blank=True)

    class Meta:
        ordering = ["-started", "-id"]
        verbose_name = _("høstkørsel")
        verbose_name_plural = _("høstkørsler")

    def __str__(self):
        return f"{self.site.url} {self.started:%Y-%m-%d %H:%M}"


class HarvestedMeeting(models.Model):
    """What the archive last took of one meeting of a site: the publisher's id, the answer's
    validators and hash (so an unchanged meeting is neither loaded nor its Bilag fetched again),
    and the last error, retried by the next run while `error` is set."""

    site = models.ForeignKey(
        HarvestSite, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("side")
    )
    # The publisher's meeting Id (Meeting.external_id of the meeting it became).
    external_id = models.CharField(_("mødets id hos udgiveren"), max_length=100)
    committee = models.CharField(_("udvalg"), max_length=300, blank=True)
    date = models.DateField(_("dato"), null=True, blank=True)
    etag = models.CharField(_("ETag"), max_length=300, blank=True)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    imported_at = models.DateTimeField(_("importeret"), null=True, blank=True)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("møde")
    )
    error = models.TextField(_("fejl"), blank=True)
    failed_at = models.DateTimeField(_("fejlede"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("forsøg i træk med fejl"), default=0)

    class Meta:
        ordering = ["site", "-date", "external_id"]
        verbose_name = _("høstet møde")
        verbose_name_plural = _("høstede møder")
        constraints = [
            models.UniqueConstraint(fields=["site", "external_id"], name="harvested_meeting_unique_id"),
        ]

    def __str__(self):
        return f"{self.committee} {self.date or ''} ({self.external_id})"


class HarvestedBilag(models.Model):
    """A Bilag PDF fetched from a site: its id there, the PDF's hash and what became of its text.

    Only the text is kept (on the Attachment); the PDF stays with the publisher (imports/harvest.py).
    A Bilag recorded here with text is not fetched again; one whose PDF cannot be read is recorded
    with the reason and not fetched again either, unless its meeting changes.
    """

    site = models.ForeignKey(
        HarvestSite, on_delete=models.CASCADE, related_name="bilag", verbose_name=_("side")
    )
    bilag_id = models.CharField(_("bilagets id hos udgiveren"), max_length=100)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    etag = models.CharField(_("ETag"), max_length=300, blank=True)
    pages = models.PositiveIntegerField(_("sider"), default=0)
    fetched_at = models.DateTimeField(_("hentet"), null=True, blank=True)
    error = models.TextField(_("fejl"), blank=True)

    class Meta:
        ordering = ["site", "-fetched_at"]
        verbose_name = _("høstet bilag")
        verbose_name_plural = _("høstede bilag")
        constraints = [
            models.UniqueConstraint(fields=["site", "bilag_id"], name="harvested_bilag_unique_id"),
        ]

    def __str__(self):
        return self.bilag_id
