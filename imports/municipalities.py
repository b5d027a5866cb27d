"""Denmark's 98 municipalities, and how a document names its own.

A document's municipality is what the document says ("Aarhus Byråd", "Greve Kommune", a link to
dagsordener.greve.dk), never what its layout looks like: several municipalities print their
minutes with the same system. Pure Python, no Django.
"""

import re
import unicodedata

NAMES = (
    "Albertslund", "Allerød", "Assens", "Ballerup", "Billund", "Bornholm", "Brøndby", "Brønderslev",
    "Dragør", "Egedal", "Esbjerg", "Fanø", "Favrskov", "Faxe", "Fredensborg", "Fredericia",
    "Frederiksberg", "Frederikshavn", "Frederikssund", "Furesø", "Faaborg-Midtfyn", "Gentofte",
    "Gladsaxe", "Glostrup", "Greve", "Gribskov", "Guldborgsund", "Haderslev", "Halsnæs", "Hedensted",
    "Helsingør", "Herlev", "Herning", "Hillerød", "Hjørring", "Holbæk", "Holstebro", "Horsens",
    "Hvidovre", "Høje-Taastrup", "Hørsholm", "Ikast-Brande", "Ishøj", "Jammerbugt", "Kalundborg",
    "Kerteminde", "Kolding", "København", "Køge", "Langeland", "Lejre", "Lemvig", "Lolland",
    "Lyngby-Taarbæk", "Læsø", "Mariagerfjord", "Middelfart", "Morsø", "Norddjurs", "Nordfyns",
    "Nyborg", "Næstved", "Odder", "Odense", "Odsherred", "Randers", "Rebild", "Ringkøbing-Skjern",
    "Ringsted", "Roskilde", "Rudersdal", "Rødovre", "Samsø", "Silkeborg", "Skanderborg", "Skive",
    "Slagelse", "Solrød", "Sorø", "Stevns", "Struer", "Svendborg", "Syddjurs", "Sønderborg", "Thisted",
    "Tønder", "Tårnby", "Vallensbæk", "Varde", "Vejen", "Vejle", "Vesthimmerland", "Viborg",
    "Vordingborg", "Ærø", "Aabenraa", "Aalborg", "Aarhus",
)  # fmt: skip


def ascii_key(name):
    """The key a name is known by in addresses and slugs: "Køge" -> "koege", "Tårnby" -> "taarnby",
    "Lyngby-Taarbæk" -> "lyngbytaarbaek" (æ -> ae, ø -> oe, å -> aa, no punctuation)."""
    text = name.casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text)


_BY_KEY = {ascii_key(name): name for name in NAMES}
# Short forms sites use in their host names.
_BY_KEY.update({"kk": "København", "kbh": "København", "kobenhavn": "København", "ltk": "Lyngby-Taarbæk"})

# "dagsordener.greve.dk", "www.aarhus.dk", "greve.dk/..." -> the label before ".dk".
_HOST = re.compile(r"(?:^|[/.@])(?P<label>[a-z0-9-]+)\.dk(?![a-z0-9-])", re.IGNORECASE)
# "Aarhus Kommune", "Aarhus Byråd", "Greve Byråd", "Køge Kommunes" as a document prints it.
_NAMED = re.compile(
    r"\b(?P<name>(?:" + "|".join(re.escape(n) for n in sorted(NAMES, key=len, reverse=True)) + r"))"
    r"\s+(?:Kommunes?|Byråd|Byråds|Kommunalbestyrelse|Regionskommune)\b"
)


def canonical(name):
    """The municipality's own spelling of `name` (any case, ae/oe/aa or æ/ø/å), or None if no
    Danish municipality is called that."""
    name = re.sub(r"\s+(?:Kommune|Byråd)$", "", (name or "").strip(), flags=re.IGNORECASE)
    return _BY_KEY.get(ascii_key(name)) if name else None


def from_url(url):
    """The municipality whose site `url` is on ("https://dagsordener.greve.dk/vis?id=..." -> "Greve"),
    or None."""
    for m in _HOST.finditer(url or ""):
        found = _BY_KEY.get(ascii_key(m.group("label")))
        if found:
            return found
    return None


def from_text(text):
    """The municipality a text names itself by ("Aarhus Byråd", "Greve Kommune"), the one named most
    often when several are; None when it names none."""
    counts = {}
    for m in _NAMED.finditer(text or ""):
        counts[m.group("name")] = counts.get(m.group("name"), 0) + 1
    return max(counts, key=counts.get) if counts else None
