"""Slugs spell æ, ø and å out, and a municipality's or committee's old addresses redirect (301)."""

import datetime
import importlib

import pytest
from django.apps import apps

from imports.load import load_meetings
from imports.types import ParsedItem, ParsedMeeting
from meetings.models import Committee, Municipality
from meetings.slugs import danish_slugify, moved_path
from tests.factories import CommitteeFactory, MeetingFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("meetings.migrations.0009_danish_slugs")


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Beskæftigelsesudvalget", "beskaeftigelsesudvalget"),
        ("Social- og Beskæftigelsesudvalget", "social-og-beskaeftigelsesudvalget"),
        ("Tårnby", "taarnby"),
        ("Økonomiudvalget", "oekonomiudvalget"),
        ("Ærø", "aeroe"),
        ("Børne- og Ungeudvalget", "boerne-og-ungeudvalget"),
        ("Byrådet 2022-2025", "byraadet-2022-2025"),
        ("§ 17, stk. 4-udvalg", "17-stk-4-udvalg"),
    ],
)
def test_danish_letters_are_spelled_out(name, slug):
    assert danish_slugify(name) == slug


def test_the_importer_gives_a_new_committee_a_danish_slug():
    parsed = ParsedMeeting(
        municipality="Tårnby",
        committee="Beskæftigelsesudvalget",
        kind="minutes",
        date=datetime.date(2026, 2, 3),
        items=[ParsedItem(number="1", title="Godkendelse af dagsorden")],
    )
    [result] = load_meetings([parsed])
    assert result.meeting.committee.slug == "beskaeftigelsesudvalget"
    assert result.meeting.committee.municipality.slug == "taarnby"
    assert result.meeting.committee.get_absolute_url() == "/taarnby/beskaeftigelsesudvalget/"


@pytest.fixture
def old_slugs():
    """What the importer made before: Django's slugify drops æ and ø and turns å into a."""
    tarnby = MunicipalityFactory(name="Tårnby", slug="tarnby")
    committee = CommitteeFactory(
        municipality=tarnby, name="Beskæftigelsesudvalget", slug="beskftigelsesudvalget"
    )
    second = CommitteeFactory(municipality=tarnby, name="Børneudvalget", slug="brneudvalget-2")
    by_hand = CommitteeFactory(municipality=tarnby, name="Økonomiudvalget", slug="oku")
    meeting = MeetingFactory(committee=committee, date=datetime.date(2026, 2, 3))
    migration.forwards(apps, None)
    return {"committee": committee, "second": second, "by_hand": by_hand, "meeting": meeting}


def test_the_migration_rewrites_the_importers_slugs_and_keeps_the_old_ones(old_slugs):
    tarnby = Municipality.objects.get(name="Tårnby")
    assert (tarnby.slug, tarnby.old_slugs) == ("taarnby", ["tarnby"])
    committee = Committee.objects.get(pk=old_slugs["committee"].pk)
    assert (committee.slug, committee.old_slugs) == ("beskaeftigelsesudvalget", ["beskftigelsesudvalget"])
    # A numbered slug keeps its number; a slug chosen by hand is left alone.
    assert Committee.objects.get(pk=old_slugs["second"].pk).slug == "boerneudvalget-2"
    assert Committee.objects.get(pk=old_slugs["by_hand"].pk).slug == "oku"
    assert Committee.objects.get(pk=old_slugs["by_hand"].pk).old_slugs == []


def test_the_migration_does_not_take_a_slug_another_row_has():
    aeroe = MunicipalityFactory(name="Ærø", slug="r")
    MunicipalityFactory(name="Aeroe", slug="aeroe")
    migration.forwards(apps, None)
    aeroe.refresh_from_db()
    assert (aeroe.slug, aeroe.old_slugs) == ("r", [])


@pytest.mark.parametrize(
    "old, new",
    [
        ("/tarnby/", "/taarnby/"),
        ("/tarnby/beskftigelsesudvalget/", "/taarnby/beskaeftigelsesudvalget/"),
        ("/taarnby/beskftigelsesudvalget/", "/taarnby/beskaeftigelsesudvalget/"),
        ("/tarnby/beskftigelsesudvalget/feed/", "/taarnby/beskaeftigelsesudvalget/feed/"),
        ("/tarnby/beskftigelsesudvalget/calendar.ics", "/taarnby/beskaeftigelsesudvalget/calendar.ics"),
        ("/en/tarnby/beskftigelsesudvalget/", "/en/taarnby/beskaeftigelsesudvalget/"),
        ("/tarnby/beskftigelsesudvalget/?year=2026", "/taarnby/beskaeftigelsesudvalget/?year=2026"),
    ],
)
def test_old_addresses_redirect_permanently(client, old_slugs, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_an_unknown_address_is_still_the_danish_404_page(client, old_slugs):
    response = client.get("/taarnby/ingen-saadan/")
    assert response.status_code == 404
    assert response.templates[0].name == "404.html"
    assert moved_path("/ingen/") is None
    assert moved_path("/taarnby/beskaeftigelsesudvalget/") is None
