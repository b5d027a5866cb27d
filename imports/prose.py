"""Positions, absences and the outcome of a decision, read from Danish decision prose. Pure Python.

Four public functions, used by every parser that has decision text:

- `positions(text)`: who stood how ("Radikale Venstres og Alternativets byrådsgrupper kunne ikke
  tiltræde indstillingen", "Socialdemokratiet tog forbehold", "For stemte: (V), (A) og (C).",
  "John T. Olsen (A) undlod at tage stilling") as ParsedPosition(who, stance, sentence).
- `absences(text)`: who was away ("Afbud: A, B og C", "Fraværende: X", "X deltog ikke i sagens
  behandling", "Rådmand X var forhindret i at deltage ...").
- `outcome(text)`: what was decided, in the small vocabulary of OUTCOMES.
- `party_name(text)`: the canonical name of a party from a ballot letter, an abbreviation or a
  written (genitive, "byrådsgruppe") form; PARTY_LETTERS is the national ballot-letter table.

How the text is read:
- Lines are joined where a sentence was wrapped (the next line starts in lower case, or the line
  ends in "," "-" or a word such as "og"/"til"); otherwise every line is its own statement (the
  Greve JSON puts "Afbud: ..." and "Godkendt." on lines of their own, without a full stop).
- A line is cut into sentences at ". " before a capital letter, except after an initial
  ("John T. Olsen") or an abbreviation ("jf.", "pkt.").
- An actor (the subject of a position or an absence) is a list split on ",", "og", "samt"; every
  member must be recognised, as a party or as a person's name (capitalised words, an optional
  "(A)" party suffix, a leading title such as "Rådmand" dropped). If one member is not (a
  committee, "Et flertal i udvalget", "Magistraten", a clause), the sentence gives nothing: the
  body deciding is no party position, and a sentence that merely contains "deltog ikke" names
  nobody. Nothing is guessed.
- Everything is linear in the length of the text: no regex with nested open-ended repetition,
  and every look-back is a bounded slice.
"""

import re

from meetings.parties import PARTY_LETTERS

from .text import MONTHS, one_line
from .types import ParsedPosition

# ---------------------------------------------------------------------------------------------
# Parties

# The national ballot letters (Indenrigs- og Sundhedsministeriets partibogstaver): meetings/parties.py,
# a pure table the party pages read too.
# The abbreviations Aarhus writes ("Svar på forslag fra KF og M", "Beslutningsforslag SF og ALT").
# "UFP" (Viggo Jonasen, "Uden For Parti") is no party: it is kept as written by positions().
ABBREVIATIONS = {
    "S": "Socialdemokratiet",
    "RV": "Radikale Venstre",
    "KF": "Det Konservative Folkeparti",
    "NB": "Nye Borgerlige",
    "SF": "Socialistisk Folkeparti",
    "LA": "Liberal Alliance",
    "KD": "Kristendemokraterne",
    "DF": "Dansk Folkeparti",
    "FG": "Frie Grønne",
    "DD": "Danmarksdemokraterne",
    "EL": "Enhedslisten",
    "ALT": "Alternativet",
}
# Written names, lower case, dashes and extra spaces removed (see _alias_key).
_PARTY_ALIASES = {
    "socialdemokratiet": "Socialdemokratiet",
    "socialdemokraterne": "Socialdemokratiet",
    "radikale venstre": "Radikale Venstre",
    "det radikale venstre": "Radikale Venstre",
    "de radikale": "Radikale Venstre",
    "radikale": "Radikale Venstre",
    "det konservative folkeparti": "Det Konservative Folkeparti",
    "konservative folkeparti": "Det Konservative Folkeparti",
    "de konservative": "Det Konservative Folkeparti",
    "konservative": "Det Konservative Folkeparti",
    "nye borgerlige": "Nye Borgerlige",
    "socialistisk folkeparti": "Socialistisk Folkeparti",
    "sf socialistisk folkeparti": "Socialistisk Folkeparti",
    "liberal alliance": "Liberal Alliance",
    "kristendemokraterne": "Kristendemokraterne",
    "moderaterne": "Moderaterne",
    "dansk folkeparti": "Dansk Folkeparti",
    "frie grønne": "Frie Grønne",
    "de frie grønne": "Frie Grønne",
    "venstre": "Venstre",
    "venstre, danmarks liberale parti": "Venstre",
    "danmarksdemokraterne": "Danmarksdemokraterne",
    "danmarksdemokraterne inger støjberg": "Danmarksdemokraterne",
    "enhedslisten": "Enhedslisten",
    "enhedslisten de rød-grønne": "Enhedslisten",
    "enhedslisten de rødgrønne": "Enhedslisten",
    "alternativet": "Alternativet",
}
_PARTY_NAMES = frozenset(PARTY_LETTERS.values())
# "Socialdemokratiets byrådsgruppe", "Radikale Venstres og Alternativets byrådsgrupper".
_GROUP_WORD = re.compile(r"\s+(?:byråds|udvalgs)?grupper?(?:ne|n)?$", re.IGNORECASE)
_SPACED_DASH = re.compile(r"\s+[-–—]\s+")


def _alias_key(text):
    return " ".join(_SPACED_DASH.sub(" ", text).lower().split())


def party_name(text):
    """The canonical party name for a ballot letter ("Ø", "(Ø)"), an abbreviation ("RV", "EL") or a
    written group name ("Socialdemokratiets byrådsgruppe", "Enhedslisten de Rød-Grønnes",
    "det Konservative Folkeparti"); None when it is no party we know."""
    if not text:
        return None
    t = " ".join(text.split())
    if len(t) > 80:
        return None
    if t.startswith("(") and t.endswith(")"):
        t = t[1:-1].strip()
    t = _GROUP_WORD.sub("", t)
    candidates = [t]
    # Genitive: "Venstres" -> "Venstre", "SF's" -> "SF" (after the group word is gone).
    if t.endswith(("'s", "’s")):
        candidates.append(t[:-2])
    elif t.endswith("s") and len(t) > 2:
        candidates.append(t[:-1])
    for candidate in candidates:
        # Letters and abbreviations are upper case as printed: "a" or "i" is a word, not a party.
        if candidate in PARTY_LETTERS:
            return PARTY_LETTERS[candidate]
        if candidate in ABBREVIATIONS:
            return ABBREVIATIONS[candidate]
        found = _PARTY_ALIASES.get(_alias_key(candidate))
        if found:
            return found
    return None


# ---------------------------------------------------------------------------------------------
# Sentences

_JOIN_WORDS = {"og", "samt", "eller", "til", "i", "for", "af", "at", "den", "det", "de", "med", "om", "fra"}
_JOIN_WORDS |= {"ved", "på", "som", "men", "der", "en", "et", "jf.", "kl."}
_JOIN_WORDS |= set(MONTHS)  # "... den 27. august" / "2025."
# A sentence ends at . ! ? before white space and a capital letter, a parenthesis or a quote.
_BOUNDARY = re.compile(r"[.!?](?=\s+[A-ZÆØÅÉÜ(\"“”«»])")
# ... but not after an abbreviation ("jf. Bilag 2") nor after an initial (see _no_split).
_ABBREVIATED = {"jf", "pkt", "nr", "ca", "evt", "inkl", "ekskl", "stk", "vedr", "mht", "hhv", "kl", "bl.a"}
_ABBREVIATED |= {"f.eks", "dvs", "ang", "mio", "mia"}
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
# "1. ", "1.-3. ", "2.-3. ", "1-4 ", "1a. ", "Pkt. 1: ", "Ad 2) ", "Punkterne 1.-10. ": a numbered
# sub-decision's label before its subject ("1.-3. Bjarke Abel (A) undlod at tage stilling.").
_NUMBERING = re.compile(
    r"^(?:(?:pkt\.?|punkt(?:erne)?|ad\.?)\s*)?\d{1,3}[a-z]?\.?(?:\s*[-–]\s*\d{1,3}[a-z]?\.?)?\)?:?\s+",
    re.IGNORECASE,
)


def _continues(prev, line):
    """Whether `line` is the wrapped rest of the sentence on `prev`."""
    if line[0].islower():
        return True
    if prev.endswith((",", "-", "–")):
        return True
    last = prev.rsplit(" ", 1)[-1].lower()
    return last in _JOIN_WORDS and (line[0].isdigit() or last not in MONTHS)


def _logical_lines(text):
    groups = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            continue
        if groups and _continues(groups[-1][-1], line):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [one_line(group) if len(group) > 1 else group[0] for group in groups]


def _no_split(line, stop):
    """Whether the full stop at `stop` ends an abbreviation ("jf.") or an initial: one capital
    after a capitalised word ("John T. Olsen"), where "stemte Ø. For ..." does end a sentence."""
    word_start = line.rfind(" ", max(0, stop - 12), stop) + 1
    word = line[word_start:stop].lstrip("(")
    if word.lower() in _ABBREVIATED:
        return True
    if len(word) != 1 or not word.isupper() or word_start < 2:
        return False
    before = line[max(0, word_start - 30) : word_start - 1].rsplit(" ", 1)[-1]
    return before[:1].isupper() and before.replace("-", "").isalpha() and not before.isupper()


def _sentences(text):
    """The sentences of `text`, in order, stripped."""
    result = []
    for line in _logical_lines(text or ""):
        start = 0
        for m in _BOUNDARY.finditer(line):
            end = m.end()
            if _no_split(line, m.start()):
                continue
            piece = line[start:end].strip()
            if piece:
                result.append(piece)
            start = end
        piece = line[start:].strip()
        if piece:
            result.append(piece)
    return result


def _strip_numbering(sentence):
    m = _NUMBERING.match(sentence)
    return sentence[m.end() :] if m else sentence


# ---------------------------------------------------------------------------------------------
# Actors: parties and persons

# Titles before a name, dropped: "Rådmand Nicolaj Bang", "stabschef Louise Rohde".
_TITLES = {
    "rådmand",
    "rådmanden",
    "borgmester",
    "borgmesteren",
    "viceborgmester",
    "formand",
    "formanden",
    "næstformand",
    "næstformanden",
    "udvalgsformand",
    "byrådsmedlem",
    "medlem",
    "konstitueret",
    "fungerende",
    "sekretær",
    "fuldmægtig",
    "rådgiver",
    "sagsbehandler",
    "medarbejder",
}
_TITLE_ENDINGS = ("chef", "chefen", "direktør", "direktøren", "konsulent", "konsulenten", "leder")
# Capitalised words that make a subject a body or a phrase, not a person: "Udvalget", "Et
# flertal", "Teknisk Udvalg", "Aarhus Byråd", "Magistraten", "Sagen".
_NOT_NAME = {
    "det",
    "den",
    "de",
    "et",
    "en",
    "alle",
    "ingen",
    "man",
    "vi",
    "sagen",
    "punktet",
    "indstillingen",
    "forslaget",
    "magistraten",
    "administrationen",
    "forvaltningen",
    "direktionen",
    "flertal",
    "flertallet",
    "mindretal",
    "mindretallet",
    "partierne",
    "forligsparterne",
    "for",
    "imod",
    "med",
}
_BODY_ENDINGS = ("udvalg", "udvalget", "udvalgets", "byråd", "byrådet", "byrådets", "rådet", "afdeling")
_BODY_ENDINGS += ("afdelingen", "kommune", "kommunen", "magistraten", "gruppe", "gruppen", "grupper")
_PARTICLES = {"von", "van", "de", "du", "la", "le", "af", "da", "di", "der", "ter"}
# "(V)", "(UP-1)", "(SF)" after a name; "Kenneth Jerkel fra (A)" in Greve.
_NAME_SUFFIX = re.compile(r"(?:\s+fra)?\s*\(([A-ZÆØÅ]{1,4}(?:-?\d{1,2})?)\)$")
_LIST_LETTER = re.compile(r"\(([A-ZÆØÅ]{1,4}(?:-?\d{1,2})?)\)")
_BARE_ABBREVIATION = re.compile(r"[A-ZÆØÅ]{2,4}")
_TOKEN_REST = re.compile(r"[\w'’.-]*")
_COUNT = re.compile(r"\s*\(\d{1,3}\)")  # "A, V, C (11)": the number of votes
_GLUED = re.compile(r"\)\s+(?=[A-ZÆØÅ])")  # "Marc Genning (V) Hans-Jørgen Kirstein (D)"
_LIST_SPLIT = re.compile(r"\s*[,;]\s*(?:(?:og|samt)\s+)?|\s+(?:og|samt|&)\s+")  # "(M), og Liselott Blixt"
_TRIM = " \t,.;:!?”“\"'»«-–"


def _person(part):
    """`part` without a leading title if it is a person's name ("John T. Olsen (A)"), else None."""
    suffix = _NAME_SUFFIX.search(part)
    core = part[: suffix.start()] if suffix else part
    tokens = core.split()
    while tokens and (tokens[0].lower() in _TITLES or tokens[0].lower().endswith(_TITLE_ENDINGS)):
        tokens.pop(0)
    if not tokens or len(tokens) > 6:
        return None
    capitalised = 0
    for k, token in enumerate(tokens):
        low = token.lower()
        if token[0].isupper() and _TOKEN_REST.fullmatch(token, 1):
            if low in _NOT_NAME or low.endswith(_BODY_ENDINGS):
                return None
            capitalised += 1
        elif not (low in _PARTICLES and 0 < k < len(tokens) - 1):
            return None
    if capitalised < (1 if suffix else 2):
        return None
    return " ".join(tokens) + (part[suffix.start() :] if suffix else "")


def _actor(part, persons_only=False):
    """The canonical party or the person `part` names, else None."""
    p = part.strip(_TRIM)
    if p.count("(") != p.count(")"):
        p = p.strip("()")  # "For stemte (V), A), (C)"
    if not p or len(p) > 100:
        return None
    if not persons_only:
        party = party_name(p)
        if party:
            return party
        # A list letter in parentheses that is no national party (Greve's "(UP)") stays as written.
        m = _LIST_LETTER.fullmatch(p)
        if m:
            return m.group(1)
    return _person(p)


def _actors(subject, persons_only=False):
    """The actors a subject lists, [] for "ingen", None when any member is not recognised."""
    s = _GLUED.sub("), ", _COUNT.sub("", subject))
    found, person = [], False
    for part in _LIST_SPLIT.split(s):
        part = part.strip(_TRIM)
        if not part or part.lower() in ("ingen", "-"):
            continue
        if _BARE_ABBREVIATION.fullmatch(part) and party_name(part) is None:
            # "Viggo Jonasen, UFP": an affiliation we do not know, written after the name, belongs
            # to it; on its own ("KL stemte imod") it is nobody we can name.
            if not (person and "(" not in found[-1]):
                return None
            found[-1] = f"{found[-1]}, {part}"
            continue
        who = _actor(part, persons_only)
        if who is None:
            return None
        person = who not in _PARTY_NAMES and not _LIST_LETTER.fullmatch(part.strip(_TRIM))
        found.append(who)
    return found


# Where a subject clause starts inside a longer sentence: "Indstillingen blev godkendt, idet
# Enhedslisten stemte imod" -> "Enhedslisten".
_CLAUSE = re.compile(r",\s*(?:idet|da|mens|medens|men|hvorimod|hvorefter|hvor)\s+|\b(?:idet|hvorimod)\s+")
_LEADING = re.compile(r"^[\s,;]*(?:(?:og|samt|men|mens|endvidere|desuden)\s+)?")


def _subject(text):
    """The subject at the end of `text` (the words before a verb), or "" when there is none."""
    ends = [m.end() for m in _CLAUSE.finditer(text)]
    if ends:
        text = text[ends[-1] :]
    text = _strip_numbering(text.strip())
    return text[_LEADING.match(text).end() :].strip()


# ---------------------------------------------------------------------------------------------
# Positions

# A stance after its subject: "X kunne ikke tiltræde", "X tog forbehold", "X stemte imod",
# "X undlod at tage stilling", "X (Ø) anbefaler administrationens indstilling". Negated forms come
# first in each place they could overlap.
_SUFFIX = re.compile(
    r"\b(?:"
    r"(?P<against>kunne\s+ikke\s+(?:tiltræde|anbefale|støtte)|kan\s+ikke\s+(?:tiltræde|anbefale|støtte)"
    r"|tiltræder\s+ikke|anbefal(?:er|ede)\s+ikke|stemte\s+(?:i\s*)?mod|stemmer\s+(?:i\s*)?mod)"
    r"|(?P<for>kunne\s+(?:tiltræde|anbefale)|kan\s+(?:tiltræde|anbefale)|tiltræder|tiltrådte"
    r"|anbefal(?:er|ede)|stemte\s+for|stemmer\s+for)"
    r"|(?P<reservation>t(?:og|ager)\s+(?:et\s+|sit\s+|deres\s+)?forbehold)"
    r"|(?P<abstained>undl(?:od|ader)\s+at\s+(?:stemme|tage\s+stilling)|undl(?:od|ader)"
    r"|stem(?:te|mer)\s+blankt|afstod\s+fra\s+at\s+stemme)"
    r")\b"
)
# A stance before its list, at the start of a sentence: "For stemte: (V), (A) og (C).", "Imod
# stemte Ø.", "Stemte imod: (F) og (Ø)", "For administrationens indstilling stemte: Bjarke Abel
# (A)", "Undlader: F", and several on one line: "For stemte: Ø Imod stemte: V, A, C, F, O".
_PREFIX = re.compile(
    r"(?:(?P<for>For\s+(?:[\w-]+\s+){0,3}?stemte(?:\s+stemte)?|Stemte\s+for(?=\s*:))"
    r"|(?P<against>Imod\s+(?:[\w-]+\s+){0,3}?stemte|Stemte\s+imod(?=\s*:)|Imod(?=\s*:))"
    r"|(?P<abstained>Undlader|Undlod(?:\s+at\s+stemme)?|Hverken\s+for\s+eller\s+imod(?:\s+stemte)?"
    r"|Blank(?:e|t)?(?=\s*:)))\b\s*:?"
)
# Where a prefix list ends: the remark after it ("Imod stemte (Ø) med bemærkning om, at ...").
_LIST_END = re.compile(
    r"\s+(?:med\s+(?:bemærkning|begrundelse|følgende)|idet|da|fordi|for\s+så\s+vidt|jf\.?)\b|[;:]"
)


def _stance(match):
    return next(name for name, value in match.groupdict().items() if value)


def _prefix_positions(body):
    """[(who, stance)] of a sentence that starts with a vote header, and whether its (last) list
    was empty, so the names may follow on the next lines ("For stemte:" / "Anne Marie Lyduch (V)")."""
    markers = list(_PREFIX.finditer(body))
    if not markers or markers[0].start() != 0:
        return None, False
    found, empty = [], False
    for k, m in enumerate(markers):
        end = markers[k + 1].start() if k + 1 < len(markers) else len(body)
        listed = body[m.end() : end]
        stop = _LIST_END.search(listed)
        if stop:
            listed = listed[: stop.start()]
        actors = _actors(listed)
        empty = not listed.strip(_TRIM)
        for who in actors or ():
            found.append((who, _stance(m)))
    return found, empty


def _suffix_positions(body):
    """[(who, stance, start, end)] of the stances stated after their subjects in `body`."""
    found = []
    prev_end = 0
    for m in _SUFFIX.finditer(body):
        between = body[prev_end : m.start()]
        subject = _subject(between)
        actors = _actors(subject) if subject else None
        if actors:
            # The subject is the end of `between`: the position spans from it to the verb.
            start = prev_end + len(between.rstrip()) - len(subject)
            found.extend((who, _stance(m), start, m.end()) for who in actors)
        prev_end = m.end()
    return found


def positions(text):
    """Every position `text` states, in order: ParsedPosition(who, stance, sentence).

    `who` is a canonical party name ("Radikale Venstres byrådsgruppe" -> "Radikale Venstre", "(Ø)"
    -> "Enhedslisten") or a person as written ("John T. Olsen (A)", a title dropped); stance one
    of STANCES. A sentence whose subject is the body itself ("Udvalget kunne tiltræde",
    "Magistraten", "Et flertal i udvalget") states no position."""
    result = []
    sentences = _sentences(text)
    k = 0
    while k < len(sentences):
        sentence = sentences[k]
        body = _strip_numbering(sentence)
        prefixed, empty = _prefix_positions(body)
        if prefixed is not None:
            result.extend(ParsedPosition(who, stance, sentence) for who, stance in prefixed)
            # "For stemte:" with the names on the lines below, one a line (Greve).
            last = list(_PREFIX.finditer(body))[-1]
            while empty and k + 1 < len(sentences):
                following = sentences[k + 1]
                if _PREFIX.match(following):
                    break
                # "Imod stemte:" / "(F) med bemærkning om, ”at SF stemmer imod ...”" (Greve).
                stop = _LIST_END.search(following)
                actors = _actors(following[: stop.start()] if stop else following)
                if not actors:
                    break
                said = f"{sentence} {following}"  # "For stemte: Anne Marie Lyduch (V)"
                result.extend(ParsedPosition(who, _stance(last), said) for who in actors)
                k += 1
        else:
            result.extend(
                ParsedPosition(who, stance, sentence) for who, stance, _, _ in _suffix_positions(body)
            )
        k += 1
    return result


# ---------------------------------------------------------------------------------------------
# Absences

# "Afbud: A, B og C", "Afbud fra Tina Rottbøll (A)", "Fraværende: X". "Ingen afbud" is none.
# "Ikke til stede Tina Rottbøll" (Greve) is distinctive enough without the colon.
_ABSENT_PREFIX = re.compile(r"(?:(?:Afbud|Fraværende|Fravær)(?:\s*:|\s+fra\b)|Ikke\s+til\s+stede\b:?)\s*")
# "X deltog ikke i sagens behandling", "X var forhindret (i at deltage ...)", "X var fraværende",
# "X havde afbud". "X melder afbud til mødet den 10. oktober" speaks of another meeting: not read.
_ABSENT_SUFFIX = re.compile(
    r"\b(?:deltog\s+ikke|deltager\s+ikke|har\s+ikke\s+deltaget|(?:var|er|blev)\s+forhindret"
    r"|(?:var|er)\s+fraværende|(?:havde|har)\s+(?:meldt\s+)?afbud|meldte\s+afbud)\b"
)


def absences(text):
    """Names of the people `text` says were absent, as printed (a party suffix "(V)" kept, a title
    such as "Rådmand" dropped), in order and without repeats."""
    result = []
    sentences = _sentences(text)
    for k, sentence in enumerate(sentences):
        body = _strip_numbering(sentence)
        prefix = _ABSENT_PREFIX.match(body)
        names = []
        if prefix:
            names = _actors(body[prefix.end() :], persons_only=True) or []
            # "Ikke til stede:" / "Charlotte Levin (A)": the names on the lines below (Greve).
            j = k + 1
            while prefix.end() == len(body) and j < len(sentences):
                more = _actors(sentences[j], persons_only=True)
                if not more:
                    break
                names.extend(more)
                j += 1
        else:
            prev_end = 0
            for m in _ABSENT_SUFFIX.finditer(body):
                subject = _subject(body[prev_end : m.start()])
                prev_end = m.end()
                names.extend((_actors(subject, persons_only=True) or []) if subject else [])
        for name in names:
            if name not in result:
                result.append(name)
    return result


# ---------------------------------------------------------------------------------------------
# Outcome

OUTCOMES = {
    "approved": "Godkendt",
    "recommended": "Anbefalet",
    "noted": "Taget til efterretning",
    "postponed": "Udsat",
    "sent_on": "Sendt videre",
    "sent_back": "Sendt tilbage",
    "rejected": "Ikke godkendt",
    "other": "Andet",
}

# The words that state an outcome. Nouns ("godkendelse", "anbefaling", "indstillingen",
# "vedtagelse") and the adjective "udsatte" ("udsatte børn") are deliberately not matched.
_OUTCOME_WORD = re.compile(
    r"\b(?:"
    r"(?P<sent_back>tilbagesend\w*|send(?:es|er|te|e)\s+(?:\w+\s+){0,2}?tilbage|returner(?:es|et)\b)"
    r"|(?P<sent_on>(?:fremsend|oversend|videresend)(?:es|er|te)\b|(?:sendes|sendt)\s+videre\s+til\b"
    r"|henvis(?:es|t|te)\s+til\b"
    r"|(?:sagen|punktet|forslaget|indstillingen)\s+sendes\s+til\b)"
    r"|(?P<rejected>forkast(?:et|es|ede|er)?\b|afvis(?:t|te|es|er)\b|ikke\s+følge\b)"
    r"|(?P<postponed>udsat\b|udsættes\b|udsætter\b|udsatte\s+(?:sagen|punktet|behandlingen)\b"
    r"|udskudt\b|udskydes\b)"
    r"|(?P<noted>(?:til\s+)?efterretning(?:en)?\b|til\s+orientering\b)"
    r"|(?P<infinitive>godkende|tiltræde|vedtage|anbefale)\b"
    r"|(?P<recommended>anbefal(?:es|er|ede|et)\b|indstill(?:es|er|ede)\b)"
    r"|(?P<approved>godkend(?:t|te|es|er)\b|vedtag(?:et|es|er)\b|vedtog\b|tiltrådt\b|tiltrådte\b"
    r"|tiltræde[rs]\b)"
    r")",
    re.IGNORECASE,
)
_OUTCOME_CODES = ("sent_back", "sent_on", "rejected", "postponed", "noted", "infinitive", "recommended")
_OUTCOME_CODES += ("approved",)
# An infinitive states a decision only after "kunne"/"kan" or "besluttede at" ("Udvalget kunne
# tiltræde indstillingen"); "Borgmester og direktør skal godkende besøg" states none.
_DECIDING_AUXILIARY = re.compile(r"\b(?:kunne|kan|besluttede(?:\s+\w+)?\s+at|valgte\s+at)\s+$", re.IGNORECASE)
# "kan ikke godkende", "blev ikke vedtaget", "Ikke godkendt", "ønsker ikke, at forslaget oversendes":
# "ikke" among the three words before the outcome word; "Anbefales ikke": "ikke" right after.
_NEGATED_BEFORE = re.compile(r"\bikke\b,?(?:\s+\S+){0,2}\s+$", re.IGNORECASE)
_NEGATED_AFTER = re.compile(r"\s+ikke\b", re.IGNORECASE)
# Aarhus' council decision: "Tilbagesendes Magistratsafdelingen for Teknik og Miljø med
# bemærkning, at byrådet i sit møde den 27. august 2025 har vedtaget Magistratens foranstående
# indstilling": the case goes back to the department because the council adopted it.
_COUNCIL_DECIDED = re.compile(
    r"\bmed\s+bemærkning,?\s+at\s+byrådet\b.{0,120}?\bhar\s+(?P<not>ikke\s+)?(?:vedtaget|godkendt|tiltrådt)\b",
    re.IGNORECASE,
)
# Where the name of the body a case is sent on to ends: "Fremsendes til Teknisk Udvalg til
# behandling", "... til Aarhus Byråd med bemærkning", "... til Magistraten. Borgmesterens ...".
_BODY_END = re.compile(
    r"\s+(?:til|med|i\s+henhold|jf\.?|for\s+at|mhp\.?|som|hvor|idet|da|efter|inden|senest|den)\b"
    r"|\s*[,.;:(]|\s+[-–]\s",
    re.IGNORECASE,
)
_TO = re.compile(r"\btil\s+", re.IGNORECASE)


def _sent_to(sentence, m):
    """The body a "Fremsendes (...) til X" / "sendes til X" names, or None."""
    rest = sentence[m.end() : m.end() + 300]
    if not m.group(0).lower().endswith("til"):
        to = _TO.search(rest, 0, 200)
        if not to:
            return None
        rest = rest[to.end() :]
    rest = rest.lstrip()
    end = _BODY_END.search(rest)
    body = (rest[: end.start()] if end else rest).strip()
    # "videresendte det ... til 2. behandling" names a reading, not a body.
    if not body or len(body) > 150 or any(c.isdigit() for c in body):
        return None
    return body


def _read_outcome(sentence, m):
    code = next(c for c in _OUTCOME_CODES if m.group(c))
    before = sentence[max(0, m.start() - 40) : m.start()]
    after = sentence[m.end() : m.end() + 8]
    if code != "rejected" and (_NEGATED_BEFORE.search(" " + before) or _NEGATED_AFTER.match(after)):
        # "kan ikke godkendes", "Anbefales ikke": a refusal; a negated notice, postponement or
        # referral ("ønsker ikke, at forslaget oversendes") is not read as anything.
        return ("rejected", None) if code in ("approved", "recommended", "infinitive") else ("other", None)
    if code == "infinitive":
        if not _DECIDING_AUXILIARY.search(before):
            return None
        return ("recommended", None) if m.group(0).lower() == "anbefale" else ("approved", None)
    if code == "sent_back" and m.group(0).lower().startswith("tilbagesend"):
        decided = _COUNCIL_DECIDED.search(sentence, m.end(), m.end() + 400)
        if decided:
            return ("rejected", None) if decided.group("not") else ("approved", None)
    if code == "sent_on":
        return "sent_on", _sent_to(sentence, m)
    return code, None


def outcome(text):
    """The outcome of one decision text: (code, body) with code one of OUTCOMES; body only for
    "sent_on" (the body named: "Fremsendes til Teknisk Udvalg ..." -> "Teknisk Udvalg").

    The first sentence that states an outcome decides, and within it the first outcome word;
    sentences that state none (attendance, "Udvalget drøftede ...", questions of competence) are
    passed over, and so are vote headers ("Imod stemte (C) med bemærkning om, at ... anbefales")
    and a party's or a person's own position ("Alternativet kunne ikke tiltræde indstillingen").
    A negated approval or recommendation ("Ikke godkendt", "kan ikke anbefales") is "rejected"; an
    infinitive ("godkende") decides only after "kunne"/"kan"/"besluttede at" ("Udvalget kunne
    tiltræde indstillingen"), not in "Borgmester og direktør skal godkende besøg".
    "Tilbagesendes X med bemærkning, at byrådet ... har vedtaget ..." (Aarhus) is "approved": the
    remark states the council's decision. Nothing recognised: ("other", None)."""
    for sentence in _sentences(text):
        body = _strip_numbering(sentence)
        if _PREFIX.match(body):
            continue
        stated = _suffix_positions(body)
        limit = len(body) if not stated else stated[0][2]
        for m in _OUTCOME_WORD.finditer(body, 0, limit):
            found = _read_outcome(body, m)
            if found:
                return found
    return "other", None
