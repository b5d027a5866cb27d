"""A whole-page cache for anonymous GETs of public pages, for the benchmark's "with a cache" run."""

from django.conf import settings
from django.core.cache import cache

PRIVATE_PREFIXES = ("/admin/", "/i18n/", "/healthz")


class PageCacheMiddleware:
    """Serve a stored copy of a public page (200 responses, no cookies sent) for PAGE_CACHE_SECONDS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cacheable = (
            request.method == "GET" and not request.COOKIES and not request.path.startswith(PRIVATE_PREFIXES)
        )
        if not cacheable:
            return self.get_response(request)
        key = "page:" + request.get_full_path() + "|" + request.headers.get("Accept-Language", "")
        response = cache.get(key)
        if response is None:
            response = self.get_response(request)
            if response.status_code == 200 and not getattr(response, "streaming", False):
                if hasattr(response, "render"):
                    response.render()
                response.cookies.clear()
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response
