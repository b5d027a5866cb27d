"""A rendered item is kept under a digest of what it shows (agenda_items/templatetags/fragments.py).

Whatever a page shows of an item, changed by any route (a save, a QuerySet.update() that sends no
signal, a rename of a person or a committee), is on the next view: the cache key changes with it.
"""

import datetime
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils.autoreload import file_changed

from agenda_items.models import AgendaItem, Case, HistoryEntry, Position
from attachments.models import Attachment
from meetings.models import Committee, Municipality, Person
from tests.factories import AgendaItemFactory, AttachmentFactory, CaseFactory, MeetingFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    meeting = MeetingFactory(committee__name="Teknisk Udvalg", committee__municipality__slug="vejle")
    municipality = meeting.committee.municipality
    item = AgendaItemFactory(
        meeting=meeting,
        number="4",
        title="Lokalplan for Stubbæk",
        presentation="Planen omfatter et boligområde.",
        recommendation="at planen vedtages.",
        decision="Godkendt.",
        outcome=AgendaItem.Outcome.APPROVED,
        case=CaseFactory(municipality=municipality, number="25/31181"),
        absences=[PersonFactory(municipality=municipality, name="Anne Afbud", party="")],
    )
    Position.objects.create(
        item=item,
        who="Bo Imod (V)",
        stance=Position.Stance.AGAINST,
        person=PersonFactory(municipality=municipality, name="Bo Imod", party="V"),
        party="Venstre",
    )
    HistoryEntry.objects.create(
        item=item, committee="Byrådet", date=datetime.date(2025, 3, 1), number="7", text="Sendt i høring."
    )
    AttachmentFactory(agenda_item=item, title="Planforslag", url="https://example.org/planforslag.pdf")
    return item


def meeting_page(client, item):
    response = client.get(item.meeting.get_absolute_url())
    assert response.status_code == 200
    return response


def item_section(client, item):
    """The item's own part of its meeting page (the page's header lists the meeting's absences too)."""
    html = meeting_page(client, item).content.decode()
    start = html.index(f'<section class="item" id="punkt-{item.number}">')
    return html[start : html.index("</section>", start)]


def case_page(client, item):
    response = client.get(item.case.get_absolute_url())
    assert response.status_code == 200
    return response


def rendered_partials(response):
    return {t.name for t in response.templates} & {
        "agenda_items/includes/_outcome.html",
        "agenda_items/includes/_positions.html",
    }


def test_an_item_seen_again_is_served_from_the_cache_not_rendered_again(client, item):
    first = meeting_page(client, item)
    second = meeting_page(client, item)

    # The decision's partials are rendered inside the cached part: only the first view renders them.
    assert rendered_partials(first) == {
        "agenda_items/includes/_outcome.html",
        "agenda_items/includes/_positions.html",
    }
    assert rendered_partials(second) == set()
    assert second.content == first.content


def test_without_cache_entries_every_view_renders_the_item(client, item, settings):
    settings.CACHES = {
        **settings.CACHES,
        "template_fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }

    meeting_page(client, item)
    assert rendered_partials(meeting_page(client, item))


CHANGES = {
    "title, saved": (
        lambda i: AgendaItem.objects.filter(pk=i.pk).update(title="Lokalplan for Nørreby"),
        "Lokalplan for Nørreby",
        "Lokalplan for Stubbæk",
    ),
    "presentation, updated without signals": (
        lambda i: AgendaItem.objects.filter(pk=i.pk).update(presentation="Planen er trukket tilbage."),
        "Planen er trukket tilbage.",
        "Planen omfatter et boligområde.",
    ),
    "decision and its outcome": (
        lambda i: AgendaItem.objects.filter(pk=i.pk).update(
            decision="Udsat.", outcome=AgendaItem.Outcome.POSTPONED
        ),
        "Udsat.",
        "Godkendt.",
    ),
    "case number": (
        lambda i: Case.objects.filter(pk=i.case_id).update(number="25/99999"),
        "25/99999",
        "25/31181",
    ),
    "an absent person renamed": (
        lambda i: Person.objects.filter(name="Anne Afbud").update(name="Anne Fraværende"),
        "Anne Fraværende",
        "Anne Afbud",
    ),
    "an absence added": (
        lambda i: i.absences.add(PersonFactory(municipality=i.case.municipality, name="Carl Ny")),
        "Carl Ny",
        None,
    ),
    "a person of a position renamed": (
        lambda i: Person.objects.filter(name="Bo Imod").update(name="Bo Modstander"),
        "Bo Modstander",
        "Bo Imod",
    ),
    "a position's stance": (
        lambda i: Position.objects.filter(item=i).update(stance=Position.Stance.RESERVATION),
        "Tog forbehold",
        None,
    ),
    "Sagsforløb": (
        lambda i: HistoryEntry.objects.filter(item=i).update(text="Godkendt til høring."),
        "Godkendt til høring.",
        "Sendt i høring.",
    ),
    "a Bilag's title": (
        lambda i: Attachment.objects.filter(agenda_item=i).update(title="Planforslag, revideret"),
        "Planforslag, revideret",
        None,
    ),
    "a Bilag's address": (
        lambda i: Attachment.objects.filter(agenda_item=i).update(url="https://example.org/ny.pdf"),
        "https://example.org/ny.pdf",
        "https://example.org/planforslag.pdf",
    ),
    "a Bilag deleted": (
        lambda i: Attachment.objects.filter(agenda_item=i).delete(),
        None,
        "Planforslag",
    ),
    "the municipality's address (its people's links)": (
        lambda i: Municipality.objects.filter(pk=i.case.municipality_id).update(slug="vejle-kommune"),
        "/vejle-kommune/",
        "/vejle/",
    ),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_what_changes_in_an_item_shows_on_the_next_view(client, item, change):
    apply, now_shown, no_longer_shown = CHANGES[change]
    before = item_section(client, item)
    if no_longer_shown:
        assert no_longer_shown in before

    apply(item)
    after = item_section(client, item)

    if now_shown:
        assert now_shown in after
    if no_longer_shown:
        assert no_longer_shown not in after


def test_an_item_closed_after_it_was_cached_shows_nothing_but_its_number(client, item):
    assert "Planen omfatter et boligområde." in meeting_page(client, item).content.decode()

    AgendaItem.objects.filter(pk=item.pk).update(closed=True)
    html = meeting_page(client, item).content.decode()

    assert "Punkt 4: Lukket punkt" in html
    for shown_before in ("Lokalplan for Stubbæk", "Planen omfatter", "25/31181", "Anne Afbud", "Planforslag"):
        assert shown_before not in html


def test_a_case_page_shows_a_renamed_committee(client, item):
    assert "Teknisk Udvalg" in case_page(client, item).content.decode()

    Committee.objects.filter(pk=item.meeting.committee_id).update(name="Plan- og Miljøudvalget")

    html = case_page(client, item).content.decode()
    assert "Plan- og Miljøudvalget" in html
    assert "Teknisk Udvalg" not in html


def test_each_language_keeps_its_own_copy(client, item):
    danish_path = item.meeting.get_absolute_url()
    danish = client.get(danish_path).content.decode()
    english = client.get("/en" + danish_path).content.decode()
    danish_again = client.get(danish_path).content.decode()

    assert "Sagsfremstilling" in danish
    assert "Sagsfremstilling" not in english and "Presentation" in english
    assert danish_again == danish


def test_a_template_changed_under_runserver_is_used_at_once(client, item):
    meeting_page(client, item)

    # runserver reloads a changed template without restarting: the items rendered before must go.
    template = Path(django_settings.BASE_DIR) / "templates" / "agenda_items" / "includes" / "_item.html"
    file_changed.send(sender=None, file_path=template)

    assert rendered_partials(meeting_page(client, item))
