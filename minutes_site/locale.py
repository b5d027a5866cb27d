"""The language middleware for an archive whose addresses decide the language."""

from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class AddressLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware without `Vary: Accept-Language`.

    With `i18n_patterns(prefix_default_language=False)` (minutes_site/urls.py) every address has
    one language: Danish, or English under /en/; Django then ignores Accept-Language and the
    language cookie. Django still marks the Danish addresses as varying on Accept-Language, which
    would make every cache keep a copy per browser language setting of a page that is the same
    for all. (There is no prefixed default language, so Django's redirect to one never applies.)
    """

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
