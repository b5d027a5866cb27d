"""The keys under which rendered partials are kept: digests of everything they can show.

Rendering an item (templates/agenda_items/includes/_item.html) costs about a millisecond of
template work; a meeting page renders 5-25 of them and that was three quarters of its rendering.
The partial is therefore cached per item ({% cache %} in the "template_fragments" cache), and
its key is the item's *content*, not its id: the item's own fields, the case, meeting, committee
and municipality it was loaded with, and every row of the relations loaded with it (absences,
Bilag, positions with their person, Sagsforløb: the lists of AgendaItem's DISPLAY_LISTS, and any
relation prefetched into its manager). Whatever changes (a clerk's edit, a re-import,
closing the item, renaming a person) gives a new key, so nothing has to be withdrawn and no copy
can be stale: a closed item's old text can never be served from the cache. The templates are not
in the key: each worker keeps its own cache (settings.CACHES), which a deploy's restart empties,
and runserver empties it when it reloads a template or translation (agenda_items/apps.py).

A page must load the same related rows it renders (AgendaItem.objects.for_display(),
with_meeting()); a relation the partial read without prefetching it would be missing from the key,
and tests/agenda_items/test_item_fragments.py changes each thing the partial shows to catch that.

The filter forms' fields (templates/includes/_form_fields.html) are kept the same way under
`form_key`: every search page and meeting list renders them, about 2 ms of template work at a
thousand committees. Their key is what the fields show: the language, each field's value as sent,
its choices (the municipalities and committees the filter has just read) and its errors.
"""

import functools
import hashlib

from django import template
from django.utils.translation import get_language

from ..models import DISPLAY_LISTS

register = template.Library()


@functools.cache
def _attnames(model):
    return tuple(field.attname for field in model._meta.concrete_fields)


def _fields(obj, parts, seen):
    """Add `obj`'s loaded field values, then the objects cached on it (select_related, the parent
    an object was prefetched for), to `parts`; each object once."""
    key = (obj._meta.label, obj.pk)
    parts.append(f"\x1d{key}")  # where it stands, even when its fields were added already
    if key in seen:
        return
    seen.add(key)
    values = obj.__dict__
    # Deferred columns (the search vectors, a Bilag's text) are not shown: "" holds their place.
    parts.extend([repr(values[name]) if name in values else "" for name in _attnames(type(obj))])
    for related in obj._state.fields_cache.values():
        if related is not None:
            _fields(related, parts, seen)


@register.filter
def fragment_key(item):
    """A digest of `item` as loaded and the interface language: the partial's cache key. (The values
    are reprs, which escape the separators: joined, they are digested at once.)"""
    parts, seen = [get_language()], set()
    _fields(item, parts, seen)
    loaded = {name: getattr(item, name) for name in DISPLAY_LISTS if name in vars(item)}
    loaded.update(getattr(item, "_prefetched_objects_cache", {}))
    for name, rows in sorted(loaded.items()):
        parts.append(f"\x1e{name}")
        for row in rows:
            _fields(row, parts, seen)
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


@register.filter
def form_key(form):
    """A digest of what `form`'s fields show (the language, each field's value, choices and
    errors): the key of its rendered fields. Labels, help texts and widgets are the form's code,
    which a deploy's restart empties the cache for."""
    digest = hashlib.blake2b(get_language().encode(), digest_size=16)
    digest.update(
        f"\x1d{type(form).__module__}.{type(form).__qualname__}:{form.prefix}:{form.is_bound}".encode()
    )
    for field in form:
        choices = _text(getattr(field.field, "choices", ()))
        digest.update(f"\x1e{field.name}\x1f{field.value()!r}\x1f{choices!r}\x1f{field.errors!r}".encode())
    return digest.hexdigest()


def _text(choices):
    """Choices as plain strings: django-filter's are an iterator object, and labels may be lazy
    translations, neither of which has a repr that says what it holds."""
    return [
        (str(value), _text(label) if isinstance(label, (list, tuple)) else str(label))
        for value, label in choices
    ]
