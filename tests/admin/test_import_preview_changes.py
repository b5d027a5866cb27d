"""The re-import preview shows each change word by word, counts what the saved import then reports,
and an upload left pending for more than a day shows as expired in the import log."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage
from django.utils import timezone

from imports.load import load_meetings, plan_meetings
from imports.models import EXPIRED_NOTE, ImportRecord
from imports.types import ParsedItem, ParsedMeeting
from meetings.models import Committee

from .conftest import AABENRAA_SEED
from .test_import_flow import confirm, preview_url, upload

pytestmark = pytest.mark.django_db


def corrected_seed():
    return AABENRAA_SEED.read_text(encoding="utf-8").replace("Godkendt.", "Godkendt med <b>ændringer</b>.", 1)


def test_the_preview_shows_the_changed_words_old_and_new_escaped(clerk_client):
    confirm(clerk_client, preview_url(upload(clerk_client, "a.txt", AABENRAA_SEED.read_bytes())))
    page = clerk_client.get(preview_url(upload(clerk_client, "a2.txt", corrected_seed())))
    html = BeautifulSoup(page.content, "html.parser")
    [diff] = html.select(".import-diff")
    before, after = diff.find_all("p")
    assert before.get_text() == "Godkendt."
    assert before.find("del").get_text() == "Godkendt."
    assert after.get_text() == "Godkendt med <b>ændringer</b>."
    assert after.find("ins").get_text() == "Godkendt med <b>ændringer</b>."
    assert after.find("b") is None  # the document's text is escaped, never markup
    assert "beslutning" in diff.find_previous("h3").get_text()


def test_a_change_inside_a_text_marks_only_the_changed_words(clerk_client):
    confirm(clerk_client, preview_url(upload(clerk_client, "a.txt", AABENRAA_SEED.read_bytes())))
    text = AABENRAA_SEED.read_text(encoding="utf-8")
    title = "Godkendelse af Årsberetning 2025 fra Kontrolgruppen"  # Punkt 12 of the seed
    words = title.split()
    changed = text.replace(f"Punkt 12: {title}", "Punkt 12: " + " ".join([*words[:-1], "Rettet"]), 1)
    page = clerk_client.get(preview_url(upload(clerk_client, "a3.txt", changed)))
    diff = BeautifulSoup(page.content, "html.parser").select_one(".import-diff")
    before, after = diff.find_all("p")
    assert [d.get_text() for d in before.find_all("del")] == [words[-1]]
    assert [i.get_text() for i in after.find_all("ins")] == ["Rettet"]
    assert after.get_text() == " ".join([*words[:-1], "Rettet"])


def test_the_previews_counts_are_the_saved_imports_counts(clerk_client):
    confirm(clerk_client, preview_url(upload(clerk_client, "a.txt", AABENRAA_SEED.read_bytes())))
    url = preview_url(upload(clerk_client, "a2.txt", corrected_seed()))
    counts = clerk_client.get(url).context["counts"]
    assert (counts["meetings_created"], counts["meetings_updated"], counts["items_updated"]) == (0, 1, 1)
    confirm(clerk_client, url)
    record = ImportRecord.objects.filter(status=ImportRecord.Status.IMPORTED).latest("id")
    assert (record.meetings_created, record.meetings_updated) == (0, 1)


def parsed(committee="Økonomiudvalget", external_id="", number="1", title="Godkendelse af dagsorden"):
    return ParsedMeeting(
        municipality="Aabenraa",
        committee=committee,
        kind="minutes",
        date=datetime.date(2026, 2, 3),
        external_id=external_id,
        items=[ParsedItem(number=number, title=title)],
    )


def plan_counts(plans):
    return [
        (plan.updates, sum(bool(i.changes) for i in plan.items), sum(i.new for i in plan.items))
        for plan in plans
    ]


def result_counts(results):
    return [(not r.created, r.items_updated, r.items_created) for r in results]


@pytest.mark.parametrize(
    "stored, again",
    [
        # The same document again: one meeting updated, nothing in it changed (was: every item "updated").
        ([parsed()], [parsed()]),
        # A committee renamed at the publisher: the publisher's id finds the stored meeting (was: "new").
        ([parsed(external_id="m-17")], [parsed(committee="Økonomiudvalget (nyt navn)", external_id="m-17")]),
        # One meeting twice in one file: the second updates the first (was: two "new").
        ([], [parsed(), parsed(title="Godkendelse af dagsorden (rettet)")]),
    ],
)
def test_plan_and_result_agree(stored, again):
    load_meetings(stored)
    plans = plan_meetings(again)
    expected = plan_counts(plans)
    assert expected == result_counts(load_meetings(again))


def expired_by_age(client, clerk):
    record = ImportRecord.objects.create(user=clerk, file_name="glemt.txt", file="imports/pending/glemt.txt")
    default_storage.save("imports/pending/glemt.txt.txt", __import__("io").BytesIO(b"tekst"))
    ImportRecord.objects.filter(pk=record.pk).update(created=timezone.now() - datetime.timedelta(days=2))
    fresh = ImportRecord.objects.create(user=clerk, file_name="ny.txt", file="imports/pending/ny.txt")
    return record, fresh


@pytest.mark.parametrize("page", ["/admin/imports/importrecord/", "/admin/imports/import/"])
def test_opening_the_import_pages_expires_abandoned_previews(client, superuser, page):
    client.force_login(superuser)
    record, fresh = expired_by_age(client, superuser)
    assert client.get(page).status_code == 200
    record.refresh_from_db()
    fresh.refresh_from_db()
    assert (record.status, record.error) == (ImportRecord.Status.CANCELLED, EXPIRED_NOTE)
    assert not default_storage.exists("imports/pending/glemt.txt.txt")
    assert fresh.status == ImportRecord.Status.PENDING
    assert Committee.objects.count() == 0
