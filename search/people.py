"""The people a search names: "provstgaard" finds no item (a member's absence is no text of the
item), but the archive knows Susanne Provstgaard, and her page lists what she was absent from and
what she voted. The search page offers those pages above its results."""

import re

from django.db import connections, router
from django.db.models import Q

from meetings.models import Person

from .query import fold, pieces, unfold

# At most this many people are offered, and a query of more words is no name.
MAX_PEOPLE = 5
MAX_NAME_WORDS = 4
# No word of a name is longer (a pasted text is no name).
MAX_NAME_WORD = 40
# Candidates read before the whole-word check (a surname many people share).
MAX_CANDIDATES = 50
_WORD = re.compile(r"[^\W\d_]+")


def people_named(q, municipality=None):
    """The public people (Person.objects.public()) of `municipality` (a slug; None: every one)
    whose name has a word beginning with each word of `q` ("susanne provstgaard", "søgård" for
    "Søgaard", "provstgård"), by name, at most MAX_PEOPLE; none unless `q` is one to MAX_NAME_WORDS
    plain words of letters, of at most MAX_NAME_WORD ("plan" names no "Kaplan", and a phrase or a
    -word names nobody)."""
    typed = pieces(q)
    if not 1 <= len(typed) <= MAX_NAME_WORDS or not all(_WORD.fullmatch(piece) for piece in typed):
        return []
    words = [fold(piece.casefold()) for piece in typed]
    if not 3 <= max(map(len, words)) <= MAX_NAME_WORD:
        return []
    ascii_case_only = connections[router.db_for_read(Person)].vendor == "sqlite"
    condition = Q()
    for word in words:
        # Found in the database by any spelling (on PostgreSQL from the trigram index of migration
        # meetings 0011; SQLite's LIKE ignores the case of ASCII letters only: "Ørsted" is found
        # as printed, capitalised), then checked word by word below.
        either = Q()
        for spelling in {word, unfold(word), unfold(word, "æø")}:
            either |= Q(name__icontains=spelling)
            if ascii_case_only:
                either |= Q(name__contains=spelling.capitalize())
        condition &= either
    people = Person.objects.filter(condition)
    if municipality:
        people = people.filter(municipality__slug=municipality)
    candidates = people.order_by("name", "pk").values_list("pk", "name")[:MAX_CANDIDATES]
    named = [pk for pk, name in candidates if _names(words, name)]
    if not named:
        return []
    # Which of them are public, asked of these few: asked of every person with a name like it,
    # PostgreSQL's estimate of the EXISTS tests passed its JIT threshold (28 ms of compiling at a
    # million items for a query that ran in 2).
    public = Person.objects.public().filter(pk__in=named).select_related("municipality")
    return list(public.order_by("name", "pk")[:MAX_PEOPLE])


def _names(words, name):
    """Whether each of `words` (folded) begins a word of `name`."""
    parts = [fold(part) for part in _WORD.findall(name.casefold())]
    return all(any(part.startswith(word) for part in parts) for word in words)
