"""The archive's own vocabulary (search.models.Lexeme) at query time: compound tails and "Mente du".

`tails()` expands a word to the compounds that end with it ("screening" -> "miljøscreening",
"cykelsti" -> "supercykelsti"): the index finds a compound by its head through a prefix term,
never by its tail. `suggestion()` answers a query that found nothing with a near word from the
vocabulary ("ukrianesituationen" -> "ukrainesituation") or with the two known words typed as one
("tovoksentimer" -> "to voksentimer"), read from an index (PostgreSQL: the trigram index on the
words; SQLite: the words with the same first letter and about the same length; for two words, the
index on the words), never by scanning titles or texts.
"""

import re
from collections import Counter
from functools import partial
from itertools import islice, product

from django.db import connections, transaction
from rapidfuzz.distance import OSA

from .query import MIN_COMPOUND_PART, STOP_WORDS, fold, is_number, stem, stem_as_typed

# At most this many compounds stand in for one word: the query stays small and fast.
MAX_TAILS = 30
# A shorter word is a tail of too many compounds to mean anything ("vej", "sti", "bro").
MIN_TAIL = 5
# Two known words typed as one may end in a word this short when the word before it is a known word
# of as many letters ("discgolf": "disc golf").
MIN_SPLIT_TAIL = 4
# The shortest word looked for as two words printed apart when a few items hold the words of a query
# (written_apart()).
MIN_APART = 8
# PostgreSQL reads the words this similar (shared trigrams / all trigrams of both) as candidates.
MIN_SIMILARITY = 0.2
# Candidates read for a suggestion on SQLite (words of the same first letter and length ±2, or
# up to ENDING letters shorter).
MAX_CANDIDATES = 20_000
# The longest Danish ending a stem may lack ("-erne", "-ende", "-eret").
ENDING = 4
# The letters typed for æ, ø and å on a keyboard without them ("Logten" for "Løgten", "Harup" for
# "Hårup"), and how many spellings of one word are looked up at most.
PLAIN_LETTERS = {"a": "aåæ", "o": "oø", "e": "eæ"}
MAX_SPELLINGS = 64


def tails(word, using):
    """The vocabulary's words that end with `word`'s stem (not the stem itself), shortest first."""
    if is_number(word) or not word.isalpha():
        return []
    base = stem(word)
    if len(base) < MIN_TAIL:
        return []
    with connections[using].cursor() as cursor:
        if connections[using].vendor == "postgresql":
            pattern = "%" + base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            cursor.execute(
                "SELECT word FROM (SELECT word FROM search_lexeme WHERE word LIKE %s AND word <> %s"
                " LIMIT 2000) AS w ORDER BY length(word), word LIMIT %s",
                [pattern, base, MAX_TAILS],
            )
        else:
            backwards = base[::-1]
            cursor.execute(
                "SELECT word FROM search_lexeme WHERE reversed > %s AND reversed < %s"
                " ORDER BY length(word), word LIMIT %s",
                [backwards, backwards + "\U0010ffff", MAX_TAILS],
            )
        return [row[0] for row in cursor.fetchall()]


def last_part(word, using):
    """`word`'s last part, read as a compound of a first part (at least MIN_COMPOUND_PART letters) and
    a word of the vocabulary (at least MIN_TAIL letters, no stop word), the longest such: the thing a
    Danish compound is a kind of ("skraldegebyr": "gebyr"). None: a phrase, a number, or no tail
    the vocabulary holds."""
    word = word.lower()
    if not word.isalpha() or len(word) < MIN_COMPOUND_PART + MIN_TAIL:
        return None
    tails = [word[cut:] for cut in range(MIN_COMPOUND_PART, len(word) - MIN_TAIL + 1)]  # longest first
    with connections[using].cursor() as cursor:
        known = in_vocabulary({stem(tail) for tail in tails}, cursor)
    return next((tail for tail in tails if stem(tail) in known and tail not in STOP_WORDS), None)


def written_apart(word, using):
    """`word` (one word typed, of at least MIN_APART letters) as the two known words the minutes may
    print it as ("tiårsplan": "ti årsplan", "idrætscenter": "idræts center"), as _split() reads
    it; None: no such split, or not a plain word."""
    word = word.lower()
    if not word.isalpha() or len(word) < MIN_APART:
        return None
    with connections[using].cursor() as cursor:
        return _split(word, cursor)


def _known(base, cursor, vendor):
    """Does some word of the vocabulary begin with `base`?"""
    if vendor == "postgresql":
        pattern = base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        cursor.execute("SELECT 1 FROM search_lexeme WHERE word LIKE %s LIMIT 1", [pattern])
    else:
        cursor.execute(
            "SELECT 1 FROM search_lexeme WHERE word >= %s AND word < %s LIMIT 1", [base, base + "\U0010ffff"]
        )
    return cursor.fetchone() is not None


def _candidates(bases, cursor, vendor):
    """The vocabulary's words that may be near one of `bases` (in a transaction: on PostgreSQL the
    similarity threshold is set for it)."""
    words = set()
    if vendor == "postgresql":
        cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(MIN_SIMILARITY)])
    for base in bases:
        if vendor == "postgresql":
            # The words sharing at least MIN_SIMILARITY of their trigrams with `base`, read from the
            # GIN index of migration 0002, most similar first; the edit distance then decides what
            # is near.
            cursor.execute(
                "SELECT word FROM search_lexeme WHERE word %% %s"
                " ORDER BY similarity(word, %s) DESC, word LIMIT 50",
                [base, base],
            )
        else:
            cursor.execute(
                "SELECT word FROM search_lexeme WHERE word >= %s AND word < %s"
                " AND length(word) BETWEEN %s AND %s LIMIT %s",
                [base[0], base[0] + "\U0010ffff", len(base) - ENDING, len(base) + 2, MAX_CANDIDATES],
            )
        words.update(row[0] for row in cursor.fetchall())
    return words


def nearest(word, using):
    """The vocabulary's word nearest to `word` (None: `word` is known, or nothing is near).

    A word holding ae, oe or aa is looked up both as typed and with them read as æ/ø/å, and of
    equally near words the one nearer to the word as typed wins: "msoedalplads" is "mosedalplads"
    with two letters swapped, though "msødalplads" is one letter from "sødalplads".

    In this order: a word one edit away; two known words typed as one, which come back as the two
    ("tovoksentimer" -> "to voksentimer"); a word a few edits away (two from 6 letters, three
    from 10); a word the typed one begins with but for a misspelt ending.
    """
    if is_number(word) or not word.isalpha() or len(word) < 4:
        return None
    base, typed = stem(word), stem_as_typed(word)
    bases = list(dict.fromkeys([base, typed]))
    vendor = connections[using].vendor
    limit = 1 if len(base) < 6 else 2 if len(base) < 10 else 3
    with transaction.atomic(using=using, savepoint=False), connections[using].cursor() as cursor:
        if any(_known(b, cursor, vendor) for b in bases):
            return None
        danish = _with_danish_letters(word.lower(), cursor)
        if danish:
            return danish
        scored = []
        candidates = _candidates(bases, cursor, vendor)
        for c in candidates:
            # Edit distance with an adjacent swap counting 1 (optimal string alignment); above
            # `limit` it is limit + 1.
            distances = {b: OSA.distance(b, c, score_cutoff=limit) for b in bases}
            # Of equally near words, one that begins as typed: a first letter is seldom mistyped
            # ("kastrup" is "kaastrup", not "hastrup").
            scored.append((min(distances.values()), distances[typed], c[:1] != typed[:1], len(c), c))
        best = min(scored, default=None)
        if best and best[0] <= 1:
            return best[-1]
        # Two known words explain the word without an edit: "itsystem" is "it system", not
        # "systemet" two letters away, "pcbrenovering" "pcb renovering", not "renovering".
        split = _split(word.lower(), cursor)
        if split:
            return split
        if best and best[0] <= limit:
            return best[-1]
        # A misspelt ending keeps the stemmer from taking it off: "markkærkvarteert" stays as
        # typed, four letters longer than the stem "markkærkvart". Nothing else near: a word up
        # to ENDING letters shorter that the typed word begins with, give or take one edit.
        endings = [
            (OSA.distance(b[: len(c)], c, score_cutoff=1), -len(c), c)
            for b in bases
            for c in candidates
            if max(len(b) - ENDING, MIN_TAIL) <= len(c) < len(b)
        ]
        best = min(endings, default=None)
        return best[2] if best and best[0] <= 1 else None


def _with_danish_letters(word, cursor):
    """The vocabulary's word that `word` is with a, o or e typed for å/æ, ø or æ ("logten" is
    "løgten", "skodstrup" "skødstrup"), looked up exactly: one letter away from many words, the
    edit distance alone would as soon pick "lot". The spelling with the fewest such letters
    changed wins; None: no spelling is a known word (or the word has too many of the letters)."""
    choices = [PLAIN_LETTERS.get(letter, letter) for letter in word]
    spellings = ["".join(letters) for letters in islice(product(*choices), MAX_SPELLINGS + 1)]
    if len(spellings) > MAX_SPELLINGS or len(spellings) == 1:
        return None
    stems = {stem(spelling): spelling for spelling in reversed(spellings[1:])}
    known = in_vocabulary(stems, cursor)
    changed = [
        (sum(a != b for a, b in zip(spelling, word, strict=True)), base)
        for base, spelling in stems.items()
        if base in known
    ]
    return min(changed)[1] if changed else None


def _split(word, cursor):
    """Two words typed as one ("tovoksentimer" for "to-voksentimer", "pcbrenovering"): "head tail",
    where the tail (at least MIN_TAIL letters) is a word of the vocabulary and the head is one too,
    or is a word the vocabulary does not keep: two letters ("to", "it", "el") or a stop word
    ("ikkevestlige"); the longest such tail. A shorter tail (MIN_SPLIT_TAIL) only if it is its own
    stem and follows a known word as long ("discgolf"; a misspelt "midlevne" is no "midl evne").
    Whole words, not beginnings: a misspelt word splits into beginnings all too often
    ("præcisernig": "præci" and "sernig"). None: no split."""
    cuts = [(word[:cut], word[cut:]) for cut in range(2, len(word) - MIN_SPLIT_TAIL + 1)]
    parts = sorted({stem(part) for cut in cuts for part in cut})
    if not parts:
        return None
    # One round trip for every head and tail (a word of 20 letters has 16 ways to be cut).
    words = in_vocabulary(parts, cursor)
    for head, tail in cuts:
        if stem(tail) not in words:
            continue
        if len(tail) >= MIN_TAIL and (len(head) == 2 or head in STOP_WORDS or stem(head) in words):
            return f"{head} {tail}"
        short = len(tail) < MIN_TAIL and stem(tail) == tail
        if short and len(head) >= MIN_SPLIT_TAIL and stem(head) in words:
            return f"{head} {tail}"
    return None


# Words looked up per round trip (SQLite allows 32 766 parameters a statement).
LOOKUP_BATCH = 500


def in_vocabulary(words, cursor):
    """The set of `words` (stems) that the vocabulary holds, in one round trip (SQLite: one per
    LOOKUP_BATCH)."""
    words, known = sorted(words), set()
    if not words:
        return known
    if cursor.db.vendor == "postgresql":
        # Joined to the list, not `word IN (...)`: for a long list PostgreSQL may take the trigram
        # index for the equality, which costs seconds (1.6 s for 500 words while the table has no
        # statistics yet, as after a first import), where the unique index answers in milliseconds.
        cursor.execute(
            "SELECT l.word FROM unnest(%s::text[]) AS w(word) JOIN search_lexeme l ON l.word = w.word",
            [words],
        )
        return {row[0] for row in cursor.fetchall()}
    for start in range(0, len(words), LOOKUP_BATCH):
        batch = words[start : start + LOOKUP_BATCH]
        cursor.execute(
            f"SELECT word FROM search_lexeme WHERE word IN ({', '.join(['%s'] * len(batch))})", batch
        )
        known.update(row[0] for row in cursor.fetchall())
    return known


def suggestion(query, q, using):
    """`q` with each unknown word replaced by its nearest known word; None when nothing changes."""
    suggested = q
    for word in dict.fromkeys(query.words):
        if word in STOP_WORDS:  # a word of the language, never misspelt ("ikke" was "Mente du ikf?")
            continue
        near = nearest(word, using)
        if near and near != fold(word):
            suggested = re.sub(
                rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", partial(_put, near), suggested, flags=re.I
            )
    return suggested if suggested != q else None


def _put(near, typed):
    """`near` in place of the `typed` word (a match in the query). Two words typed as one were meant
    together: a phrase ("pcbrenovering" finds the six items with "PCB-renovering", "pcb renovering"
    ten), unless they stand in quotes already (an odd number of quotes before them)."""
    if " " in near and typed.string.count('"', 0, typed.start()) % 2 == 0:
        return f'"{near}"'
    return near


def spelled_out(suggested, q, texts):
    """`suggested` with each stem it put in for a typed word written as `texts` (what the suggestion
    found) print it most often: "bølgebryd" -> "bølgebrydere". The vocabulary holds stems, and
    "Mente du" should offer a word a reader knows; a form is used only if it has the same stem,
    so the word finds what the stem found."""
    typed = {word.casefold() for word in re.findall(r"[^\W_]+", q)}
    # One lower-case text, and each word looked for as its letters: the regex engine finds a literal
    # fast, where a lookbehind before it (a word's start) is tried at every position, and case
    # folding slows it further (1.3 ms for a page's 20 hits; whether a match begins a word is
    # checked after).
    text = "\n".join(filter(None, texts)).lower()
    for base in dict.fromkeys(re.findall(r"[^\W_]+", suggested)):
        if base.casefold() in typed or is_number(base):
            continue
        starts = re.finditer(rf"{re.escape(base.lower())}[^\W_]*", text)
        forms = Counter(m.group(0) for m in starts if not _in_word(text, m.start()))
        forms = [(-n, len(form), form) for form, n in forms.items() if stem(form) == stem(base)]
        if forms:
            word = min(forms)[2]
            suggested = re.sub(rf"(?<![^\W_]){re.escape(base)}(?![^\W_])", word, suggested)
    return suggested


def _in_word(text, i):
    """Whether position `i` of `text` is within a word (a letter or digit before it)."""
    return i > 0 and text[i - 1].isalnum()
