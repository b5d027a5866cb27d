"""The importer's errors in Danish, for the admin's pages.

The importer's errors are English (the command line shows them as they are); the admin says the
known ones in Danish and wraps any other in a Danish sentence.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

# detect.parse_text's refusal of a document that does not name its municipality, e.g. a meeting
# page of a council system several municipalities use. The upload asks the clerk instead.
NO_MUNICIPALITY = r"the document does not say which municipality it is from"

KNOWN_ERRORS = [
    (
        r"the PDF has (?P<pages>\d+) pages; the limit is (?P<limit>\d+)",
        _lazy("PDF'en har %(pages)s sider; grænsen er %(limit)s. Del den op, eller upload tekstversionen."),
    ),
    (
        r"the PDF is encrypted or password-protected",
        _lazy("PDF'en er krypteret eller beskyttet med adgangskode. Gem den uden adgangskode, og prøv igen."),
    ),
    (
        r"the PDF is damaged and cannot be read",
        _lazy("PDF'en er beskadiget og kan ikke læses. Hent den igen, eller upload tekstversionen."),
    ),
    (
        r"this PDF has no text layer",
        _lazy(
            "Denne PDF har intet tekstlag (indscannede sider?). Upload tekstversionen eller en søgbar PDF."
        ),
    ),
    (
        r"reading the PDF took longer than (?P<seconds>\d+) s",
        _lazy(
            "Det tog mere end %(seconds)s sekunder at læse PDF'en, så læsningen blev stoppet. "
            "Filen kan være beskadiget."
        ),
    ),
    (
        r"reading the PDF (ran out of time or memory|needs more memory)",
        _lazy(
            "Læsningen af PDF'en brugte for meget tid eller hukommelse og blev stoppet. "
            "Filen kan være beskadiget."
        ),
    ),
    (
        r"the PDF is nested too deeply",
        _lazy("PDF'en er bygget for dybt op til at kunne læses. Filen kan være beskadiget."),
    ),
    (r"the file is empty", _lazy("Filen er tom.")),
    (
        r"not minutes or an agenda in a known format",
        _lazy(
            "Filen ligner ikke et referat eller en dagsorden i et format, arkivet kender "
            "(Aabenraa, Aarhus). Bruger kommunen et af de formater, så angiv kommunen."
        ),
    ),
    (
        NO_MUNICIPALITY,
        _lazy("Dokumentet siger ikke, hvilken kommune det er fra. Vælg kommunen, så læses filen igen."),
    ),
    (r"this is a binary file", _lazy("Filen er hverken en PDF eller en tekstfil.")),
    (
        r"the text is neither UTF-8 nor Windows-1252",
        _lazy("Teksten er hverken UTF-8 eller Windows-1252 og kan ikke læses."),
    ),
    (
        r"the gzip file is damaged",
        _lazy("Den komprimerede fil (gzip) er beskadiget og kan ikke pakkes ud."),
    ),
    (
        r"the gzip file unpacks to more than (?P<limit>\d+) MB",
        _lazy("Den komprimerede fil (gzip) fylder mere end %(limit)s MB udpakket og afvises."),
    ),
    (
        r"(?P<committee>.+): item number (?P<numbers>.+) appears more than once",
        _lazy("%(committee)s: punkt %(numbers)s står mere end én gang i filen."),
    ),
]


def explain(error):
    """A Danish message for a MinutesError, for the page; the English original goes to the log."""
    message = str(error)
    for pattern, danish in KNOWN_ERRORS:
        m = re.search(pattern, message)
        if m:
            return str(danish) % m.groupdict()
    return _("Filen kunne ikke læses: %(reason)s") % {"reason": message}


def needs_municipality(error):
    """True for the importer's refusal of a document that does not say its municipality."""
    return re.search(NO_MUNICIPALITY, str(error)) is not None
