"""Recall as a tested property (issue 21): real queries over the seeds and the real documents, each
with the item it must find, chosen by reading the document. Runs on SQLite always and on
PostgreSQL in CI's PostgreSQL pass (the `postgres`-marked copy).

The archive is imported once per module (about 30 s): the two seeds, Greve's 198 meetings, the
Aarhus PDF minutes and the Aarhus HTML agenda.
"""

import pytest
from django.db import connection

from bench.recall import CASES, DOCUMENTS, KTM, RECALL, first_page, found, named
from imports.load import import_file
from search.backends import search


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker):
    """The documents imported once for the module, removed again afterwards."""
    from meetings.models import Municipality
    from search.models import Lexeme

    with django_db_blocker.unblock():
        for path in DOCUMENTS:
            import_file(path)
        yield
        Municipality.objects.all().delete()
        Lexeme.objects.all().delete()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_fts")


def recall_case(q, expected):
    assert found(q, expected), q


def case_lookup(q, number):
    assert named(q, number), q


@pytest.mark.django_db
@pytest.mark.parametrize("q, expected, what", RECALL, ids=[r[0] for r in RECALL])
def test_recall(archive, q, expected, what):
    recall_case(q, expected)


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize("q, expected, what", RECALL, ids=[r[0] for r in RECALL])
def test_recall_postgres(archive, q, expected, what):
    recall_case(q, expected)


@pytest.mark.django_db
@pytest.mark.parametrize("q, number", CASES)
def test_a_case_number_in_any_spelling_names_the_case(archive, q, number):
    case_lookup(q, number)


@pytest.mark.django_db
def test_an_excluded_word_removes_the_item(archive):
    assert ("2022-04-28", KTM, "11") not in first_page("bølgebrydere -strand")


@pytest.mark.django_db
def test_a_misspelling_answers_with_a_suggestion_from_the_vocabulary(archive, client):
    # The vocabulary holds the stem "bølgebryd"; the suggestion is the word as the minutes print it
    # ("Bølgebrydere langs Greve Strand", Klima-, Teknik- og Miljøudvalget 28 April 2022, item 11).
    results = search("bølgebrydre")
    assert results.fuzzy and results.suggestion == "bølgebrydere"
    body = client.get("/search/", {"q": "bølgebrydre"}).content.decode()
    assert "Mente du:" in body and "bølgebrydere</a>" in body
    assert client.get("/api/search/", {"q": "bølgebrydre"}).json()["suggestion"] == "bølgebrydere"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed, word",
    [
        # Each misspelling's suggestion is a word of the document it finds (test_recall's items).
        ("ukrianesituationen", "ukrainesituationen"),  # "Orientering om status på ukrainesituationen"
        ("klimaregnskap", "klimaregnskab"),  # Aarhus Byråd 27 August 2025, item 7
        ("bølgebrydre strand", "bølgebrydere strand"),  # the word typed right is kept as typed
    ],
)
def test_a_suggestion_is_a_word_not_a_stem(archive, typed, word):
    assert search(typed).suggestion == word


@pytest.mark.django_db
def test_highlights_mark_whole_words_only(archive):
    [hit] = [h for h in search("Balticagade or gang").hits if h.item.number == "9"][:1]
    assert "<mark>" in hit.snippet
    assert "<mark>gang</mark>s" not in hit.snippet  # not inside a longer word
