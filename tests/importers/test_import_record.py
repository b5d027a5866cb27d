"""The ImportRecord's changes of state: refused, imported, cancelled, expired; and which are stale."""

import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from imports.detect import parse_text
from imports.load import load_meetings
from imports.models import PENDING_DIR, ImportRecord, text_name

pytestmark = pytest.mark.django_db
SEED = next((Path(__file__).resolve().parents[2] / "fixtures" / "minutes").glob("aabenraa-*.txt"))
Status = ImportRecord.Status


def pending(age=datetime.timedelta(0), name="referat.txt"):
    """A pending upload `age` old, with its file and text in the storage as the upload step keeps them."""
    record = ImportRecord(file_name=name, user=User.objects.get_or_create(username="sekretaer")[0])
    record.file.name = default_storage.save(f"{PENDING_DIR}/{name}", ContentFile(b"REFERAT"))
    default_storage.save(text_name(record.file.name), ContentFile(b"REFERAT"))
    record.save()
    ImportRecord.objects.filter(pk=record.pk).update(created=timezone.now() - age)
    record.refresh_from_db()
    return record


def stored(record_files):
    return [default_storage.exists(name) for name in record_files]


def test_stale_is_pending_uploads_older_than_a_day():
    old = pending(datetime.timedelta(days=1, minutes=1), "old.txt")
    pending(datetime.timedelta(hours=23), "new.txt")
    done = pending(datetime.timedelta(days=3), "done.txt")
    ImportRecord.objects.filter(pk=done.pk).update(status=Status.IMPORTED)
    assert list(ImportRecord.objects.stale()) == [old]
    assert len(ImportRecord.objects.stale(age=datetime.timedelta(hours=1))) == 2


def test_expire_cancels_with_a_note_and_deletes_the_upload():
    record = pending(datetime.timedelta(days=2))
    files = record.pending_files()
    assert stored(files) == [True, True]
    assert record.expire() is True
    record.refresh_from_db()
    assert (record.status, record.file.name) == (Status.CANCELLED, "")
    assert record.error.startswith("expired") and record.finished is not None
    assert stored(files) == [False, False]
    assert list(ImportRecord.objects.stale()) == []


def test_expire_leaves_an_import_that_is_no_longer_pending_alone():
    record = pending(datetime.timedelta(days=2))
    stale = ImportRecord.objects.get(pk=record.pk)
    assert record.cancel() is True
    assert stale.expire() is False  # cancelled meanwhile
    assert (stale.status, stale.error) == (Status.CANCELLED, "")


def test_expire_runs_in_its_own_transaction():
    # The upload is deleted once the status is committed; inside another transaction it cannot be.
    record = pending(datetime.timedelta(days=2))
    with pytest.raises(RuntimeError), transaction.atomic():
        record.expire()


def test_cancel_deletes_the_upload_and_its_text():
    record = pending()
    files = record.pending_files()
    assert record.cancel() is True
    assert (record.status, record.error, record.file.name) == (Status.CANCELLED, "", "")
    assert ImportRecord.objects.get().status == Status.CANCELLED
    assert stored(files) == [False, False]


def test_refuse_logs_a_new_upload_with_its_reason():
    record = ImportRecord(file_name="indkoeb.txt", size=12).refuse("not minutes or an agenda")
    record.refresh_from_db()
    assert (record.status, record.error) == (Status.REFUSED, "not minutes or an agenda")
    assert record.finished is not None and not record.file


def test_refusing_a_pending_upload_deletes_it():
    record = pending()
    files = record.pending_files()
    record.refuse("item number 1 appears more than once")
    assert ImportRecord.objects.get().status == Status.REFUSED
    assert stored(files) == [False, False]


def test_mark_imported_records_what_was_saved():
    record = pending()
    files = record.pending_files()
    parsed = parse_text(SEED.read_text(encoding="utf-8"))
    with transaction.atomic():
        results = load_meetings(parsed, source_name="referat.txt")
        record.mark_imported(results, parsed, source_file="minutes/2026/referat.txt")
    record.refresh_from_db()
    assert (record.status, record.file.name) == (Status.IMPORTED, "minutes/2026/referat.txt")
    assert (record.meetings_created, record.meetings_updated) == (1, 0)
    assert list(record.meetings.all()) == [results[0].meeting]
    assert record.pending_files() == []
    assert stored(files) == [True, True]  # the caller deletes the pending copy after the commit
