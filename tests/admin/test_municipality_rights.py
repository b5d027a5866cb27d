"""Per-municipality rights: a clerk of Aabenraa changes Aabenraa's minutes and not Aarhus's."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.urls import reverse

from agenda_items.models import AgendaItem, Case
from attachments.models import Attachment
from imports.models import ImportRecord
from meetings.models import Committee, Meeting, Municipality, Person
from tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    CaseFactory,
    CommitteeFactory,
    MeetingFactory,
    MunicipalityFactory,
    PersonFactory,
)

from .conftest import AABENRAA_SEED, AARHUS_SEED, make_clerk_of

pytestmark = pytest.mark.django_db
UPLOAD_URL = "/admin/imports/import/"


def archive_of(name):
    """One municipality's committee, meeting, item, case, person and Bilag."""
    municipality = MunicipalityFactory(name=name, slug=name.lower())
    committee = CommitteeFactory(municipality=municipality, name=f"Byrådet {name}")
    person = PersonFactory(municipality=municipality, name=f"Borgmester {name}")
    meeting = MeetingFactory(committee=committee, participants=[person])
    case = CaseFactory(municipality=municipality)
    item = AgendaItemFactory(meeting=meeting, case=case, title=f"Budget {name}")
    attachment = AttachmentFactory(agenda_item=item, title=f"Bilag {name}")
    return {
        "municipality": municipality,
        "committee": committee,
        "person": person,
        "meeting": meeting,
        "case": case,
        "agendaitem": item,
        "attachment": attachment,
    }


@pytest.fixture
def aabenraa():
    return archive_of("Aabenraa")


@pytest.fixture
def aarhus():
    return archive_of("Aarhus")


@pytest.fixture
def aabenraa_clerk(aabenraa):
    user = User.objects.create_user("aabenraa-sekretaer", password="hemmelig-kode-3", is_staff=True)
    user.groups.add(Group.objects.get(name="Clerk"))
    make_clerk_of(user, "Aabenraa")
    return user


@pytest.fixture
def aabenraa_client(client, aabenraa_clerk):
    client.force_login(aabenraa_clerk)
    return client


def admin_url(obj, action="change"):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{action}", args=[obj.pk])


def changelist(obj_or_model):
    opts = obj_or_model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


def as_post(form):
    """The values a browser would send back for an unchanged admin form."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is None or isinstance(value, FieldFile) or value is False:
            continue
        if value is True:
            data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        else:
            data[bound.html_name] = str(value)
    return data


def change_form_data(response):
    """POST data for an admin change page as it was shown: the form and its inlines' forms."""
    data = as_post(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data.update(as_post(inline.formset.management_form))
        for form in inline.formset.forms:
            data.update(as_post(form))
    return data


MODELS = ["committee", "person", "meeting", "case", "agendaitem", "attachment"]


# What a clerk sees ---------------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS)
def test_a_clerk_lists_only_their_own_municipalitys_objects(aabenraa_client, aabenraa, aarhus, model):
    response = aabenraa_client.get(changelist(aabenraa[model]))
    assert response.status_code == 200
    shown = list(response.context["cl"].queryset)
    assert shown == [aabenraa[model]]


@pytest.mark.parametrize("model", MODELS)
def test_a_clerk_cannot_open_another_municipalitys_object(aabenraa_client, aarhus, model):
    response = aabenraa_client.get(admin_url(aarhus[model]))
    # The admin answers as for an object that does not exist: back to the admin's front page.
    assert response.status_code == 302 and response.url == reverse("admin:index")


@pytest.mark.parametrize("model", MODELS)
def test_a_clerk_can_open_their_own_municipalitys_object(aabenraa_client, aabenraa, model):
    assert aabenraa_client.get(admin_url(aabenraa[model])).status_code == 200


def test_a_clerk_of_no_municipality_sees_no_meetings(client, aabenraa, aarhus):
    user = User.objects.create_user("ny", password="hemmelig-kode-4", is_staff=True)
    user.groups.add(Group.objects.get(name="Clerk"))
    client.force_login(user)
    assert list(client.get(changelist(Meeting)).context["cl"].queryset) == []


def test_a_superuser_sees_every_municipality(admin_client, aabenraa, aarhus):
    shown = set(admin_client.get(changelist(Meeting)).context["cl"].queryset)
    assert shown == {aabenraa["meeting"], aarhus["meeting"]}
    assert admin_client.get(admin_url(aarhus["meeting"])).status_code == 200


def test_editable_by_gives_nothing_to_inactive_or_non_staff_users(aabenraa, aabenraa_clerk):
    assert list(Municipality.objects.editable_by(aabenraa_clerk)) == [aabenraa["municipality"]]
    aabenraa_clerk.is_staff = False
    assert not Municipality.objects.editable_by(aabenraa_clerk).exists()
    aabenraa_clerk.is_staff, aabenraa_clerk.is_active = True, False
    assert not Municipality.objects.editable_by(aabenraa_clerk).exists()


# What a clerk changes ------------------------------------------------------------------------


def test_a_clerk_changes_their_own_meeting(aabenraa_client, aabenraa):
    meeting = aabenraa["meeting"]
    data = change_form_data(aabenraa_client.get(admin_url(meeting)))
    data["location"] = "Rådhuset, mødelokale 1"
    response = aabenraa_client.post(admin_url(meeting), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert meeting.location == "Rådhuset, mødelokale 1"


@pytest.mark.parametrize("model, field", [("meeting", "location"), ("agendaitem", "title")])
def test_a_clerk_cannot_change_another_municipalitys_object(
    aabenraa_client, admin_client, aarhus, model, field
):
    obj = aarhus[model]
    data = change_form_data(admin_client.get(admin_url(obj)))  # the form as a superuser sees it
    data[field] = "Ændret af en fremmed"
    response = aabenraa_client.post(admin_url(obj), data)
    assert response.status_code in {302, 403}
    obj.refresh_from_db()
    assert getattr(obj, field) != "Ændret af en fremmed"


@pytest.mark.parametrize("model", MODELS)
def test_a_clerk_cannot_delete_another_municipalitys_object(aabenraa_client, aabenraa_clerk, aarhus, model):
    obj = aarhus[model]
    # Even with the delete permission (the Clerk group has none), the municipality decides.
    aabenraa_clerk.user_permissions.add(Permission.objects.get(codename=f"delete_{model}"))
    aabenraa_client.post(admin_url(obj, "delete"), {"post": "yes"})
    assert type(obj).objects.filter(pk=obj.pk).exists()
    # Nor through the changelist's bulk action.
    aabenraa_client.post(
        changelist(obj),
        {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
    )
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_a_clerk_with_the_delete_permission_deletes_their_own_meeting(
    aabenraa_client, aabenraa_clerk, aabenraa
):
    # Deleting a meeting deletes its items and Bilag, so the admin asks for those permissions too.
    aabenraa_clerk.user_permissions.add(
        *Permission.objects.filter(codename__in=["delete_meeting", "delete_agendaitem", "delete_attachment"])
    )
    aabenraa_client.post(admin_url(aabenraa["meeting"], "delete"), {"post": "yes"})
    assert not Meeting.objects.filter(pk=aabenraa["meeting"].pk).exists()


def test_a_clerk_cannot_move_a_meeting_to_another_municipalitys_committee(aabenraa_client, aabenraa, aarhus):
    meeting = aabenraa["meeting"]
    data = change_form_data(aabenraa_client.get(admin_url(meeting)))
    data["committee"] = str(aarhus["committee"].pk)
    response = aabenraa_client.post(admin_url(meeting), data)
    assert response.status_code == 200 and "committee" in response.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert meeting.committee == aabenraa["committee"]


def test_a_clerk_cannot_add_a_meeting_to_another_municipalitys_committee(aabenraa_client, aarhus):
    before = Meeting.objects.count()
    response = aabenraa_client.post(
        reverse("admin:meetings_meeting_add"),
        {
            "committee": str(aarhus["committee"].pk),
            "kind": "minutes",
            "date": "2026-03-03",
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200 and "committee" in response.context["adminform"].form.errors
    assert Meeting.objects.count() == before


def test_a_clerk_cannot_give_an_item_another_municipalitys_case(aabenraa_client, aabenraa, aarhus):
    item = aabenraa["agendaitem"]
    data = change_form_data(aabenraa_client.get(admin_url(item)))
    data["case"] = str(aarhus["case"].pk)
    response = aabenraa_client.post(admin_url(item), data)
    assert response.status_code == 200 and "case" in response.context["adminform"].form.errors
    item.refresh_from_db()
    assert item.case == aabenraa["case"]


def test_a_clerk_cannot_add_another_municipalitys_committee(aabenraa_client, aarhus):
    response = aabenraa_client.post(
        reverse("admin:meetings_committee_add"),
        {"municipality": str(aarhus["municipality"].pk), "name": "Nyt udvalg", "slug": "nyt-udvalg"},
    )
    assert response.status_code == 200
    assert not Committee.objects.filter(name="Nyt udvalg").exists()


def test_the_choices_offered_are_the_clerks_own(aabenraa_client, aabenraa, aarhus):
    form = aabenraa_client.get(admin_url(aabenraa["meeting"])).context["adminform"].form
    assert list(form.fields["committee"].queryset) == [aabenraa["committee"]]
    assert list(form.fields["participants"].queryset) == [aabenraa["person"]]
    # The participants' autocomplete asks PersonAdmin, which lists only the clerk's people.
    response = aabenraa_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "meetings", "model_name": "meeting", "field_name": "participants", "term": "Borg"},
    )
    assert [r["text"] for r in response.json()["results"]] == [str(aabenraa["person"])]


def test_a_clerk_cannot_upload_a_bilag_to_another_municipalitys_meeting(aabenraa_client, aarhus):
    url = reverse("admin:meetings_meeting_bilag", args=[aarhus["meeting"].pk, aarhus["attachment"].pk])
    response = aabenraa_client.post(url, {"file": SimpleUploadedFile("b.pdf", b"%PDF-1.4 x")})
    assert response.status_code == 403
    assert not Attachment.objects.get(pk=aarhus["attachment"].pk).file


# The import pages ------------------------------------------------------------------------------


def upload(client, path):
    response = client.post(UPLOAD_URL, {"file": SimpleUploadedFile(path.name, path.read_bytes())})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response.url


def confirm(client, url):
    plan = client.get(url).context["form"]["plan"].value()
    return client.post(url, {"plan": plan, "confirm": "1"})


def test_a_clerk_imports_their_own_municipalitys_minutes(aabenraa_client, aabenraa):
    url = upload(aabenraa_client, AABENRAA_SEED)
    response = confirm(aabenraa_client, url)
    assert response.status_code == 302 and response.url.endswith("/done/")
    assert Meeting.objects.filter(committee__municipality=aabenraa["municipality"]).count() == 2


def test_the_preview_says_a_clerk_may_not_import_another_municipality(aabenraa_client, aarhus):
    url = upload(aabenraa_client, AARHUS_SEED)
    html = aabenraa_client.get(url).content.decode()
    assert "Du er ikke sekretær for Aarhus" in html


def test_confirming_another_municipalitys_import_is_refused(aabenraa_client, aarhus):
    before = set(Meeting.objects.values_list("pk", flat=True))
    url = upload(aabenraa_client, AARHUS_SEED)
    response = confirm(aabenraa_client, url)
    assert response.status_code == 200
    assert "Du er ikke sekretær for Aarhus" in response.content.decode()
    assert set(Meeting.objects.values_list("pk", flat=True)) == before
    assert ImportRecord.objects.get().status == ImportRecord.Status.PENDING  # the clerk may cancel it


def test_a_clerk_cannot_import_a_municipality_the_archive_does_not_have(aabenraa_client, aabenraa):
    before = Meeting.objects.count()
    url = upload(aabenraa_client, AARHUS_SEED)  # Aarhus is not in the archive yet
    assert "Du er ikke sekretær for Aarhus" in confirm(aabenraa_client, url).content.decode()
    assert Meeting.objects.count() == before
    assert not Municipality.objects.filter(name="Aarhus").exists()


def test_a_superuser_imports_any_municipality_a_new_one_too(admin_client):
    url = upload(admin_client, AARHUS_SEED)
    assert "Du er ikke sekretær" not in admin_client.get(url).content.decode()
    assert confirm(admin_client, url).status_code == 302
    assert Meeting.objects.filter(committee__municipality__name="Aarhus").exists()


def test_a_superuser_gives_a_clerk_municipalities_on_the_users_page(admin_client, aabenraa_clerk):
    html = admin_client.get(admin_url(aabenraa_clerk)).content.decode()
    assert "kommuner, brugeren er sekretær for" in html.lower()
    assert "Aabenraa" in html


def test_models_with_rights_cover_every_archive_model():
    from meetings.admin import MUNICIPALITY_OF

    assert {Committee, Person, Case, Meeting, AgendaItem, Attachment} <= set(MUNICIPALITY_OF)
