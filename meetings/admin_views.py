"""The admin's "Import minutes" pages: upload, preview, confirm or cancel; and Bilag uploads.

A clerk uploads the document the council's system produced. The file is read and parsed at
once (a file we cannot read is refused on the page and logged), then kept in the default
storage under imports/pending/ with its text beside it; the session only remembers which
ImportRecord the clerk may confirm. The preview shows what the importer understood, what it
would create or change, and what it could not find; confirming saves everything in one
transaction, with the upload as the meetings' source document.
"""

import hashlib
import logging
import re
import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from agenda_items.models import AgendaItem
from agenda_items.search import refresh_search_vectors
from attachments.extract import attach_pdf, extract_bilag
from attachments.models import Attachment
from imports.detect import parse_text, text_of_upload
from imports.load import load_meetings, plan_meetings
from imports.pdf import is_pdf
from imports.types import MinutesError
from meetings.forms import BilagForm, ConfirmForm, UploadForm
from meetings.models import ImportRecord, Meeting, Municipality

logger = logging.getLogger(__name__)

CLERK_GROUP = "Clerk"
SESSION_KEY = "minutes_imports"  # ImportRecord ids this session uploaded and may confirm
PENDING_DIR = "imports/pending"

# The importer's errors are English (the command line shows them as they are); the admin says
# the known ones in Danish and wraps any other in a Danish sentence.
KNOWN_ERRORS = [
    (
        r"the PDF has (?P<pages>\d+) pages; the limit is (?P<limit>\d+)",
        _lazy("PDF'en har %(pages)s sider; grænsen er %(limit)s. Del den op, eller upload tekstversionen."),
    ),
    (
        r"the PDF is encrypted or password-protected",
        _lazy("PDF'en er krypteret eller beskyttet med adgangskode. Gem den uden adgangskode, og prøv igen."),
    ),
    (
        r"the PDF is damaged and cannot be read",
        _lazy("PDF'en er beskadiget og kan ikke læses. Hent den igen, eller upload tekstversionen."),
    ),
    (
        r"this PDF has no text layer",
        _lazy(
            "Denne PDF har intet tekstlag (indscannede sider?). Upload tekstversionen eller en søgbar PDF."
        ),
    ),
    (
        r"reading the PDF took longer than (?P<seconds>\d+) s",
        _lazy(
            "Det tog mere end %(seconds)s sekunder at læse PDF'en, så læsningen blev stoppet. "
            "Filen kan være beskadiget."
        ),
    ),
    (
        r"reading the PDF (ran out of time or memory|needs more memory)",
        _lazy(
            "Læsningen af PDF'en brugte for meget tid eller hukommelse og blev stoppet. "
            "Filen kan være beskadiget."
        ),
    ),
    (
        r"the PDF is nested too deeply",
        _lazy("PDF'en er bygget for dybt op til at kunne læses. Filen kan være beskadiget."),
    ),
    (r"the file is empty", _lazy("Filen er tom.")),
    (
        r"not minutes or an agenda in a known format",
        _lazy(
            "Filen ligner ikke et referat eller en dagsorden i et format, arkivet kender "
            "(Aabenraa, Aarhus). Bruger kommunen et af de formater, så angiv kommunen."
        ),
    ),
    (r"this is a binary file", _lazy("Filen er hverken en PDF eller en tekstfil.")),
    (
        r"the text is neither UTF-8 nor Windows-1252",
        _lazy("Teksten er hverken UTF-8 eller Windows-1252 og kan ikke læses."),
    ),
    (
        r"(?P<committee>.+): item number (?P<numbers>.+) appears more than once",
        _lazy("%(committee)s: punkt %(numbers)s står mere end én gang i filen."),
    ),
]


def explain(error):
    """A Danish message for a MinutesError, for the page; the English original goes to the log."""
    message = str(error)
    for pattern, danish in KNOWN_ERRORS:
        m = re.search(pattern, message)
        if m:
            return str(danish) % m.groupdict()
    return _("Filen kunne ikke læses: %(reason)s") % {"reason": message}


def is_clerk(user):
    """Users who may import minutes: superusers and staff in the Clerk group."""
    return (
        user.is_active
        and user.is_staff
        and (user.is_superuser or user.groups.filter(name=CLERK_GROUP).exists())
    )


def check_clerk(request):
    if not is_clerk(request.user):
        raise PermissionDenied


def municipalities_not_permitted(user, parsed_meetings):
    """Municipalities of `parsed_meetings` that `user` is no clerk of (MunicipalityClerk), by name.

    Superusers may import any municipality, a new one too; a clerk only the ones they are given.
    """
    if user.is_superuser:
        return []
    permitted = Municipality.objects.editable_by(user)
    names = dict.fromkeys(meeting.municipality for meeting in parsed_meetings)
    return [name for name in names if not permitted.filter(name__iexact=name).exists()]


def not_permitted_message(names):
    return _(
        "Du er ikke sekretær for %(names)s og kan derfor ikke gemme denne import. "
        "Annullér den, eller bed en administrator om adgang til kommunen."
    ) % {"names": ", ".join(names)}


def render(model_admin, request, template, title, **context):
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": title,
        **context,
    }
    return TemplateResponse(request, f"admin/meetings/{template}", context)


# Step 1 -------------------------------------------------------------------------------------


def upload_view(model_admin, request):
    """The upload form; a file we can read and parse is stored as pending and previewed."""
    check_clerk(request)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_bound:
        upload = request.FILES.get("file")
        if form.is_valid():
            record = accept_upload(request, upload, form.cleaned_data["municipality"])
            if record.status == ImportRecord.Status.PENDING:
                return redirect("admin:meetings_import_preview", pk=record.pk)
            form.add_error("file", explain(record.error))
        elif upload is not None and form.has_error("file"):
            refuse(request, upload, form.cleaned_data.get("municipality", ""), " ".join(form.errors["file"]))
    return render(
        model_admin,
        request,
        "import_upload.html",
        _("Importér referat"),
        form=form,
        max_bytes=settings.MINUTES_MAX_UPLOAD_BYTES,
        max_pages=settings.MINUTES_MAX_PDF_PAGES,
    )


def new_record(request, upload, municipality):
    return ImportRecord(
        user=request.user,
        file_name=PurePath(upload.name).name[:300],
        size=upload.size,
        sha256=sha256_of(upload),
        municipality=municipality,
    )


def refuse(request, upload, municipality, error):
    record = new_record(request, upload, municipality)
    record.status, record.error, record.finished = ImportRecord.Status.REFUSED, error, timezone.now()
    record.save()
    return record


def accept_upload(request, upload, municipality):
    """Read and parse the upload; store it as pending, or log it as refused with the reason."""
    try:
        text = text_of_upload(
            upload, max_pdf_pages=settings.MINUTES_MAX_PDF_PAGES, timeout=settings.MINUTES_PDF_TIMEOUT
        )
        parsed = parse_text(text, municipality=municipality or None)
        if not parsed:
            raise MinutesError("not minutes or an agenda in a known format (no meeting found)")
        plan_meetings(parsed)  # raises what saving would refuse
    except MinutesError as exc:
        return refuse(request, upload, municipality, str(exc))
    except Exception as exc:  # a parser bug must not cost the clerk a 500; it is logged in full
        logger.exception("importing %s failed", upload.name)
        return refuse(request, upload, municipality, f"internal error: {exc.__class__.__name__}: {exc}")
    record = new_record(request, upload, municipality)
    upload.seek(0)
    key = f"{PENDING_DIR}/{uuid.uuid4().hex}{'.pdf' if is_pdf(upload.read(1024)) else '.txt'}"
    upload.seek(0)
    record.file.name = default_storage.save(key, upload)
    default_storage.save(text_name(record.file.name), ContentFile(text.encode("utf-8")))
    record.save()
    request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, []), record.pk]
    return record


def sha256_of(upload):
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def text_name(name):
    """Where the text read from the pending upload `name` is kept between the steps."""
    return f"{name}.txt"


# Step 2 and 3 -------------------------------------------------------------------------------


def pending_record(request, pk):
    """The pending import `pk` if this session uploaded it, else 404."""
    if pk not in request.session.get(SESSION_KEY, []):
        raise Http404
    return get_object_or_404(ImportRecord, pk=pk, user=request.user, status=ImportRecord.Status.PENDING)


def forget(request, record):
    request.session[SESSION_KEY] = [pk for pk in request.session.get(SESSION_KEY, []) if pk != record.pk]


def delete_pending(record):
    for name in (text_name(record.file.name), record.file.name):
        if name.startswith(PENDING_DIR + "/"):
            default_storage.delete(name)


def preview_view(model_admin, request, pk):
    """The preview (GET), and confirm or cancel (POST)."""
    check_clerk(request)
    if request.method == "GET" and pk not in request.session.get(SESSION_KEY, []):
        done = ImportRecord.objects.filter(pk=pk, user=request.user, status=ImportRecord.Status.IMPORTED)
        if done.exists():
            return redirect("admin:meetings_import_done", pk=pk)
    record = pending_record(request, pk)
    if request.method == "POST" and "cancel" in request.POST:
        return cancel(request, record)
    with default_storage.open(text_name(record.file.name), "rb") as f:
        parsed = parse_text(f.read().decode("utf-8"), municipality=record.municipality or None)
    # A clerk of Aabenraa may preview a file of Aarhus's meetings, but not save it.
    not_permitted = municipalities_not_permitted(request.user, parsed)
    if not_permitted:
        messages.error(request, not_permitted_message(not_permitted))
    confirming = "confirm" in request.POST and not not_permitted

    if request.method == "POST":
        form = ConfirmForm(request.POST, parsed_meetings=parsed)
        if form.is_valid():
            plans = plan_meetings(parsed, dates=form.dates())
            if confirming and plan_key(plans) == form.cleaned_data["plan"]:
                return confirm(model_admin, request, record, parsed, form.dates())
            if confirming:
                messages.warning(
                    request,
                    _("Med de datoer, du har skrevet, ser importen anderledes ud. Se den efter, og bekræft."),
                )
            form = ConfirmForm(initial={**form.cleaned_data, "plan": plan_key(plans)}, parsed_meetings=parsed)
        else:
            plans = plan_meetings(parsed)
    else:
        plans = plan_meetings(parsed)
        form = ConfirmForm(initial={"plan": plan_key(plans)}, parsed_meetings=parsed)
    return render(
        model_admin,
        request,
        "import_preview.html",
        _("Kontrollér importen"),
        record=record,
        form=form,
        meetings=[describe(plan, index, form) for index, plan in enumerate(plans)],
    )


def plan_key(plans):
    """Which meetings are new and which stored meetings are updated, as the preview showed it."""
    return ",".join(str(plan.existing.pk) if plan.existing else "new" for plan in plans)


def cancel(request, record):
    delete_pending(record)
    record.status, record.finished, record.file = ImportRecord.Status.CANCELLED, timezone.now(), ""
    record.save()
    forget(request, record)
    messages.info(
        request, _("Importen af %(name)s er annulleret. Intet er gemt.") % {"name": record.file_name}
    )
    return redirect("admin:meetings_import_changelist")


def confirm(model_admin, request, record, parsed, dates):
    """Save all meetings of the file in one transaction, the upload as their source file."""
    if municipalities_not_permitted(request.user, parsed):
        raise PermissionDenied
    stored = None
    try:
        with transaction.atomic():
            # A second click on "confirm" waits here and then finds the import done.
            locked = ImportRecord.objects.select_for_update().filter(pk=record.pk, status=record.status)
            if not locked.exists():
                return redirect("admin:meetings_import_done", pk=record.pk)
            with default_storage.open(record.file.name, "rb") as f:
                data = f.read()
            source_field = Meeting._meta.get_field("source_file")
            stored = source_field.storage.save(
                source_field.generate_filename(None, record.file_name),
                ContentFile(data),
                max_length=source_field.max_length,  # long names are shortened, not refused
            )
            results = load_meetings(
                parsed, source_name=record.file_name, source_bytes=data, source_file=stored, dates=dates
            )
            pending_name = record.file.name
            record.file.name = stored
            record.status, record.finished = ImportRecord.Status.IMPORTED, timezone.now()
            record.meetings_created = sum(r.created for r in results)
            record.meetings_updated = sum(not r.created for r in results)
            record.warnings = [f"{m.committee}: {w}" for m in parsed for w in m.warnings]
            record.kept_edits = [f"{r.meeting}: {edit}" for r in results for edit in r.kept_edits]
            record.save()
            record.meetings.set([r.meeting for r in results])
            for result in results:
                message = _("Importeret fra %(name)s (import nr. %(id)s)") % {
                    "name": record.file_name,
                    "id": record.pk,
                }
                if result.created:
                    model_admin.log_addition(request, result.meeting, message)
                else:
                    model_admin.log_change(request, result.meeting, message)
    except (MinutesError, DatabaseError) as exc:
        if stored:
            default_storage.delete(stored)
        logger.warning("confirming import %s failed: %s", record.pk, exc)
        messages.error(
            request,
            _("Importen blev ikke gemt, og intet er ændret. %(reason)s")
            % {"reason": explain(exc) if isinstance(exc, MinutesError) else _("Databasen afviste den.")},
        )
        return redirect("admin:meetings_import_preview", pk=record.pk)
    default_storage.delete(text_name(pending_name))
    default_storage.delete(pending_name)
    forget(request, record)
    return redirect("admin:meetings_import_done", pk=record.pk)


def done_view(model_admin, request, pk):
    """What an import saved, with links to the meetings."""
    check_clerk(request)
    records = ImportRecord.objects.filter(status=ImportRecord.Status.IMPORTED)
    if not request.user.is_superuser:
        records = records.filter(user=request.user)
    record = get_object_or_404(records, pk=pk)
    meetings = record.meetings.with_committee().prefetch_related("items")
    return render(
        model_admin,
        request,
        "import_done.html",
        _("Importen er gemt"),
        record=record,
        meetings=meetings,
    )


# What the preview shows -----------------------------------------------------------------------


def verbose(model, name):
    if name == "attachments":
        return _("bilag")
    return str(model._meta.get_field(name).verbose_name)


def describe(plan, index, form):
    """The preview's view of one MeetingPlan: plain values for the template."""
    parsed = plan.parsed
    items = []
    for item_plan in plan.items:
        item = item_plan.parsed
        sections = [
            verbose(AgendaItem, name)
            for name in ("presentation", "recommendation", "decided_by", "decision")
            if getattr(item, name)
        ] + [section.heading for section in item.sections]
        items.append(
            {
                "number": item.number,
                "title": item.title,
                "case_number": item.case_number,
                "closed": item.closed,
                "sections": sections,
                "attachments": [a.title for a in item.attachments],
                "new": item_plan.new,
                "changes": [verbose(AgendaItem, n) for n in item_plan.changes],
                "kept_edits": [verbose(AgendaItem, n) for n in item_plan.kept_edits],
            }
        )
    return {
        "index": index,
        "parsed": parsed,
        "kind": dict(Meeting.Kind.choices).get(parsed.kind, parsed.kind),
        "date": plan.date,
        "date_field": form.date_field(index),
        "existing": plan.existing,
        "changes": [verbose(Meeting, n) if n != "participants" else _("deltagere") for n in plan.changes],
        "deleted_items": plan.deleted_items,
        "items": items,
        "kept_edits": [item for item in items if item["kept_edits"]],
        "new_items": [item for item in items if item["new"]],
        "changed_items": [item for item in items if item["changes"]],
    }


# Bilag ----------------------------------------------------------------------------------------


def bilag_upload_view(model_admin, request, meeting_pk, attachment_pk):
    """POST the PDF of one Bilag listed on a meeting; its text is extracted page by page."""
    meeting = get_object_or_404(Meeting, pk=meeting_pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, agenda_item__meeting=meeting)
    if not (
        model_admin.has_change_permission(request, meeting)
        and request.user.has_perm("attachments.change_attachment")
    ):
        raise PermissionDenied
    back = reverse("admin:meetings_meeting_change", args=[meeting.pk])  # the message shows at its top
    if request.method != "POST":
        return redirect(back)
    form = BilagForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("file", []):
            messages.error(
                request,
                _("Bilaget %(title)s blev ikke gemt: %(error)s")
                % {
                    "title": attachment.title,
                    "error": error,
                },
            )
        return redirect(back)
    upload = form.cleaned_data["file"]
    try:
        pages = extract_bilag(upload)
    except MinutesError as exc:
        messages.error(
            request,
            _("Bilaget %(title)s blev ikke gemt: %(error)s")
            % {"title": attachment.title, "error": explain(exc)},
        )
        return redirect(back)
    with transaction.atomic():
        attach_pdf(attachment, upload, pages)
        refresh_search_vectors(AgendaItem.objects.filter(pk=attachment.agenda_item_id))
        model_admin.log_change(
            request,
            attachment,
            [{"changed": {"fields": [str(_("fil")), str(_("tekst")), str(_("sider"))]}}],
        )
    messages.success(
        request,
        _("Bilaget %(title)s er gemt; teksten fra %(pages)s sider kan nu søges.")
        % {"title": attachment.title, "pages": len(pages)},
    )
    return redirect(back)
