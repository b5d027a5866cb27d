"""Clerk edits win: corrected fields are recorded and survive a re-import; every change is logged."""

import pytest
from django import forms
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agenda_items.models import AgendaItem
from imports.detect import parse_text
from imports.load import load_meetings
from meetings.models import Meeting

from .conftest import AABENRAA_SEED

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    text = AABENRAA_SEED.read_text(encoding="utf-8")
    return load_meetings(parse_text(text), source_name=AABENRAA_SEED.name)[0].meeting


def post_value(bound_field):
    value = bound_field.value()  # already prepared for the widget (JSON as text, objects as pks)
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return value


def form_data(form, data=None):
    """What a browser would post for an unchanged `form` (a form or formset, with prefixes)."""
    data = {} if data is None else data
    if hasattr(form, "management_form"):
        form_data(form.management_form, data)
        for member in form.forms:
            form_data(member, data)
        return data
    for bound_field in form:
        if isinstance(bound_field.field, forms.FileField):
            continue  # a browser sends no file for an unchanged file input
        value = post_value(bound_field)
        if value is True:
            value = "on"
        if value != "" or not bound_field.field.required:
            data[bound_field.html_name] = value
        if bound_field.field.show_hidden_initial:  # fields with a callable default (JSON lists)
            data[bound_field.html_initial_name] = value
    return {k: v for k, v in data.items() if v is not False}


def reimport(client, text):
    response = client.post("/admin/imports/import/", {"file": SimpleUploadedFile("a.txt", text.encode())})
    url = response.url
    page = client.get(url)
    client.post(url, {"plan": page.context["form"]["plan"].value(), "confirm": "1"})
    return page.content.decode()


def test_an_item_edited_on_its_own_page_keeps_the_edit_on_reimport(clerk_client, clerk, meeting):
    item = meeting.items.get(number="11")
    url = reverse("admin:agenda_items_agendaitem_change", args=[item.pk])
    page = clerk_client.get(url)
    data = form_data(page.context["adminform"].form)
    for formset in page.context["inline_admin_formsets"]:
        form_data(formset.formset, data)
    data["decision"] = "Godkendt, dog med den rettelse sekretariatet har lavet."
    response = clerk_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    assert item.edited_fields == ["decision"]
    entry = LogEntry.objects.get(action_flag=CHANGE)
    assert entry.user == clerk and "beslutning" in entry.get_change_message().lower()

    changed = AABENRAA_SEED.read_text(encoding="utf-8").replace(
        "Godkendt.", "Godkendt som indstillet.", 2
    )  # the second "Godkendt." is item 11's decision
    html = reimport(clerk_client, changed)
    assert "er rettet i hånden og bevares" in html
    item.refresh_from_db()
    assert item.decision == "Godkendt, dog med den rettelse sekretariatet har lavet."
    assert meeting.items.get(number="10").decision == "Godkendt som indstillet."


def test_an_item_edited_inline_on_its_meeting_is_recorded(clerk_client, meeting):
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    page = clerk_client.get(url)
    data = form_data(page.context["adminform"].form)
    for formset in page.context["inline_admin_formsets"]:
        form_data(formset.formset, data)
    [title_key] = [k for k, v in data.items() if k.endswith("-title") and v.startswith("Godkendelse af Å")]
    data[title_key] = "Årsberetning 2025 fra Kontrolgruppen (rettet titel)"
    response = clerk_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    item = AgendaItem.objects.get(title="Årsberetning 2025 fra Kontrolgruppen (rettet titel)")
    assert item.edited_fields == ["title"]
    assert all(not other.edited_fields for other in AgendaItem.objects.exclude(pk=item.pk))
    reimport(clerk_client, AABENRAA_SEED.read_text(encoding="utf-8"))
    item.refresh_from_db()
    assert item.title == "Årsberetning 2025 fra Kontrolgruppen (rettet titel)"
    assert Meeting.objects.count() == 1


def test_saving_an_unchanged_item_records_no_edit(clerk_client, meeting):
    item = meeting.items.get(number="11")
    url = reverse("admin:agenda_items_agendaitem_change", args=[item.pk])
    page = clerk_client.get(url)
    data = form_data(page.context["adminform"].form)
    for formset in page.context["inline_admin_formsets"]:
        form_data(formset.formset, data)
    assert clerk_client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.edited_fields == []


def test_the_import_log_and_the_admin_log_are_for_superusers_only(client, clerk_client, superuser, meeting):
    reimport(clerk_client, AABENRAA_SEED.read_text(encoding="utf-8"))
    for url in ("/admin/imports/importrecord/", "/admin/admin/logentry/"):
        assert clerk_client.get(url).status_code == 403
    client.force_login(superuser)
    page = client.get("/admin/imports/importrecord/")
    assert page.status_code == 200 and "a.txt" in page.content.decode()
    record_url = reverse("admin:imports_importrecord_change", args=[page.context["cl"].result_list[0].pk])
    detail = client.get(record_url).content.decode()
    assert "sekretaer" in detail and 'name="file_name"' not in detail  # read-only
    assert client.get("/admin/imports/importrecord/add/").status_code == 403
    log = client.get("/admin/admin/logentry/")
    assert log.status_code == 200 and "Importeret fra a.txt" in log.content.decode()
