"""The key under which an item's rendered partial is kept: a digest of everything it can show.

Rendering an item (templates/agenda_items/includes/_item.html) costs about a millisecond of
template work; a meeting page renders 5-25 of them and that was three quarters of its rendering.
The partial is therefore cached per item ({% cache %} in the "template_fragments" cache), and
its key is the item's *content*, not its id: the item's own fields, the case, meeting, committee
and municipality it was loaded with, and every row of the relations prefetched onto it (absences,
Bilag, positions with their person, Sagsforløb). Whatever changes (a clerk's edit, a re-import,
closing the item, renaming a person) gives a new key, so nothing has to be withdrawn and no copy
can be stale: a closed item's old text can never be served from the cache. The templates are not
in the key: each worker keeps its own cache (settings.CACHES), which a deploy's restart empties,
and runserver empties it when it reloads a template or translation (agenda_items/apps.py).

A page must load the same related rows it renders (AgendaItem.objects.for_display(),
with_meeting()); a relation the partial read without prefetching it would be missing from the key,
and tests/agenda_items/test_item_fragments.py changes each thing the partial shows to catch that.
"""

import hashlib

from django import template
from django.utils.translation import get_language

register = template.Library()


def _fields(obj, digest, seen):
    """Feed `obj`'s loaded field values, then the objects cached on it (select_related, the
    parent an object was prefetched for), to `digest`; each object once."""
    key = (obj._meta.label, obj.pk)
    digest.update(f"\x1d{key}".encode())  # where it stands, even when its fields were fed already
    if key in seen:
        return
    seen.add(key)
    values = obj.__dict__
    for field in obj._meta.concrete_fields:
        if field.attname in values:  # deferred columns (the search vectors, a Bilag's text) are not shown
            digest.update(b"\x1f" + repr(values[field.attname]).encode())
    for related in obj._state.fields_cache.values():
        if related is not None:
            _fields(related, digest, seen)


@register.filter
def fragment_key(item):
    """A digest of `item` as loaded and the interface language: the partial's cache key."""
    digest = hashlib.blake2b(get_language().encode(), digest_size=16)
    seen = set()
    _fields(item, digest, seen)
    for name, rows in sorted(getattr(item, "_prefetched_objects_cache", {}).items()):
        digest.update(b"\x1e" + name.encode())
        for row in rows:
            _fields(row, digest, seen)
    return digest.hexdigest()
