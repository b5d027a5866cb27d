"""Finding 1: every Bilag link the pages and the API emit works, through the closed-item rule.

Pages and the API used to link /media/attachments/<year>/<original name>.pdf, which nothing
served. Now a file's address is /files/<stored name>, answered by attachments.views.stored_file:
an open item's Bilag to anyone, a closed item's only to staff of its municipality, the meeting's
source document only to staff.
"""

import os
import re

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from attachments.models import Attachment
from meetings.models import MunicipalityClerk
from tests.factories import AgendaItemFactory, AttachmentFactory, MeetingFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db

PUBLIC_PDF = b"%PDF-1.4 offentligt bilag"
CLOSED_PDF = b"%PDF-1.4 lukket bilag"


@pytest.fixture
def meeting():
    meeting = MeetingFactory()
    public_item = AgendaItemFactory(meeting=meeting, number="1", order=1, title="Budget 2026")
    closed_item = AgendaItemFactory(meeting=meeting, number="2", order=2, closed=True, title="Personalesag")
    public = AttachmentFactory(agenda_item=public_item, order=1, title="Budgetoversigt")
    public.original_name = "Bilag 1 - Budgetoversigt for Ærø og Å.pdf"
    public.file.save(public.original_name, ContentFile(PUBLIC_PDF))
    closed = AttachmentFactory(agenda_item=closed_item, order=1, title="Lægeerklæring")
    closed.original_name = "Lægeerklæring.pdf"
    closed.file.save(closed.original_name, ContentFile(CLOSED_PDF))
    meeting.public, meeting.closed = public, closed
    return meeting


def file_links(text):
    return set(re.findall(r"(?:https?://testserver)?(/files/[^\"'<>\s]+)", text))


def emitted_links(client, meeting):
    """Every /files/ address in every page and API answer that shows the meeting or its items."""
    addresses = [
        f"/meetings/{meeting.pk}/",
        f"/en/meetings/{meeting.pk}/",
        f"/meetings/{meeting.pk}/punkt/1/",
        f"/meetings/{meeting.pk}/punkt/2/",
        f"/api/meetings/{meeting.pk}/",
        f"/api/items/{meeting.public.agenda_item_id}/",
        f"/api/items/{meeting.closed.agenda_item_id}/",
        f"/api/items/?meeting={meeting.pk}",
        f"/meetings/{meeting.pk}/ocd.json",
    ]
    links = set()
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        links |= file_links(response.content.decode())
    return links


def test_stored_names_are_random_and_the_uploaded_name_is_kept(meeting):
    name = meeting.public.file.name
    assert re.fullmatch(r"attachments/\d{4}/[0-9a-f]{32}\.pdf", name), name
    assert "Budget" not in name
    assert meeting.public.original_name == "Bilag 1 - Budgetoversigt for Ærø og Å.pdf"


def test_every_emitted_link_works_for_a_reader_and_none_leads_to_the_closed_item(client, meeting):
    links = emitted_links(client, meeting)

    assert links == {meeting.public.file.url}
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, link
        assert b"".join(response.streaming_content) == PUBLIC_PDF
        assert response["Content-Type"] == "application/pdf"


def test_the_closed_items_bilag_is_not_found_for_readers_and_non_staff(client, meeting):
    assert client.get(meeting.closed.file.url).status_code == 404
    client.force_login(User.objects.create_user("laeser"))
    assert client.get(meeting.closed.file.url).status_code == 404
    # Guessing the old address or the original name leads nowhere either.
    assert client.get("/media/" + meeting.closed.file.name).status_code == 404
    assert client.get("/files/attachments/2025/Lægeerklæring.pdf").status_code == 404


def test_staff_of_the_municipality_get_the_closed_items_bilag(client, meeting):
    clerk = User.objects.create_user("klerk", is_staff=True)
    MunicipalityClerk.objects.create(user=clerk, municipality=meeting.committee.municipality)
    client.force_login(clerk)

    response = client.get(meeting.closed.file.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CLOSED_PDF
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_staff_of_another_municipality_do_not(client, meeting):
    other = User.objects.create_user("anden", is_staff=True)
    MunicipalityClerk.objects.create(user=other, municipality=MunicipalityFactory())
    client.force_login(other)
    assert client.get(meeting.closed.file.url).status_code == 404


def test_superusers_get_every_file_and_see_the_links_on_the_admin_page(client, meeting):
    client.force_login(User.objects.create_superuser("admin", password="x"))
    assert client.get(meeting.closed.file.url).status_code == 200
    admin_page = client.get(f"/admin/meetings/meeting/{meeting.pk}/change/").content.decode()
    assert {meeting.public.file.url, meeting.closed.file.url} <= file_links(admin_page)


def test_closing_an_item_withdraws_its_bilag_at_once(client, meeting):
    url = meeting.public.file.url
    assert client.get(url).status_code == 200
    item = meeting.public.agenda_item
    item.closed = True
    item.save()
    assert client.get(url).status_code == 404


def test_a_public_file_is_cacheable_with_validators_and_its_uploaded_name(client, meeting):
    response = client.get(meeting.public.file.url)

    assert response["Cache-Control"] == "public, no-cache"
    assert response["ETag"] and response["Last-Modified"]
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline;")
    # RFC 6266 / 5987: an ASCII fallback is not needed, the UTF-8 name is given as filename*=.
    assert (
        "filename*=utf-8''Bilag%201%20-%20Budgetoversigt%20for%20%C3%86r%C3%B8%20og%20%C3%85.pdf"
        in disposition
    )

    again = client.get(meeting.public.file.url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_proxy_lifetime_is_a_short_s_maxage(client, meeting, settings):
    settings.PROXY_CACHE_SECONDS = 10
    response = client.get(meeting.public.file.url)
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=10, must-revalidate"


@pytest.mark.parametrize(
    ("mode", "header", "expected"),
    [
        ("x-accel", "X-Accel-Redirect", "/protected-media/{name}"),
        ("x-sendfile", "X-Sendfile", "{root}/{name}"),
    ],
)
def test_the_bytes_are_handed_to_the_web_server_when_configured(
    client, meeting, settings, mode, header, expected
):
    settings.MINUTES_FILE_ACCEL = mode
    response = client.get(meeting.public.file.url)
    assert response.status_code == 200
    root = str(settings.MEDIA_ROOT.resolve())
    assert response[header] == expected.format(name=meeting.public.file.name, root=root)
    assert response.content == b""
    # ... and still refused for the closed item.
    response = client.get(meeting.closed.file.url)
    assert response.status_code == 404 and header not in response


def test_a_row_stored_under_its_old_guessable_name_still_works(client, meeting, settings):
    old_name = "attachments/2024/Bilag 7 gammel.pdf"
    (settings.MEDIA_ROOT / "attachments" / "2024").mkdir(parents=True)
    (settings.MEDIA_ROOT / old_name).write_bytes(PUBLIC_PDF)
    Attachment.objects.filter(pk=meeting.public.pk).update(file=old_name, original_name="")
    meeting.public.refresh_from_db()

    response = client.get(meeting.public.file.url)

    assert meeting.public.file.url == "/files/attachments/2024/Bilag%207%20gammel.pdf"
    assert response.status_code == 200
    assert 'filename="Bilag 7 gammel.pdf"' in response["Content-Disposition"]


def test_a_bilag_known_only_by_the_publisher_links_there_and_one_without_either_is_plain_text(client):
    item = AgendaItemFactory(number="1")
    AttachmentFactory(
        agenda_item=item, title="Hos udgiveren", url="https://dagsordener.greve.dk/Vis/Pdf/bilag/1234"
    )
    AttachmentFactory(agenda_item=item, title="Kun titlen")
    page = client.get(f"/meetings/{item.meeting_id}/").content.decode()
    api = client.get(f"/api/items/{item.pk}/").json()

    assert '<a href="https://dagsordener.greve.dk/Vis/Pdf/bilag/1234">Hos udgiveren</a>' in page
    assert "<li>Kun titlen</li>" in page
    assert [(a["title"], a["file_url"], a["publisher_url"]) for a in api["attachments"]] == [
        ("Hos udgiveren", None, "https://dagsordener.greve.dk/Vis/Pdf/bilag/1234"),
        ("Kun titlen", None, None),
    ]


def test_paths_outside_the_media_folder_and_unknown_names_are_not_found(client, meeting):
    assert client.get("/files/../settings.py").status_code == 404
    assert client.get("/files/attachments/2026/" + "0" * 32 + ".pdf").status_code == 404
    assert client.post(meeting.public.file.url).status_code == 405
    # Found by bench/probe.py: a NUL byte in the name was a 500 (ValueError from the file system).
    for bad in ("/files/%00", "/files/attachments/%00.pdf", "/files/a%0Ab.pdf", "/files/%7F"):
        assert client.get(bad).status_code == 404, bad


def test_a_meetings_source_document_is_for_staff_of_its_municipality_only(client, meeting):
    field = meeting._meta.get_field("source_file")
    meeting.source_name = "Referat ØU 3. februar.pdf"
    meeting.source_file = field.storage.save("minutes/2026/referat-ou.pdf", ContentFile(b"%PDF-1.4 kilde"))
    meeting.save()
    url = meeting.source_file.url

    assert client.get(url).status_code == 404
    client.force_login(User.objects.create_user("laeser"))
    assert client.get(url).status_code == 404
    outsider = User.objects.create_user("anden", is_staff=True)
    MunicipalityClerk.objects.create(user=outsider, municipality=MunicipalityFactory())
    client.force_login(outsider)
    assert client.get(url).status_code == 404

    clerk = User.objects.create_user("klerk", is_staff=True)
    MunicipalityClerk.objects.create(user=clerk, municipality=meeting.committee.municipality)
    client.force_login(clerk)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 kilde"
    assert "filename*=utf-8''Referat%20%C3%98U%203.%20februar.pdf" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_a_pending_upload_is_for_its_uploader_and_superusers_only(client):
    from imports.models import ImportRecord

    uploader = User.objects.create_user("klerk", is_staff=True)
    record = ImportRecord.objects.create(
        user=uploader, file_name="referat.pdf", file="imports/pending/abc.pdf"
    )
    path = record.file.path
    os.makedirs(os.path.dirname(path))
    with open(path, "wb") as f:
        f.write(b"%PDF-1.4 pending")

    client.force_login(User.objects.create_user("kollega", is_staff=True))
    assert client.get(record.file.url).status_code == 404
    client.force_login(uploader)
    assert client.get(record.file.url).status_code == 200
