"""Slugs that spell Danish letters out, and the old slugs that keep older addresses working.

Django's slugify drops "æ" and "ø" and turns "å" into "a": "Beskæftigelsesudvalget" became
"beskftigelsesudvalget". Here æ -> ae, ø -> oe, å -> aa first, as the municipalities' own web
addresses do ("Tårnby" -> "taarnby", imports.municipalities.ascii_key). A municipality or committee
whose slug changes keeps its earlier slugs in `old_slugs`; `moved_path()` finds the new address.
"""

from django.utils.text import slugify

_SPELLED = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
MAX_LENGTH = 180


def danish_slugify(text):
    """ "Social- og Beskæftigelsesudvalget" -> "social-og-beskaeftigelsesudvalget"; "" for no letters."""
    return slugify((text or "").translate(_SPELLED))[:MAX_LENGTH].strip("-")


def unique_slug(model, base, **scope):
    """danish_slugify(base), with "-2", "-3" ... added while another row in `scope` has it."""
    base = danish_slugify(base) or "x"
    slug, n = base, 2
    while model.objects.filter(slug=slug, **scope).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def with_old_slug(rows, slug):
    """The row of `rows` (Municipality or Committee objects) that had `slug` before, or None."""
    for row in rows:
        if slug in (row.old_slugs or []):
            return row
    return None


def moved_path(path):
    """The current address of `path` if it names a municipality or committee by an old slug, else None.

    "/tarnby/social-og-beskftigelsesudvalget/feed/" -> "/taarnby/social-og-beskaeftigelsesudvalget/feed/";
    the English prefix stays ("/en/tarnby/" -> "/en/taarnby/"). Called for addresses that found no
    page (api.views.not_found), so every page under a municipality or committee is covered.
    """
    from .models import Municipality  # slugs.py is imported by migrations; models only when used

    prefix, rest = "", path
    if rest.startswith("/en/"):
        prefix, rest = "/en", rest[3:]
    parts = rest.split("/")
    if len(parts) < 3 or parts[0] != "" or not parts[1]:
        return None
    municipality = Municipality.objects.filter(slug=parts[1]).first()
    if municipality is None:
        municipality = with_old_slug(Municipality.objects.exclude(old_slugs=[]), parts[1])
        if municipality is None:
            return None
        parts[1] = municipality.slug
    if len(parts) > 3 and parts[2]:
        committees = municipality.committees.all()
        if not any(c.slug == parts[2] for c in committees):
            committee = with_old_slug(committees, parts[2])
            if committee is not None:
                parts[2] = committee.slug
    moved = prefix + "/".join(parts)
    return moved if moved != path else None
