"""The site's settings plus a whole-page cache for public GET pages: what a cache in front would give.

Used by bench/run.py (step 3b) to measure the effect of caching; not a deployment setting. The
site's pages set the CSRF cookie (the language form) and vary on Cookie, so Django's own
`UpdateCacheMiddleware` would not store them for a cookie-less visitor; bench/page_cache.py does
what a reverse-proxy cache configured to ignore that cookie does.
"""

import os
import tempfile

from minutes_site.settings import *  # noqa: F403

# Shared by all gunicorn workers, as a reverse-proxy cache would be.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.path.join(tempfile.gettempdir(), "minutes-bench-page-cache"),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
}
MIDDLEWARE = ["bench.page_cache.PageCacheMiddleware", *MIDDLEWARE]  # noqa: F405
PAGE_CACHE_SECONDS = 300
