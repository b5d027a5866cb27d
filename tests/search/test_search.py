"""Search: Danish recall on PostgreSQL, the all-words fallback on SQLite, and odd input on both."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from agenda_items.models import AgendaItem, Case, Position
from imports.load import load_meetings
from imports.types import ParsedAttachment, ParsedItem, ParsedMeeting, ParsedPosition
from meetings.models import Municipality, Person
from search.backends import search
from search.index import refresh_search_vectors
from search.query import case_number_forms, hyphen_compounds, number_forms, suspended_compounds
from search.vocabulary import nearest, spelled_out

pytestmark = pytest.mark.django_db
SEEDS = sorted((Path(__file__).resolve().parents[2] / "fixtures" / "minutes").glob("*.txt"))


@pytest.fixture
def seeds():
    call_command("import_minutes", *map(str, SEEDS), verbosity=0)


def found(q, **kwargs):
    results = search(q, **kwargs)
    return [(h.item.meeting.committee.municipality.name, h.item.number) for h in results.hits]


def numbers(q, **kwargs):
    """The numbers of the items `q` finds, sorted (for tests whose items are of one meeting)."""
    return sorted(hit.item.number for hit in search(q, **kwargs).hits)


def load(*items, committee="Teknik- og Miljøudvalget", date="2026-05-05"):
    import datetime

    meeting = ParsedMeeting(
        municipality="Aabenraa",
        committee=committee,
        kind="minutes",
        date=datetime.date.fromisoformat(date),
        items=list(items),
    )
    return load_meetings([meeting])[0].meeting


# --- PostgreSQL: the recall list ------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize(
    "q, expected",
    [
        ("ukrainer", ("Aabenraa", "15")),
        ("kontrolgruppens årsberetning", ("Aabenraa", "12")),
        ("Stubbæk", None),  # not in the seeds: no error, no hit
    ],
)
def test_danish_stemming_finds_inflected_words(seeds, q, expected):
    hits = found(q)
    if expected:
        assert expected in hits
    else:
        assert hits == []


@pytest.mark.postgres
def test_half_a_compound_finds_the_whole_word(seeds):
    hits = found("sprogmentor")
    assert hits and all(municipality == "Aarhus" for municipality, _ in hits)


@pytest.mark.postgres
def test_a_quoted_phrase_finds_the_aarhus_material_and_not_aabenraa(seeds):
    hits = found('"social snyd"')
    assert hits
    assert {municipality for municipality, _ in hits} == {"Aarhus"}


@pytest.mark.postgres
def test_minus_excludes_a_word(seeds):
    with_word = found("ukrainere")
    without = found("ukrainere -særloven")
    assert ("Aabenraa", "15") in with_word and ("Aabenraa", "15") not in without


@pytest.mark.postgres
def test_a_typo_in_a_title_is_forgiven_through_trigrams(seeds):
    results = search("ukrianesituationen")
    assert results.fuzzy
    assert ("Aabenraa", "15") in [
        (h.item.meeting.committee.municipality.name, h.item.number) for h in results.hits
    ]


@pytest.mark.postgres
def test_the_index_follows_edits_and_deletes():
    meeting = load(ParsedItem(number="1", title="Vejbelysning", decision="Godkendt."))
    item = meeting.items.get()
    assert found("vejbelysning") == [("Aabenraa", "1")]
    item.title = "Cykelsti"
    item.save()
    refresh_search_vectors(AgendaItem.objects.filter(pk=item.pk))
    assert found("vejbelysning") == [] and found("cykelsti") == [("Aabenraa", "1")]
    item.delete()
    assert found("cykelsti") == []


@pytest.mark.postgres
def test_titles_rank_above_attachments(seeds):
    load(
        ParsedItem(number="1", title="Om lokalplanen", attachments=[ParsedAttachment("Bilag", "vindmølle")]),
        ParsedItem(number="2", title="Vindmølle ved Kliplev"),
    )
    assert found("vindmølle")[:2] == [("Aabenraa", "2"), ("Aabenraa", "1")]


@pytest.mark.postgres
def test_rebuild_search_index_command_indexes_everything(seeds):
    AgendaItem.objects.update(search_vector=None)
    assert found("Bolderslev") == []
    call_command("rebuild_search_index", verbosity=0)
    assert ("Aabenraa", "15") in found("Bolderslev")


# --- Both databases ------------------------------------------------------------------------


def test_every_word_must_occur(seeds):
    hits = found("ukrainere Bolderslev")
    assert ("Aabenraa", "15") in hits
    # No item holds all three: the hits shown are the two words', named as such.
    results = search("ukrainere Bolderslev xyzzyq")
    assert results.fuzzy and results.missing == ["xyzzyq"] and results.suggestion == "ukrainere Bolderslev"


def test_search_ignores_case_of_danish_letters(seeds):
    assert ("Aabenraa", "12") in found("ÅRSBERETNING")


def test_search_can_be_limited_to_decisions():
    load(
        ParsedItem(number="1", title="Budget", decision="Udsat til næste møde."),
        ParsedItem(number="2", title="Udsat vej", decision="Godkendt."),
    )
    assert found("udsat", section="decision") == [("Aabenraa", "1")]
    assert found("udsat", section="title") == [("Aabenraa", "2")]


def test_a_section_means_the_same_on_both_databases():
    load(
        ParsedItem(number="1", title="Cykelsti", decision="Godkendt.", presentation="Langs vejen."),
        ParsedItem(number="2", title="Cykelsti og vej", decision="Godkendt."),
        ParsedItem(
            number="3",
            title="Regnskab 2025",
            attachments=[ParsedAttachment("Bilag 1", "Budget"), ParsedAttachment("Bilag 2", "Regnskab")],
        ),
        ParsedItem(
            number="4",
            title="Frikommune",
            decision="Godkendt, selv om det koster.",
            presentation="Selv princippet om frihed.",
        ),
        ParsedItem(
            number="5",
            title="Frikommune",
            decision="Det koster.",
            presentation="Det gælder, selv om det koster.",
        ),
    )

    # `-word` excludes what the section holds: item 1's presentation has "vej", not its title.
    assert numbers("cykelsti -vej", section="title") == ["1"]
    # An item's Bilag are read as one text: "budget" in one, "regnskab" in another.
    assert numbers("budget regnskab", section="attachments") == ["3"]
    # A phrase of stop words in a section: item 4 holds "selv om" in its decision only.
    assert numbers('"selv om"', section="presentation") == ["5"]
    assert numbers('"selv om"', section="decision") == ["4"]
    # Excluded in a section: item 5's decision lacks the phrase its presentation holds.
    assert numbers('koster -"selv om"', section="decision") == ["5"]


def test_search_finds_attachment_text():
    load(
        ParsedItem(
            number="1", title="Regnskab", attachments=[ParsedAttachment("Bilag 1", "revisionsprotokollat")]
        )
    )
    assert found("revisionsprotokollat") == [("Aabenraa", "1")]
    assert found("revisionsprotokollat", section="attachments") == [("Aabenraa", "1")]


def test_closed_items_are_never_found_by_their_hidden_text():
    load(
        ParsedItem(number="1", title="Personalesag", closed=True, decision="hemmeligholdt fyring"),
        ParsedItem(number="2", title="Åbent punkt", decision="offentlig"),
    )
    assert found("hemmeligholdt") == []
    assert found("personalesag") == []


def test_snippets_mark_matches_and_keep_imported_markup_inert():
    load(
        ParsedItem(
            number="1",
            title="Skolebus",
            decision='Godkendt <img src=x onerror="alert(1)"> skolebussen kører fra august.',
        )
    )
    [hit] = search("skolebussen").hits
    assert "<mark>skolebussen</mark>" in hit.snippet.lower()
    assert "<img" not in hit.snippet


def test_highlighting_escapes_everything_but_its_own_marks():
    from search.highlight import snippet, word_pattern

    marked = snippet('<img src=x onerror="alert(1)"> skolebus', word_pattern(["skolebus"]))
    assert marked == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <mark>skolebus</mark>"


def test_a_snippet_is_cut_around_the_phrase_typed():
    filler = " ".join(["Sagen handler om budgettet for socialområdet."] * 12)
    load(
        ParsedItem(
            number="1",
            title="Budget",
            presentation=f"{filler} Borgere på sociale ydelser får et tilbud.",
            decision="Godkendt.",
        )
    )
    # The first "social…" is far from the phrase; the snippet shows the phrase, and marks the
    # words wherever they stand in it.
    [hit] = search('"sociale ydelser"').hits
    assert "<mark>sociale</mark> <mark>ydelser</mark> får et tilbud" in hit.snippet
    [hit] = search("socialområdet").hits
    assert "<mark>socialområdet</mark>" in hit.snippet and "ydelser" not in hit.snippet


def test_facets_count_per_committee_and_year():
    load(
        ParsedItem(number="1", title="Skolebus"), committee="Børne- og Uddannelsesudvalget", date="2025-01-07"
    )
    load(ParsedItem(number="1", title="Skolebus til Felsted"), date="2026-01-07")
    results = search("skolebus")
    assert {(r["name"], r["count"]) for r in results.committees} == {
        ("Børne- og Uddannelsesudvalget", 1),
        ("Teknik- og Miljøudvalget", 1),
    }
    assert [(r["year"], r["count"]) for r in results.years] == [(2026, 1), (2025, 1)]


# --- Issue 21: recall faults found by a second set of real queries (both databases) ------------


def test_two_words_typed_for_one_compound_find_it():
    load(
        ParsedItem(
            number="1", title="Havnens Perle", decision="Danmarks bedste bøfsandwich og kontrolgruppen."
        ),
        ParsedItem(number="2", title="Kunstgræsbaner i Lisbjerg", decision="Godkendt."),
        ParsedItem(number="3", title="Kontrol", decision="Gruppen drøftede sagen."),
        ParsedItem(number="4", title="Plejehjem", decision="Plejehjem til udsatte ældre borgere."),
        ParsedItem(number="5", title="Affald", decision="Pantkraver på kommunens skraldespande."),
    )
    assert found("bøf sandwich") == [("Aabenraa", "1")]
    # The middle of three words may belong with the word before it ("pantkraver") as well as after.
    assert found("pant krave skraldespand") == [("Aabenraa", "5")]
    assert not search("pant krave skraldespand").fuzzy  # found as typed, not by a stand-in
    assert ("Aabenraa", "1") in found("kontrol gruppen")
    assert ("Aabenraa", "3") in found("kontrol gruppen")  # the words apart still find what they found
    assert found("kunst græs baner") == [("Aabenraa", "2")]  # "kunstgræs" and the tail "græsbaner"
    # A stop word is never joined: PostgreSQL drops it, and "til OR plejehjemtil" must not become
    # "plejehjemtil" alone there.
    assert found("plejehjem til udsatte") == [("Aabenraa", "4")]


def test_a_one_letter_word_is_a_word_not_the_beginning_of_every_word():
    load(
        ParsedItem(number="1", title="Bro", decision="Teknik og Miljø anbefaler model C."),
        ParsedItem(number="2", title="Bro", decision="Teknik og Miljø anbefaler model cykelbro."),
    )
    assert found("model c") == [("Aabenraa", "1")]


def test_a_word_found_only_in_a_bilag_names_that_bilag_and_is_marked_in_its_text():
    load(
        ParsedItem(
            number="1",
            title="Lokalplan",
            decision="Godkendt.",
            attachments=[
                ParsedAttachment("Bilag 1: Kort", "Kort over området."),
                ParsedAttachment("Bilag 2: Høringssvar", "Naboer frygter støj fra vindmøllerne ved Kliplev."),
            ],
        ),
        ParsedItem(number="2", title="Vindmøller", decision="Vindmøllerne ved Kliplev godkendes."),
    )
    hits = {hit.item.number: hit for hit in search("vindmølle").hits}
    assert hits["1"].attachment.title == "Bilag 2: Høringssvar"
    assert "<mark>vindmøllerne</mark>" in hits["1"].snippet
    assert hits["2"].attachment is None
    assert "<mark>Vindmøllerne</mark> ved Kliplev" in hits["2"].snippet


def test_a_misspelling_holding_oe_is_also_read_as_typed_for_mente_du():
    load(
        ParsedItem(number="1", title="Mosedalplads", decision="Ny belægning på Mosedalplads."),
        ParsedItem(number="2", title="Sødalplads", decision="Sødalplads renoveres."),
    )
    # "msoedalplads": "mosedalplads" with two letters swapped; read as "msødalplads" it is one
    # letter from "sødalplads", which is not what was meant.
    results = search("msoedalplads")
    assert results.suggestion == "mosedalplads"
    assert [hit.item.number for hit in results.hits] == ["1"]
    # ae/oe/aa typed for æ/ø/å still find the word with the letter.
    assert search("soedalpladsen").suggestion == "sødalplads"


def test_a_misspelt_ending_is_suggested_as_the_word_it_begins_with():
    load(
        ParsedItem(number="1", title="Lokalplan for Markkærkvarteret", decision="Godkendt."),
        ParsedItem(number="2", title="Markvej", decision="Godkendt."),
    )
    # The stemmer cannot take "-eert" off as it takes "-eret", so the typed word stays four letters
    # longer than the vocabulary's "markkærkvart": too far by edits alone.
    results = search("markkærkvarteert")
    assert results.suggestion == "markkærkvarteret"
    assert [hit.item.number for hit in results.hits] == ["1"]


def test_a_suggestion_is_written_as_the_hits_print_the_word_at_a_words_start():
    texts = [
        "Nye BØLGEBRYDERE ved havnen.",
        None,
        "Havnebølgebryderen, havnebølgebryderen og havnebølgebryderen.",
    ]
    # Whatever the case printed, and not from within another word ("havnebølgebryderen"): the form
    # printed most often at a word's start, of the stem's forms.
    assert spelled_out("bølgebryd", "bølgebrydre", texts) == "bølgebrydere"
    # A word the reader typed is kept as typed.
    assert spelled_out("bølgebryd strand", "bølgebryd strnd", texts) == "bølgebryd strand"


def test_two_words_typed_as_one_are_suggested_as_a_phrase():
    load(
        # (Written "to-voksentimer" it is found as typed: the index holds it joined too.)
        ParsedItem(number="1", title="Skolernes timer", decision="Flere to voksentimer i undervisningen."),
        ParsedItem(number="2", title="Voksentimer", decision="To timer om ugen, i alt 40 voksentimer."),
    )
    # Nothing is one edit from "tovoksentimer"; "to" (too short for the vocabulary) and
    # "voksentimer" are what was typed, and meant together: item 2 has both words, not the pair.
    results = search("tovoksentimer")
    assert results.suggestion == '"to voksentimer"'
    assert [hit.item.number for hit in results.hits] == ["1"]
    # Inside a phrase the two words are not quoted again.
    assert search('"flere tovoksentimer"').suggestion == '"flere to voksentimer"'


def test_two_words_typed_as_one_are_tried_apart_when_the_minutes_never_print_them_together():
    load(
        ParsedItem(
            number="1",
            title="Samarbejde efter skilsmisse",
            presentation="Forældre kan deltage i et kursus om samarbejde efter en skilsmisse.",
            decision="Godkendt.",
        ),
        ParsedItem(number="2", title="Kursus for frivillige", decision="Godkendt."),
    )
    # Nothing is near "skilsmissekursus", and no item says "skilsmisse kursus" together: the two
    # words are tried apart, and the suggestion says so.
    results = search("skilsmissekursus")
    assert (results.fuzzy, results.suggestion) == (True, "skilsmisse kursus")
    assert [hit.item.number for hit in results.hits] == ["1"]
    # A reader's own phrase is never taken apart.
    assert search('"skilsmissekursus"').total == 0


def test_a_short_word_typed_after_a_known_one_is_suggested_apart():
    load(
        ParsedItem(number="1", title="Anlægsprojekter", presentation="Flytning af Disc Golf Bane i Tilst."),
        ParsedItem(number="2", title="Midlerne til projektet", presentation="Borgerens evne til at arbejde."),
        ParsedItem(number="3", title="Fortsættelse af puljen", presentation="Tel. 12 34 56 78."),
    )
    # "golf" is a word of four letters, after the known word "disc": the two were meant together.
    results = search("discgolf")
    assert (results.suggestion, [hit.item.number for hit in results.hits]) == ('"disc golf"', ["1"])
    # A misspelt ending is no short word: "midlevne" is not "midl evne", nor "fortsættels" "fortsæt
    # tels", though the items hold the stems of both (the short word's stem is shorter still).
    assert nearest("midlevne", "default") is None
    assert nearest("fortsættels", "default") == "fortsæt"


def test_a_question_is_searched_for_its_words_without_the_question_word():
    load(
        ParsedItem(number="1", title="Afvikling af PV Greve", presentation="Kommunen ejer PV Greve A/S."),
        ParsedItem(number="2", title="Tryghedsvandring", presentation="Hvem ejer grunden? PV Greve ved det."),
        ParsedItem(number="3", title="Vejnavn", decision="Den nye vej skal hedde Skovbovej."),
    )
    # Item 2 holds every word typed; item 1, which answers the question, has no "hvem".
    assert numbers("Hvem ejer PV Greve?") == ["1", "2"]
    assert not search("Hvem ejer PV Greve?").fuzzy
    # Nor does it hold the question's stop words and prepositions in place ("ved", "den" before "nye").
    assert numbers("hvad skal den nye vej ved Skovbo hedde") == ["3"]
    assert numbers("hvornaar skal vejen hedde Skovbovej") == ["3"]  # typed without å
    # A question whose words no item holds together is answered as any query is, without its question word.
    assert search("Hvem ejer Skovbovej?").suggestion == "ejer or Skovbovej?"
    # Not a question: the word is searched. A question of nothing else is searched as typed.
    assert numbers("ejer hvem") == ["2"]
    assert numbers("hvem ved det") == ["2"]


def test_a_question_may_begin_with_a_verb_and_who_asks():
    load(
        ParsedItem(number="1", title="Storskrald", presentation="Borgerne kan tage storskrald med."),
        ParsedItem(number="2", title="Genbrug", presentation="Man må gerne aflevere pap."),
    )
    # Item 1 answers; it holds neither "må" nor "man".
    assert numbers("må man tage storskrald med") == ["1"]
    assert numbers("kan jeg tage storskrald med?") == ["1"]
    # A verb before anything else is searched ("må gerne"), and a question of nothing else as typed.
    assert numbers("må gerne") == ["2"]
    assert numbers("må man") == ["2"]


def test_a_question_may_ask_what_happened():
    load(
        ParsedItem(number="1", title="Prognose", presentation="Der er født langt flere børn i 2021."),
        ParsedItem(number="2", title="Dagtilbud", presentation="Der blev flere børn i dagtilbud i 2021."),
    )
    # Item 1 answers, without "blev"; item 2 holds "blev" and "børn", but nobody was born there.
    assert numbers("blev der født flere børn i 2021") == ["1"]
    assert numbers("er der født flere børn") == ["1"]


def test_numbers_amounts_and_percentages_as_people_type_them():
    load(
        ParsedItem(number="1", title="Anlægsregnskab", decision="Udgiften blev 912,9 mio. kr."),
        ParsedItem(number="2", title="Målopfyldelse", presentation="Målopfyldelsen var 63 % i 2025."),
        ParsedItem(number="3", title="Pulje", decision="Der bevilges 500.000 kroner til puljen."),
        ParsedItem(number="4", title="Ledighed", presentation="Ledigheden faldt med 18.8 pct."),
        ParsedItem(number="5", title="Arbejdsmiljø", presentation="Certificering efter ISO-standard 45001."),
        ParsedItem(number="6", title="Vedligehold", presentation="Huset fra 1980 er isoleret."),
    )
    # A decimal with a dot or a comma, whichever the minutes print.
    assert numbers("912.9") == numbers("912,9") == ["1"]
    assert numbers("18,8") == numbers("18.8") == ["4"]
    # A percentage's word is implied by its number ("%" is in no index): "procent", "pct." or the sign.
    assert numbers("63 procent målopfyldelse") == numbers("63% målopfyldelse") == ["2"]
    assert numbers("18,8 procent") == ["4"]
    assert numbers("procent") == []  # not after a number: a word like any other
    # A unit as the minutes may print it instead.
    assert numbers("500.000 kr") == numbers("500000 kroner") == ["3"]
    assert numbers("912,9 millioner") == ["1"]
    # Found as typed, not by a stand-in that leaves a word out.
    for q in ("912.9", "63 procent målopfyldelse", "500.000 kr", "912,9 millioner"):
        assert not search(q).fuzzy, q
    # Letters and digits typed as one, printed apart ("ISO-standard 45001"), both needed.
    assert numbers("iso45001") == ["5"]
    assert numbers("iso45001 -certificering") == []


def test_a_name_printed_with_aa_is_found_with_å():
    load(
        ParsedItem(number="1", title="Borgerforslag", presentation="Stillet af Jakob Søgaard Clausen."),
        ParsedItem(number="2", title="Fodbold", presentation="Aarhus Fremad søger tilskud."),
        ParsedItem(number="3", title="Henvendelse", presentation="Hastrup svarer Kaastrup."),
    )
    assert numbers("søgård clausen") == numbers("soegaard") == ["1"]
    assert numbers("århus fremad") == ["2"]
    for q in ("søgård clausen", "århus fremad"):
        assert not search(q).fuzzy, q
    # Of words as near as each other, "Mente du" offers one that begins as typed.
    assert nearest("kastrup", "default") in {"kaastrup", "kåstrup"}


def test_a_case_number_typed_without_its_last_letter_goes_to_the_case(client):
    load(ParsedItem(number="1", title="Høringssvar om havvindmøller", case_number="19-033355K"))
    case = Case.objects.get(number="19-033355K")
    for q in ("19-033355", "19-033355K", "sag 19 033355k", "19/33355"):
        assert client.get("/search/", {"q": q}).url == case.get_absolute_url(), q


def test_a_case_number_typed_without_its_prefix_or_dash_goes_to_the_case(client):
    load(
        ParsedItem(number="1", title="Ny skole", case_number="EMN-2025-008076"),
        ParsedItem(number="2", title="Hjemmepleje", case_number="22-009382"),
    )
    aarhus, greve = Case.objects.get(number="EMN-2025-008076"), Case.objects.get(number="22-009382")
    for q in ("2025-008076", "2025 008076", "2025008076", "sag 2025-8076"):
        assert client.get("/search/", {"q": q}).url == aarhus.get_absolute_url(), q
    for q in ("22009382", "sag 22009382"):
        assert client.get("/search/", {"q": q}).url == greve.get_absolute_url(), q
    # A span of years, and a year with a serial of no case, are searched as text.
    for q in ("2023-2026", "2025-008077"):
        assert client.get("/search/", {"q": q}).status_code == 200, q


def test_a_case_number_of_two_municipalities_typed_another_way_offers_both(client):
    import datetime

    for municipality in ("Aarhus", "Odder"):
        load_meetings(
            [
                ParsedMeeting(
                    municipality=municipality,
                    committee="Byrådet",
                    kind="minutes",
                    date=datetime.date(2025, 10, 8),
                    items=[ParsedItem(number="1", title="Ny skole", case_number="EMN-2025-008076")],
                )
            ]
        )
    response = client.get("/search/", {"q": "emn 2025 8076"})
    assert response.status_code == 302
    page = client.get(response.url)
    cases = Case.objects.all()
    assert page.status_code == 200 and len(cases) == 2
    assert all(case.get_absolute_url() in page.content.decode() for case in cases)


def test_a_latin_singular_finds_its_plural():
    load(
        ParsedItem(number="1", title="Kurser og konferencer", presentation="Der afholdes tre kurser."),
        ParsedItem(number="2", title="Kulturarv", presentation="Kommunens museer og deres samlinger."),
        ParsedItem(number="3", title="Tildeling", presentation="Ansøgningerne vurderes efter tre kriterier."),
        ParsedItem(number="4", title="Budget", presentation="Staten giver tilskud. Status på central drift"),
    )
    # The stemmer reads "kursus" as kursus and "kurser" as kurs: the singular also looks for its plural
    # (found as typed, not as a suggestion or some of the words).
    for q, number in [("kursus og konference", "1"), ("museum", "2"), ("kriterium", "3")]:
        results = search(q)
        assert [hit.item.number for hit in results.hits] == [number] and not results.fuzzy, q
    # Not "status" for "staten", nor "centrum" for "centralt".
    assert numbers("status") == ["4"] and numbers("staten") == ["4"]
    assert search("centrum").fuzzy  # no item holds it: what it shows is "Mente du"'s


def test_words_whose_inflection_the_stemmer_reads_as_another_word():
    load(
        ParsedItem(number="1", title="Svømmehallen", presentation="Saunaerne lukkes i vinter."),
        ParsedItem(number="2", title="Tilsyn", presentation="Skemaer udfyldes af forældrene."),
        ParsedItem(number="3", title="Renovering af halgulve på Greve Videnscenter"),
        ParsedItem(number="4", title="Ældreområdet", presentation="Der bygges to nye plejecenter-pladser."),
    )
    # "saunaerne" and "skemaer" (SQLite reads their ae as æ), "videnscentret" (stem videnscentr, not
    # videnscent), "plejecentre": each finds its item as typed, not as a suggestion.
    typed = [("sauna", "1"), ("skema", "2"), ("halgulvene videnscentret", "3"), ("plejecentre", "4")]
    for q, number in typed:
        results = search(q)
        assert [hit.item.number for hit in results.hits] == [number] and not results.fuzzy, q


def test_a_word_with_other_forms_still_joins_its_neighbours_into_a_compound():
    load(
        ParsedItem(number="1", title="Kulturarenabygningen", presentation="Byggeriet går i gang."),
        ParsedItem(number="2", title="Arena", presentation="Kultur i byen."),
    )
    # "arena" is also looked for as "arenae" (saunaerne): it still joins "kultur" before it.
    assert numbers("kultur arena bygningen") == ["1"]


def test_an_amount_in_millions_finds_it_printed_in_full():
    load(
        ParsedItem(number="1", title="Strandskolen", presentation="Der afsættes 25.500.000 kr. til byggeri."),
        ParsedItem(number="2", title="Strandskolen, status", presentation="Tilfredsheden steg 25,5 %."),
        ParsedItem(number="3", title="Budget", presentation="Anlæg for 2,44 mio. kr."),
    )
    assert numbers("strandskolen 25,5 mio") == ["1"]
    assert numbers("25,5 millioner kroner") == ["1"]
    assert numbers("2,44 mio") == ["3"]  # as printed, still


def test_a_compound_written_with_a_suspended_hyphen_is_found_whole():
    load(
        ParsedItem(number="1", title="Boliger til flygtninge", presentation="Der står toilet- og badevogne."),
        ParsedItem(number="2", title="Festival", presentation="Badet og vognene til festivalen."),
        ParsedItem(number="3", title="Klima-, Teknik- og Miljøudvalget", decision="Udvalget taler om miljø."),
        ParsedItem(number="4", title="Fjernvarme", presentation="Et spids- og reservelastanlæg."),
    )
    # "toilet-" is a toiletvogn, "Teknik-" a teknikudvalg: both parts of the last word are known words.
    assert numbers("toiletvogne") == ["1"]
    assert numbers("teknikudvalget") == numbers("klimaudvalg") == ["3"]
    assert numbers("toiletvogne", section="presentation") == ["1"]
    assert numbers("teknikudvalget", section="title") == ["3"]
    assert numbers("teknikudvalget", section="decision") == []
    # Kept current like every word of the item: after an edit, and when the index is built again.
    item = AgendaItem.objects.get(number="1")
    item.presentation = "Der skal stå vogne."
    item.save()
    assert numbers("toiletvogne") == []
    call_command("rebuild_search_index", verbosity=0)
    assert numbers("teknikudvalget") == ["3"]
    # The last word is cut after its first known part only where the rest is a known word too.
    known = {"bad", "bade", "vogn", "reserv", "anlæg"}.__and__
    texts = ["toilet- og badevogne", "spids- og reservelastanlæg", "ikke-vestlige og vestlige"]
    assert suspended_compounds(texts, known) == [["toiletvogne"], [], []]


def test_a_compound_written_with_a_hyphen_between_its_parts_is_found_joined():
    load(
        ParsedItem(number="1", title="Opdatering af ti-årsplan", presentation="Skolernes bygninger."),
        # A line broken in the word, as Greve's texts keep it.
        ParsedItem(
            number="2", title="Budgetopfølgning", decision="Der gives tillægsbevil-linger til el-biler."
        ),
        ParsedItem(number="3", title="Corona", presentation="Covid-19 og a-d kasser."),
        ParsedItem(number="4", title="Skoler", presentation="En plan for ti år."),
    )
    for q, expected in [("tiårsplan", ["1"]), ("tillægsbevillinger", ["2"]), ("elbiler", ["2"])]:
        results = search(q)
        assert (results.fuzzy, sorted(hit.item.number for hit in results.hits)) == (False, expected), q
    assert numbers("tillægsbevillinger", section="decision") == ["2"]
    assert numbers("tillægsbevillinger", section="title") == []
    # As typed with its hyphen, as before: both parts.
    assert numbers("ti-årsplan") == ["1"]
    assert hyphen_compounds(
        "ti-årsplan, tillægsbevil-linger, Covid-19, a-d, ad-hoc-udvalg, Klima-, Teknik-"
    ) == [
        "tiårsplan",
        "tillægsbevillinger",
        "adhocudvalg",
    ]


def test_a_number_is_found_with_or_without_its_thousands_dots():
    load(
        ParsedItem(number="1", title="Pulje til ledige", decision="Der bevilges 1.814.500 kr. til puljen."),
        ParsedItem(number="2", title="Årsberetning", decision="Udgifterne var 11309897 kr. i 2025."),
        ParsedItem(number="3", title="Budget 2025", decision="Godkendt, 2.025 kr. til kaffe."),
    )
    assert numbers("1814500 kr") == ["1"]
    assert numbers("1.814.500") == ["1"]
    assert numbers("11.309.897") == ["2"]
    assert search("1814500").suggestion == ""  # found, not suggested
    # Excluded in either form.
    assert numbers("kr -1814500") == ["2", "3"]
    assert numbers("kr -11.309.897") == ["1", "3"]
    # A year is a year ("2025" does not find "2.025"), and a plan number ("14.58") is no thousands:
    # it is found as typed, or as the decimal the minutes would print with a comma.
    assert numbers("2025") == ["2", "3"]
    assert numbers("2.025") == ["3"]
    assert number_forms("14.58") == ["14,58"] and number_forms("435.000") == ["435000"]


def test_items_holding_the_rarer_of_the_words_come_first_when_none_holds_all():
    committee_items = [
        ParsedItem(
            number=str(n),
            title="Social- og Handicapudvalget - mødekalender",
            presentation="Social- og Handicapudvalget mødes. Social- og Handicapudvalget holder møde.",
            decision="Godkendt.",
        )
        for n in range(1, 4)
    ]
    load(
        *committee_items,
        ParsedItem(
            number="4",
            title="Orientering om hjemløse",
            presentation="Antallet af hjemløse er steget, og et herberg mangler pladser til hjemløse.",
            decision="Taget til efterretning.",
        ),
        ParsedItem(number="5", title="Sociale tilbud", decision="Godkendt."),
    )
    # No item holds all four words; the committee's name is in three titles, "hjemløse" and
    # "herberg" only in item 4, which comes first on both databases.
    results = search("social- og handicapudvalget hjemløse herberg")
    assert results.some_words
    assert results.hits[0].item.number == "4"
    assert sorted(hit.item.number for hit in results.hits) == ["1", "2", "3", "4", "5"]


def test_a_word_typed_without_its_danish_letter_is_suggested_with_it():
    load(
        ParsedItem(number="1", title="Farten ned på Grenåvej i Løgten", decision="Godkendt."),
        ParsedItem(number="2", title="Salg af byggegrund, lot 5", decision="Godkendt."),
        ParsedItem(number="3", title="Hårup Skole", decision="Godkendt."),
    )
    # "logten" (stem "logt") is one edit from "lot" as from "løgt"; o typed for ø decides.
    results = search("Logten")
    assert results.suggestion == "løgten"
    assert [hit.item.number for hit in results.hits] == ["1"]
    assert search("harup skole").suggestion == "hårup skole"
    assert search("Grenavej").suggestion == "grenåvej"


def missing_word_items():
    load(
        ParsedItem(
            number="1",
            title="Svar på forslag om at farten skal ned på Grenåvej i Løgten",
            presentation="Forslag om hastighedsnedsættelse på Grenåvej.",
            decision="Godkendt.",
        ),
        ParsedItem(number="2", title="Bro mellem Dokk1 og Balticagade", decision="Godkendt."),
        ParsedItem(number="3", title="Parkering på Grenåvej", decision="Udsat. Nedsættelse af taksten."),
    )


def test_a_word_no_item_holds_is_left_out_and_named(client):
    missing_word_items()
    # "fartbro" is in no item; "Grenåvej" finds items 1 and 3. (It is named as typed, though "Mente
    # du" reads it as "fart bro", two known words, which no item holds either, together or apart.)
    results = search("fartbro Grenåvej")
    assert results.fuzzy and results.missing == ["fartbro"]
    assert results.suggestion == "Grenåvej"
    assert sorted(hit.item.number for hit in results.hits) == ["1", "3"]
    # A word typed without its Danish letter is read with it, and what is left out is still named.
    results = search("Logten fartbro")
    assert (results.suggestion, results.missing) == ("løgten", ["fartbro"])
    assert [hit.item.number for hit in results.hits] == ["1"]
    # A phrase no item holds is left out whole, an excluded word stays excluded.
    results = search('"farten skal ned hurtigt" grenåvej -udsat')
    assert results.missing == ['"farten skal ned hurtigt"']
    assert [hit.item.number for hit in results.hits] == ["1"]
    # The page and the API say what was left out.
    body = client.get("/search/", {"q": "fartbro Grenåvej"}).content.decode()
    assert "Intet punkt indeholder: fartbro." in body and "Grenåvej</a>" in body
    data = client.get("/api/search/", {"q": "fartbro Grenåvej"}).json()
    assert data["missing"] == ["fartbro"] and data["fuzzy"] and data["total"] == 2
    # Two known words that item 1 holds apart ("farten", "hastighedsnedsættelse") are no word
    # missing: the item is found through them, and nothing is named.
    results = search("fartnedsættelse Grenåvej")
    assert (results.fuzzy, results.missing) == (True, [])
    assert [hit.item.number for hit in results.hits] == ["1"]


def test_a_few_items_with_every_word_are_followed_by_items_with_some(client):
    load(
        ParsedItem(
            number="1",
            title="Udbetalt tilskud til kulturområdet",
            presentation="Driftstilskud til Greve Pigegarde, spillestedet og musikskolen (musik).",
        ),
        ParsedItem(number="2", title="Driftstilskudsaftale Greve Pigegarde", presentation="Aftalen fornyes."),
        ParsedItem(number="3", title="Vejbelysning", presentation="Nye lamper."),
    )
    # Only item 1 holds "musik", the reader's own word: item 2, the agreement, follows it.
    results = search("pigegarde driftstilskud musik", also=True)
    assert (results.total, [hit.item.number for hit in results.hits]) == (1, ["1"])
    assert [hit.item.number for hit in results.also] == ["2"] and not results.fuzzy
    assert search("pigegarde driftstilskud musik").also == []  # only when asked (the search page)
    body = client.get("/search/", {"q": "pigegarde driftstilskud musik"}).content.decode()
    assert "Punkter med nogle af ordene:" in body and body.count('class="search-hit"') == 2
    # The API, like the feed, the export and alerts, answers with what holds every word.
    data = client.get("/api/search/", {"q": "pigegarde driftstilskud musik"}).json()
    assert data["total"] == 1 and len(data["results"]) == 1
    # A word alone adds nothing.
    assert search("pigegarde", also=True).also == [] and search("greve", also=True).also == []


def test_the_search_page_shows_a_cases_items_as_one_hit(client):
    """Greve prints a case's text again at each meeting that treats it: its copies filled the page
    and pushed other cases off it. The search page shows a case's matching items as one hit, the
    newest copy of the best ranked (where the case stands), with the others linked under it (oldest
    first); the API lists every item."""
    text = "Svømmehallens bassin får lavere temperatur."
    for committee, date, number, title, presentation in [
        # The committee's copy says it twice, and ranks above the others.
        ("Kultur- og Fritidsudvalget", "2023-02-27", "4", "Energitiltag i svømmehallen", f"{text} {text}"),
        ("Økonomiudvalget", "2023-03-01", "7", "Energitiltag i svømmehallen", text),
        ("Byråd", "2023-03-06", "12", "Energitiltag i svømmehallen", text),
        # Later in the same case, under another title: the newest, but not a copy of the best.
        ("Økonomiudvalget", "2023-09-04", "3", "Opfølgning på energibesparelser", "Temperatur, svømmehal."),
    ]:
        load(
            ParsedItem(number=number, title=title, case_number="23-000359", presentation=presentation),
            committee=committee,
            date=date,
        )
    load(
        ParsedItem(
            number="2", title="Svømmehallens åbningstider", case_number="23-000400", presentation=text
        ),
        ParsedItem(number="3", title="Temperatur i svømmehal, borgerforslag", presentation=text),
        committee="Kultur- og Fritidsudvalget",
        date="2023-05-01",
    )
    results = search("temperatur svømmehal", by_case=True)
    assert (results.total, results.listed) == (6, 3)
    hits = {hit.item.title: hit for hit in results.hits}
    assert sorted(hits) == [
        "Energitiltag i svømmehallen",
        "Svømmehallens åbningstider",
        "Temperatur i svømmehal, borgerforslag",
    ]
    case_hit = hits["Energitiltag i svømmehallen"]
    assert (case_hit.item.meeting.committee.name, case_hit.item.number) == ("Byråd", "12")
    assert [(item.meeting.date.isoformat(), item.number) for item in case_hit.others] == [
        ("2023-02-27", "4"),
        ("2023-03-01", "7"),
        ("2023-09-04", "3"),
    ]
    assert case_hit.more_others == 0 and hits["Svømmehallens åbningstider"].others == []
    # Each item its own hit where the items are asked for (the API, feeds, exports and alerts).
    assert (search("temperatur svømmehal").total, len(search("temperatur svømmehal").hits)) == (6, 6)
    body = client.get("/search/", {"q": "temperatur svømmehal"}).content.decode()
    assert body.count('class="search-hit"') == 3 and "6 punkter" in body
    assert "punkter i samme sag vises samlet (3 resultater)" in body and "Samme sag også:" in body
    assert client.get("/api/search/", {"q": "temperatur svømmehal"}).json()["total"] == 6


def test_items_with_some_of_the_words_of_a_case_shown_are_named_under_its_hit():
    """Greve's Byråd printed "ti årsplan" where its committee wrote "tiårsplan": the Byråd's copy
    holds none of the words typed, but the two words it prints for one of them; it is looked for
    so among the items with some of the words, and named under its case's hit."""
    load(
        ParsedItem(
            number="14",
            title="Opdatering af tiårsplan for skolernes bygninger",
            case_number="23-000269",
            presentation="Planen opdateres.",
        ),
        committee="Klima-, Teknik- og Miljøudvalget",
        date="2023-04-27",
    )
    load(
        ParsedItem(number="43", title="Ti årsplan for bygningsoptimering", case_number="23-000269"),
        ParsedItem(number="44", title="Skoler og klubber", case_number="23-000300", presentation="Lokaler."),
        committee="Byråd",
        date="2023-05-15",
    )
    results = search("opdateret tiårsplan skoler", also=True, by_case=True)
    assert [hit.item.number for hit in results.hits] == ["14"]
    assert [(item.meeting.committee.name, item.number) for item in results.hits[0].others] == [
        ("Byråd", "43")
    ]
    assert [hit.item.number for hit in results.also] == ["44"]
    # Each item its own hit (not by case): the Byråd's copy is among the items with some words.
    results = search("opdateret tiårsplan skoler", also=True)
    assert [hit.item.number for hit in results.hits] == ["14"]
    assert sorted(hit.item.number for hit in results.also) == ["43", "44"]


def test_a_hit_names_at_most_a_few_of_its_cases_other_items(client, monkeypatch):
    monkeypatch.setattr("search.backends.common.OTHER_TREATMENTS", 2)
    for day in range(1, 6):
        load(
            ParsedItem(
                number="1", title="Budgetopfølgning", case_number="23-000759", presentation="Kassebeholdning."
            ),
            date=f"2023-0{day}-01",
        )
    results = search("kassebeholdning", by_case=True)
    assert (results.total, results.listed, len(results.hits)) == (5, 1, 1)
    hit = results.hits[0]
    assert (len(hit.others), hit.more_others) == (2, 2)
    body = client.get("/search/", {"q": "kassebeholdning"}).content.decode()
    assert f'og <a href="{hit.item.case.get_absolute_url()}">2 punkter mere</a>' in body


def test_pages_of_hits_by_case_count_the_cases():
    for committee, date in [("Økonomiudvalget", "2023-03-01"), ("Byråd", "2023-03-06")]:
        load(
            *(
                ParsedItem(number=str(n), title=f"Vejvedligeholdelse {n}", case_number=f"23-{n:06}")
                for n in range(1, 22)
            ),
            committee=committee,
            date=date,
        )
    first, second = (search("vejvedligeholdelse", by_case=True, page=page) for page in (1, 2))
    assert (first.total, first.listed, len(first.hits), first.has_next) == (42, 21, 20, True)
    assert (len(second.hits), second.has_next) == (1, False)
    cases = [hit.item.case_id for hit in first.hits + second.hits]
    assert len(set(cases)) == 21 and all(len(hit.others) == 1 for hit in first.hits + second.hits)


def test_words_that_each_find_items_but_none_together_show_the_items_with_some(client, monkeypatch):
    missing_word_items()
    # Both words are in the archive, in different items: nothing is left out; the items holding
    # either are shown, and the page says so.
    results = search("Balticagade hastighedsnedsættelse -udsat")
    assert results.some_words and results.fuzzy and results.missing == []
    assert results.suggestion == "Balticagade or hastighedsnedsættelse -udsat"
    assert sorted(hit.item.number for hit in results.hits) == ["1", "2"]
    body = client.get("/search/", {"q": "Balticagade hastighedsnedsættelse"}).content.decode()
    assert "Intet punkt indeholder alle ordene." in body
    assert client.get("/api/search/", {"q": "Balticagade hastighedsnedsættelse"}).json()["some_words"]
    # Words typed together stand together among the alternatives, as they would alone.
    assert search("Dokk1-bro hastighedsnedsættelse").suggestion == '"Dokk1-bro" or hastighedsnedsættelse'
    # More than can be ranked would be a page of the newest items holding one word: nothing.
    monkeypatch.setattr("search.backends.common.RANK_LIMIT", 2)
    assert search("Balticagade grenåvej").total == 0
    assert search("Balticagade grenåvej", sort="date").total == 0
    # Nothing is left of a query whose every word is unknown (and no compound of known words), and a
    # query with "or" asks for either already.
    assert search("fartbro fodgængerbro").total == 0
    assert search("fartnedsættelse or fodgængerbro Grenåvej").total == 0


def test_a_compound_no_item_holds_stands_in_for_itself_by_its_last_part(client):
    load(
        ParsedItem(
            number="1",
            title="Gebyrer for husholdningsaffald 2024",
            presentation="Affaldsgebyret for et parcelhus stiger i 2024.",
        ),
        ParsedItem(number="2", title="Budget 2024", presentation="Budgettet vedtages."),
        ParsedItem(number="3", title="Byggesagsgebyr 2023", presentation="Gebyret for en byggesag."),
    )
    # No item says "skraldegebyr": it is a kind of "gebyr", whose compounds find item 1 ("2024"
    # leaves out item 3); named as missing, as a word left out is.
    results = search("skraldegebyr 2024")
    assert (results.fuzzy, results.missing) == (True, ["skraldegebyr"])
    assert [hit.item.number for hit in results.hits] == ["1"] and "2024" in results.suggestion
    body = client.get("/search/", {"q": "skraldegebyr 2024"}).content.decode()
    assert "Intet punkt indeholder: skraldegebyr." in body
    # The last part must be a word of the archive, of at least five letters: "fodgængerbro" is
    # left out ("bro"), and a tail only the items outside a filter hold is none.
    results = search("fodgængerbro 2024")
    assert results.missing == ["fodgængerbro"] and sorted(hit.item.number for hit in results.hits) == [
        "1",
        "2",
    ]
    results = search("skraldegebyr budget", items=AgendaItem.objects.filter(number="2"))
    assert results.missing == ["skraldegebyr"] and [hit.item.number for hit in results.hits] == ["2"]


def test_a_word_left_out_is_one_missing_within_the_section_and_filters():
    missing_word_items()
    # "hastighedsnedsættelse" is in item 1's presentation, not in any title.
    results = search("hastighedsnedsættelse Grenåvej", section="title")
    assert results.missing == ["hastighedsnedsættelse"]
    assert sorted(hit.item.number for hit in results.hits) == ["1", "3"]
    assert search("hastighedsnedsættelse Grenåvej").missing == []  # item 1 holds both
    # Within item 2's filter "Grenåvej" is the word no item holds.
    only_two = AgendaItem.objects.filter(number="2")
    results = search("Grenåvej Dokk1", items=only_two)
    assert results.missing == ["Grenåvej"] and [hit.item.number for hit in results.hits] == ["2"]


def test_a_phrase_finds_a_hyphenated_compound_after_a_word():
    # Greve, Beskæftigelses- og Erhvervsudvalget 7 February 2022, item 7: "overgik til nyt
    # IT-system (KY – kommunernes ydelsessystem)".
    load(
        ParsedItem(number="1", title="Fejl i administrationen", decision="Overgik til nyt IT-system."),
        ParsedItem(number="2", title="Nyt system", decision="Et nyt system til IT-support."),
    )
    assert [hit.item.number for hit in search('"nyt it-system"').hits] == ["1"]
    assert [hit.item.number for hit in search('"til nyt it system"').hits] == ["1"]
    load(ParsedItem(number="3", title="Klimaplan", decision="Reducere CO2-udledningen."), date="2026-05-06")
    assert [hit.item.number for hit in search('"reducere co2-udledningen"').hits] == ["3"]
    [hit] = search('"nyt it-system"').hits
    assert "IT-system" in hit.snippet.replace("<mark>", "").replace("</mark>", "")


def test_a_phrase_holds_its_stop_words():
    # Greve, Økonomiudvalget 28 March 2022: "Økonomiudvalget kan ikke godkende administrationens
    # indstilling"; PostgreSQL's vectors have no stop words ("ikke", "selv", "om"), its word pairs do.
    load(
        ParsedItem(number="1", title="Lokalplan", decision="Økonomiudvalget kan ikke godkende sagen."),
        ParsedItem(number="2", title="Lokalplan", decision="Godkendt. Ikke til stede: Anna Hansen."),
        ParsedItem(number="3", title="Frikommune", decision="Selv-princippet gælder fortsat."),
        ParsedItem(number="4", title="Frikommune", decision="Princippet gælder, også selv om det koster."),
    )

    assert numbers('"ikke godkende"') == ["1"]
    assert numbers('"kan ikke godkende sagen"') == ["1"]
    assert numbers('"selv-princippet"') == ["3"]
    assert numbers('"gælder, også selv om"') == ["4"]
    # Excluded, the phrase takes only the items that hold it, not every item with "godkendt".
    assert numbers('lokalplan -"ikke godkende"') == ["2"]
    assert numbers('frikommune -"selv princippet"') == ["4"]
    # The snippet marks the whole phrase, its stop word too.
    snippet = str(search('"ikke godkende"').hits[0].snippet)
    assert "kan <mark>ikke</mark> <mark>godkende</mark> sagen" in snippet


def test_a_stop_word_typed_alone_means_the_same_on_both_databases():
    # PostgreSQL's danish configuration drops "ikke", "om", "i": "ikke" found nothing there and was
    # answered "Mente du ikf?", and "kan ikke" was every item with "kan". SQLite indexes every word.
    load(
        ParsedItem(number="1", title="Lokalplan", decision="Økonomiudvalget kan ikke godkende sagen."),
        ParsedItem(number="2", title="Lokalplan", decision="Godkendt. Sagen kan genoptages."),
        ParsedItem(number="3", title="Budget", decision="Ikke-vestlige borgere, orientering om tal."),
        ParsedItem(number="4", title="Budget", decision="Taget til efterretning."),
        ParsedItem(number="5", title="IKF-midler", decision="Godkendt."),  # "ikf", near "ikke"
    )

    assert numbers("ikke") == ["1", "3"]  # "Ikke-vestlige" too: a word is the beginning of words
    assert numbers("kan ikke") == ["1"]
    assert numbers("budget or ikke") == ["1", "3", "4"]
    assert numbers("lokalplan -ikke") == ["2"]
    assert numbers("om") == ["3"]
    # Within a section PostgreSQL leaves a stop word typed alone out: its vectors do not hold it,
    # and reading each section for it took the 3 s timeout at a million items. SQLite finds it.
    postgres = connection.vendor == "postgresql"
    assert numbers("kan ikke", section="decision") == (["1", "2"] if postgres else ["1"])
    results = search("ikke")
    assert not results.fuzzy and results.total == 2
    # Where nothing holds it, a stop word is not taken for a misspelling ("Mente du ikf?").
    nowhere = search("ikke", section="title")
    assert nowhere.total == 0 and not nowhere.fuzzy


def test_eller_between_two_words_asks_for_either():
    load(
        ParsedItem(number="1", title="Budget", decision="Valg mellem selvbudgettering og statsgaranti."),
        ParsedItem(number="2", title="Budget", decision="Selvbudgettering eller statsgaranti drøftes."),
        ParsedItem(number="3", title="Temamøde", decision="Om statsgaranti."),
        ParsedItem(number="4", title="Valg", decision="Ja eller nej."),
    )
    # Danish for `or`: item 1 has both words, though not "eller"; those with both rank first.
    assert numbers("selvbudgettering eller statsgaranti") == ["1", "2", "3"]
    assert [hit.item.number for hit in search("selvbudgettering eller statsgaranti").hits][2] == "3"
    # Typed first or last, or in quotes, it is a word.
    assert numbers("eller nej") == ["4"]
    assert numbers('"statsgaranti drøftes"') == ["2"]
    assert numbers('"eller statsgaranti"') == ["2"]


def test_a_search_for_a_name_offers_the_pages_of_the_people_it_names(client):
    load(
        ParsedItem(
            number="1",
            title="Ukraine",
            decision="Taget til efterretning.",
            absences=["Susanne Provstgaard (V)"],
        ),
        ParsedItem(number="2", title="Budget", decision="Godkendt.", absences=["Ole Kaplan (A)"]),
        ParsedItem(number="3", title="Lukket: Personsag", closed=True, absences=["Ørsted Lund"]),
    )
    person = Person.objects.get(name="Susanne Provstgaard")
    # No item's text names her (an absence is no text of the item), but her page lists the absence.
    for q in ("provstgaard", "Susanne Provstgård", "provst"):
        response = client.get("/search/", {"q": q})
        assert [str(p) for p in response.context["people"]] == ["Susanne Provstgaard (V)"], q
        assert f'href="{person.get_absolute_url()}"' in response.content.decode()
    # Words that begin no word of a name, a phrase, and someone named only on a closed item: nobody.
    for q in ("plan", "susanne budget", '"susanne provstgaard"', "ørsted", "provstgaard" * 10):
        assert not client.get("/search/", {"q": q}).context.get("people"), q
    assert client.get("/search/", {"q": "kaplan"}).context["people"][0].name == "Ole Kaplan"
    # Within the municipality chosen.
    assert client.get("/search/", {"q": "provstgaard", "municipality": "aabenraa"}).context["people"]
    load(ParsedItem(number="1", title="Møde", absences=["Karen Provstgaard"]), date="2026-05-06")
    Municipality.objects.create(name="Greve", slug="greve")
    assert not client.get("/search/", {"q": "provstgaard", "municipality": "greve"}).context.get("people")


def test_a_phrase_of_stop_words_alone_or_as_an_alternative_means_the_same_on_both_databases():
    # "selv om" and "ikke godkendt" as the minutes write them (Greve's decisions); PostgreSQL's
    # tsquery of "selv om" is empty and of "ikke godkendt" is 'godkend': only word pairs hold them.
    load(
        ParsedItem(number="1", title="Frikommune", decision="Princippet gælder, også selv om det koster."),
        ParsedItem(number="2", title="Frikommune", decision="Om udvalget selv vil, afgøres senere."),
        ParsedItem(number="3", title="Budget 2025", decision="Godkendt."),
        ParsedItem(number="4", title="Lokalplan", decision="Udvalget kunne ikke godkende planen."),
        ParsedItem(number="5", title="Lokalplan", decision="Godkendt."),
    )

    # Item 2 holds both words, apart and in the other order: not the phrase.
    assert numbers('"selv om"') == ["1"]
    assert numbers('frikommune "selv om"') == ["1"]
    assert numbers('frikommune -"selv om"') == ["2"]
    # One of two alternatives: either the word or the phrase, stop words held.
    assert numbers('budget or "selv om"') == ["1", "3"]
    assert numbers('budget or "ikke godkende"') == ["3", "4"]
    assert numbers('lokalplan "ikke godkende" or budget') == ["4"]
    # The stop words are marked in the snippet, as the words of any phrase are.
    assert "<mark>selv</mark> <mark>om</mark>" in str(search('"selv om"').hits[0].snippet)


def test_words_typed_together_rank_the_items_holding_them_together_first():
    # Greve, Plan- og Tryghedsudvalget 10 January 2023, item 5: "beboere med ikke-vestlig baggrund".
    load(
        ParsedItem(number="1", title="Boligsocial indsats", decision="Beboere med ikke-vestlig baggrund."),
        ParsedItem(number="2", title="Vestlig vej", decision="Vestlig vej er ikke omfattet, vej 2 er ikke."),
        ParsedItem(number="3", title="Cykelsti", decision="Stien er ikke færdig."),
    )
    # Typed together, the two words still need only both occur (item 2 has both, apart), but the
    # item that holds them as typed comes first, above the title that holds "vestlig".
    assert [hit.item.number for hit in search("ikke-vestlig").hits] == ["1", "2"]
    # Typed apart, they are two words, ranked as before.
    assert [hit.item.number for hit in search("ikke vestlig").hits] == ["2", "1"]


def test_a_one_letter_word_or_a_number_is_marked_only_as_itself():
    load(
        ParsedItem(
            number="1",
            title="Bro",
            decision="Model C med cykelbro, 20 m bred, bygges i 2023.",
            attachments=[
                ParsedAttachment("Bilag 1", "Cykelbro og cykelsti i centrum"),
                ParsedAttachment("Bilag 2", "Tegninger af model C"),
            ],
        )
    )
    [hit] = search("model c").hits
    assert "<mark>C</mark>" in hit.snippet and "cykelbro" in hit.snippet
    assert "<mark>cykelbro" not in hit.snippet
    [hit] = search("model 20").hits
    assert "<mark>20</mark>" in hit.snippet and "<mark>2023" not in hit.snippet
    # Of an item's Bilag, the one holding the word is named, not the first with a word beginning with c.
    [hit] = search("model c", section="attachments").hits
    assert hit.attachment.title == "Bilag 2"


def test_numbers_after_a_hyphen_and_words_beside_a_slash_are_words_on_both_databases():
    load(
        ParsedItem(
            number="1",
            title="Dialogforum",
            decision="Under Covid-19 blev møderne aflyst. Beskæftigelsesplan 2023-26 følges op.",
            presentation="Netto -95.000 tons CO2e. Kurser fra SIRI/MÆRK og pladser i SFO/Klub. Sag 24/34838.",
        )
    )
    for q in ["covid 19", '"beskæftigelsesplan 2023-26"', "95.000 tons", "mærk", "klub", "24/34838"]:
        assert found(q) == [("Aabenraa", "1")], q
    [hit] = search("covid 19").hits
    printed = hit.snippet.replace("<mark>", "").replace("</mark>", "")
    assert "Covid-19" in printed and "SFO/Klub" in printed  # as the minutes print them


def test_the_responsible_person_is_found_under_the_label_ansvarlig():
    load(
        ParsedItem(number="1", title="Status", responsible="Jeanette Hoppe"),
        ParsedItem(number="2", title="Status", decision="Jeanette Hoppe deltog."),
    )
    assert found("ansvarlig jeanette hoppe") == [("Aabenraa", "1")]


def test_how_the_parties_and_members_stood_is_found_with_the_decision():
    # As Greve prints votes: a ballot letter, and a member with hers. The positions name the party.
    against = "Imod stemte: (Ø) med bemærkning om placeringen af vandværket."
    reserved = "Mehmet Zeki Dogru (Ø) tog forbehold for placeringen af vandværket."
    load(
        ParsedItem(
            number="1",
            title="Lokalplan for nyt vandværk",
            decision=f"Godkendt.\n{against}",
            positions=[ParsedPosition(who="Enhedslisten", stance="against", text=against)],
        ),
        ParsedItem(
            number="2",
            title="Vandværkets kapacitet",
            decision=f"Godkendt.\n{reserved}",
            positions=[ParsedPosition(who="Mehmet Zeki Dogru (Ø)", stance="reservation", text=reserved)],
        ),
        ParsedItem(
            number="3",
            title="Vandværk, status",
            decision="Taget til efterretning.\n(F) undlod at tage stilling.",
            positions=[ParsedPosition(who="Socialistisk Folkeparti", stance="abstained", text="(F) undlod")],
        ),
    )
    assert found("enhedslisten imod vandværket") == [("Aabenraa", "1")]
    assert found("enhedslisten forbehold vandværket") == [("Aabenraa", "2")]
    assert numbers("enhedslisten", section="decision") == ["1", "2"]
    # A phrase with a stop word ("at"), which PostgreSQL confirms by reading the decision again.
    assert numbers('"folkeparti undlod at stemme"', section="decision") == ["3"]


def test_refresh_outcomes_indexes_the_party_it_ties_a_member_to():
    said = "Mehmet Zeki Dogru (Ø) tog forbehold."
    load(
        ParsedItem(
            number="1",
            title="Vandværk",
            decision=f"Godkendt.\n{said}",
            positions=[ParsedPosition(who="Mehmet Zeki Dogru (Ø)", stance="reservation", text=said)],
        )
    )
    # As an import from before the party was read left it: no party, and the index without it.
    Position.objects.update(party="")
    refresh_search_vectors(AgendaItem.objects.all())
    assert found("enhedslisten") == []
    call_command("refresh_outcomes", verbosity=0)
    assert found("enhedslisten") == [("Aabenraa", "1")]


def test_a_short_item_about_a_word_ranks_above_a_long_one_mentioning_it_in_passing():
    filler = " ".join(f"budgetpost{n} udgift" for n in range(1500))
    load(
        ParsedItem(
            number="1", title="Budget", presentation=f"{filler} ukrainere {filler} ukrainere {filler}"
        ),
        ParsedItem(number="2", title="Orientering", presentation="Status på ukrainere i kommunen."),
    )
    assert found("ukrainere")[0] == ("Aabenraa", "2")


@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        "!!!",
        '"unbalanced',
        "'; DROP TABLE agenda_items_agendaitem; --",
        "a & b | !c",
        ":*",
        "x" * 5000,
        "ø" * 600,
        "<script>alert(1)</script>",
        "or",
        "-",
        '""',
    ],
)
def test_odd_queries_give_a_normal_page(client, q, seeds):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


# A NUL byte answered 500 on the HTML search (PostgreSQL refuses it); every surface now refuses
# control characters the same way, with a message (issue: nothing broken by hostile input).
@pytest.mark.parametrize("q", ["\x00", "a\x00", '"a\x00 b"', "-a\x00", "a\x00 or b", "ukrainer\x07"])
@pytest.mark.parametrize(
    "path", ["/search/", "/en/search/", "/api/search/", "/search/feed/", "/search/export.csv"]
)
def test_control_characters_are_refused_on_every_search_surface(client, q, path, seeds):
    response = client.get(path, {"q": q})
    assert response.status_code == 400
    assert b"Traceback" not in response.content


def test_control_characters_in_a_filter_are_refused_too(client, seeds):
    response = client.get("/search/", {"q": "ukrainer", "committee": "x\x00"})
    assert response.status_code == 400


def test_a_case_number_goes_straight_to_the_case(client, seeds):
    case = Case.objects.get(number="25/31181")
    response = client.get("/search/", {"q": "25/31181"})
    assert response.status_code == 302
    assert response.url == case.get_absolute_url()
    assert client.get("/search/", {"q": " 25-31181 "}).url == case.get_absolute_url()


@pytest.mark.parametrize(
    "typed, number",
    [
        ("sag nr. 25/31190", "25/31190"),
        ("sagsnr.: 25/31181", "25/31181"),
        ("Journalnummer 22/12287", "22/12287"),
        ("22 011038", "22/011038"),
        ("emn2025008579", "EMN/2025/008579"),
    ],
)
def test_case_numbers_as_letters_print_them_and_as_people_type_them(typed, number):
    assert number in case_number_forms(typed)


@pytest.mark.parametrize("typed", ["2025 3383", "22 0110", "sagsbehandling 2025", "sagen om 2025", "sag"])
def test_numbers_that_are_no_case_number_are_searched_as_text(typed):
    assert case_number_forms(typed) == []


def test_an_unknown_case_number_is_searched_as_text(client, seeds):
    response = client.get("/search/", {"q": "99/99999"})
    assert response.status_code == 200


def test_the_search_page_shows_hits_with_meeting_and_snippet(client, seeds):
    response = client.get("/search/", {"q": "ukrainere"})
    body = response.content.decode()
    assert "Orientering om status på ukrainesituationen" in body
    assert "Arbejdsmarkeds- og Uddannelsesudvalget" in body
    assert "<mark>" in body


def test_search_filters_by_municipality_and_date(client, seeds):
    response = client.get("/search/", {"q": "godkendt", "municipality": "aarhus"})
    hits = response.context["results"].hits
    assert hits and {h.item.meeting.committee.municipality.name for h in hits} == {"Aarhus"}
    bad = client.get("/search/", {"q": "godkendt", "date_after": "not-a-date"})
    assert bad.status_code == 200
    assert "Filteret kunne ikke bruges" in bad.content.decode()


def test_search_runs_a_fixed_number_of_queries(client, seeds, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        client.get("/search/", {"q": "orientering"})


def test_vendor_dispatch_uses_the_plain_strategy_on_sqlite(seeds):
    results = search("ukrainer")
    if connection.vendor == "sqlite":
        # No stemming on SQLite: "ukrainer" is found as a substring of "ukrainere".
        assert ("Aabenraa", "15") in [
            (h.item.meeting.committee.municipality.name, h.item.number) for h in results.hits
        ]
    else:
        assert results.total >= 1


# --- PostgreSQL: bounded work for common words and slow queries --------------------------------


def many_items_saying(text, count):
    meeting = load(
        *[ParsedItem(number=str(n), title=f"Punkt {n}", decision=text) for n in range(1, count + 1)]
    )
    refresh_search_vectors(AgendaItem.objects.filter(meeting=meeting))
    return meeting


@pytest.mark.postgres
def test_a_word_the_planner_expects_in_too_many_items_is_not_counted(monkeypatch):
    many_items_saying("Godkendt med bemærkning om skolebussen.", 45)
    monkeypatch.setattr("search.backends.postgres.ESTIMATE_LIMIT", 0)  # every estimate is "too many"
    monkeypatch.setattr("search.backends.common.MANY_RESULTS_PAGES", 2)
    monkeypatch.setattr("search.results.MANY_RESULTS_PAGES", 2)

    first = search("skolebussen")

    assert first.more_than_max and first.sort == "date"
    assert len(first.hits) == 20 and first.has_next
    assert first.committees == [] and first.years == []  # no facets over an uncounted set
    # Deep pages stop at MANY_RESULTS_PAGES: a page asked for further back is the last one.
    last = search("skolebussen", page=99)
    assert last.page == 2 and not last.has_next
    assert {h.item.pk for h in first.hits}.isdisjoint(h.item.pk for h in last.hits)


@pytest.mark.postgres
def test_fewer_matches_than_a_page_where_too_many_were_expected_are_counted_as_they_are(monkeypatch):
    # An estimate can be far off: PostgreSQL's statistics do not tell the Bilag's words from the rest
    # of an item's, and "sociale ydelser" within the titles was taken for 52 000 matches at a million
    # items where there are none: the page said "more than 2 000" over no hits at all.
    meeting = many_items_saying("Godkendt med bemærkning om skolebussen.", 25)
    AgendaItem.objects.filter(meeting=meeting, number__in=["1", "2", "3"]).update(title="Ny skolebus")
    refresh_search_vectors(AgendaItem.objects.filter(meeting=meeting))
    monkeypatch.setattr("search.backends.postgres.ESTIMATE_LIMIT", 0)  # every estimate is "too many"

    in_titles = search("skolebussen", section="title")
    assert in_titles.total == 3 and not in_titles.more_than_max
    assert {hit.item.number for hit in in_titles.hits} == {"1", "2", "3"}
    assert [(c["name"], c["count"]) for c in in_titles.committees] == [(meeting.committee.name, 3)]  # faceted
    assert search('"ny skolebus"', section="decision").total == 0
    # As many as a page or more: newest first, uncounted, as before.
    everywhere = search("skolebussen")
    assert everywhere.more_than_max and len(everywhere.hits) == 20


@pytest.mark.postgres
def test_the_search_vectors_keep_statistics_of_enough_words_to_know_a_rare_one():
    # Beyond the lexemes ANALYZE keeps, PostgreSQL takes every lexeme for as common as half the
    # rarest kept one: with the default target a rare word and its 30 compound tails were estimated
    # at 34 183 matches for 418 at 250 000 items, and searched as a word in most items
    # (search/migrations/0005; docs/PERFORMANCE.md). It takes a large table to show; this checks
    # the setting the migration made is the one the estimate rests on.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute"
            " WHERE attrelid = 'agenda_items_agendaitem'::regclass AND attname = 'search_vector'"
        )
        assert cursor.fetchone()[0] >= 3000


@pytest.mark.postgres
@pytest.mark.parametrize("section", ["title", "decision", "recommendation", "presentation"])
def test_a_search_within_a_column_asks_that_columns_own_index(section):
    # A search in one section used to read that section again for every item holding the query
    # anywhere (0.8 s in titles, the 3 s timeout in presentations, at a million items), and then, with
    # only the column's words indexed, parsed it again for every item holding a phrase's words
    # there (1.1 s at 100 000 items). Each such column keeps a vector of its own words with a GIN
    # index (search/migrations/0010). A table this small is read whole unless sequential scans are
    # ruled out; then only that index answers the condition the search puts on the column.
    from search.backends import SECTIONS
    from search.backends.postgres import match
    from search.query import parse

    many_items_saying("Godkendt med bemærkning om den nye skolebus.", 5)
    plans = {}
    for q in ["skolebussen", '"nye skolebus"']:
        matched = match(AgendaItem.objects.filter(closed=False), parse(q), section, SECTIONS, "default")[0]
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            plans[q] = matched.order_by().values("pk").explain()
    assert f"item_{section}_vector" in plans["skolebussen"], plans
    # The column's text is not parsed again: its stored vector confirms the phrase (the word pairs'
    # index may be the one that finds the candidates).
    assert f"{section}_vector @@ '''nye'' <-> ''skolebus'''" in plans['"nye skolebus"'], plans
    assert not any("to_tsvector" in plan for plan in plans.values()), plans


@pytest.mark.postgres
def test_each_column_a_search_can_be_limited_to_keeps_a_vector_of_its_own_words():
    meeting = load(
        ParsedItem(
            number="1",
            title="Sociale ydelser",
            decision="Godkendt.",
            recommendation="At budgettet vedtages.",
            presentation="Udgifterne til skolebusser stiger.",
        ),
        ParsedItem(number="2", title="Lukket punkt", closed=True, decision="Sociale ydelser"),
    )
    item, closed_item = AgendaItem.objects.filter(meeting=meeting).order_by("number")
    # Snowball's Danish stems, each column's own words with their positions, and nothing else.
    assert item.title_vector == "'social':1 'ydels':2"
    assert item.decision_vector == "'godkend':1"
    assert item.recommendation_vector == "'budget':2 'vedtag':3"
    assert item.presentation_vector == "'skolebus':3 'stig':4 'udgift':1"
    for vector in ("title_vector", "decision_vector", "recommendation_vector", "presentation_vector"):
        assert getattr(closed_item, vector) is None

    # Kept current with the item: a clerk's correction is found in its section at once.
    item.presentation = "Udgifterne til sociale ydelser stiger."
    item.save()
    assert search('"sociale ydelser"', section="presentation").total == 1


@pytest.mark.postgres
def test_a_phrase_is_counted_only_up_to_its_limit_then_shown_newest_first(client, monkeypatch):
    # Each match of a phrase is confirmed by its words' positions: a phrase is counted up to
    # PHRASE_COUNT_LIMIT, not MAX_RESULTS; a word in as many items is still counted in full.
    many_items_saying("Godkendt med bemærkning om den nye skolebus.", 25)
    monkeypatch.setattr("search.backends.postgres.PHRASE_COUNT_LIMIT", 10)

    phrase = search('"nye skolebus"')
    assert phrase.more_than_max and phrase.total == 10 and phrase.sort == "date"
    assert len(phrase.hits) == 20 and phrase.committees == []
    page = client.get("/search/", {"q": '"nye skolebus"'}).content.decode()
    assert "Mere end 10 punkter – vist med de nyeste først." in page

    words = search("nye skolebus")
    assert words.total == 25 and not words.more_than_max


@pytest.mark.postgres
def test_a_phrase_within_a_section_is_counted_up_to_a_lower_limit(monkeypatch):
    # Confirming a phrase in a section costs more per match than in the whole item (a Bilag's by
    # its words' weight in the item's whole vector): counted up to SECTION_PHRASE_COUNT_LIMIT.
    many_items_saying("Godkendt med bemærkning om den nye skolebus.", 25)
    monkeypatch.setattr("search.backends.postgres.PHRASE_COUNT_LIMIT", 30)
    monkeypatch.setattr("search.backends.postgres.SECTION_PHRASE_COUNT_LIMIT", 10)
    anywhere = search('"nye skolebus"')
    in_decisions = search('"nye skolebus"', section="decision")
    assert anywhere.total == 25 and not anywhere.more_than_max
    assert in_decisions.more_than_max and in_decisions.total == 10 and in_decisions.sort == "date"
    assert len(in_decisions.hits) == 20


@pytest.mark.postgres
def test_a_word_the_planner_expects_rarely_is_counted_and_ranked():
    many_items_saying("Godkendt med bemærkning om skolebussen.", 25)

    results = search("skolebussen")

    assert results.total == 25 and not results.more_than_max and results.sort == "relevance"
    assert [row["count"] for row in results.years] == [25]


def test_more_matches_than_the_rank_limit_are_counted_and_faceted_but_shown_newest_first(monkeypatch):
    meeting = many_items_saying("Godkendt med bemærkning om skolebussen.", 25)
    monkeypatch.setattr("search.backends.common.RANK_LIMIT", 24)

    results = search("skolebussen")

    assert results.total == 25 and not results.more_than_max
    assert results.sort == "date" and results.too_many_to_rank
    assert [row["count"] for row in results.years] == [25]
    assert [row["count"] for row in results.committees] == [25]
    # Newest first: one meeting, so the newest item (highest pk) leads.
    newest = meeting.items.order_by("-pk").values_list("pk", flat=True)[:20]
    assert [hit.item.pk for hit in results.hits] == list(newest)

    monkeypatch.setattr("search.backends.common.RANK_LIMIT", 25)
    ranked = search("skolebussen")
    assert ranked.sort == "relevance" and not ranked.too_many_to_rank


def test_the_page_lists_the_committees_with_most_matches_and_says_how_many_more(client, monkeypatch):
    for committee, count in (("Økonomiudvalget", 3), ("Børne- og Skoleudvalget", 1)):
        meeting = load(
            *[ParsedItem(number=str(n), title=f"Punkt {n}", decision="Om bussen.") for n in range(count)],
            committee=committee,
        )
        refresh_search_vectors(AgendaItem.objects.filter(meeting=meeting))
    monkeypatch.setattr("search.views.COMMITTEE_FACETS", 1)

    page = client.get("/search/", {"q": "bussen"}).content.decode()

    facets = page[page.index('id="facets-heading"') :]
    assert "Økonomiudvalget</a> (3)" in facets
    assert "Børne- og Skoleudvalget</a>" not in facets
    assert "Og 1 udvalg mere: vælg kommune eller udvalg i filteret." in facets


def search_times_out(settings, monkeypatch):
    """Make every PostgreSQL search outlast its statement timeout (50 ms)."""
    settings.SEARCH_TIMEOUT_SECONDS = 0.05

    def slow_estimate(matched):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(2)")  # cancelled by the statement timeout after 50 ms
        return 0

    monkeypatch.setattr("search.backends.postgres.estimated_count", slow_estimate)


@pytest.mark.postgres
def test_a_search_that_runs_too_long_is_stopped_with_a_message(client, seeds, settings, monkeypatch):
    search_times_out(settings, monkeypatch)

    response = client.get("/search/", {"q": "ukrainer"})

    assert response.status_code == 200
    assert response.context["results"].timed_out
    assert "Søgningen tog for lang tid" in response.content.decode()
    # The connection is usable afterwards: the cancelled statement's transaction was rolled back.
    assert client.get("/api/search/", {"q": "ukrainer"}).json()["timed_out"] is True
    monkeypatch.undo()
    settings.SEARCH_TIMEOUT_SECONDS = 3
    assert search("ukrainer").total >= 1


# --- PostgreSQL: phrases through the word-pair index --------------------------------------------


def pks(q):
    return {h.item.pk for h in search(q).hits}


@pytest.mark.postgres
def test_word_pairs_hold_each_pair_of_adjacent_words_and_nothing_for_closed_items():
    meeting = load(
        ParsedItem(number="1", title="Sociale ydelser", decision="Udvalget godkendte ikke indstillingen."),
        ParsedItem(number="2", title="Lukket punkt", closed=True, decision="Sociale ydelser"),
    )
    open_item, closed_item = AgendaItem.objects.filter(meeting=meeting).order_by("number")

    assert "'social ydels'" in open_item.word_pairs
    assert "'udvalg godkend'" in open_item.word_pairs
    # Stop words too, which the vector leaves out ("ikke").
    assert "'godkend ikk'" in open_item.word_pairs and "'ikk indstilling'" in open_item.word_pairs
    assert "'godkend indstilling'" not in open_item.word_pairs
    assert "'ydels social'" not in open_item.word_pairs
    assert closed_item.word_pairs is None and closed_item.search_vector is None


@pytest.mark.postgres
def test_a_phrase_is_found_only_where_its_words_stand_together():
    meeting = load(
        ParsedItem(number="1", title="Budget", decision="Udgifterne til sociale ydelser stiger."),
        ParsedItem(number="2", title="Budget", decision="Ydelser til sociale formål og andet socialt."),
        ParsedItem(number="3", title="Budget", decision="Ydelser til borgere i kommunen."),
    )
    one, two, three = AgendaItem.objects.filter(meeting=meeting).order_by("number")

    assert pks('"sociale ydelser"') == {one.pk}
    assert pks('budget -"sociale ydelser"') == {two.pk, three.pk}
    assert pks('"sociale ydelser" or "sociale formål"') == {one.pk, two.pk}
    # The pairs keep the stop word inside the phrase (the vector has none): the index takes part.
    from search.backends.postgres import _phrase_pairs

    assert _phrase_pairs('"ydelser til borgere"') == "'til borg' & 'ydels til'"
    assert pks('"ydelser til borgere"') == {three.pk}


@pytest.mark.postgres
@pytest.mark.parametrize(
    "q",
    [
        '"social snyd"',
        '"kontrolgruppens årsberetning"',
        '"tager orienteringen"',
        '"Udvalget godkendte"',
        '"sociale ydelser"',
        '"Udvalget orienteres" -budget',
    ],
)
def test_the_word_pair_index_never_loses_a_phrase_match(seeds, q):
    # Phrases without stop words: with one, the tsquery alone is looser than the phrase (above).
    from search.backends.postgres import _phrase_pairs
    from search.backends.postgres import postgres_query as _postgres_query

    plain = AgendaItem.objects.filter(closed=False, search_vector=_postgres_query(q))
    assert _phrase_pairs(q)  # the index takes part
    assert search(q).total == plain.count() > 0


# --- Issue 18: timeouts and closed case numbers on every surface ---------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize("path", ["/search/export.csv", "/search/feed/"])
def test_a_timed_out_search_is_an_error_not_an_empty_success(client, seeds, settings, monkeypatch, path):
    search_times_out(settings, monkeypatch)
    response = client.get(path, {"q": "ukrainer"})
    assert response.status_code == 503
    assert "tog for lang tid" in response.content.decode()


def test_a_case_number_seen_only_on_closed_items_is_not_revealed(client, seeds):
    case = Case.objects.get(number="25/31181")
    case.items.update(closed=True)
    unknown = client.get("/search/", {"q": "99/99999"})
    closed = client.get("/search/", {"q": "25/31181"})
    assert closed.status_code == unknown.status_code == 200
    assert case.get_absolute_url() not in closed.content.decode()
    assert client.get("/api/search/", {"q": "25/31181"}).json()["cases"] == []
    assert client.get("/search/feed/", {"q": "25/31181"}).status_code == 200
