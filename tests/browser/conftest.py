"""Playwright against Debian's Chromium (a Playwright-downloaded browser does not run here)."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; the live server's database access from
# that thread is still synchronous, so Django's async-safety check is a false alarm here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM:
        return
    skip = pytest.mark.skip(reason="chromium is not installed (apt-get install chromium); CI installs it")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The address decides the language (Danish, or English under /en/); a Danish browser all the same.
    return {**browser_context_args, "locale": "da-DK"}
