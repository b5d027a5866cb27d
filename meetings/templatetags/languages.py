"""The current page in the site's other languages (the language is part of the URL: /en/...)."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def other_languages(context):
    """[{"code", "name", "url"}] for every language but the active one; the query string is kept."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    return [
        {"code": code, "name": get_language_info(code)["name_local"], "url": translate_url(path, code)}
        for code, _name in settings.LANGUAGES
        if code != current
    ]
