"""The meeting list offers the chosen municipality's committees, each committee name once when none is
chosen, and its messages name committees and municipalities, never a slug."""

import datetime

import pytest
from bs4 import BeautifulSoup

from tests.factories import CommitteeFactory, MeetingFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two():
    aabenraa = MunicipalityFactory(name="Aabenraa Kommune", slug="aabenraa")
    aarhus = MunicipalityFactory(name="Aarhus Kommune", slug="aarhus")
    amu = CommitteeFactory(
        municipality=aabenraa, name="Arbejdsmarkedsudvalget", slug="arbejdsmarkedsudvalget"
    )
    ok_aabenraa = CommitteeFactory(municipality=aabenraa, name="Økonomiudvalget", slug="oekonomiudvalget")
    ok_aarhus = CommitteeFactory(municipality=aarhus, name="Økonomiudvalget", slug="oekonomiudvalget")
    social = CommitteeFactory(municipality=aarhus, name="Socialudvalget", slug="socialudvalget")
    day = datetime.date(2026, 2, 3)
    return {
        "amu": MeetingFactory(committee=amu, date=day),
        "ok_aabenraa": MeetingFactory(committee=ok_aabenraa, date=day),
        "ok_aarhus": MeetingFactory(committee=ok_aarhus, date=day),
        "social": MeetingFactory(committee=social, date=day),
    }


def committee_select(response):
    return BeautifulSoup(response.content, "html.parser").find("select", attrs={"name": "committee"})


def listed(response):
    return sorted(
        a["href"] for a in BeautifulSoup(response.content, "html.parser").select(".meeting-row__link")
    )


def test_with_a_municipality_chosen_only_its_committees_are_offered(client, two):
    select = committee_select(client.get("/meetings/?municipality=aarhus"))
    assert [o.get_text() for o in select.find_all("option")] == [
        "Alle udvalg",
        "Socialudvalget",
        "Økonomiudvalget",
    ]
    assert select.find("optgroup") is None


def test_with_no_municipality_chosen_each_committee_name_is_offered_once(client, two):
    # Every municipality's "Økonomiudvalget" is one choice: its plain slug lists them all.
    select = committee_select(client.get("/meetings/"))
    assert select.find("optgroup") is None
    assert [(o["value"], o.get_text()) for o in select.find_all("option")] == [
        ("", "Alle udvalg"),
        ("arbejdsmarkedsudvalget", "Arbejdsmarkedsudvalget"),
        ("socialudvalget", "Socialudvalget"),
        ("oekonomiudvalget", "Økonomiudvalget"),
    ]
    response = client.get("/meetings/?committee=oekonomiudvalget")
    assert listed(response) == sorted(
        [two["ok_aabenraa"].get_absolute_url(), two["ok_aarhus"].get_absolute_url()]
    )


def test_one_municipalitys_committee_named_by_a_link_stays_chosen(client, two):
    # "aabenraa/oekonomiudvalget" (an older link, a feed) is not among the names; it is offered
    # with its municipality and selected, so sending the form again keeps it.
    select = committee_select(client.get("/meetings/?committee=aabenraa/oekonomiudvalget"))
    chosen = select.find_all("option", selected=True)
    assert [(o["value"], o.get_text()) for o in chosen] == [
        ("aabenraa/oekonomiudvalget", "Økonomiudvalget (Aabenraa Kommune)")
    ]


def test_a_grouped_committee_lists_that_municipalitys_meetings_only(client, two):
    response = client.get("/meetings/?committee=aabenraa/oekonomiudvalget")
    assert listed(response) == [two["ok_aabenraa"].get_absolute_url()]


def test_a_plain_slug_still_means_every_committee_of_that_name(client, two):
    response = client.get("/meetings/?committee=oekonomiudvalget")
    assert listed(response) == sorted(
        [two["ok_aabenraa"].get_absolute_url(), two["ok_aarhus"].get_absolute_url()]
    )
    response = client.get("/meetings/?municipality=aarhus&committee=oekonomiudvalget")
    assert listed(response) == [two["ok_aarhus"].get_absolute_url()]


@pytest.mark.parametrize("committee", ["aabenraa/arbejdsmarkedsudvalget", "arbejdsmarkedsudvalget"])
def test_another_municipalitys_committee_is_explained_by_name(client, two, committee):
    response = client.get(f"/meetings/?municipality=aarhus&committee={committee}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Arbejdsmarkedsudvalget hører til Aabenraa Kommune, ikke Aarhus Kommune" in html
    message = BeautifulSoup(html, "html.parser").select_one(".errorlist").get_text()
    assert "arbejdsmarkedsudvalget" not in message and "aabenraa/" not in message
    # The list now offers Aarhus's committees to choose from, and not the other one.
    assert "Socialudvalget" in committee_select(response).get_text()
    assert "Arbejdsmarkedsudvalget" not in committee_select(response).get_text()


@pytest.mark.parametrize(
    "query", ["committee=ingen-saadan", "municipality=atlantis", "kind=protokol", "committee=aarhus/ingen"]
)
def test_unknown_values_are_refused_without_repeating_them(client, two, query):
    response = client.get(f"/meetings/?{query}")
    assert response.status_code == 400
    message = BeautifulSoup(response.content, "html.parser").select_one(".errorlist").get_text()
    assert query.split("=")[1] not in message
    assert "Vælg" in message


def elements(soup):
    """Every element with its attributes and own text; whitespace between tags aside."""
    return [
        (tag.name, sorted(tag.attrs.items()), tag.string if tag.name == "option" else None)
        for tag in soup.find_all(True)
    ]


@pytest.mark.parametrize("value", ["", "aarhus/socialudvalget", 'x"><script>'])
def test_the_long_committee_list_is_the_markup_django_s_select_writes(two, value):
    # meetings.filters.LongSelect writes the options in one pass; the result must be what Django's
    # own Select renders: same options, groups, selection, attributes and escaping.
    from django.forms import Select
    from django.http import QueryDict

    from meetings.filters import LongSelect, MeetingFilter
    from meetings.models import Meeting

    CommitteeFactory(municipality=two["social"].committee.municipality, name='Udvalget "<for> & Co"')
    form = MeetingFilter(QueryDict(mutable=True) | {"committee": value}, queryset=Meeting.objects.all()).form
    field = form["committee"]
    assert isinstance(field.field.widget, LongSelect)
    attrs = field.build_widget_attrs({"id": field.auto_id})
    ours = BeautifulSoup(str(field), "html.parser")
    django_s = BeautifulSoup(
        Select(choices=field.field.widget.choices).render(field.html_name, field.value(), attrs=attrs),
        "html.parser",
    )

    assert elements(ours) == elements(django_s)
    # "Alle udvalg" and the four committee names (the two Økonomiudvalg are one), and a committee
    # of one municipality named by the query string.
    assert len(ours.find_all("option")) == 5 + (value == "aarhus/socialudvalget")
    assert [o["value"] for o in ours.find_all("option", selected=True)] == (
        [value] if value != 'x"><script>' else []
    )


@pytest.mark.parametrize("value", ["", "b", "<&>"])
def test_a_long_select_writes_groups_as_django_s_select_does(value):
    from django.forms import Select

    from meetings.filters import LongSelect

    choices = [("", "Alle"), ("Gruppe <1>", [("a", "A & a"), ("b", 'B "b"')]), ("<&>", "Tegn")]
    attrs = {"id": "id_x", "class": "wide"}
    ours = BeautifulSoup(LongSelect(choices=choices).render("x", value, attrs=attrs), "html.parser")
    django_s = BeautifulSoup(Select(choices=choices).render("x", value, attrs=attrs), "html.parser")
    assert elements(ours) == elements(django_s)
    assert [o["value"] for o in ours.find_all("option", selected=True)] == [value]


# The filter fields are kept rendered (templates/includes/_form_fields.html, fragments.form_key):
# each of these renders a page once, changes what the fields show, and renders it again.


def options(response, name):
    select = BeautifulSoup(response.content, "html.parser").find("select", attrs={"name": name})
    return [(o["value"], o.get_text(), o.has_attr("selected")) for o in select.find_all("option")]


def field_templates(response):
    return {t.name for t in response.templates if t.name.startswith("django/forms/")}


@pytest.mark.parametrize("url", ["/meetings/?municipality=aarhus", "/search/?q=budget&sort=date"])
def test_filter_fields_are_rendered_once_and_kept(client, two, url):
    first = client.get(url)
    again = client.get(url)

    assert "django/forms/field.html" in field_templates(first)
    assert field_templates(again) == set()
    assert again.content == first.content


@pytest.mark.parametrize("url", ["/meetings/", "/search/?q=budget"])
def test_kept_filter_fields_offer_a_committee_added_or_renamed_since(client, two, url):
    client.get(url)
    aarhus = two["social"].committee.municipality
    CommitteeFactory(municipality=aarhus, name="Børneudvalget", slug="boerneudvalget")
    social = two["social"].committee
    social.name = "Social- og Sundhedsudvalget"
    social.save()

    offered = options(client.get(url), "committee")

    assert ("boerneudvalget", "Børneudvalget", False) in offered
    assert ("socialudvalget", "Social- og Sundhedsudvalget", False) in offered
    assert "Socialudvalget" not in [label for _value, label, _selected in offered]


def test_kept_filter_fields_show_each_request_s_choice_and_errors(client, two):
    client.get("/meetings/?municipality=aarhus")

    chosen = client.get("/meetings/?municipality=aarhus&committee=socialudvalget")
    wrong = client.get("/meetings/?municipality=aarhus&committee=arbejdsmarkedsudvalget")

    assert ("socialudvalget", "Socialudvalget", True) in options(chosen, "committee")
    assert ("aarhus", "Aarhus Kommune", True) in options(chosen, "municipality")
    assert "field--error" not in chosen.content.decode()
    page = BeautifulSoup(wrong.content, "html.parser")
    error = page.select_one(".field--error")
    assert error is not None and error.find("select", attrs={"name": "committee"}) is not None
    assert "Arbejdsmarkedsudvalget hører til Aabenraa Kommune" in error.get_text()
    # And back: the field without the error again.
    assert "field--error" not in client.get("/meetings/?municipality=aarhus").content.decode()


def test_kept_filter_fields_follow_the_language(client, two):
    client.get("/meetings/")

    english = BeautifulSoup(client.get("/en/meetings/").content, "html.parser")

    assert english.find("label", attrs={"for": "id_committee"}).get_text().strip() == "Committee:"
    assert options(client.get("/en/meetings/"), "committee")[0] == ("", "All committees", True)
