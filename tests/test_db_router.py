"""The read replica: public page reads may use it, writes and the admin never; without it, default."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from meetings.models import Meeting
from minutes_site.db_router import ReplicaRouter, replica_for_public_pages

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def with_replica(settings, monkeypatch):
    """Settings as DATABASE_REPLICA_URL makes them (the router only reads the alias list)."""
    monkeypatch.setitem(settings.DATABASES, "replica", {**settings.DATABASES["default"]})


def route_during(request, router):
    """(read alias, write alias) the router picks while the middleware handles `request`."""
    seen = {}

    def view(request):
        seen["read"] = router.db_for_read(Meeting)
        seen["write"] = router.db_for_write(Meeting)
        return HttpResponse()

    replica_for_public_pages(view)(request)
    return seen["read"], seen["write"]


@pytest.mark.parametrize("path", ["/", "/meetings/", "/search/?q=budget", "/cases/1/", "/api/meetings/"])
@pytest.mark.parametrize("method", ["get", "head"])
def test_public_page_reads_go_to_the_replica(with_replica, path, method):
    request = getattr(RequestFactory(), method)(path)
    assert route_during(request, ReplicaRouter()) == ("replica", "default")


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/admin/"),
        ("get", "/admin/meetings/meeting/1/change/"),
        ("post", "/admin/meetings/import/"),
        ("post", "/i18n/setlang/"),
        ("put", "/meetings/"),
    ],
)
def test_the_admin_and_posts_read_the_primary(with_replica, method, path):
    request = getattr(RequestFactory(), method)(path)
    assert route_during(request, ReplicaRouter()) == ("default", "default")


def test_reads_outside_a_request_use_the_primary(with_replica):
    # Imports and management commands read and write in one transaction: never from a replica.
    router = ReplicaRouter()
    assert router.db_for_read(Meeting) == "default"
    assert router.db_for_write(Meeting) == "default"


def test_the_mark_does_not_outlive_its_request(with_replica):
    router = ReplicaRouter()
    route_during(RequestFactory().get("/meetings/"), router)
    assert router.db_for_read(Meeting) == "default"


def test_without_a_replica_everything_uses_default(settings):
    assert "replica" not in settings.DATABASES  # DATABASE_REPLICA_URL is not set for the tests
    assert route_during(RequestFactory().get("/meetings/"), ReplicaRouter()) == ("default", "default")


def test_only_the_primary_is_migrated(with_replica):
    router = ReplicaRouter()
    assert router.allow_migrate("default", "meetings")
    assert not router.allow_migrate("replica", "meetings")


CHECK_SCRIPT = textwrap.dedent(
    """
    import glob
    import json

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    call_command("import_minutes", *glob.glob("fixtures/minutes/*.txt"), verbosity=0)
    client = Client()
    counts = {}
    for name, path in [("list", "/meetings/"), ("search", "/search/?q=budget")]:
        with CaptureQueriesContext(connections["default"]) as d:
            with CaptureQueriesContext(connections["replica"]) as r:
                assert client.get(path).status_code == 200, path
        counts[name] = {"default": len(d), "replica": len(r)}
    print(json.dumps({"replica": settings.DATABASES["replica"]["NAME"], "counts": counts}))
    """
)


def test_database_replica_url_adds_a_replica_that_serves_the_public_pages(tmp_path):
    # A real second connection: both aliases point at one SQLite file, as a replica mirrors its primary.
    db = tmp_path / "archive.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "minutes_site.settings",
        "DATABASE_URL": f"sqlite:///{db}",
        "DATABASE_REPLICA_URL": f"sqlite:///{db}",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
    }
    result = subprocess.run(
        [sys.executable, "-c", CHECK_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["replica"] == str(db)
    for page, counts in report["counts"].items():
        assert counts["replica"] > 0, page
        assert counts["default"] == 0, page
