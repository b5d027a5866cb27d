"""The admin's import pages: upload, preview, fill in a missing date, confirm or cancel."""

import re

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agenda_items.models import AgendaItem
from bench.pdfmaker import make_pdf
from imports.models import ImportRecord
from meetings.models import Meeting

from .conftest import AABENRAA_SEED, AARHUS_SEED, UNDATED

pytestmark = pytest.mark.django_db
UPLOAD_URL = "/admin/imports/import/"


def upload(client, name, content, **data):
    if isinstance(content, str):
        content = content.encode("utf-8")
    return client.post(UPLOAD_URL, {"file": SimpleUploadedFile(name, content), **data})


def preview_url(response):
    assert response.status_code == 302, response.content.decode()[:2000]
    assert re.fullmatch(r"/admin/imports/import/\d+/", response.url), response.url
    return response.url


def plan_of(client, url):
    return client.get(url).context["form"]["plan"].value()


def confirm(client, url, **data):
    return client.post(url, {"plan": plan_of(client, url), "confirm": "1", **data})


def test_the_import_page_is_linked_from_the_meetings_changelist(clerk_client):
    page = clerk_client.get(reverse("admin:meetings_meeting_changelist"))
    assert f'href="{UPLOAD_URL}"' in page.content.decode()
    assert reverse("admin:imports_import_changelist") == UPLOAD_URL


def test_uploading_text_shows_a_preview_of_what_was_understood(clerk_client):
    url = preview_url(upload(clerk_client, "aabenraa.txt", AABENRAA_SEED.read_bytes()))
    page = clerk_client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Arbejdsmarkeds- og Uddannelsesudvalget" in html
    assert "3. februar 2026" in html
    assert "Referat" in html and "10 punkter" in html
    assert "Godkendelse af opfølgning på Beskæftigelsesplan 2023-26" in html
    assert "22/12287" in html  # case number of item 11
    assert "sagsfremstilling" in html and "indstilling" in html  # sections found
    assert "Opfølgning på Beskæftigelsesplan 2023-26" in html  # a Bilag of item 11
    assert "Nyt møde" in html
    assert Meeting.objects.count() == 0  # nothing saved before confirming


def test_the_upload_is_kept_server_side_between_the_steps(clerk_client, settings):
    url = preview_url(upload(clerk_client, "aabenraa.txt", AABENRAA_SEED.read_bytes()))
    record = ImportRecord.objects.get()
    assert record.status == ImportRecord.Status.PENDING
    assert record.file.name.startswith("imports/pending/")
    assert (settings.MEDIA_ROOT / record.file.name).read_bytes() == AABENRAA_SEED.read_bytes()
    assert "file" not in clerk_client.get(url).context["form"].fields  # nothing round-trips


def test_confirming_saves_everything_and_links_to_the_meeting(clerk_client, clerk, settings):
    url = preview_url(upload(clerk_client, "aabenraa.txt", AABENRAA_SEED.read_bytes()))
    done = confirm(clerk_client, url)
    assert done.status_code == 302 and done.url.endswith("/done/")
    meeting = Meeting.objects.get()
    assert meeting.items.count() == 10
    assert meeting.source_name == "aabenraa.txt"
    assert meeting.source_file.name.startswith("minutes/")
    # Stored under a random name, not the uploaded one (the file view offers the uploaded name).
    assert re.fullmatch(r"minutes/\d{4}/[0-9a-f]{32}\.txt", meeting.source_file.name)
    assert meeting.source_file.read() == AABENRAA_SEED.read_bytes()
    assert not list((settings.MEDIA_ROOT / "imports" / "pending").iterdir())  # pending copy removed
    page = clerk_client.get(done.url).content.decode()
    assert meeting.get_absolute_url() in page
    assert reverse("admin:meetings_meeting_change", args=[meeting.pk]) in page
    record = ImportRecord.objects.get()
    assert (record.status, record.user, record.meetings_created, record.meetings_updated) == (
        ImportRecord.Status.IMPORTED,
        clerk,
        1,
        0,
    )
    assert record.file.name == meeting.source_file.name
    assert len(record.sha256) == 64 and record.sha256 == meeting.source_hash
    assert list(record.meetings.all()) == [meeting]
    entry = LogEntry.objects.get()
    assert (entry.user, entry.action_flag, entry.object_id) == (clerk, ADDITION, str(meeting.pk))
    assert "aabenraa.txt" in entry.change_message


def test_uploading_a_pdf_gives_the_same_meeting(clerk_client, tmp_path):
    pdf = make_pdf(AABENRAA_SEED.read_text(encoding="utf-8"), tmp_path / "referat.pdf")
    url = preview_url(upload(clerk_client, "referat.pdf", pdf.read_bytes()))
    assert "10 punkter" in clerk_client.get(url).content.decode()
    confirm(clerk_client, url)
    meeting = Meeting.objects.get()
    assert meeting.items.count() == 10
    assert meeting.source_file.name.endswith(".pdf")


def test_a_long_file_name_is_shortened_for_storage(clerk_client):
    name = "referat-" + "meget-lang-" * 20 + ".txt"
    confirm(clerk_client, preview_url(upload(clerk_client, name, AABENRAA_SEED.read_bytes())))
    meeting = Meeting.objects.get()
    assert meeting.source_name == name
    assert len(meeting.source_file.name) <= 100 and meeting.source_file.name.endswith(".txt")


def test_windows_1252_text_is_read(clerk_client):
    url = preview_url(upload(clerk_client, "cp1252.txt", UNDATED.encode("cp1252")))
    assert "Social- og Seniorudvalget" in clerk_client.get(url).content.decode()


def test_a_missing_date_is_asked_for_and_used(clerk_client):
    url = preview_url(upload(clerk_client, "uden-dato.txt", UNDATED))
    page = clerk_client.get(url)
    html = page.content.decode()
    assert "Dokumentet angiver ikke mødets dato" in html
    assert "Mødets dato er ikke angivet" in html  # the parser's own warning
    assert 'name="date_0"' in html
    confirm(clerk_client, url, date_0="2026-05-12")
    meeting = Meeting.objects.get()
    assert meeting.date.isoformat() == "2026-05-12"


@pytest.mark.parametrize("bad", ["2026-02-31", "i morgen", "1066-10-14"])
def test_a_date_that_is_not_a_real_meeting_date_is_refused(clerk_client, bad):
    url = preview_url(upload(clerk_client, "uden-dato.txt", UNDATED))
    page = confirm(clerk_client, url, date_0=bad)
    assert page.status_code == 200
    assert page.context["form"].errors["date_0"]
    assert Meeting.objects.count() == 0


def test_the_date_may_be_left_empty(clerk_client):
    url = preview_url(upload(clerk_client, "uden-dato.txt", UNDATED))
    confirm(clerk_client, url, date_0="")
    assert Meeting.objects.get().date is None


def test_reuploading_updates_instead_of_duplicating(clerk_client):
    confirm(clerk_client, preview_url(upload(clerk_client, "a.txt", AABENRAA_SEED.read_bytes())))
    meeting = Meeting.objects.get()
    items = set(AgendaItem.objects.values_list("pk", flat=True))
    url = preview_url(upload(clerk_client, "a.txt", AABENRAA_SEED.read_bytes()))
    html = clerk_client.get(url).content.decode()
    assert "Opdaterer et møde, der allerede er i arkivet" in html
    assert "Filen siger det samme som arkivet" in html
    confirm(clerk_client, url)
    assert list(Meeting.objects.all()) == [meeting]
    assert set(AgendaItem.objects.values_list("pk", flat=True)) == items
    record = ImportRecord.objects.filter(status=ImportRecord.Status.IMPORTED).first()
    assert (record.meetings_created, record.meetings_updated) == (0, 1)
    assert LogEntry.objects.filter(action_flag=CHANGE).count() == 1


def test_the_preview_tells_what_a_corrected_version_changes(clerk_client):
    confirm(clerk_client, preview_url(upload(clerk_client, "a.txt", AABENRAA_SEED.read_bytes())))
    corrected = AABENRAA_SEED.read_text(encoding="utf-8").replace("Godkendt.", "Godkendt med ændringer.", 1)
    html = clerk_client.get(preview_url(upload(clerk_client, "a2.txt", corrected))).content.decode()
    assert "Ændres: beslutning" in html


def test_reuploading_an_undated_file_finds_the_meeting_the_clerk_dated(clerk_client):
    confirm(clerk_client, preview_url(upload(clerk_client, "u.txt", UNDATED)), date_0="2026-05-12")
    url = preview_url(upload(clerk_client, "u.txt", UNDATED))
    html = clerk_client.get(url).content.decode()
    assert "Opdaterer et møde" in html and "indtastet tidligere" in html
    confirm(clerk_client, url)  # no date entered this time: the one entered before stays
    assert Meeting.objects.get().date.isoformat() == "2026-05-12"


def test_a_file_with_several_meetings_imports_them_all(clerk_client):
    url = preview_url(upload(clerk_client, "aarhus.txt", AARHUS_SEED.read_bytes()))
    page = clerk_client.get(url)
    assert len(page.context["meetings"]) == 3
    undated = [m["index"] for m in page.context["meetings"] if not m["parsed"].date]
    confirm(clerk_client, url, **{f"date_{i}": "2024-06-17" for i in undated})
    assert Meeting.objects.count() == 3
    assert Meeting.objects.filter(date__isnull=True).count() == 0
    assert Meeting.objects.values("source_file").distinct().count() == 1  # one stored copy


def test_two_meetings_of_one_file_cannot_get_the_same_date(clerk_client):
    url = preview_url(upload(clerk_client, "aarhus.txt", AARHUS_SEED.read_bytes()))
    page = clerk_client.get(url)
    [undated] = [m for m in page.context["meetings"] if not m["parsed"].date]
    page = confirm(clerk_client, url, **{f"date_{undated['index']}": "2024-06-24"})
    assert page.status_code == 200 and page.context["form"].errors
    assert Meeting.objects.count() == 0


def test_a_date_that_turns_out_to_be_an_existing_meeting_is_shown_before_saving(clerk_client):
    confirm(clerk_client, preview_url(upload(clerk_client, "u.txt", UNDATED)), date_0="2026-05-12")
    changed = UNDATED.replace("Punkt 2: Ny organisering af hjemmeplejen", "Punkt 2: Ny organisering")
    url = preview_url(upload(clerk_client, "u2.txt", changed))
    assert "Nyt møde" in clerk_client.get(url).content.decode()  # other items: not found by them
    page = confirm(clerk_client, url, date_0="2026-05-12")
    assert page.status_code == 200  # shown again, not saved: it is an update after all
    assert "Opdaterer et møde" in page.content.decode()
    assert AgendaItem.objects.get(number="2").title == "Ny organisering af hjemmeplejen"
    again = client_confirm_shown(clerk_client, url, page)
    assert again.status_code == 302
    assert Meeting.objects.count() == 1
    assert AgendaItem.objects.get(number="2").title == "Ny organisering"


def client_confirm_shown(client, url, page):
    form = page.context["form"]
    return client.post(url, {"plan": form["plan"].value(), "date_0": "2026-05-12", "confirm": "1"})


def test_cancel_saves_nothing_and_removes_the_upload(clerk_client, settings):
    url = preview_url(upload(clerk_client, "aabenraa.txt", AABENRAA_SEED.read_bytes()))
    response = clerk_client.post(url, {"cancel": "1"})
    assert response.status_code == 302 and response.url == UPLOAD_URL
    assert Meeting.objects.count() == 0 and AgendaItem.objects.count() == 0
    assert not list((settings.MEDIA_ROOT / "imports" / "pending").iterdir())
    assert ImportRecord.objects.get().status == ImportRecord.Status.CANCELLED
    assert clerk_client.post(url, {"plan": "new", "confirm": "1"}).status_code == 404
    assert Meeting.objects.count() == 0


def test_an_import_can_be_confirmed_once(clerk_client):
    url = preview_url(upload(clerk_client, "aabenraa.txt", AABENRAA_SEED.read_bytes()))
    plan = plan_of(clerk_client, url)
    clerk_client.post(url, {"plan": plan, "confirm": "1"})
    assert clerk_client.post(url, {"plan": plan, "confirm": "1"}).status_code == 404
    assert clerk_client.get(url).status_code == 302  # to the result page
    assert ImportRecord.objects.get().meetings_created == 1


def test_another_users_pending_import_is_not_theirs_to_confirm(clerk_client, client, superuser):
    url = preview_url(upload(clerk_client, "aabenraa.txt", AABENRAA_SEED.read_bytes()))
    other = User.objects.create_user("anden", is_staff=True)
    other.groups.add(*User.objects.get(username="sekretaer").groups.all())
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert client.post(url, {"plan": "new", "confirm": "1"}).status_code == 404


def test_anonymous_users_get_the_login_page(client):
    response = client.get(UPLOAD_URL)
    assert response.status_code == 302 and response.url.startswith("/admin/login/")


def test_staff_outside_the_clerk_group_are_refused(client):
    user = User.objects.create_user("redaktoer", is_staff=True)
    client.force_login(user)
    assert client.get(UPLOAD_URL).status_code == 403
    assert client.post(UPLOAD_URL, {"file": SimpleUploadedFile("a.txt", b"x")}).status_code == 403
    assert ImportRecord.objects.count() == 0


def test_non_staff_clerks_get_the_login_page(client, clerk):
    clerk.is_staff = False
    clerk.save()
    client.force_login(clerk)
    assert client.get(UPLOAD_URL).url.startswith("/admin/login/")


def test_superusers_may_import(client, superuser):
    client.force_login(superuser)
    url = preview_url(upload(client, "aabenraa.txt", AABENRAA_SEED.read_bytes()))
    assert confirm(client, url).status_code == 302
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize("kind", ["txt", "pdf"])
def test_uploads_go_through_the_storage_api(clerk_client, settings, tmp_path, kind):
    # An object store (django-storages' S3) has no local paths: nothing may rely on one.
    in_memory = {"BACKEND": "django.core.files.storage.InMemoryStorage"}
    settings.STORAGES = {**settings.STORAGES, "default": in_memory}
    content = AABENRAA_SEED.read_bytes()
    if kind == "pdf":
        content = make_pdf(content.decode("utf-8"), tmp_path / "a.pdf").read_bytes()
    confirm(clerk_client, preview_url(upload(clerk_client, f"referat.{kind}", content)))
    meeting = Meeting.objects.get()
    assert meeting.items.count() == 10
    assert meeting.source_file.read() == content
    assert not (settings.MEDIA_ROOT / "minutes").exists()
