"""What the loader derives from a decision's text: its outcome, and who its positions name.

`outcome_values()` reads the outcome (imports.prose.outcome) for the AgendaItem fields `outcome`
and `outcome_target`; `position_person()` and `position_party()` tie a position's `who` to a
person of the municipality and to a national party. Used by load.py on import and by the
`refresh_outcomes` command for what is already stored.
"""

import re

from meetings.parties import PARTY_LETTERS, party_of_letter

from .prose import outcome, party_name

# "Susanne Provstgaard (V)", "Liselott Blixt (UP-1)", "Charlotte Levin fra (A)" (Greve) -> the name
# and the letter(s) printed after it.
PERSON_WITH_PARTY = re.compile(r"^(?P<name>.+?)(?:\s+fra)?\s*\((?P<party>[A-ZÆØÅ]{1,4}(?:-?\d{1,2})?)\)\s*$")
_PARTY_NAMES = frozenset(PARTY_LETTERS.values())


def split_person(text):
    """("Susanne Provstgaard", "V") from "Susanne Provstgaard (V)"; party "" when none is printed."""
    text = " ".join(text.split())
    m = PERSON_WITH_PARTY.match(text)
    return (m.group("name"), m.group("party")) if m else (text, "")


def outcome_values(decision, closed=False):
    """{"outcome", "outcome_target"} of an item: "" for a closed item or one without a decision,
    else what imports.prose.outcome() reads ("other" when the text states nothing it knows)."""
    if closed or not (decision or "").strip():
        return {"outcome": "", "outcome_target": ""}
    code, target = outcome(decision)
    return {"outcome": code, "outcome_target": (target or "")[:200]}


def position_person(who):
    """The name of the person a position's `who` names ("John T. Olsen (A)" -> "John T. Olsen"),
    or None for a party ("Venstre"), a list letter ("UP") or a first name alone ("Liselott (UP)"):
    a person needs at least two words of a name, so no one is guessed from half a name."""
    if who in _PARTY_NAMES or party_name(who):
        return None
    name, _party = split_person(who)
    words = name.split()
    if len(words) < 2 or not all(w[0].isupper() or w.islower() for w in words) or not words[0][0].isupper():
        return None
    return name


def position_party(who):
    """The national party a position stands for: the party itself ("Venstre") or a person's ballot
    letter ("Mehmet Zeki Dogru (Ø)" -> "Enhedslisten"); "" for a list of its own ("(UP-1)")."""
    if who in _PARTY_NAMES:
        return who
    _name, letter = split_person(who)
    return party_of_letter(letter)
