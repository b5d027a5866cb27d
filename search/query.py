"""The one reading of a search query, for both databases (pure: nothing from Django).

A query is words, "quoted phrases", -excluded words or phrases, and `or` (or `OR`) between two
terms: `budget "sociale ydelser" -skat` needs budget AND the phrase and NOT skat; `vej or sti
belysning` needs (vej OR sti) AND belysning, as PostgreSQL's websearch syntax reads it.

Words typed apart may be one compound in the minutes ("bøf sandwich" for "bøfsandwich", "kontrol
gruppen" for "kontrolgruppen"): `parse()` lets each pair of neighbouring words also be matched by
the two written together (and with a linking s), see `_join_neighbours()`.

Words are what `tokens()` finds: runs of letters and digits, and numbers written with dots,
commas or slashes kept whole ("11.309.897", "2,5", "24/34838": the way the minutes print them
and the way PostgreSQL's parser keeps them). `fold()` reads ae/oe/aa as æ/ø/å and `stem()` is the
Danish Snowball stemmer; SQLite's index (search/index.py) stores `index_tokens()` of the text and a
query looks up the same stems, so both sides always agree.
"""

import re
import string
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

# "11.309.897", "435.000", "2,5", "24/34838" stay one token; otherwise runs of letters/digits.
TOKEN = re.compile(r"\d+(?:[.,/]\d+)+|[^\W_]+")
_NUMBER_SEPARATORS = re.compile(r"[.,/]")
# A number with its thousands grouped by dots: "1.814.500", "435.000".
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
# A decimal number, with a comma as the minutes print it ("912,9") or a dot as many type it ("912.9").
_DECIMAL = re.compile(r"\d+[.,]\d{1,2}")
# Letters and digits typed as one word ("iso45001", "budget2025"), which the minutes may print apart;
# not a short abbreviation ("co2", "gf1"), whose letters alone begin too many words.
_LETTERS_DIGITS = re.compile(r"([^\W\d_]{3,})(\d{2,})|(\d{2,})([^\W\d_]{3,})")
# What a unit after a number may be printed as instead: "500.000 kr" is "500.000 kroner" too.
_UNITS = {
    "kr": "kroner",
    "kroner": "kr",
    "mio": "millioner",
    "millioner": "mio",
    "mia": "milliarder",
    "milliarder": "mia",
}
# A percentage is printed "63 %", "63 pct." or "63 procent", and neither index holds the sign: the
# word after a number is implied by the number, not required.
_PERCENT = frozenset({"procent", "pct"})
# An amount in millions or billions, as the minutes may print it in full: "25,5 mio" is also
# "25.500.000", which then stands for the word as well ((25,5 or 25.500.000) and (mio or millioner or
# 25.500.000)).
_SCALES = {"mio": 10**6, "millioner": 10**6, "mia": 10**9, "milliarder": 10**9}
# Words of Latin declension, whose plural the Snowball stemmer reads as another word: "kursus" is
# kursus, but "kurser", "kurset" and "kurserne" are kurs; "museum" and "museer", "kriterium" and
# "kriterier" the same. A singular so typed also looks for its plural (_with_forms()), as typing
# the plural finds both. Not -rum ("centrum": centr would begin "central") nor -tus ("status": stat).
_LATIN_SINGULAR = re.compile(r"([^\W\d_]{3,}[ieæ])um|([^\W\d_]{3,}s)us")
# A word of -ter that drops its e when inflected ("videnscentret", "teatret", "ministrene",
# "plejecentre"), whose stem the Snowball stemmer reads as another than the word's ("videnscentr",
# "videnscent"): also looked for as the -ter word, as typing that finds both. "-tre" alone only in a
# word of seven letters or more ("ytre" is no such word).
_SYNCOPATED = re.compile(r"([^\W\d_]{2,}t)r(?:et|ets|ene|enes)|([^\W\d_]{4,}t)re")
# A word ending in a or o whose plural the minutes print: "saunaerne", "skemaer", "radioer". SQLite's
# index reads ae/oe as æ/ø there too ("saunærn"), so the word is also looked for with that e.
_VOWEL_END = re.compile(r"[^\W\d_]{3,}[ao]")
# One piece of a query: an optional minus, then a quoted phrase (the closing quote may be
# missing: '"unbalanced' is a phrase to the end) or a run of anything but space and quote.
_PIECE = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')
_STEMMER = snowballstemmer.stemmer("danish")
# Typed for æ/ø/å on keyboards without them: "beskaeftigelse", "oekonomi", "aabenraa".
_FOLDS = (("ae", "æ"), ("oe", "ø"), ("aa", "å"))
# PostgreSQL's Danish stop words (tsearch_data/danish.stop, Snowball's list): its index holds none of
# them and a query drops them, so they are never joined to a neighbour (a clause "til OR
# plejehjemtil" would become "plejehjemtil" alone there).
_STOP_WORDS = """
    og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi
    min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her
    alle vil blev kunne ind når være dog noget ville jo deres efter ned skulle denne end dette mit
    også under have dig anden hende mine alt meget sit sine vor mod disse hvis din nogle hos blive
    mange ad bliver hendes været thi jer sådan
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
# A query that begins with one of these asks a question ("hvem ejer PV Greve", "hvorfor stiger
# huslejen på plejecentrene"), which the minutes answer without its question word: the word is left
# out, and so are the question's stop words and prepositions, its grammar ("hvad skal den nye vej ved
# Tværhøjgård hedde": the decision says "den nye vej skal hedde Skovbovej"). Not when nothing else
# would be left, nor in a query with `or`.
_QUESTION_WORDS = """
    hvem hvad hvor hvornår hvorfor hvordan hvorledes hvilken hvilket hvilke hvorfra hvorhen hvortil
"""
QUESTION_WORDS = frozenset(_QUESTION_WORDS.split())
# A question may also begin with a verb and who asks ("må man tage storskrald med", "kan jeg søge
# tilskud", "blev der født flere børn"): both are left out the same way.
_ASKING = """
    kan må skal bør får vil kunne skulle har er var blev bliver kommer
"""
_ASKING_VERBS = frozenset(_ASKING.split())
_ASKING_WHO = frozenset({"man", "jeg", "vi", "du", "de", "der", "det"})
_PREPOSITIONS = frozenset({"ved", "mellem", "gennem", "uden", "omkring", "blandt", "langs", "inden", "imod"})
# Neighbouring typed words joined into a compound, at most this many pairs per query (each is one
# more prefix term and one vocabulary lookup).
MAX_JOINED = 4
# A term this long is no word (a pasted hash or URL): cut so that the index and queries stay small.
MAX_WORD = 60


@dataclass(frozen=True)
class Term:
    """One word, or a phrase (several words that must stand together in this order)."""

    words: tuple
    # Made by parse(), not typed: two neighbouring words written together ("bøf sandwich" ->
    # "bøfsandwich"), or a number as the minutes may print it ("1814500" -> "1.814.500"); an
    # alternative to what was typed (no "Mente du" for it).
    joined: bool = False

    @property
    def is_phrase(self):
        return len(self.words) > 1


@dataclass
class Query:
    """`clauses`: every clause must match; a clause is a list of alternatives (Terms), one of which
    must match. `excluded`: Terms no match may hold."""

    clauses: list = field(default_factory=list)
    excluded: list = field(default_factory=list)
    # Words typed together as one ("ikke-vestlige", "co2-udledning", "SFO/Klub"), as phrases: each
    # of their words is a clause of its own (so "gang- og cykelbro" keeps working), and the items
    # holding them together rank first (common.ranked()).
    together: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.clauses)

    @property
    def terms(self):
        """Every positive term, in the order typed."""
        return [term for clause in self.clauses for term in clause]

    @property
    def words(self):
        """Every positive word (of words and phrases), lower case, in the order typed."""
        return [word for term in dict.fromkeys(self.terms) if not term.joined for word in term.words]

    @property
    def required_phrases(self):
        """Phrases every match holds: alone in their clause (not one of several alternatives)."""
        return [clause[0] for clause in self.clauses if len(clause) == 1 and clause[0].is_phrase]


def phrases_typed(query):
    """The phrases of `query` and its words typed together ("ikke-vestlige"), as tuples of words."""
    return tuple(dict.fromkeys(term.words for term in [*query.terms, *query.together] if term.is_phrase))


def tokens(text):
    """The words of `text`, lower case, in order."""
    return [t[:MAX_WORD] for t in TOKEN.findall((text or "").casefold())]


def pieces(q):
    """The pieces of the query `q` as typed: words, "phrases" (with their quotes), -excluded ones and
    `or`, in order."""
    return [match.group(0) for match in _PIECE.finditer(q or "")]


def _is_or(typed, i):
    """Whether the piece `typed[i]` (of a query's pieces) asks for either term: `or`, or the Danish
    "eller" between two other pieces ("selvbudgettering eller statsgaranti"; typed first or last,
    "eller" is a word like any other)."""
    word = typed[i].casefold()
    return word == "or" or (word == "eller" and 0 < i < len(typed) - 1)


def has_or(q):
    """Whether the query `q` asks for either of two terms somewhere (`or` typed between them)."""
    typed = pieces(q)
    return any(_is_or(typed, i) for i in range(len(typed)))


def parse(q):
    """Read the query `q` into a Query (an empty Query when nothing is left to search for)."""
    query = Query()
    pending_or = after_number = False
    scaled = None
    found = list(_PIECE.finditer(unquestioned(q)))
    typed = [match.group(0) for match in found]  # as pieces() reads them
    for i, match in enumerate(found):
        minus, phrase, bare = match.groups("")  # (as findall() reads them: "" for a group not matched)
        if phrase == "" and bare == "":  # '""' or a lone quote: nothing
            continue
        if bare and not minus and _is_or(typed, i):
            pending_or = bool(query.clauses)
            continue
        words = tokens(phrase if bare == "" else bare)
        if not words:
            continue
        # (A scale counts as part of its number: "25,5 millioner kroner" is "kr." too.)
        number_before, after_number = after_number, bool(bare) and not minus and is_number(words[-1])
        after_number = after_number or (number_before and len(words) == 1 and words[0] in _SCALES)
        # An amount in millions typed before its unit ("25,5 mio"): the amount in full stands for both.
        scaled_before, scaled = scaled, None
        if after_number and len(words) == 1 and i + 1 < len(found) and not found[i + 1].group(1):
            unit = tokens(found[i + 1].group(0))
            scaled = scaled_amount(words[0], unit[0]) if len(unit) == 1 else None
        if number_before and words[0] in _PERCENT and len(words) == 1 and not (minus or pending_or):
            continue  # "63 procent": the number is what the minutes print (_PERCENT)
        glued = _LETTERS_DIGITS.fullmatch(words[0]) if bare and len(words) == 1 else None
        if glued and not (minus or pending_or):
            # "iso45001" as typed, or its letters and its digits apart ("ISO-standard 45001"): as
            # _join_neighbours() writes a compound, (ab OR a) AND (ab OR b).
            term = Term((words[0],))
            parts = [part for part in glued.groups() if part]
            query.clauses.extend([term, Term((part,), joined=True)] for part in parts)
            query.together.append(Term(tuple(parts)))
            continue
        if bare and len(words) > 1 and not minus:
            # "ikke-vestlige" or "bøf/sandwich": each word must occur, like words typed apart, and
            # the items that hold them as typed come first.
            terms = [Term((word,)) for word in words]
            query.together.append(Term(tuple(words)))
        else:
            terms = [Term(tuple(words))]
        # Each term with the other ways the minutes may print it.
        forms = [_with_forms(term, number_before, scaled or scaled_before) for term in terms]
        if minus:
            query.excluded.extend(term for alternatives in forms for term in alternatives)
            pending_or = False
            continue
        for alternatives in forms:
            if pending_or:
                query.clauses[-1].extend(alternatives)
                pending_or = False
            else:
                query.clauses.append(alternatives)
    query.clauses = _join_neighbours(query.clauses)
    return query


def unquestioned(q):
    """`q` without its question word and grammar if it asks a question ("hvem ejer PV Greve?":
    "ejer PV Greve"; QUESTION_WORDS, _ASKING_VERBS), else `q` as typed."""
    found = list(_PIECE.finditer(q or ""))

    def word(match):
        minus, _phrase, bare = match.groups()
        words = tokens(bare) if bare and not minus else []
        return fold(words[0]) if len(words) == 1 else None

    words = [word(match) for match in found]
    if words[:1] and words[0] in QUESTION_WORDS:
        asking = 1
    elif words[:1] and words[0] in _ASKING_VERBS and words[1:2] and words[1] in _ASKING_WHO:
        asking = 2
    else:
        return q
    if "or" in words:  # ("eller" in a question is its grammar: "hvad er bedst, x eller y")
        return q
    grammar = QUESTION_WORDS | STOP_WORDS | _PREPOSITIONS
    kept = [match for match, w in zip(found[asking:], words[asking:], strict=True) if w not in grammar]
    if not any(not minus and tokens(phrase or bare) for minus, phrase, bare in (m.groups() for m in kept)):
        return q  # nothing else to search for
    return " ".join(match.group(0) for match in kept)


def _with_forms(term, after_number, scaled=None):
    """[term], and the other ways the minutes may print it: a number's (number_forms()), a unit's
    after a number ("kr": "kroner"), an amount's in full (`scaled`, scaled_amount()), a Latin
    singular's plural ("kursus": "kurser"), a -ter word's ("videnscentret": "videnscenter") and a
    plural's after a or o ("sauna": "saunae", as SQLite's index holds "saunaerne")."""
    if term.is_phrase:
        return [term]
    word = term.words[0]
    forms = [Term((form,), joined=True) for form in number_forms(word)]
    if after_number and word in _UNITS:
        forms.append(Term((_UNITS[word],), joined=True))
    if scaled:
        forms.append(Term((scaled,), joined=True))
    for declined in (_LATIN_SINGULAR.fullmatch(word), _SYNCOPATED.fullmatch(word)):
        if declined:  # the word's plural or -er form: its stem and "er"
            forms.append(Term(((declined.group(1) or declined.group(2)) + "er",), joined=True))
    if _VOWEL_END.fullmatch(word):
        forms.append(Term((word + "e",), joined=True))
    return [term, *forms]


def scaled_amount(number, unit):
    """`number` times the scale of `unit` as the minutes print an amount in full ("25,5", "mio":
    "25.500.000"); None when `unit` is no scale or the amount is no whole number of kroner."""
    scale = _SCALES.get(unit)
    if not scale:
        return None
    if number.isdigit():
        amount = int(number) * scale
    elif _DECIMAL.fullmatch(number):
        whole, _separator, fraction = number.replace(",", ".").partition(".")
        amount = int(whole) * scale + int(fraction) * scale // 10 ** len(fraction)
    else:
        return None
    return f"{amount:,}".replace(",", ".")


def number_forms(word):
    """Other ways the minutes may print the number `word`, which a reader types as it comes: with
    the thousands grouped by dots, as the minutes print amounts ("1814500 kr": "1.814.500 kr."),
    or without them ("11.309.897": "11309897"); a decimal with a comma or a dot ("912.9":
    "912,9"). A year (1900-2099) is a year, typed either way."""
    if _DECIMAL.fullmatch(word):
        return [word.translate(str.maketrans(".,", ",."))]
    if word.isdigit() and len(word) >= 4 and word[0] != "0":
        digits, other = word, f"{int(word):,}".replace(",", ".")
    elif _THOUSANDS.fullmatch(word):
        digits = other = word.replace(".", "")
    else:
        return []
    return [] if len(digits) == 4 and digits.startswith(("19", "20")) else [other]


def _joinable(clause):
    """A clause that is one plain word of 3 letters or more, no stop word (not a phrase, a number or
    one of alternatives typed), with the other ways the minutes may print it (_with_forms())."""
    typed = [term for term in clause if not term.joined]
    if len(typed) != 1 or typed[0].is_phrase:
        return False
    word = typed[0].words[0]
    return word.isalpha() and len(word) >= 3 and word not in STOP_WORDS and fold(word) not in STOP_WORDS


def _join_neighbours(clauses):
    """Let each pair of neighbouring plain words a, b also be matched by the compound "ab" (or
    "asb"): (a AND b) OR ab, written as the clauses (a OR ab) AND (b OR ab); a word between two
    pairs may stand in either, (b OR ab OR bc). "kunst græs baner" finds "kunstgræsbaner" through
    "kunstgræs" and the compounds ending in "græsbaner" (the joined word is searched like a typed
    one: as a prefix and as a tail), and "pant krave skraldespand" finds "pantkraver på
    skraldespande". With no such compound in the archive the query means what it meant: every word
    must occur."""
    result, joined = [], 0
    for i, clause in enumerate(clauses):
        before = result[-1] if result and _joinable(clauses[i - 1]) and i else None
        if before is not None and _joinable(clause) and joined < MAX_JOINED:
            a, b = clauses[i - 1][0].words[0], clause[0].words[0]
            forms = [a + b] if a.endswith("s") else [a + b, a + "s" + b]
            compounds = [Term((form[:MAX_WORD],), joined=True) for form in forms]
            joined += 1
            before.extend(compounds)
            result.append([*clause, *compounds])
        else:
            result.append(list(clause))
    return result


def fold(word):
    """`word` with ae/oe/aa read as æ/ø/å ("beskaeftigelsesplan" -> "beskæftigelsesplan")."""
    for typed, letter in _FOLDS:
        word = word.replace(typed, letter)
    return word


def unfold(word, letters="å"):
    """`word` with `letters` of æ/ø/å written ae/oe/aa, as names print å ("søgård": "søgaard",
    "århus": "aarhus"): the reverse of fold()."""
    for typed, letter in _FOLDS:
        if letter in letters:
            word = word.replace(letter, typed)
    return word


def is_number(word):
    return word[:1].isdigit()


def is_prefix(word):
    """Whether a typed word is searched as the beginning of words: not a number, and not one letter
    ("a" of "a-kasser", "c" of "model c", "ø" of "Aarhus Ø"), which begins too many words to mean
    anything and would make the index read all of them."""
    return len(word) > 1 and not is_number(word)


@lru_cache(maxsize=50_000)
def stem(word):
    """The Danish Snowball stem of a lower-case word; a number is kept, its separators as "_"."""
    if is_number(word):
        return _NUMBER_SEPARATORS.sub("_", word)
    return stem_as_typed(fold(word))


def stem_as_typed(word):
    """The Snowball stem of a lower-case word without reading ae/oe/aa as æ/ø/å ("msoedalplads" is
    "mosedalplads" with two letters swapped, not "msødalplads")."""
    return _STEMMER.stemWord(word)


def index_tokens(text):
    """The stems of `text`, space-separated: what SQLite's full-text index stores."""
    return " ".join(stem(word) for word in tokens(text))


# A suspended hyphen: heads that share the tail of the word after the conjunction ("toilet- og
# badevogne" is toiletvogne and badevogne, "Klima-, Teknik- og Miljøudvalget" three committees).
_SUSPENDED = re.compile(
    r"(?<![^\W_])((?:[^\W\d_]+[-\u2010\u2011],?\s+)+)(?:og|eller|samt)\s+([^\W\d_]{6,})", re.IGNORECASE
)
_SUSPENDED_HEAD = re.compile(r"([^\W\d_]+)[-\u2010\u2011]")
# The shortest first part and tail a compound's last word is cut into (bro, gang).
MIN_COMPOUND_PART = 3


def _suspended(text):
    """(the heads, the last word) of each suspended hyphen in `text`, lower case."""
    for match in _SUSPENDED.finditer(text or ""):
        yield [head.casefold() for head in _SUSPENDED_HEAD.findall(match.group(1))], match.group(2).casefold()


def _cuts(word):
    return [(word[:cut], word[cut:]) for cut in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1)]


def suspended_compounds(texts, in_vocabulary):
    """For each of `texts`, the compounds it writes with a suspended hyphen, for the index: each head
    joined to the tail of the last word ("toilet- og badevogne": "toiletvogne"; "Klima-, Teknik- og
    Miljøudvalget": "klimaudvalget", "teknikudvalget"). The last word is cut after its shortest
    first part that the vocabulary holds where the tail is a known word too; a word that cannot be
    cut so gives none ("spids- og reservelastanlæg": "lastanlæg" is no word of its own). (The
    longest known first part alone took an ending from the tail: "Talent- og elitestøtte" was
    "talenttøtte".) `in_vocabulary(stems)` answers which of the stems the vocabulary holds, asked
    once for all the texts."""
    found = [
        [
            (heads, [(stem(first), stem(tail), tail) for first, tail in _cuts(word)])
            for heads, word in _suspended(text)
        ]
        for text in texts
    ]
    stems = {part for hyphens in found for _heads, cuts in hyphens for cut in cuts for part in cut[:2]}
    known = in_vocabulary(stems) if stems else set()
    compounds = []
    for hyphens in found:
        words = []
        for heads, cuts in hyphens:
            tail = next((tail for first, rest, tail in cuts if first in known and rest in known), None)
            words.extend(head + tail for head in heads if tail)
        compounds.append(words)
    return compounds


# A compound written with a hyphen between its parts ("ti-årsplan", "el-biler", or a line broken in
# the word, "tillægsbevil-linger"), which the index reads as two words: it is indexed joined too, as
# a reader types it ("tiårsplan", "tillægsbevillinger"). Not a number ("Covid-19") nor a suspended
# hyphen ("Klima-, Teknik- og"), and not under MIN_JOINED letters ("a-d").
_HYPHENATED = re.compile(r"(?<![\w\u2010\u2011-])[^\W\d_]+(?:[-\u2010\u2011][^\W\d_]+)+(?![\w\u2010\u2011-])")
_HYPHENS = re.compile(r"[-\u2010\u2011]")
MIN_JOINED = 5


def hyphen_compounds(text):
    """The words `text` writes with hyphens between letters, joined, in lower case, for the index."""
    joined = (_HYPHENS.sub("", match.group(0)).casefold() for match in _HYPHENATED.finditer(text or ""))
    return [word for word in joined if len(word) >= MIN_JOINED]


# A word typed before a case number: "sag 24/34838", "sagsnr. 24/34838", "sag nr. 24/34838",
# "sagsnr.: 24/34838" (as a letter prints it), "j.nr. 24/34838", "journalnummer 24/34838".
_CASE_WORD = re.compile(
    r"^(?:sag(?:en|s)?(?:\s*(?:nr|nummer))?|j(?:ournal)?\s*\.?\s*(?:nr|nummer))(?:\s*[.:]+\s*|\s+)",
    re.IGNORECASE,
)
# "25/31181", "24 34838" after a case word, "EMN-2025-003383", "emn 2025 3383", "27.00.00-P20-3-24".
_CASE_SHAPE = re.compile(
    r"^(?:[^\W\d_]{2,6}[\s/-]+)?\d{2,4}(?:\s*[\s./-]\s*\d{1,7}){1,2}[^\W\d_]?$"
    r"|^\d{2}\.\d{2}\.\d{2}-[^\W\d_]\d{2}-\d+-\d{2}$"
)
# Greve's numbers (two digits of the year and a serial of six, "22-011038") typed with a space: two
# numbers that shape are a case number without a word before them.
_YEAR_SERIAL = re.compile(r"^\d{2}\s+\d{6}[^\W\d_]?$")
# A prefix, a year and a serial typed as one ("emn2025008579"); Greve's year and serial typed as
# one ("22009382", eight digits).
_GLUED = re.compile(r"^([^\W\d_]{2,6})((?:19|20)\d{2})(\d{3,7})$")
_GLUED_YEAR_SERIAL = re.compile(r"^(\d{2})(\d{6}[^\W\d_]?)$")
# A year and a serial without the prefix the number is stored with ("2025-008076" for
# "EMN-2025-008076"): looked up by the end of the stored numbers (case_number_tails()). A serial of
# five digits or more, so that a span of years ("2023-2026") is no case; of three after a case word.
_YEAR_SERIAL_TAIL = re.compile(r"^((?:19|20)\d{2})\s*[\s/-]?\s*(\d{3,7})$")
_CASE_PARTS = re.compile(r"\s*[\s./\\-]\s*")


def case_number_forms(q):
    """The spellings of the case number `q` may be, in the lookup form ("EMN/2025/003383"); none
    when `q` is not a case number. The numbers are tried as typed, without and with leading
    zeros ("emn 2025 3383" is "EMN-2025-003383"), and with a letter after them and without it; "2025
    3383" alone is two numbers, not a case, but "22 011038" and "22011038" have the shape of Greve's
    numbers."""
    text, word = _after_case_word(q)
    text = _GLUED_YEAR_SERIAL.sub(r"\1-\2", _GLUED.sub(r"\1-\2-\3", text))
    if len(text) > 40 or not _CASE_SHAPE.match(text):
        return []
    if not word and not (re.search(r"[/-]", text) or text[0].isalpha() or _YEAR_SERIAL.match(text)):
        return []
    forms = [[]]
    for part in _CASE_PARTS.split(text.upper()):
        # A serial number (3+ digits) may be typed without the zeros Aarhus pads it with.
        variants = _serial_forms(part) if part.isdigit() and len(part) >= 3 else [part]
        forms = [form + [variant] for form in forms for variant in variants]
    forms = {"/".join(form) for form in forms}
    if text[-1].isdigit():
        # Greve ends some numbers with a letter ("19-033355K"), which a reader may leave out.
        forms |= {form + letter for form in forms for letter in string.ascii_uppercase}
    return sorted(forms)


def case_number_tails(q):
    """How the stored number of the case `q` names ends ("/2025/008076"), when `q` is a year and a
    serial typed without the prefix the number may be stored with ("2025-008076", "2025 008076"
    or "2025008076" for "EMN-2025-008076"); none otherwise. The serial with and without the zeros
    Aarhus pads it with."""
    text, word = _after_case_word(q)
    tail = _YEAR_SERIAL_TAIL.match(text)
    if not tail or (len(tail.group(2)) < 5 and not word):
        return []
    year, serial = tail.groups()
    return sorted(f"/{year}/{variant}" for variant in _serial_forms(serial))


def _after_case_word(q):
    """(`q` without the word before a case number, if it has one ("sag nr."), whether it had)."""
    text = (q or "").strip()
    word = _CASE_WORD.match(text)
    return (text[word.end() :].strip(), True) if word else (text, False)


def _serial_forms(serial):
    """A serial number as typed, without the zeros Aarhus pads it with, and with them (six digits)."""
    return list(dict.fromkeys([serial, serial.lstrip("0") or "0", serial.zfill(6)]))
