"""The admin's "Import minutes" pages: upload, preview, confirm or cancel; and Bilag uploads.

A clerk uploads the document the council's system produced. The file is read and parsed at
once (a file we cannot read is refused on the page and logged), then kept in the default
storage under imports/pending/ with its text beside it; the session only remembers which
ImportRecord the clerk may confirm. The preview shows what the importer understood, what it
would create or change, and what it could not find; confirming saves everything in one
transaction, with the upload as the meetings' source document. A document that does not say
which municipality it is from is kept too; its preview first asks the clerk to choose it.

What becomes of an upload is recorded on its ImportRecord (imports/models.py), whose methods make
each change of state; the Danish messages for the importer's errors are in imports/messages.py.
"""

import hashlib
import logging
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
from django.utils.translation import gettext as _

from agenda_items.models import AgendaItem
from attachments.models import Attachment
from meetings.models import Meeting, Municipality, is_clerk

from .detect import pages_of_upload, parse_text, text_of_upload
from .diffs import word_diff
from .forms import BilagForm, ConfirmForm, MunicipalityForm, UploadForm
from .load import load_meetings, plan_meetings
from .messages import NO_MUNICIPALITY, explain, needs_municipality
from .models import PENDING_DIR, ImportRecord, delete_files, text_name
from .pdf import is_pdf
from .types import MinutesError

logger = logging.getLogger(__name__)

SESSION_KEY = "minutes_imports"  # ImportRecord ids this session uploaded and may confirm


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
    return TemplateResponse(request, f"admin/imports/{template}", context)


# Step 1 -------------------------------------------------------------------------------------


def expire_stale():
    """Expire uploads left pending for more than a day (as `manage.py cleanup_files` does), so the
    import log never shows an abandoned preview as still waiting; their files are deleted."""
    for record in ImportRecord.objects.stale():
        record.expire()


def upload_view(model_admin, request):
    """The upload form; a file we can read and parse is stored as pending and previewed."""
    check_clerk(request)
    expire_stale()
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_bound:
        upload = request.FILES.get("file")
        if form.is_valid():
            record = accept_upload(request, upload, form.cleaned_data["municipality"])
            if record.status == ImportRecord.Status.PENDING:
                return redirect("admin:imports_import_preview", pk=record.pk)
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
    return new_record(request, upload, municipality).refuse(error)


def read_upload(upload, municipality):
    """The upload's text, read and parsed as saving would (raises MinutesError where it cannot be).

    A document that does not say its municipality, uploaded without one, is no error here: the
    preview asks the clerk to choose it."""
    text = text_of_upload(
        upload, max_pdf_pages=settings.MINUTES_MAX_PDF_PAGES, timeout=settings.MINUTES_PDF_TIMEOUT
    )
    try:
        parse_and_plan(text, municipality)
    except MinutesError as exc:
        if not needs_municipality(exc):
            raise
    return text


def parse_and_plan(text, municipality):
    """The meetings of `text`, checked as saving would check them (raises what saving would refuse)."""
    parsed = parse_text(text, municipality=municipality or None)
    if not parsed:
        raise MinutesError("not minutes or an agenda in a known format (no meeting found)")
    plan_meetings(parsed)
    return parsed


def accept_upload(request, upload, municipality):
    """Read and parse the upload; store it as pending, or log it as refused with the reason."""
    try:
        text = read_upload(upload, municipality)
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


# Step 2 and 3 -------------------------------------------------------------------------------


def pending_record(request, pk):
    """The pending import `pk` if this session uploaded it, else 404."""
    if pk not in request.session.get(SESSION_KEY, []):
        raise Http404
    return get_object_or_404(ImportRecord, pk=pk, user=request.user, status=ImportRecord.Status.PENDING)


def forget(request, record):
    request.session[SESSION_KEY] = [pk for pk in request.session.get(SESSION_KEY, []) if pk != record.pk]


def preview_view(model_admin, request, pk):
    """The preview (GET), and confirm or cancel (POST); first the municipality where it is missing."""
    check_clerk(request)
    if request.method == "GET" and pk not in request.session.get(SESSION_KEY, []):
        done = ImportRecord.objects.filter(pk=pk, user=request.user, status=ImportRecord.Status.IMPORTED)
        if done.exists():
            return redirect("admin:imports_import_done", pk=pk)
    record = pending_record(request, pk)
    if request.method == "POST" and "cancel" in request.POST:
        return cancel(request, record)
    try:
        parsed = parse_text(record.read_text(), municipality=record.municipality or None)
    except MinutesError as exc:
        if not needs_municipality(exc):
            raise
        return choose_municipality(model_admin, request, record)
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
        counts=counts(plans),
    )


def choose_municipality(model_admin, request, record):
    """The document does not say its municipality: the clerk chooses it, and the file is read again
    with it (a file that then cannot be saved is refused, as at the upload)."""
    form = MunicipalityForm(request.POST if "municipality" in request.POST else None, user=request.user)
    if form.is_valid():
        name = form.cleaned_data["municipality"]
        try:
            parse_and_plan(record.read_text(), name)
        except MinutesError as exc:
            forget(request, record)
            record.refuse(str(exc))
            messages.error(request, explain(exc))
            return redirect("admin:imports_import_changelist")
        record.choose_municipality(name)
        return redirect("admin:imports_import_preview", pk=record.pk)
    return render(
        model_admin,
        request,
        "import_municipality.html",
        _("Vælg kommunen"),
        record=record,
        form=form,
        reason=explain(NO_MUNICIPALITY),
    )


def plan_key(plans):
    """Which meetings are new and which stored meetings are updated, as the preview showed it."""
    return ",".join(str(plan.existing.pk) if plan.existing else "new" for plan in plans)


def cancel(request, record):
    record.cancel()
    forget(request, record)
    messages.info(
        request, _("Importen af %(name)s er annulleret. Intet er gemt.") % {"name": record.file_name}
    )
    return redirect("admin:imports_import_changelist")


def confirm(model_admin, request, record, parsed, dates):
    """Save all meetings of the file in one transaction, the upload as their source file."""
    if municipalities_not_permitted(request.user, parsed):
        raise PermissionDenied
    stored = None
    pending = record.pending_files()
    try:
        # Durable: committed when the block ends, so the pending copy is deleted only after that.
        with transaction.atomic(durable=True):
            # A second click on "confirm" waits here and then finds the import done.
            locked = ImportRecord.objects.select_for_update().filter(pk=record.pk, status=record.status)
            if not locked.exists():
                return redirect("admin:imports_import_done", pk=record.pk)
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
            record.mark_imported(results, parsed, source_file=stored)
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
        return redirect("admin:imports_import_preview", pk=record.pk)
    delete_files(pending)
    forget(request, record)
    return redirect("admin:imports_import_done", pk=record.pk)


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
                "differences": differences(AgendaItem, item_plan.differences),
            }
        )
    return {
        "index": index,
        "parsed": parsed,
        "kind": dict(Meeting.Kind.choices).get(parsed.kind, parsed.kind),
        "date": plan.date,
        "date_field": form.date_field(index),
        "existing": plan.existing,
        "repeats": plan.repeats,
        "changes": [verbose(Meeting, n) if n != "participants" else _("deltagere") for n in plan.changes],
        "differences": differences(Meeting, plan.differences),
        "deleted_items": plan.deleted_items,
        "items": items,
        "kept_edits": [item for item in items if item["kept_edits"]],
        "new_items": [item for item in items if item["new"]],
        "changed_items": [item for item in items if item["changes"]],
    }


def field_name(model, name):
    if name in ("participants", "absences"):
        return _("deltagere") if name == "participants" else _("afbud")
    if name in ("history", "positions", "case"):
        return {"history": _("tidligere behandling"), "positions": _("holdninger"), "case": _("sag")}[name]
    return verbose(model, name)


def differences(model, values):
    """[{"field", "old", "new"}]: each changed field's stored and new text, words marked (diffs.py)."""
    rows = []
    for name, (old, new) in values.items():
        old_html, new_html = word_diff(old, new)
        rows.append({"field": field_name(model, name), "old": old_html, "new": new_html})
    return rows


def counts(plans):
    """What the import would do, counted as the saved import's LoadResults count it."""
    return {
        "meetings_created": sum(not plan.updates for plan in plans),
        "meetings_updated": sum(plan.updates for plan in plans),
        "items_created": sum(item.new for plan in plans for item in plan.items),
        "items_updated": sum(bool(item.changes) for plan in plans for item in plan.items),
        "items_deleted": sum(len(plan.deleted_items) for plan in plans),
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
        pages = pages_of_upload(
            upload, max_pages=settings.MINUTES_MAX_PDF_PAGES, timeout=settings.MINUTES_PDF_TIMEOUT
        )
    except MinutesError as exc:
        messages.error(
            request,
            _("Bilaget %(title)s blev ikke gemt: %(error)s")
            % {"title": attachment.title, "error": explain(exc)},
        )
        return redirect(back)
    with transaction.atomic():
        attachment.attach_pdf(upload, pages)  # saving the Bilag refreshes its item's search columns
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
