"""What the synthetic corpus says: word lists, and text composed from the seed minutes.

The seed minutes (fixtures/minutes/) are parsed with the project's own parsers; their sentences,
titles, attachment titles and names are the vocabulary (`seed_vocabulary()`), recombined by a
word-pair Markov chain (`markov_sentences()`). Generated place names (`place_names()`) give the
text the long tail of rare words real minutes have. No database here (bench/corpus_generator.py
composes meetings from it).
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from imports.detect import parse_text

SEED_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "minutes"


def _words(text):
    return text.split()


MUNICIPALITIES = _words(
    "Albertslund Allerød Assens Ballerup Billund Bornholm Brøndby Brønderslev Dragør Egedal Esbjerg "
    "Fanø Favrskov Faxe Fredensborg Fredericia Frederiksberg Frederikshavn Frederikssund Furesø "
    "Faaborg-Midtfyn Gentofte Gladsaxe Glostrup Greve Gribskov Guldborgsund Haderslev Halsnæs "
    "Hedensted Helsingør Herlev Herning Hillerød Hjørring Holbæk Holstebro Horsens Hvidovre "
    "Høje-Taastrup Hørsholm Ikast-Brande Ishøj Jammerbugt Kalundborg Kerteminde Kolding København "
    "Køge Langeland Lejre Lemvig Lolland Lyngby-Taarbæk Læsø Mariagerfjord Middelfart Morsø "
    "Norddjurs Nordfyns Nyborg Næstved Odder Odense Odsherred Randers Rebild Ringkøbing-Skjern "
    "Ringsted Roskilde Rudersdal Rødovre Samsø Silkeborg Skanderborg Skive Slagelse Solrød Sorø "
    "Stevns Struer Svendborg Syddjurs Sønderborg Thisted Tønder Tårnby Vallensbæk Varde Vejen Vejle "
    "Vesthimmerland Viborg Vordingborg Ærø Aabenraa Aalborg Aarhus"
)
# Every municipality has these two; the others pick some of the rest.
STANDING_COMMITTEES = [("Byrådet", 11), ("Økonomiudvalget", 11)]
OTHER_COMMITTEES = [
    "Arbejdsmarkeds- og Uddannelsesudvalget",
    "Social- og Beskæftigelsesudvalget",
    "Børne- og Skoleudvalget",
    "Børne- og Ungeudvalget",
    "Teknik- og Miljøudvalget",
    "Plan- og Miljøudvalget",
    "Klima- og Miljøudvalget",
    "Kultur- og Fritidsudvalget",
    "Social- og Seniorudvalget",
    "Ældreudvalget",
    "Sundheds- og Forebyggelsesudvalget",
    "Erhvervs- og Turismeudvalget",
    "Landdistriktsudvalget",
    "Udvalget for Digitalisering",
    "Beredskabskommissionen",
    "Rådmandsmøde – Sociale Forhold og Beskæftigelse",
]
PARTIES = ["A", "A", "A", "V", "V", "V", "C", "F", "O", "B", "Ø", "I", "Å", "D", "K", "S"]
FIRST_NAMES = _words(
    "Anne Mette Hanne Susanne Lene Dorrit Lotte Louise Eva Sofie Jeanette Karen Kirsten Birgitte Helle "
    "Maria Camilla Line Pia Tina Ida Marianne Charlotte Rikke Signe Jette Inge Bente Gitte Malene "
    "Rasmus Christian Kim Arne Erik Jens Peter Lars Søren Niels Henrik Morten Thomas Jesper Anders "
    "Michael Martin Jan Ole Poul Frank Bo Torben Claus Steen Kristian Jakob Mads Mikkel Jørgen"
)
LAST_NAMES = _words(
    "Andresen Knudsen Christensen Juhl Petersen Wandahl Leyh Provstgaard Jensen Nielsen Hansen Pedersen "
    "Andersen Larsen Sørensen Rasmussen Jørgensen Madsen Kristensen Olsen Thomsen Poulsen Johansen "
    "Møller Mortensen Henriksen Rohde Hoppe Mejnertz Borchorst Kaastrup Lund Holm Skov Bach Dam Berg "
    "Friis Vestergaard Damgaard Lauridsen Mikkelsen Kjær Toft Bundgaard Schmidt Frandsen Mathiasen"
)
DEPARTMENTS = [
    "Jobcenter og Borgerservice",
    "Forvaltningen",
    "Teknik og Miljø",
    "Børn og Skole",
    "Social og Sundhed",
    "Kultur, Miljø og Erhverv",
    "Økonomi og Personale",
    "Direktionen",
    "Fagligt Sekretariat",
]
PROCEDURAL_FIRST = "Godkendelse af dagsorden"
PROCEDURAL_LAST = [
    "Orientering fra formanden og forvaltningen",
    "Meddelelser",
    "Eventuelt",
    "Orientering fra udvalget",
]
TITLE_PREFIXES = [
    "Godkendelse af",
    "Orientering om",
    "Status på",
    "Høring om",
    "Beslutning om",
    "Forslag til",
    "Evaluering af",
    "Ansøgning om tilskud til",
    "Anlægsbevilling til",
    "Opfølgning på",
    "Budgetopfølgning for",
    "Drøftelse af",
]
TOPICS = [
    "budget {year}",
    "lokalplan nr. {n} for {place}",
    "skolestruktur i {place}",
    "affaldsordning for {place}",
    "renovering af {place}",
    "trafiksikkerhed på {place}",
    "helhedsplan for {place}",
    "kvalitetsrapport {year}",
    "takster {year}",
    "regnskab {year}",
    "udbud af rengøring",
    "handleplan for klimatilpasning",
    "sundhedspolitik {year}-{year2}",
    "integrationshandleplan {year}",
    "dagtilbudsstruktur",
    "ældrepolitik",
    "frivillighedspolitik",
    "boligsocial helhedsplan i {place}",
    "salg af byggegrunde på {place}",
    "ny idrætshal ved {place}",
    "kommuneplantillæg nr. {n}",
    "beskæftigelsesplan {year}",
    "ungeindsatsen",
    "tilsyn med plejecentre {year}",
    "spildevandsplan {year}-{year2}",
    "cykelstier langs {place}",
    "vinterbekæmpelse",
    "kollektiv trafik i {place}",
]
DECISIONS = [
    ("Godkendt.", 50),
    ("Taget til orientering.", 25),
    ("Anbefales godkendt.", 8),
    ("Udsat.", 3),
    ("Godkendt med den bemærkning, at {sentence}", 8),
    ("Oversendes til Økonomiudvalget.", 3),
    ("Sagen blev drøftet.", 3),
]
RECOMMENDATION_VERBS = [
    "godkendes",
    "tages til efterretning",
    "sendes i høring",
    "anbefales over for Byrådet",
    "drøftes",
]
EXTRA_SECTIONS = [
    "Økonomi",
    "Økonomiske konsekvenser",
    "Høring",
    "Lovgrundlag",
    "Kommunikation",
    "Tidsplan",
    "Bæredygtighed",
    "Borgerinddragelse",
    "Baggrund/formål",
    "Metode",
    "Videre proces",
]
SLOT_SENTENCES = [
    "Projektet på {place} har en samlet anlægsudgift på {amount} mio. kr.",
    "Forvaltningen har den {date} holdt borgermøde om {place}.",
    "Der er indkommet {n} høringssvar, heraf {m} fra beboere ved {place}.",
    "Udgiften på {amount} mio. kr. finansieres af puljen til {place}.",
    "Sagen vedrører ejendommen {place} {n}, matr.nr. {m}a.",
    "Tidsplanen forudsætter, at arbejdet ved {place} afsluttes i {year}.",
]
# Place names: first part + second part + ending ("Birkeskovvej", "Padborghallen"), drawn with
# Zipf weights so a few are everywhere and most are rare, as in real minutes.
PLACE_FIRST = _words(
    "Skelbæk Padborg Kollund Rødekro Tinglev Løjt Ensted Varnæs Hjordkær Genner Stubbæk Felsted "
    "Bolderslev Kliplev Birke Ege Hassel Aske Bøge Linde Elme Rosen Kirke Mølle Skov Sø Strand Bakke "
    "Eng Mark Nørre Søndre Øster Vester Ny Gammel Lille Store Holm Dal Hede Lyng Toft Vang Fjord Å "
    "Mose Kilde Bro Havne Slots Præste Smede Kro Ravns Ulv Ørne Trane Svane Hjorte Ræve Ugle"
)
PLACE_MIDDLE = ["", "skov", "bæk", "holm", "lund", "høj", "gård", "dal", "mose", "kær", "by", "toft"]
PLACE_END = _words(
    "vej gade parken skolen hallen huset centret bakken engen haven torvet stien høj lund gården "
    "marken dalen vænget allé plads kvarteret hjemmet børnehaven"
)


# --- vocabulary from the seeds ----------------------------------------------------------------

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")
_WORDS = re.compile(r"\S+")


def _sentences(text):
    for paragraph in text.split("\n\n"):
        paragraph = " ".join(paragraph.split())
        for sentence in _SENTENCE_SPLIT.split(paragraph):
            if 40 <= len(sentence) <= 320 and sentence[-1] in ".!?" and not sentence.startswith("-"):
                yield sentence


@dataclass
class Vocabulary:
    """What the generator composes from: the seeds' sentences, titles, headings and names."""

    sentences: list[str]
    titles: list[str]
    attachment_titles: list[str]
    people: list[str]


def seed_vocabulary(seed_dir=SEED_DIR):
    """Parse every seed file with the project's parsers and collect its text pieces, in file order."""
    sentences, titles, attachment_titles, people = [], [], [], []
    for path in sorted(Path(seed_dir).glob("*.txt")):
        for meeting in parse_text(path.read_text(encoding="utf-8")):
            people += meeting.participants
            for item in meeting.items:
                people += item.absences
                if not item.closed:
                    titles.append(item.title)
                texts = [item.presentation, item.recommendation, item.decision]
                texts += [s.text for s in item.sections] + [a.text for a in item.attachments]
                for text in texts:
                    sentences.extend(_sentences(text))
                attachment_titles += [a.title for a in item.attachments if len(a.title) < 120]
    return Vocabulary(
        sentences=list(dict.fromkeys(sentences)),
        titles=list(dict.fromkeys(titles)),
        attachment_titles=list(dict.fromkeys(attachment_titles)),
        people=list(dict.fromkeys(p for p in people if p.strip())),
    )


def markov_sentences(sentences, rng, count):
    """New sentences from a word-pair Markov chain over `sentences`: the seeds' words, recombined."""
    chain = defaultdict(list)
    starts = []
    for sentence in sentences:
        words = _WORDS.findall(sentence)
        if len(words) < 4:
            continue
        starts.append((words[0], words[1]))
        for a, b, c in zip(words, words[1:], words[2:], strict=False):
            chain[(a, b)].append(c)
        chain[(words[-2], words[-1])].append(None)
    made = []
    while len(made) < count:
        a, b = rng.choice(starts)
        words = [a, b]
        while len(words) < 45:
            following = chain.get((a, b))
            if not following:
                break
            c = rng.choice(following)
            if c is None:
                break
            words.append(c)
            a, b = b, c
        sentence = " ".join(words)
        if len(words) >= 6 and sentence[-1] in ".!?":
            made.append(sentence)
    return made


def place_names(rng):
    """All place names in a fixed shuffled order: the first are common, the last rare."""
    names = [
        f"{first}{middle}{end}"
        for first in PLACE_FIRST
        for middle in PLACE_MIDDLE
        for end in PLACE_END
        if not (middle and first.endswith(middle))
    ]
    rng.shuffle(names)
    return names


def danish_slug(text):
    from django.utils.text import slugify

    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("Æ", "ae"), ("Ø", "oe"), ("Å", "aa")):
        text = text.replace(a, b)
    return slugify(text)
