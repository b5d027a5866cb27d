"""The national parties by ballot letter, and the slugs of their pages. Pure data and functions.

PARTY_LETTERS is also the table imports.prose reads positions with (the importer imports it from
here: this module is plain Python, so the parsers stay free of Django).
"""

PARTY_LETTERS = {
    "A": "Socialdemokratiet",
    "B": "Radikale Venstre",
    "C": "Det Konservative Folkeparti",
    "D": "Nye Borgerlige",
    "F": "Socialistisk Folkeparti",
    "I": "Liberal Alliance",
    "K": "Kristendemokraterne",
    "M": "Moderaterne",
    "O": "Dansk Folkeparti",
    "Q": "Frie Grønne",
    "V": "Venstre",
    "Æ": "Danmarksdemokraterne",
    "Ø": "Enhedslisten",
    "Å": "Alternativet",
}
LETTER_OF = {name: letter for letter, name in PARTY_LETTERS.items()}
# "Det Konservative Folkeparti" -> "det-konservative-folkeparti": Danish letters spelled out, so
# the address reads as the name does (Django's slugify would drop "ø" from "Grønne").
_SPELLED = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u"})


def party_slug(name):
    """The slug of a party's page: "Frie Grønne" -> "frie-groenne"."""
    return "-".join(name.lower().translate(_SPELLED).split())


PARTY_BY_SLUG = {party_slug(name): name for name in PARTY_LETTERS.values()}


def party_of_letter(letter):
    """The national party a printed ballot letter stands for ("Ø" -> "Enhedslisten"), else ""."""
    return PARTY_LETTERS.get(letter or "", "")
