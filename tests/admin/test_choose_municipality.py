"""A document that does not say which municipality it is from: the preview asks the clerk to choose it.

The document is a real FirstAgenda API answer of Greve's (tests/data/firstagenda_json/) with its
links taken out: the links' address (dagsordener.greve.dk) is all that says Greve in it.
"""

import gzip
import json
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from imports.detect import parse_text
from imports.messages import explain
from imports.models import ImportRecord
from imports.types import NotMinutesError
from meetings.models import Meeting

pytestmark = pytest.mark.django_db
UPLOAD_URL = "/admin/imports/import/"
GREVE = Path(__file__).resolve().parents[1] / "data" / "firstagenda_json"
ANSWER = GREVE / "greve_2022-01-10_oekonomiudvalget_e049b9bf.json.gz"


def without_links(value):
    """The JSON with every "Link" emptied."""
    if isinstance(value, dict):
        return {k: (None if k == "Link" else without_links(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [without_links(v) for v in value]
    return value


@pytest.fixture
def nameless():
    """Greve's answer for Økonomiudvalget 10 January 2022, without its links, as uploaded bytes."""
    return json.dumps(without_links(json.loads(gzip.decompress(ANSWER.read_bytes())))).encode()


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def upload(client, content):
    response = client.post(UPLOAD_URL, {"file": SimpleUploadedFile("greve.json", content)})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert re.fullmatch(r"/admin/imports/import/\d+/", response.url), response.url
    return response.url


def test_the_document_says_no_municipality_without_its_links(nameless):
    with pytest.raises(NotMinutesError, match="does not say which municipality") as refused:
        parse_text(nameless.decode())
    assert explain(refused.value).startswith("Dokumentet siger ikke, hvilken kommune det er fra.")


def test_the_upload_is_kept_and_the_preview_asks_for_the_municipality(admin_client, nameless):
    url = upload(admin_client, nameless)
    record = ImportRecord.objects.get()
    assert (record.status, record.municipality) == (ImportRecord.Status.PENDING, "")
    page = admin_client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Dokumentet siger ikke, hvilken kommune det er fra" in html
    assert 'name="municipality"' in html
    assert '<option value="Greve">Greve</option>' in html
    assert "Traceback" not in html and "does not say" not in html  # Danish, not the English error


def test_the_chosen_municipality_is_used_in_the_preview_and_saved(admin_client, nameless):
    url = upload(admin_client, nameless)
    response = admin_client.post(url, {"municipality": "Greve"})
    assert response.status_code == 302 and response.url == url
    assert ImportRecord.objects.get().municipality == "Greve"
    page = admin_client.get(url)
    html = page.content.decode()
    assert "Økonomiudvalget" in html and "<dd>Greve</dd>" in html
    done = admin_client.post(url, {"plan": page.context["form"]["plan"].value(), "confirm": "1"})
    assert done.status_code == 302 and done.url.endswith("/done/")
    meeting = Meeting.objects.get()
    assert (meeting.committee.municipality.name, meeting.committee.name) == ("Greve", "Økonomiudvalget")
    assert meeting.date.isoformat() == "2022-01-10"
    assert ImportRecord.objects.get().status == ImportRecord.Status.IMPORTED


def test_no_choice_is_asked_for_again(admin_client, nameless):
    url = upload(admin_client, nameless)
    page = admin_client.post(url, {"municipality": ""})
    assert page.status_code == 200 and page.context["form"].errors["municipality"]
    assert ImportRecord.objects.get().municipality == ""


def test_a_clerk_chooses_among_their_own_municipalities(clerk_client, nameless):
    url = upload(clerk_client, nameless)
    choices = [value for value, _ in clerk_client.get(url).context["form"].fields["municipality"].choices]
    assert choices == ["", "Aabenraa", "Aarhus"]
    page = clerk_client.post(url, {"municipality": "Greve"})
    assert page.status_code == 200 and page.context["form"].errors["municipality"]
    assert ImportRecord.objects.get().municipality == ""


def test_cancelling_instead_removes_the_upload(admin_client, nameless, settings):
    url = upload(admin_client, nameless)
    response = admin_client.post(url, {"cancel": "1"})
    assert response.status_code == 302 and response.url == UPLOAD_URL
    assert ImportRecord.objects.get().status == ImportRecord.Status.CANCELLED
    assert not list((settings.MEDIA_ROOT / "imports" / "pending").iterdir())
    assert Meeting.objects.count() == 0


def test_naming_it_on_the_upload_form_needs_no_question(admin_client, nameless):
    response = admin_client.post(
        UPLOAD_URL, {"file": SimpleUploadedFile("greve.json", nameless), "municipality": "Greve"}
    )
    assert "Økonomiudvalget" in admin_client.get(response.url).content.decode()


def test_a_file_that_cannot_be_saved_is_refused_once_the_municipality_is_chosen(admin_client, settings):
    answer = without_links(json.loads(gzip.decompress(ANSWER.read_bytes())))
    answer["Dagsordenpunkter"].append(answer["Dagsordenpunkter"][0])  # item 1 twice
    url = upload(admin_client, json.dumps(answer).encode())
    response = admin_client.post(url, {"municipality": "Greve"}, follow=True)
    assert response.redirect_chain == [(UPLOAD_URL, 302)]
    assert "punkt 1 står mere end én gang i filen" in response.content.decode()
    record = ImportRecord.objects.get()
    assert record.status == ImportRecord.Status.REFUSED and "appears more than once" in record.error
    assert not list((settings.MEDIA_ROOT / "imports" / "pending").iterdir())
    assert admin_client.get(url).status_code == 404
