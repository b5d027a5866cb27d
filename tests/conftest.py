import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder, never into var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache_and_language():
    """Every test starts with an empty page cache and item cache, and in Danish.

    A page cached by one test is not another's; and a request to an /en/ page leaves English
    active in the thread, which would make a later test's reverse() give /en/ addresses.
    """
    from django.core.cache import cache, caches
    from django.utils import translation

    cache.clear()
    caches["template_fragments"].clear()
    yield
    translation.deactivate()


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` run in CI's PostgreSQL pass; on SQLite they are skipped, saying why."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://...; CI runs it)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
