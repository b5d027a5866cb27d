"""People and parties from real Greve minutes: one person per name, their attendance and positions,
the party pages, and the links to them. Expected values come from reading the documents (conftest.py)."""

import datetime

from django.urls import reverse

from agenda_items.models import Position
from imports.load import get_people
from meetings.models import Meeting, Municipality, Person
from meetings.people import attendance

from .conftest import JAN_10, load


def person(name):
    return Person.objects.get(municipality__slug="greve", name=name)


def test_a_name_with_and_without_a_party_letter_is_one_person(db):
    municipality = Municipality.objects.create(name="Greve", slug="greve")
    people = get_people(municipality, ["Jens Møller Bach", "Jens Møller Bach (A)", "Charlotte Levin fra (A)"])

    assert people["Jens Møller Bach"] == people["Jens Møller Bach (A)"]
    assert Person.objects.get(name="Jens Møller Bach").party == "A"
    assert people["Charlotte Levin fra (A)"].name == "Charlotte Levin"
    # A later document prints the name without a letter: the letter stays.
    get_people(municipality, ["Jens Møller Bach"])
    assert Person.objects.get(name="Jens Møller Bach").party == "A"
    assert Person.objects.count() == 2


def test_positions_name_their_person_and_party(greve):
    # 28 February 2022, item 8: "John T. Olsen (A) undlod at tage stilling. Mehmet Zeki Dogru (Ø)
    # stemte imod med bemærkning om at rengøringsopgaven ønskes løst kommunalt."
    positions = Position.objects.filter(item__meeting__date="2022-02-28", item__number="8")
    assert [(p.person.name, p.party, p.stance) for p in positions] == [
        ("John T. Olsen", "Socialdemokratiet", "abstained"),
        ("Mehmet Zeki Dogru", "Enhedslisten", "against"),
    ]
    # The participants list prints no letters; the positions give them.
    assert person("Mehmet Zeki Dogru").party == "Ø"
    # 6 March 2023, item 3: "V, D og Liselott Blixt (UP) stemmer imod. A og C undlader."
    positions = Position.objects.filter(item__meeting__date="2023-03-06", item__number="3")
    against = [(p.who, p.party, p.person_id is not None) for p in positions if p.stance == "against"]
    assert ("Venstre", "Venstre", False) in against
    assert ("Nye Borgerlige", "Nye Borgerlige", False) in against
    # "UP" is a local list, no national party: the person, without a party.
    assert ("Liselott Blixt (UP)", "", True) in against


def test_attendance_reads_participants_and_absences(greve):
    by_date = {m.date: m.status for m in attendance(person("Mehmet Zeki Dogru"))}
    # Absent ("Fraværende") from both open items with a decision on 10 January 2022.
    assert by_date[datetime.date(2022, 1, 10)] == "missed"
    assert by_date[datetime.date(2022, 2, 28)] == "attended"
    assert by_date[datetime.date(2023, 3, 6)] == "attended"
    # "Fraværende: Brigitte Klintskov Jerkel" under item 1 only of 28 February 2022.
    by_date = {m.date: m.status for m in attendance(person("Brigitte Klintskov Jerkel"))}
    assert by_date[datetime.date(2022, 2, 28)] == "partly"


def test_an_agenda_says_nothing_about_attendance(db):
    load(JAN_10)
    Meeting.objects.update(kind=Meeting.Kind.AGENDA)
    assert attendance(person("John T. Olsen")) == []


def test_the_person_page(client, greve):
    mehmet = person("Mehmet Zeki Dogru")
    page = client.get(mehmet.get_absolute_url()).content.decode()

    assert "<h1>Mehmet Zeki Dogru</h1>" in page
    assert '<a href="/greve/partier/enhedslisten/">Enhedslisten</a> (Ø)' in page
    assert "Økonomiudvalget</a> (3 møder)" in page
    # The chart and the same figures in the table: 2022 one attended, one missed; 2023 one attended.
    assert "<svg" in page and "chart-bar--missed" in page
    row_2022 = '<a href="?aar=2022#moeder">2022</a></th><td>1</td><td>0</td><td>1</td><td>2</td></tr>'
    row_2023 = (
        '<a href="?aar=2023#moeder" aria-current="true">2023</a></th>'
        "<td>1</td><td>0</td><td>0</td><td>1</td></tr>"
    )
    assert row_2022 in page and row_2023 in page
    assert "Udbudsstrategi rengøring og vinduespolering" in page
    assert "<script" not in page


def test_the_person_page_lists_the_meetings_of_one_year_the_newest_by_default(client, greve):
    url = person("Mehmet Zeki Dogru").get_absolute_url()

    def meetings_listed(query=None):
        page = client.get(url, query or {}).content.decode()
        return page[page.index('<h3 id="moeder">') : page.index('<section id="holdninger"')]

    newest = meetings_listed()
    assert "Møderne i 2023" in newest
    assert '<time datetime="2023-03-06">' in newest and '<time datetime="2022-01-10">' not in newest
    older = meetings_listed({"aar": "2022"})
    assert "Møderne i 2022" in older
    # 10 January 2022 he missed, 28 February 2022 he attended.
    assert '<time datetime="2022-01-10">' in older and '<time datetime="2022-02-28">' in older
    assert '<time datetime="2023-03-06">' not in older
    # A year without meetings, or nonsense, is the newest year, never an error.
    for asked in ("1999", "x", "uden-dato", "-1"):
        assert "Møderne i 2023" in meetings_listed({"aar": asked})


def test_positions_come_a_page_at_a_time(client, greve, monkeypatch):
    monkeypatch.setattr("meetings.people.POSITIONS_SHOWN", 1)
    mehmet = person("Mehmet Zeki Dogru")
    total = Position.objects.filter(person=mehmet, item__closed=False).count()
    assert total >= 2
    first = client.get(mehmet.get_absolute_url()).content.decode()
    assert f"1–1 af {total}, nyeste først" in first
    assert 'href="?side=2#holdninger" rel="next"' in first and 'rel="prev"' not in first
    last = client.get(mehmet.get_absolute_url(), {"side": total, "aar": "2022"}).content.decode()
    assert f"{total}–{total} af {total}, nyeste først" in last
    assert f'href="?side={total - 1}&amp;aar=2022#holdninger" rel="prev"' in last
    assert 'rel="next"' not in last
    # Past the end is the last page; nonsense is the first.
    past_the_end = client.get(mehmet.get_absolute_url(), {"side": 999}).content.decode()
    assert f"{total}–{total} af {total}" in past_the_end
    assert "1–1 af" in client.get(mehmet.get_absolute_url(), {"side": "x"}).content.decode()
    # Digits Python will not turn into a number (over 4 300, or "²") are nonsense too, not an error.
    huge = client.get(mehmet.get_absolute_url(), {"side": "9" * 5000, "aar": "9" * 5000})
    assert huge.status_code == 200 and "1–1 af" in huge.content.decode()
    superscript = client.get(mehmet.get_absolute_url(), {"side": "²", "aar": "²"})
    assert superscript.status_code == 200 and "1–1 af" in superscript.content.decode()


def test_the_person_page_is_404_for_someone_known_only_from_a_closed_item(client, greve):
    municipality = Municipality.objects.get(slug="greve")
    hidden = Person.objects.create(municipality=municipality, name="Skjult Person")
    closed = Meeting.objects.get(date="2022-02-28").items.get(number="2")
    closed.absences.add(hidden)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    other = Municipality.objects.create(name="Andet", slug="andet")
    url = reverse("meetings:person", kwargs={"municipality": other.slug, "pk": person("Marc Genning").pk})
    assert client.get(url).status_code == 404


def test_the_party_page(client, greve):
    page = client.get("/greve/partier/enhedslisten/").content.decode()
    assert "<h1>Enhedslisten (Ø)</h1>" in page
    assert ">Mehmet Zeki Dogru</a>" in page  # a member by the letter the positions print
    assert "Udbudsstrategi rengøring og vinduespolering" in page
    venstre = client.get("/greve/partier/venstre/").content.decode()
    assert "Videreførsel af energitiltag på Greve Svømmehal" in venstre
    assert client.get("/greve/partier/piratpartiet/").status_code == 404


def test_people_are_linked_from_meetings_and_positions(client, greve):
    mehmet = person("Mehmet Zeki Dogru")
    meeting = Meeting.objects.get(date="2022-02-28")
    page = client.get(meeting.get_absolute_url()).content.decode()
    link = f'<a href="{mehmet.get_absolute_url()}">'
    # Among the participants, and under item 8's decision with the party named beside the letter.
    assert f"{link}Mehmet Zeki Dogru</a>" in page
    assert f"{link}Mehmet Zeki Dogru</a> (Ø – Enhedslisten)" in page
    listing = client.get("/greve/personer/").content.decode()
    assert link in listing and '<a href="/greve/partier/venstre/">Venstre</a> (V)' in listing


def test_the_english_person_page(client, greve):
    mehmet = person("Mehmet Zeki Dogru")
    page = client.get("/en" + mehmet.get_absolute_url()).content.decode()
    assert "Attendance" in page


def test_positions_follow_their_item_being_closed_and_their_meeting_being_redated(client, greve):
    """A position keeps copies of its item's closed state and its meeting's date (the party page
    counts and orders from them): a clerk's change to either reaches the positions."""
    meeting = Meeting.objects.get(date="2022-02-28")
    item = meeting.items.get(number="8")  # Mehmet Zeki Dogru (Ø) stemte imod
    positions = Position.objects.filter(item=item)
    assert positions.exists()
    assert set(positions.values_list("meeting_date", "item_closed")) == {(datetime.date(2022, 2, 28), False)}

    def enhedslisten_positions():
        page = client.get("/greve/partier/enhedslisten/").content.decode()
        return page.count('<tr class="stance--')

    before = enhedslisten_positions()
    on_item = Position.objects.filter(item=item, party="Enhedslisten").count()
    assert on_item >= 1
    item.closed = True
    item.save()
    assert set(positions.values_list("item_closed", flat=True)) == {True}
    assert (
        enhedslisten_positions() == before - Position.objects.filter(item=item, party="Enhedslisten").count()
    )
    item.closed = False
    item.save()
    assert enhedslisten_positions() == before

    meeting.date = datetime.date(2022, 3, 1)
    meeting.save()
    assert set(positions.values_list("meeting_date", flat=True)) == {datetime.date(2022, 3, 1)}
    meeting.date = None
    meeting.save()
    assert set(positions.values_list("meeting_date", flat=True)) == {None}
