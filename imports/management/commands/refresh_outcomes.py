"""Read again what the archive derives from stored decisions: each item's outcome, and the person
and party each position names (people named only in positions are added).

    python manage.py refresh_outcomes
    python manage.py refresh_outcomes --municipality greve

The importer sets all of this on import (imports/load.py); this is for items stored before it
did, or after imports.prose reads decisions better. An outcome a clerk corrected by hand
(`AgendaItem.edited_fields`) is kept. The items whose positions changed are indexed again for
search, and cached pages are withdrawn when done.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from agenda_items.models import AgendaItem, Position
from imports.decisions import outcome_values, position_party, position_person
from imports.load import get_people
from meetings.cache import withdraw
from meetings.models import Municipality
from search.index import refresh_search_vectors

BATCH = 2000


def refresh_outcomes(items):
    """Set the outcome of every item in `items` from its decision; returns how many changed."""
    changed, batch = 0, []
    fields = ["outcome", "outcome_target", "closed", "decision", "edited_fields"]
    for item in items.only("pk", *fields).order_by("pk").iterator(chunk_size=BATCH):
        if "outcome" in item.edited_fields:
            continue
        values = outcome_values(item.decision, item.closed)
        if values["outcome"] != item.outcome or values["outcome_target"] != item.outcome_target:
            item.outcome, item.outcome_target = values["outcome"], values["outcome_target"]
            batch.append(item)
        if len(batch) >= BATCH:
            changed += AgendaItem.objects.bulk_update(batch, ["outcome", "outcome_target"])
            batch = []
    return changed + (AgendaItem.objects.bulk_update(batch, ["outcome", "outcome_target"]) if batch else 0)


def refresh_positions(municipality):
    """Tie the positions on `municipality`'s open items to people and parties; returns how many changed."""
    positions = list(Position.objects.filter(municipality=municipality, item__closed=False))
    people = get_people(municipality, [p.who for p in positions if position_person(p.who)])
    changed = []
    for position in positions:
        person = people.get(position.who) if position_person(position.who) else None
        party = position_party(position.who)
        if position.person_id != (person.pk if person else None) or position.party != party:
            position.person, position.party = person, party
            changed.append(position)
    if not changed:
        return 0
    count = Position.objects.bulk_update(changed, ["person", "party"], batch_size=BATCH)
    # The decision's search text holds each position's party (search/index.py): bulk_update sends no
    # signals, so the items are indexed again here.
    refresh_search_vectors(AgendaItem.objects.filter(pk__in={position.item_id for position in changed}))
    return count


class Command(BaseCommand):
    help = "Read the outcome of stored decisions and the people and parties of their positions again."

    def add_arguments(self, parser):
        parser.add_argument("--municipality", help="Only this municipality (its slug).")

    def handle(self, *args, **options):
        municipalities = Municipality.objects.all()
        if options["municipality"]:
            municipalities = municipalities.filter(slug=options["municipality"])
        for municipality in municipalities:
            with transaction.atomic():
                items = AgendaItem.objects.filter(meeting__committee__municipality=municipality)
                outcomes = refresh_outcomes(items)
                positions = refresh_positions(municipality)
                withdraw()
            self.stdout.write(f"{municipality.name}: {outcomes} outcomes, {positions} positions changed")
