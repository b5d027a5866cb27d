"""A clerk uploads the PDF of a listed Bilag on its meeting's page; its text becomes searchable."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from attachments.models import Attachment
from bench.pdfmaker import make_pdf
from imports.detect import parse_text
from imports.load import load_meetings

from .conftest import AABENRAA_SEED

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return load_meetings(parse_text(AABENRAA_SEED.read_text(encoding="utf-8")))[0].meeting


@pytest.fixture
def bilag(meeting):
    return Attachment.objects.filter(agenda_item__meeting=meeting).order_by("agenda_item__order", "order")[0]


@pytest.fixture
def pdf(tmp_path):
    text = "Opfølgning på Beskæftigelsesplan\n\nErhvervsfrekvensen er steget.\n Side to: ledigheden er lav."
    return make_pdf(text, tmp_path / "bilag.pdf").read_bytes()


def upload(client, meeting, bilag, name, content):
    url = reverse("admin:meetings_meeting_bilag", args=[meeting.pk, bilag.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content)}, follow=True)


def test_the_meeting_page_lists_its_bilag_with_an_upload_form(clerk_client, meeting, bilag):
    html = clerk_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).content.decode()
    assert bilag.title in html
    assert reverse("admin:meetings_meeting_bilag", args=[meeting.pk, bilag.pk]) in html


def test_an_uploaded_bilag_pdf_is_stored_with_its_text_page_by_page(clerk_client, clerk, meeting, bilag, pdf):
    response = upload(clerk_client, meeting, bilag, "bilag.pdf", pdf)
    assert "2 sider" in response.content.decode()
    bilag.refresh_from_db()
    assert bilag.file.name.startswith("attachments/") and bilag.file.read() == pdf
    assert bilag.pages == [
        "Opfølgning på Beskæftigelsesplan\n\nErhvervsfrekvensen er steget.",
        "Side to: ledigheden er lav.",
    ]
    assert "ledigheden er lav" in bilag.text
    entry = LogEntry.objects.get()
    assert (entry.user, entry.action_flag, entry.object_id) == (clerk, CHANGE, str(bilag.pk))


def test_the_bilag_text_survives_a_reimport(clerk_client, meeting, bilag, pdf):
    upload(clerk_client, meeting, bilag, "bilag.pdf", pdf)
    load_meetings(parse_text(AABENRAA_SEED.read_text(encoding="utf-8")))
    bilag.refresh_from_db()
    assert bilag.file and "ledigheden er lav" in bilag.text and len(bilag.pages) == 2


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("bilag.txt", b"Bare tekst", "skal uploades som PDF"),
        ("itu.pdf", b"%PDF-1.7 broken", "beskadiget"),
    ],
)
def test_a_bad_bilag_file_is_refused_with_a_message(clerk_client, meeting, bilag, name, content, message):
    response = upload(clerk_client, meeting, bilag, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    bilag.refresh_from_db()
    assert not bilag.file and bilag.pages == []


def test_an_encrypted_bilag_is_refused(clerk_client, meeting, bilag, tmp_path):
    locked = make_pdf("Hemmeligt", tmp_path / "l.pdf", encrypt_with="kode").read_bytes()
    html = upload(clerk_client, meeting, bilag, "l.pdf", locked).content.decode()
    assert "krypteret" in html
    bilag.refresh_from_db()
    assert not bilag.file


def test_a_bilag_over_the_size_limit_is_refused(clerk_client, meeting, bilag, pdf, settings):
    settings.MINUTES_MAX_UPLOAD_BYTES = 100
    assert "Filen fylder" in upload(clerk_client, meeting, bilag, "b.pdf", pdf).content.decode()
    bilag.refresh_from_db()
    assert not bilag.file


def test_a_bilag_of_another_meeting_is_not_found(clerk_client, meeting, bilag, pdf):
    text = AABENRAA_SEED.read_text(encoding="utf-8")
    text = text.replace("03-02-2026", "10-02-2026").replace("03. februar 2026", "10. februar 2026")
    other = load_meetings(parse_text(text))[0].meeting
    assert other.pk != meeting.pk
    url = reverse("admin:meetings_meeting_bilag", args=[other.pk, bilag.pk])
    assert clerk_client.post(url, {"file": SimpleUploadedFile("b.pdf", pdf)}).status_code == 404


def test_users_without_change_permission_cannot_upload_bilag(client, meeting, bilag, pdf):
    client.force_login(User.objects.create_user("laeser", is_staff=True))
    url = reverse("admin:meetings_meeting_bilag", args=[meeting.pk, bilag.pk])
    assert client.post(url, {"file": SimpleUploadedFile("b.pdf", pdf)}).status_code == 403


@pytest.mark.postgres
def test_an_uploaded_bilag_makes_its_item_findable(clerk_client, meeting, bilag, pdf):
    from django.contrib.postgres.search import SearchQuery

    from agenda_items.models import AgendaItem

    query = SearchQuery("erhvervsfrekvensen steget", config="danish")
    assert not AgendaItem.objects.filter(pk=bilag.agenda_item_id, search_vector=query).exists()
    upload(clerk_client, meeting, bilag, "bilag.pdf", pdf)
    assert AgendaItem.objects.filter(pk=bilag.agenda_item_id, search_vector=query).exists()
