"""The case page's one timeline: archived items and the treatments known only from an item's
"Sagens forløb", each treatment once, in date order. Real Greve minutes (fixtures/greve/)."""

import datetime
from pathlib import Path

import pytest

from agenda_items.models import Case
from agenda_items.views import case_timeline
from imports.load import import_file

pytestmark = pytest.mark.django_db

GREVE = Path(__file__).resolve().parents[2] / "fixtures" / "greve"
# Case 21-016074, "Beskæftigelsesministeriets rangering af kommunernes beskæftigelsesindsats ...":
# Beskæftigelses- og Erhvervsudvalget 10-01-2022 (item 5), Økonomiudvalget 24-01-2022 (item 16),
# Byråd 31-01-2022 (item 17); each item's "Sagens forløb" lists the other two treatments.
BEU = GREVE / "greve_2022-01-10_beskaeftigelses-og-erhvervsudvalget_02e86ff6.json.gz"
OEU = GREVE / "greve_2022-01-24_oekonomiudvalget_442acc45.json.gz"
BYRAAD = GREVE / "greve_2022-01-31_byraad-2022-2025_779d518b.json.gz"


def rows_of_case():
    case = Case.objects.get(number="21-016074")
    items = list(case.items.public().timeline().with_decisions())  # as the case page loads them
    return [
        (
            row["date"],
            row["item"].meeting.committee.name if "item" in row else row["entry"].committee,
            "item" if "item" in row else "history",
        )
        for row in case_timeline(case, items)
    ]


def test_a_treatment_known_only_from_history_is_shown_once_between_the_archived_ones(client):
    import_file(OEU)
    import_file(BYRAAD)
    assert rows_of_case() == [
        (datetime.date(2022, 1, 10), "Beskæftigelses- og Erhvervsudvalget", "history"),
        (datetime.date(2022, 1, 24), "Økonomiudvalget", "item"),
        (datetime.date(2022, 1, 31), "Byråd", "item"),
    ]
    page = client.get(Case.objects.get(number="21-016074").get_absolute_url()).content.decode()
    assert page.count("Orienteringen blev taget til efterretning med bemærkning om at udvalget") == 1


def test_once_every_treatment_is_archived_the_history_adds_nothing():
    for path in (BYRAAD, BEU, OEU):
        import_file(path)
    assert rows_of_case() == [
        (datetime.date(2022, 1, 10), "Beskæftigelses- og Erhvervsudvalget", "item"),
        (datetime.date(2022, 1, 24), "Økonomiudvalget", "item"),
        (datetime.date(2022, 1, 31), "Byråd", "item"),
    ]
