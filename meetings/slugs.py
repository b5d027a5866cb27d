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
