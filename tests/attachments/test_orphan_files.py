"""Finding 7: no file is left behind by replacing, deleting or re-importing, and cleanup_files
finds the rest (unreferenced files, uploads never confirmed or cancelled)."""

import datetime
import io
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from attachments.models import Attachment
from imports.detect import parse_text
from imports.load import load_meetings
from imports.models import ImportRecord
from meetings.models import Meeting
from tests.admin.conftest import AABENRAA_SEED
from tests.factories import AgendaItemFactory, AttachmentFactory

# Real commits: files go only after one (transaction.on_commit).
pytestmark = pytest.mark.django_db(transaction=True)


def stored(settings, name):
    return (settings.MEDIA_ROOT / name).exists()


@pytest.fixture
def bilag():
    attachment = AttachmentFactory(agenda_item=AgendaItemFactory())
    attachment.attach_pdf(ContentFile(b"%PDF-1.4 one", name="Bilag 1.pdf"), ["side 1"])
    return attachment


def test_replacing_a_bilags_pdf_deletes_the_old_file(bilag, settings):
    old = bilag.file.name
    bilag.attach_pdf(ContentFile(b"%PDF-1.4 two", name="Bilag 1 rettet.pdf"), ["side 1"])
    assert bilag.file.name != old
    assert not stored(settings, old) and stored(settings, bilag.file.name)
    assert bilag.original_name == "Bilag 1 rettet.pdf"


def test_deleting_a_bilag_an_item_or_a_meeting_deletes_the_files(settings):
    names = []
    for target in ("bilag", "item", "meeting"):
        attachment = AttachmentFactory(agenda_item=AgendaItemFactory())
        attachment.attach_pdf(ContentFile(b"%PDF-1.4", name="b.pdf"), ["x"])
        names.append(attachment.file.name)
        {"bilag": attachment, "item": attachment.agenda_item, "meeting": attachment.agenda_item.meeting}[
            target
        ].delete()
    assert not any(stored(settings, name) for name in names)


def test_nothing_is_deleted_before_the_commit_nor_by_a_rollback(bilag, settings):
    pk = bilag.pk
    with pytest.raises(RuntimeError), transaction.atomic():
        bilag.delete()
        assert stored(settings, bilag.file.name)  # still there inside the transaction
        raise RuntimeError("rolled back")
    assert stored(settings, bilag.file.name)
    assert Attachment.objects.filter(pk=pk).exists()


def test_a_reimport_that_drops_an_item_deletes_its_bilag_file(settings):
    text = AABENRAA_SEED.read_text(encoding="utf-8")
    meeting = load_meetings(parse_text(text))[0].meeting
    last = meeting.items.order_by("-order").first()
    attachment = AttachmentFactory(agenda_item=last, order=99)
    attachment.attach_pdf(ContentFile(b"%PDF-1.4", name="b.pdf"), ["x"])
    name = attachment.file.name
    # The same minutes without their last item.
    cut = text.index(f"Punkt {last.number}:")
    load_meetings(parse_text(text[:cut]))
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not stored(settings, name)


def test_a_shared_source_file_stays_while_another_row_refers_to_it(settings):
    source = ContentFile(b"REFERAT", name="referat.txt")
    field = Meeting._meta.get_field("source_file")
    name = field.storage.save("minutes/2026/referat.txt", source)
    first = load_meetings(parse_text(AABENRAA_SEED.read_text(encoding="utf-8")), source_file=name)[0].meeting
    record = ImportRecord.objects.create(
        file_name="referat.txt", file=name, status=ImportRecord.Status.IMPORTED
    )
    first.delete()
    assert stored(settings, name)  # the import log still keeps it
    record.delete()
    assert not stored(settings, name)


def age(path, days):
    old = time.time() - days * 86400
    os.utime(path, (old, old))


def run_cleanup(*args):
    out = io.StringIO()
    call_command("cleanup_files", *args, stdout=out)
    return out.getvalue()


def test_cleanup_files_deletes_unreferenced_old_files_only(bilag, settings):
    orphan = settings.MEDIA_ROOT / "attachments" / "2024" / "glemt.pdf"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"%PDF-1.4 orphan")
    fresh = settings.MEDIA_ROOT / "attachments" / "2024" / "netop-uploadet.pdf"
    fresh.write_bytes(b"%PDF-1.4 in flight")
    age(orphan, 3)
    age(settings.MEDIA_ROOT / bilag.file.name, 3)

    dry = run_cleanup("--dry-run")
    assert "would delete attachments/2024/glemt.pdf" in dry
    assert orphan.exists()

    report = run_cleanup()
    assert "delete attachments/2024/glemt.pdf" in report
    assert not orphan.exists()
    assert fresh.exists()  # younger than the grace period: perhaps an upload in progress
    assert stored(settings, bilag.file.name)  # referenced


def test_cleanup_files_expires_pending_uploads_older_than_a_day(settings):
    pending_dir = settings.MEDIA_ROOT / "imports" / "pending"
    pending_dir.mkdir(parents=True)
    records = {}
    for label, days in (("old", 2), ("new", 0)):
        name = f"imports/pending/{label}.pdf"
        (settings.MEDIA_ROOT / name).write_bytes(b"%PDF-1.4")
        (settings.MEDIA_ROOT / f"{name}.txt").write_bytes(b"REFERAT")
        records[label] = ImportRecord.objects.create(file_name=f"{label}.pdf", file=name)
        ImportRecord.objects.filter(pk=records[label].pk).update(
            created=timezone.now() - datetime.timedelta(days=days)
        )
        age(settings.MEDIA_ROOT / name, days)
        age(settings.MEDIA_ROOT / f"{name}.txt", days)

    dry = run_cleanup("--dry-run")
    assert f"expire pending upload {records['old'].pk}" in dry
    assert ImportRecord.objects.get(pk=records["old"].pk).status == ImportRecord.Status.PENDING

    run_cleanup()

    old, new = (ImportRecord.objects.get(pk=records[label].pk) for label in ("old", "new"))
    assert old.status == ImportRecord.Status.CANCELLED and "expired" in old.error and not old.file
    assert not (pending_dir / "old.pdf").exists() and not (pending_dir / "old.pdf.txt").exists()
    assert new.status == ImportRecord.Status.PENDING
    assert (pending_dir / "new.pdf").exists() and (pending_dir / "new.pdf.txt").exists()
