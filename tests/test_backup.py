"""Backup round trip: the archive exported with `dumpdata`, loaded into an empty database, is the same.

docs/OPERATIONS.md describes the backups a site runs (pg_dump, pg_restore); this pins that the
archive's own export loses nothing: every row of every archive table, byte for byte, compared by
count and by a SHA-256 over the ordered rows.
"""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection

from agenda_items.models import AgendaItem, Case
from attachments.models import Attachment
from bench.minutes import aabenraa_minutes
from imports.detect import parse_text
from imports.load import load_meetings
from imports.models import ImportRecord
from meetings.models import Committee, Meeting, Municipality, MunicipalityClerk, Person
from tests.factories import AgendaItemFactory, AttachmentFactory, meeting_with_items

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "fixtures" / "minutes"
EXPORTED_APPS = ["auth.group", "auth.user", "meetings", "agenda_items", "attachments", "imports"]
ARCHIVE = [
    Municipality,
    Committee,
    Person,
    Meeting,
    Meeting.participants.through,
    Case,
    AgendaItem,
    AgendaItem.absences.through,
    Attachment,
    MunicipalityClerk,
    ImportRecord,
    ImportRecord.meetings.through,
    User,
    User.groups.through,
]

pytestmark = pytest.mark.django_db(transaction=True)


def columns_and_order(model):
    """What of a table's rows to compare. Users are known by username: with natural keys a restored
    user (and the Clerk group) may get another id, and what points at a user follows the name."""
    columns = []
    # Many-to-many rows are exported as lists on their objects, so they come back with new ids.
    drop_id = model is User or model._meta.auto_created
    for field in model._meta.concrete_fields:
        if drop_id and field.primary_key:
            continue
        if field.is_relation and field.related_model in {User, Group}:
            columns.append(f"{field.name}__{'username' if field.related_model is User else 'name'}")
        else:
            columns.append(field.attname)
    if model is User:
        return columns, ["username"]
    if model._meta.auto_created:
        return columns, columns
    return columns, ["pk"]


def archive_checksums(using="default"):
    """{table: [row count, SHA-256 of its rows in a fixed order]} for every archive table."""
    found = {}
    for model in ARCHIVE:
        columns, order = columns_and_order(model)
        digest, count = hashlib.sha256(), 0
        for row in model.objects.using(using).order_by(*order).values_list(*columns).iterator():
            digest.update(json.dumps(row, default=str, sort_keys=True, ensure_ascii=False).encode() + b"\n")
            count += 1
        found[model._meta.db_table] = [count, digest.hexdigest()]
    return found


CHECKSUMS_SCRIPT = """
import json

import django

django.setup()
from tests.test_backup import archive_checksums

print(json.dumps(archive_checksums()))
"""


def fill_archive():
    """The seed minutes as imported, and made-up rows for what the seeds lack."""
    for seed in sorted(SEEDS.glob("*.txt")):
        load_meetings(parse_text(seed.read_text(encoding="utf-8")), source_name=seed.name)
    meeting = meeting_with_items(3, location='Byrådssalen "Nord" <b>& æøå</b>')
    AgendaItemFactory(meeting=meeting, closed=True, title="Lukket punkt: Køb af ejendom")
    AttachmentFactory(
        agenda_item=meeting.items.first(), text="Side et\n\nSide to", pages=["Side et", "Side to"]
    )
    clerk = User.objects.create_user("sekretaer", password="hemmelig-kode-1", is_staff=True)
    clerk.groups.add(Group.objects.get_or_create(name="Clerk")[0])  # flushed by earlier transactional tests
    MunicipalityClerk.objects.create(user=clerk, municipality=Municipality.objects.get(name="Aabenraa"))
    record = ImportRecord.objects.create(
        user=clerk, file_name="referat.txt", status=ImportRecord.Status.IMPORTED, warnings=["en advarsel"]
    )
    record.meetings.set(Meeting.objects.filter(committee__municipality__name="Aabenraa"))


def export(tmp_path):
    """The archive as `dumpdata` writes it. XML, because the JSON encoder rounds timestamps to
    milliseconds; natural keys, because the empty database has its own Clerk group already."""
    dump = tmp_path / "archive.xml"
    call_command(
        "dumpdata",
        *EXPORTED_APPS,
        format="xml",
        natural_foreign=True,
        natural_primary=True,
        output=str(dump),
        verbosity=0,
    )
    return dump


def child_env(database_url, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {**env, "DATABASE_URL": database_url, "DJANGO_MEDIA_ROOT": str(tmp_path / "media")}


@pytest.fixture
def empty_database_url(tmp_path):
    """The URL of a second, empty database: migrated, with no archive in it."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        name = f"{db['NAME']}_restore"
        server = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"

        def sql(statement):
            with connection.cursor() as cursor:  # outside a transaction: transaction=True
                cursor.execute(statement)

        sql(f'DROP DATABASE IF EXISTS "{name}"')
        sql(f'CREATE DATABASE "{name}"')
        url = f"{server}/{name}"
    else:
        url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=ROOT,
        env=child_env(url, tmp_path),
        check=True,
        timeout=300,
    )
    yield url
    if connection.vendor == "postgresql":
        sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_archive_survives_export_and_restore_into_an_empty_database(empty_database_url, tmp_path):
    fill_archive()
    before = archive_checksums()
    assert all(count > 0 for count, _ in before.values()), before

    dump = export(tmp_path)

    env = child_env(empty_database_url, tmp_path)
    empty = subprocess.run(
        [sys.executable, "-c", CHECKSUMS_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert all(count == 0 for count, _ in json.loads(empty.stdout).values()), "not an empty database"

    subprocess.run(
        [sys.executable, "manage.py", "loaddata", str(dump), "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    restored = subprocess.run(
        [sys.executable, "-c", CHECKSUMS_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert restored.returncode == 0, restored.stderr
    after = json.loads(restored.stdout)
    assert {t: c for t, (c, _) in after.items()} == {t: c for t, (c, _) in before.items()}  # counts
    assert after == before  # and content


def test_a_restored_archive_takes_new_imports(empty_database_url, tmp_path):
    """After loaddata the id sequences continue past the restored rows (no duplicate-key errors)."""
    fill_archive()
    dump = export(tmp_path)
    env = child_env(empty_database_url, tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "loaddata", str(dump), "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    new = tmp_path / "ny.txt"
    new.write_text(aabenraa_minutes(3, committee="Teknik- og Miljøudvalget"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_minutes", str(new)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0 and "created" in result.stdout, result.stderr
