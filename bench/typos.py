"""How often "Mente du" suggests the word meant: typos of real words, on the real documents.

Each word of eight letters or more in the titles of bench/recall.py's documents, shuffled with a
fixed seed, gets one random edit (a letter changed, dropped, added, or two swapped), either in
its last four letters or anywhere after the first; a typo that is itself a known word is
skipped. search.vocabulary.nearest() then answers it: "right" when the suggestion has the word's
stem, "other word" when it has another, "none" when there is no suggestion. (A suggestion that
finds nothing is not shown on the page, so some of "other word" are "none" there.)

    .venv/bin/python bench/typos.py sqlite:////tmp/recall.sqlite3
    .venv/bin/python bench/typos.py postgres://postgres@127.0.0.1:5432/minutes_recall

The database is migrated, and the documents imported when it has no items (about 30 s).
"""

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LETTERS = "abcdefghijklmnopqrstuvwxyzæøå"


def typo(word, rng, where):
    """`word` with one random edit in its last four letters (`where` "ending") or anywhere."""
    i = rng.randrange(len(word) - 4, len(word)) if where == "ending" else rng.randrange(1, len(word))
    edit = rng.choice("cdas")
    if edit == "c":
        return word[:i] + rng.choice(LETTERS) + word[i + 1 :]
    if edit == "d":
        return word[:i] + word[i + 1 :]
    if edit == "a":
        return word[:i] + rng.choice(LETTERS) + word[i:]
    if i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice(LETTERS)


def measure(per_kind=300, seed=7):
    """{"ending": {"right", "other word", "none"}, "anywhere": {...}} in the database Django is on."""
    from django.db import connection

    from agenda_items.models import AgendaItem
    from search.query import stem
    from search.vocabulary import _known, nearest

    words = sorted(
        {
            w
            for title in AgendaItem.objects.values_list("title", flat=True)
            for w in re.findall(r"[a-zæøå]{8,}", title.lower())
        }
    )
    rng = random.Random(seed)
    rng.shuffle(words)
    results = {}
    for where in ("ending", "anywhere"):
        counts = {"right": 0, "other word": 0, "none": 0}
        for word in words:
            if sum(counts.values()) == per_kind:
                break
            typed = typo(word, rng, where)
            with connection.cursor() as cursor:
                if typed == word or _known(stem(typed), cursor, connection.vendor):
                    continue
            near = nearest(typed, connection.alias)
            if near is None:
                counts["none"] += 1
            elif stem(near.split()[-1]) == stem(word) or near == stem(word):
                counts["right"] += 1
            else:
                counts["other word"] += 1
        results[where] = counts
    return results


def main(database_url):
    sys.path.insert(0, str(ROOT))
    from bench.recall import import_documents, set_up

    set_up(database_url)
    from agenda_items.models import AgendaItem

    if not AgendaItem.objects.exists():
        import_documents()
    for where, counts in measure().items():
        print(f"{where}: " + ", ".join(f"{name} {n}" for name, n in counts.items()))


if __name__ == "__main__":
    main(sys.argv[1])
