"""Benchmark: the searches issue 21 names, and the person and party pages of issue 20.

`search_urls()` picks, from the corpus in the database, what people type beyond the classic
common/rare/phrase searches of pages.py: a misspelt word that finds nothing (the page answers
with "Mente du ..."), a word of nonsense (nothing, no suggestion), ae/oe/aa typed for æ/ø/å, the
tail of a compound, an excluded word, an OR, and one word for each of a ladder of match counts
(10 to 200 000), so a search path whose cost jumps with the number of matches shows in one
table. `match_counts()` says how many items each search matches, counted the way the site
matches them (search.backends' own match()), uncapped up to 300 000.

`people_urls()` picks the person pages with the most positions and attendance, and the party
pages of the biggest party groups.
"""

import random
from urllib.parse import urlencode

from bench.common import log

# The ladder of match counts (one search each); a word is taken when its count is within this
# factor of the rung.
LADDER = [10, 100, 1_000, 5_000, 10_000, 15_000, 20_000, 50_000, 200_000]
LADDER_FACTOR = 1.6
# Counted up to this many matches (a count of this many means "at least").
COUNT_CAP = 300_000
# Words of the vocabulary tried for the ladder (each counted once, in-process).
LADDER_CANDIDATES = 600
NONSENSE = "xqvzbrtklmn"
# The sections a search can be limited to (search.backends.SECTIONS), as the table names them.
SECTIONS = {"title": "titles", "presentation": "presentations", "attachments": "Bilag"}


def search_path(q, **params):
    return "/search/?" + urlencode({"q": q, **params})


def _matched(q, section=None):
    """(backend, the open items the site's search matches for `q`, the queryset the site estimates
    their number from), as search.backends.search() matches them; matched is None when `q` has
    nothing to search for."""
    from django.db import router

    from agenda_items.models import AgendaItem
    from search.backends import SECTIONS, backend_for
    from search.query import parse

    using = router.db_for_read(AgendaItem)
    backend = backend_for(using)
    parsed = parse(q)
    if not parsed:
        return backend, None, None
    # Not backend.bounded(): counting a common word's matches in full takes longer than the
    # site's statement timeout, which is the point of bounding the site's own searches.
    matched, _query, estimate_of = backend.match(
        AgendaItem.objects.filter(closed=False), parsed, section, SECTIONS, using
    )
    return backend, matched, estimate_of


def _count(matched):
    return matched.order_by().values("pk")[:COUNT_CAP].count() if matched is not None else 0


def count_matches(q, section=None):
    """How many open items the site's search matches for `q` (up to COUNT_CAP)."""
    return _count(_matched(q, section)[1])


def _misspelt(word, rng):
    """`word` with two neighbouring inner letters swapped ("Mosedalplads" -> "Moesdalplads")."""
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def search_urls(rare_word):
    """{name: [path]} and {name: what was picked} for the searches of this module."""
    from search.backends import search

    rng = random.Random(2)
    urls, picked = {}, {}
    # A misspelling of the rare word that itself finds nothing, answered with a suggestion.
    for _ in range(20):
        typo = _misspelt(rare_word, rng).lower()
        if typo != rare_word.lower() and not count_matches(typo):
            results = search(typo)
            picked["misspelt"] = {"q": typo, "suggestion": results.suggestion, "fuzzy_hits": results.total}
            urls[f"search, zero hits, misspelt ({typo} → Mente du {results.suggestion or '—'})"] = [
                search_path(typo)
            ]
            break
    urls[f"search, zero hits, nonsense ({NONSENSE})"] = [search_path(NONSENSE)]
    for q in ("beskaeftigelse", "oekonomiudvalget", "boern", "groenne"):
        if count_matches(q):
            urls[f"search, ae/oe/aa for æ/ø/å ({q})"] = [search_path(q)]
            break
    for q in ("screening", "cykelsti", "planlægning", "indsats"):
        if count_matches(q):
            urls[f"search, compound tail ({q})"] = [search_path(q)]
            break
    urls["search, excluded word (kommune -budget)"] = [search_path("kommune -budget")]
    urls["search, OR (budget OR ydelser)"] = [search_path("budget OR ydelser")]
    # Within one section: the common phrase and the common word, each of them in many items but
    # in a section of fewer (the Bilag are read from the vector's own weight, the columns from
    # their own vectors and those vectors' indexes).
    for section, label in SECTIONS.items():
        urls[f'search, phrase in {label} ("sociale ydelser")'] = [
            search_path('"sociale ydelser"', section=section)
        ]
    urls["search, word in titles (kommune)"] = [search_path("kommune", section="title")]
    for rung, (word, n) in ladder().items():
        urls[f"search, ~{rung:,} matches ({word})"] = [search_path(word)]
        picked[f"ladder {rung}"] = {"q": word, "matches": n}
    return urls, picked


def ladder():
    """{rung: (word, matches)}: for each rung of LADDER a word with about that many matches.

    The candidates are the words of random items' texts, so they come in the corpus's own
    frequencies: common words as often as they are common, rare ones as often as they are rare."""
    from agenda_items.models import AgendaItem

    rng = random.Random(3)
    top = AgendaItem.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    counted, seen, chosen = {}, set(), {}
    tries = 0
    while len(chosen) < len(LADDER) and tries < LADDER_CANDIDATES and top:
        tries += 1
        text = (
            AgendaItem.objects.filter(pk__gte=rng.randint(1, top), closed=False)
            .order_by("pk")
            .values_list("presentation", flat=True)
            .first()
        )
        words = [w.strip(".,;:()\"'").lower() for w in (text or "").split()]
        for word in rng.sample(words, min(3, len(words))):
            if not word.isalpha() or len(word) < 4 or word in seen:
                continue
            seen.add(word)
            # PostgreSQL's estimate (a millisecond) first; a word is counted only when it may fill
            # a rung still empty (counting a common word takes seconds at a million items).
            backend, matched, estimate_of = _matched(word)
            guess = _estimate(backend, estimate_of)
            open_rungs = [r for r in LADDER if r not in chosen]
            if guess is not None and not any(r / 4 <= guess <= r * 4 for r in open_rungs):
                continue
            counted[word] = n = _count(matched)
            for rung in open_rungs:
                if n and 1 / LADDER_FACTOR <= n / rung <= LADDER_FACTOR:
                    chosen[rung] = (word, n)
                    break
    log(f"  ladder from {len(counted)} counted of {len(seen)} words: {chosen}")
    return dict(sorted(chosen.items()))


def _estimate(backend, estimate_of):
    """PostgreSQL's estimate of the matches (None on SQLite, which has none; 0: nothing to match)."""
    from search.backends import sqlite

    if backend is sqlite:
        return None
    return backend.estimated_count(estimate_of) if estimate_of is not None else 0


def people_urls(rotate=20):
    """The person pages of the `rotate` people with the most positions, and the party pages of the
    biggest groups (a party in a municipality), as {name: [paths]}."""
    from django.db.models import Count

    from agenda_items.models import Position
    from meetings.parties import party_slug

    people = list(
        Position.objects.filter(person__isnull=False, item__closed=False)
        .values("person_id", "person__municipality__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")[:rotate]
    )
    parties = list(
        Position.objects.filter(item__closed=False)
        .exclude(party="")
        .values("party", "municipality__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")[:rotate]
    )
    urls = {}
    if people:
        urls["person page"] = [
            f"/{p['person__municipality__slug']}/personer/{p['person_id']}/" for p in people
        ]
    if parties:
        urls["party page"] = [
            f"/{p['municipality__slug']}/partier/{party_slug(p['party'])}/" for p in parties
        ]
    return urls, {
        "people": [p["n"] for p in people[:3]],
        "parties": [(p["party"], p["n"]) for p in parties[:3]],
    }
