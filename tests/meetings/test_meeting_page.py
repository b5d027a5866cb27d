import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    AgendaItemFactory,
    AttachmentFactory,
    CaseFactory,
    CommitteeFactory,
    MeetingFactory,
    PersonFactory,
    meeting_with_items,
)

pytestmark = pytest.mark.django_db

# Meeting, participants, items (with cases), attachments, absences, and up to two queries each for the
# previous and next meeting of the committee.
MAX_QUERIES = 10


def page(client, meeting):
    response = client.get(reverse("meetings:meeting", kwargs={"pk": meeting.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_meeting_url_is_meetings_pk():
    assert reverse("meetings:meeting", kwargs={"pk": 7}) == "/meetings/7/"


def test_shows_committee_danish_date_time_place_and_participants(client):
    committee = CommitteeFactory(name="Arbejdsmarkeds- og Uddannelsesudvalget")
    meeting = MeetingFactory(
        committee=committee,
        date=datetime.date(2026, 2, 3),
        start_time=datetime.time(14, 30),
        end_time=datetime.time(16, 5),
        location="Loungen v/byrådssalen, Skelbækvej",
        participants=[PersonFactory(name="Rasmus Andresen", party="")],
    )

    html = page(client, meeting)

    assert "Arbejdsmarkeds- og Uddannelsesudvalget" in html
    assert "3. februar 2026" in html
    assert "kl. 14:30–16:05" in html
    assert "Loungen v/byrådssalen, Skelbækvej" in html
    assert "Rasmus Andresen" in html
    assert "Referat" in html


def test_unknown_date_is_said_plainly(client):
    html = page(client, MeetingFactory(date=None))

    assert "Mødets dato er ikke angivet i referatet" in html


def test_import_warnings_are_not_shown(client):
    meeting = MeetingFactory(warnings=["IMPORTWARNING: date missing on page 3"])

    assert "IMPORTWARNING" not in page(client, meeting)


def test_absences_are_the_union_of_the_items_absences_once_each(client):
    meeting = MeetingFactory()
    susanne = PersonFactory(name="Susanne Provstgaard", party="V")
    kim = PersonFactory(name="Kim Petersen Wandahl", party="")
    AgendaItemFactory(meeting=meeting, absences=[susanne])
    AgendaItemFactory(meeting=meeting, absences=[susanne, kim])

    html = page(client, meeting)

    header = html.split('<nav class="toc"')[0]
    # Each links to the person's page (meetings.people).
    people = f"/{meeting.committee.municipality.slug}/personer/"
    assert f'{kim.pk}/">Kim Petersen Wandahl</a>, <a href="{people}' in header
    assert f'{susanne.pk}/">Susanne Provstgaard (V)</a>' in header
    assert header.count("Susanne Provstgaard") == 1


def test_items_in_order_with_sections_in_order(client):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, number="11", order=2, title="Andet punkt")
    AgendaItemFactory(
        meeting=meeting,
        number="10",
        order=1,
        title="Første punkt",
        presentation="Fremstillingens tekst",
        recommendation="Indstillingens tekst",
        decision="Beslutningens tekst",
        sections=[
            {"heading": "Økonomi", "text": "Økonomiens tekst"},
            {"heading": "Baggrund", "text": "Baggrund"},
        ],
        decided_by=["Arbejdsmarkeds- og Uddannelsesudvalget"],
        responsible="Jobcenter og Borgerservice",
        duration_minutes=10,
    )

    html = page(client, meeting)
    body = html.split('class="item"', 1)[1]

    assert body.index('Punkt 10: <span lang="da">Første punkt') < body.index(
        'Punkt 11: <span lang="da">Andet punkt'
    )
    order = [
        "Sagsfremstilling",
        "Fremstillingens tekst",
        "Indstilling",
        "Indstillingens tekst",
        "Beslutning",
        "Beslutningens tekst",
        '<h3 lang="da">Økonomi</h3>',
        '<h3 lang="da">Baggrund</h3>',
    ]
    positions = [body.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Sagen afgøres i" in body and "Arbejdsmarkeds- og Uddannelsesudvalget" in body
    assert "Jobcenter og Borgerservice" in body
    assert "10 minutter" in body


def test_items_link_to_their_page_and_case_and_list_attachments(client):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, number="12", case=CaseFactory(number="25/31610"))
    AttachmentFactory(agenda_item=item, title="Årsberetning 2025 fra Kontrolgruppen")

    html = page(client, meeting)

    assert f'href="/meetings/{meeting.pk}/punkt/12/"' in html
    assert f'href="/cases/{item.case.pk}/">25/31610</a>' in html
    assert "Årsberetning 2025 fra Kontrolgruppen" in html
    assert 'id="punkt-12"' in html and 'href="#punkt-12"' in html


def test_text_from_the_minutes_is_escaped(client):
    meeting = MeetingFactory()
    AgendaItemFactory(
        meeting=meeting, title="<script>alert(1)</script>", decision="<img src=x onerror=alert(1)>"
    )

    html = page(client, meeting)

    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_previous_and_next_meeting_of_the_same_committee(client):
    committee = CommitteeFactory()
    earlier = MeetingFactory(committee=committee, date=datetime.date(2026, 1, 6))
    meeting = MeetingFactory(committee=committee, date=datetime.date(2026, 2, 3))
    later = MeetingFactory(committee=committee, date=datetime.date(2026, 3, 3))
    MeetingFactory(date=datetime.date(2026, 2, 10))  # another committee, in between

    html = page(client, meeting)

    assert f'href="/meetings/{earlier.pk}/" rel="prev">← Forrige møde: <time datetime="2026-01-06">' in html
    assert f'href="/meetings/{later.pk}/" rel="next">Næste møde: <time datetime="2026-03-03">' in html


def test_newest_meeting_has_no_next_and_oldest_no_previous(client):
    committee = CommitteeFactory()
    only = MeetingFactory(committee=committee)

    html = page(client, only)

    assert 'rel="prev"' not in html and 'rel="next"' not in html


def test_unknown_meeting_is_404(client):
    assert client.get("/meetings/999999/").status_code == 404


@pytest.mark.parametrize("items", [1, 40])
def test_query_count_does_not_grow_with_the_items(client, django_assert_max_num_queries, items):
    meeting = meeting_with_items(items)
    MeetingFactory(committee=meeting.committee, date=meeting.date + datetime.timedelta(days=7))
    MeetingFactory(committee=meeting.committee, date=None)

    with django_assert_max_num_queries(MAX_QUERIES):
        html = page(client, meeting)

    assert html.count('class="item"') == items
