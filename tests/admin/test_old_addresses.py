"""The import pages' addresses from before they moved to the imports app redirect permanently."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "old, new",
    [
        ("/admin/meetings/import/", "/admin/imports/import/"),
        ("/admin/meetings/import/12/", "/admin/imports/import/12/"),
        ("/admin/meetings/import/12/done/", "/admin/imports/import/12/done/"),
        ("/admin/meetings/importrecord/", "/admin/imports/importrecord/"),
        (
            "/admin/meetings/importrecord/?status__exact=refused",
            "/admin/imports/importrecord/?status__exact=refused",
        ),
        ("/admin/meetings/importrecord/3/change/", "/admin/imports/importrecord/3/change/"),
    ],
)
def test_a_get_of_an_old_address_is_moved_permanently(client, old, new):
    response = client.get(old)
    assert (response.status_code, response.url) == (301, new)


def test_a_post_to_the_old_upload_address_is_repeated_at_the_new_one(client):
    response = client.post("/admin/meetings/import/", {"x": "1"})
    assert (response.status_code, response.url) == (308, "/admin/imports/import/")


def test_the_new_addresses_are_the_admins_own(clerk_client):
    assert reverse("admin:imports_import_changelist") == "/admin/imports/import/"
    assert reverse("admin:imports_importrecord_changelist") == "/admin/imports/importrecord/"
    assert clerk_client.get("/admin/imports/import/").status_code == 200


def test_the_meetings_own_admin_pages_are_not_redirected(clerk_client):
    assert clerk_client.get("/admin/meetings/meeting/").status_code == 200
