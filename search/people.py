"""The people a search names: "provstgaard" finds no item (a member's absence is no text of the
item), but the archive knows Susanne Provstgaard, and her page lists what she was absent from and
what she voted. The search page offers those pages above its results."""

import re

from django.db.models import Q

from meetings.models import Person

from .query import fold, pieces, unfold

# At most this many people are offered, and a query of more words is no name.
MAX_PEOPLE = 5
MAX_NAME_WORDS = 4
# Candidates read before the whole-word check (a surname many people share).
MAX_CANDIDATES = 50
_WORD = re.compile(r"[^\W\d_]+")


def people_named(q, municipality=None):
    """The public people (Person.objects.public()) of `municipality` (a slug; None: every one)
    whose name has a word beginning with each word of `q` ("susanne provstgaard", "søgård" for
    "Søgaard", "provstgård"), by name, at most MAX_PEOPLE; none unless `q` is one to MAX_NAME_WORDS
    plain words of letters ("kaplan" is no person "plan" names, nor is a phrase or -word)."""
    typed = pieces(q)
    if not 1 <= len(typed) <= MAX_NAME_WORDS or not all(_WORD.fullmatch(piece) for piece in typed):
        return []
    words = [fold(piece.casefold()) for piece in typed]
    if max(map(len, words)) < 3:
        return []
    condition = Q()
    for word in words:
        # Found in the database by any spelling (SQLite's LIKE ignores the case of ASCII letters only:
        # "Ørsted" is found as printed, capitalised), then checked word by word below.
        spellings = {word, unfold(word), word.replace("ø", "oe").replace("æ", "ae")}
        either = Q()
        for spelling in spellings:
            either |= Q(name__icontains=spelling) | Q(name__contains=spelling.capitalize())
        condition &= either
    people = Person.objects.public().filter(condition)
    if municipality:
        people = people.filter(municipality__slug=municipality)
    named = []
    for person in people.select_related("municipality").order_by("name", "pk")[:MAX_CANDIDATES]:
        name_words = [fold(word.casefold()) for word in _WORD.findall(person.name)]
        if all(any(name_word.startswith(word) for name_word in name_words) for word in words):
            named.append(person)
    return named[:MAX_PEOPLE]
