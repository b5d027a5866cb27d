"""bench/corpus.py: a realistic synthetic archive, the same for the same seed, within the models' rules."""

from collections import Counter

import pytest
from django.db import connection
from django.db.models import Count

from agenda_items.models import AgendaItem, Case, normalize_case_number
from attachments.models import Attachment
from bench import corpus as corpus_command
from bench.corpus_generator import CorpusGenerator, generate
from bench.corpus_text import seed_vocabulary
from meetings.models import Committee, Meeting, Municipality
from search.backends import search

pytestmark = pytest.mark.django_db

MEETINGS = 20


def snapshot():
    """The generated content, without ids and timestamps, in an order that does not depend on them."""
    meetings = Meeting.objects.values_list(
        "committee__municipality__name", "committee__name", "kind", "date", "location"
    )
    items = AgendaItem.objects.values_list(
        "meeting__committee__municipality__name",
        "meeting__date",
        "number",
        "title",
        "case__number",
        "closed",
        "presentation",
        "decision",
        "decided_by",
        "sections",
    )
    attachments = Attachment.objects.values_list("agenda_item__title", "order", "title", "text")
    return [sorted(rows, key=repr) for rows in (meetings, items, attachments)]


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """One corpus for the module, committed (so PostgreSQL's parallel paths run too), removed after."""
    with django_db_blocker.unblock():
        try:
            yield generate(MEETINGS, seed=7)
        finally:
            Municipality.objects.all().delete()


def test_generates_the_asked_number_of_meetings_with_5_to_25_items(corpus):
    assert Meeting.objects.count() == MEETINGS == corpus.meetings
    per_meeting = Meeting.objects.annotate(n=Count("items")).values_list("n", flat=True)
    assert min(per_meeting) >= 5 and max(per_meeting) <= 25
    assert AgendaItem.objects.count() == corpus.items


def test_many_municipalities_and_committees_over_twenty_years(corpus):
    assert Municipality.objects.count() >= 2
    assert Committee.objects.count() >= 14
    years = {d.year for d in Meeting.objects.values_list("date", flat=True)}
    assert max(years) - min(years) >= 10


def test_same_seed_same_corpus_other_seed_other_corpus(corpus):
    first = snapshot()
    Municipality.objects.all().delete()
    generate(MEETINGS, seed=7)
    assert snapshot() == first
    Municipality.objects.all().delete()
    generate(MEETINGS, seed=8)
    assert snapshot() != first


def test_items_look_like_the_seeds(corpus):
    items = AgendaItem.objects.filter(closed=False)
    assert items.filter(title="Godkendelse af dagsorden", decision="Godkendt.").exists()
    assert items.filter(decision="Taget til orientering.").exists()
    assert items.filter(recommendation__contains="indstiller,\n\nat ").exists()
    assert items.exclude(decided_by=[]).exists()
    assert items.exclude(absences=None).exists()
    headings = {s["heading"] for sections in items.values_list("sections", flat=True) for s in sections}
    assert "Økonomi" in headings or "Høring" in headings
    assert Attachment.objects.exclude(text="").exists()
    # Danish words of the seed minutes.
    assert items.filter(presentation__contains="borgere").exists()


def test_about_three_percent_of_items_are_closed_and_say_nothing(corpus):
    closed = AgendaItem.objects.filter(closed=True)
    assert 0 < closed.count() < 0.08 * corpus.items
    assert not closed.exclude(presentation="", decision="").exists()
    assert not Attachment.objects.filter(agenda_item__closed=True).exists()


def test_case_numbers_in_the_seeds_formats_and_normalised(corpus):
    numbers = list(Case.objects.values_list("number", "normalized"))
    assert all(normalized == normalize_case_number(number) for number, normalized in numbers)
    assert any("/" in number and number[:2].isdigit() for number, _ in numbers)  # 25/31181
    assert any(number.startswith("EMN-") for number, _ in numbers)  # EMN-2024-027961


def test_most_cases_once_some_recur_across_meetings(corpus):
    per_case = Counter(AgendaItem.objects.exclude(case=None).values_list("case_id", flat=True))
    once = sum(1 for n in per_case.values() if n == 1)
    assert once > len(per_case) / 2
    recurring = (
        Case.objects.annotate(meetings=Count("items__meeting", distinct=True)).filter(meetings__gte=2).count()
    )
    assert recurring > 0
    assert any(2 <= n <= 6 for n in per_case.values())


def test_meeting_natural_key_holds_when_generating_again(corpus):
    generate(MEETINGS, seed=7)  # the same seed again: new dates where the first run took them
    assert Meeting.objects.count() == 2 * MEETINGS
    keys = Meeting.objects.values_list("committee", "kind", "date")
    assert len(set(keys)) == len(keys)
    assert Municipality.objects.values("name").distinct().count() == Municipality.objects.count()


def test_generated_items_can_be_found(corpus):
    word = "borgere"
    assert search(word).total > 0


@pytest.mark.postgres
def test_search_vectors_are_built_on_postgresql(corpus):
    assert connection.vendor == "postgresql"
    assert not AgendaItem.objects.filter(closed=False, search_vector=None).exists()


def test_vocabulary_comes_from_the_seed_files():
    vocabulary = seed_vocabulary()
    assert len(vocabulary.sentences) > 100
    assert "Godkendelse af opfølgning på Beskæftigelsesplan 2023-26" in vocabulary.titles


def test_composed_text_is_deterministic_for_a_seed():
    import random

    vocabulary = seed_vocabulary()

    def text(seed):
        generator = CorpusGenerator(random.Random(seed), writer=None, vocabulary=vocabulary)
        return [generator.text() for _ in range(5)]

    assert text(1) == text(1) != text(2)


def test_command_reports_what_it_added(capsys):
    before = Meeting.objects.count()
    corpus_command.main(["--meetings", "5", "--seed", "3"])
    assert "Added 5 meetings" in capsys.readouterr().out
    assert Meeting.objects.count() == before + 5
