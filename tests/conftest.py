import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder, never into var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` run in CI's PostgreSQL pass; on SQLite they are skipped, saying why."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://...; CI runs it)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
