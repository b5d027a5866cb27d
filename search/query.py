"""The one reading of a search query, for both databases (pure: nothing from Django).

A query is words, "quoted phrases", -excluded words or phrases, and `or` (or `OR`) between two
terms: `budget "sociale ydelser" -skat` needs budget AND the phrase and NOT skat; `vej or sti
belysning` needs (vej OR sti) AND belysning, as PostgreSQL's websearch syntax reads it.

Words are what `tokens()` finds: runs of letters and digits, and numbers written with dots,
commas or slashes kept whole ("11.309.897", "2,5", "24/34838": the way the minutes print them
and the way PostgreSQL's parser keeps them). `fold()` reads ae/oe/aa as æ/ø/å and `stem()` is the
Danish Snowball stemmer; SQLite's index (search/index.py) stores `index_tokens()` of the text and a
query looks up the same stems, so both sides always agree.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

# "11.309.897", "435.000", "2,5", "24/34838" stay one token; otherwise runs of letters/digits.
TOKEN = re.compile(r"\d+(?:[.,/]\d+)+|[^\W_]+")
_NUMBER_SEPARATORS = re.compile(r"[.,/]")
# One piece of a query: an optional minus, then a quoted phrase (the closing quote may be
# missing: '"unbalanced' is a phrase to the end) or a run of anything but space and quote.
_PIECE = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')
_STEMMER = snowballstemmer.stemmer("danish")
# Typed for æ/ø/å on keyboards without them: "beskaeftigelse", "oekonomi", "aabenraa".
_FOLDS = (("ae", "æ"), ("oe", "ø"), ("aa", "å"))
# A term this long is no word (a pasted hash or URL): cut so that the index and queries stay small.
MAX_WORD = 60


@dataclass(frozen=True)
class Term:
    """One word, or a phrase (several words that must stand together in this order)."""

    words: tuple

    @property
    def is_phrase(self):
        return len(self.words) > 1


@dataclass
class Query:
    """`clauses`: every clause must match; a clause is a list of alternatives (Terms), one of which
    must match. `excluded`: Terms no match may hold."""

    clauses: list = field(default_factory=list)
    excluded: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.clauses)

    @property
    def terms(self):
        """Every positive term, in the order typed."""
        return [term for clause in self.clauses for term in clause]

    @property
    def words(self):
        """Every positive word (of words and phrases), lower case, in the order typed."""
        return [word for term in self.terms for word in term.words]

    @property
    def required_phrases(self):
        """Phrases every match holds: alone in their clause (not one of several alternatives)."""
        return [clause[0] for clause in self.clauses if len(clause) == 1 and clause[0].is_phrase]


def tokens(text):
    """The words of `text`, lower case, in order."""
    return [t[:MAX_WORD] for t in TOKEN.findall((text or "").casefold())]


def parse(q):
    """Read the query `q` into a Query (an empty Query when nothing is left to search for)."""
    query = Query()
    pending_or = False
    for minus, phrase, bare in _PIECE.findall(q or ""):
        if phrase == "" and bare == "":  # '""' or a lone quote: nothing
            continue
        if bare and not minus and bare.casefold() == "or":
            pending_or = bool(query.clauses)
            continue
        words = tokens(phrase if bare == "" else bare)
        if not words:
            continue
        if bare and len(words) > 1 and not minus:
            # "gang-" or "bøf/sandwich": each word must occur, like words typed apart.
            terms = [Term((word,)) for word in words]
        else:
            terms = [Term(tuple(words))]
        if minus:
            query.excluded.extend(terms)
            pending_or = False
            continue
        for term in terms:
            if pending_or:
                query.clauses[-1].append(term)
                pending_or = False
            else:
                query.clauses.append([term])
    return query


def fold(word):
    """`word` with ae/oe/aa read as æ/ø/å ("beskaeftigelsesplan" -> "beskæftigelsesplan")."""
    for typed, letter in _FOLDS:
        word = word.replace(typed, letter)
    return word


def is_number(word):
    return word[:1].isdigit()


@lru_cache(maxsize=50_000)
def stem(word):
    """The Danish Snowball stem of a lower-case word; a number is kept, its separators as "_"."""
    if is_number(word):
        return _NUMBER_SEPARATORS.sub("_", word)
    return _STEMMER.stemWord(fold(word))


def index_tokens(text):
    """The stems of `text`, space-separated: what SQLite's full-text index stores."""
    return " ".join(stem(word) for word in tokens(text))


# A word typed before a case number: "sag 24/34838", "sagsnr. 24/34838", "j.nr. 24/34838".
_CASE_WORD = re.compile(
    r"^(?:sag(?:en|snr|snummer)?|sags\s*nr|j\s*\.?\s*nr|journal(?:nr|nummer))\s*[.:]?\s+", re.IGNORECASE
)
# "25/31181", "24 34838" after a case word, "EMN-2025-003383", "emn 2025 3383", "27.00.00-P20-3-24".
_CASE_SHAPE = re.compile(
    r"^(?:[^\W\d_]{2,6}[\s/-]+)?\d{2,4}(?:\s*[\s./-]\s*\d{1,7}){1,2}$|^\d{2}\.\d{2}\.\d{2}-[^\W\d_]\d{2}-\d+-\d{2}$"
)
_CASE_PARTS = re.compile(r"\s*[\s./\\-]\s*")


def case_number_forms(q):
    """The spellings of the case number `q` may be, in the lookup form ("EMN/2025/003383"); none
    when `q` is not a case number. The numbers are tried as typed, without and with leading
    zeros ("emn 2025 3383" is "EMN-2025-003383"); "2025 3383" alone is two numbers, not a case."""
    text = (q or "").strip()
    word = _CASE_WORD.match(text)
    text = text[word.end() :].strip() if word else text
    if len(text) > 40 or not _CASE_SHAPE.match(text):
        return []
    if not word and not (re.search(r"[/-]", text) or text[0].isalpha()):
        return []
    forms = [[]]
    for part in _CASE_PARTS.split(text.upper()):
        # A serial number (3+ digits) may be typed without the zeros Aarhus pads it with.
        serial = part.isdigit() and len(part) >= 3
        variants = dict.fromkeys([part, part.lstrip("0") or "0", part.zfill(6)] if serial else [part])
        forms = [form + [variant] for form in forms for variant in variants]
    return sorted({"/".join(form) for form in forms})
