"""The outcome of each decision on real Greve minutes: stored on import, shown beside the decision,
and the case page's status. Expected values come from reading the decisions (see conftest.py)."""

import pytest
from django.core.management import call_command

from agenda_items.models import AgendaItem
from imports import prose
from imports.decisions import outcome_values

from .conftest import FEB_28, JAN_10, NOV_14, NOV_21, load


def item(date, number):
    return AgendaItem.objects.get(meeting__date=date, number=number)


def test_the_models_vocabulary_is_the_readers():
    assert dict(AgendaItem.Outcome.choices) == prose.OUTCOMES


def test_closed_items_and_items_without_a_decision_have_no_outcome():
    assert outcome_values("Godkendt.", closed=True) == {"outcome": "", "outcome_target": ""}
    assert outcome_values("  \n") == {"outcome": "", "outcome_target": ""}


def test_the_importer_stores_each_decisions_outcome(greve):
    # "Dagsordenen blev godkendt." / "Orienteringen blev taget til efterretning."
    assert item("2022-01-10", "1").outcome == "approved"
    assert item("2022-01-10", "2").outcome == "noted"
    # "Sagen sendes tilbage til fornyet behandling i administrationen ..."
    assert item("2022-02-28", "7").outcome == "sent_back"
    # "Økonomiudvalget anbefaler overfor Byrådet at administrationens indstillingspunkter ... godkendes."
    assert item("2022-02-28", "8").outcome == "recommended"
    # "Økonomiudvalget drøftede politiske indsatser og mål ...": no decision in the vocabulary.
    assert item("2022-02-28", "9").outcome == "other"
    # A closed item ("Lukket: ...") and the "Underskriftsark" without text.
    assert item("2022-02-28", "2").closed and item("2022-02-28", "2").outcome == ""
    assert item("2022-02-28", "22").outcome == ""


def test_the_item_page_shows_the_outcome_beside_the_decision(client, greve):
    page = client.get(item("2022-02-28", "7").get_absolute_url()).content.decode()
    assert 'Udfald: <span class="outcome-label outcome-label--sent_back">Sendt tilbage</span>' in page


def test_the_outcomes_of_a_whole_meeting(greve):
    # Read from the 28 February 2022 decisions: 13 "Økonomiudvalget anbefaler overfor Byrådet ...",
    # "Sagen sendes tilbage", "drøftede", two "tog orienteringen/orienteringerne til efterretning".
    recommended = {"5", "6", "8", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19"}
    expected = {number: "recommended" for number in recommended}
    expected.update({"1": "approved", "7": "sent_back", "9": "other", "20": "noted", "21": "noted"})
    expected.update({"2": "", "3": "", "4": "", "22": ""})  # closed, closed, closed, no text
    stored = dict(AgendaItem.objects.filter(meeting__date="2022-02-28").values_list("number", "outcome"))
    assert stored == expected


def test_the_meeting_page_labels_open_decisions_only(client, greve):
    meeting = item("2022-02-28", "7").meeting
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert page.count("outcome-label--recommended") == 13
    assert page.count('class="outcome"') == 18


@pytest.mark.django_db
def test_the_case_page_says_where_the_case_stands(client):
    load(NOV_14)
    case = item("2023-11-14", "10").case
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'Udsat i Skole-, Børne- og Ungeudvalget <time datetime="2023-11-14">' in page
    load(NOV_21)
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'Taget til efterretning i Skole-, Børne- og Ungeudvalget <time datetime="2023-11-21">' in page


@pytest.mark.django_db
def test_refresh_outcomes_sets_what_an_older_import_left_empty():
    load(FEB_28, JAN_10)
    AgendaItem.objects.update(outcome="", outcome_target="")
    kept = item("2022-02-28", "9")
    kept.outcome, kept.edited_fields = "approved", ["outcome"]  # a clerk's correction
    kept.save()

    call_command("refresh_outcomes", verbosity=0)

    assert item("2022-02-28", "7").outcome == "sent_back"
    assert item("2022-01-10", "2").outcome == "noted"
    assert item("2022-02-28", "9").outcome == "approved"
    assert item("2022-02-28", "2").outcome == ""
