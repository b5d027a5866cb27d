"""sitemap.xml (an index of paged sections), robots.txt and the canonical link on every page."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.sitemaps import Sitemap

from agenda_items.models import AgendaItem, Case
from meetings import sitemaps
from meetings.models import Committee, Meeting, Municipality

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [loc.text for loc in ET.fromstring(response.content).iterfind(".//s:loc", NS)]


def all_urls(client):
    urls = []
    for section in locations(client, "/sitemap.xml"):
        urls += locations(client, section.removeprefix("http://testserver"))
    return urls


def test_sitemap_index_lists_a_section_per_kind_of_page(client, seeds):
    sections = locations(client, "/sitemap.xml")

    assert sections == [
        f"http://testserver/sitemap-{name}.xml"
        for name in ["pages", "municipalities", "committees", "meetings", "items", "cases"]
    ]


def test_sitemap_has_every_public_page(client, seeds):
    urls = set(all_urls(client))

    expected = {"/", "/meetings/", "/tilgaengelighed/"}
    expected |= {m.get_absolute_url() for m in Municipality.objects.all()}
    expected |= {c.get_absolute_url() for c in Committee.objects.all()}
    expected |= {m.get_absolute_url() for m in Meeting.objects.all()}
    expected |= {i.get_absolute_url() for i in AgendaItem.objects.filter(closed=False)}
    expected |= {c.get_absolute_url() for c in Case.objects.all()}
    assert urls == {f"http://testserver{path}" for path in expected}


def test_sitemap_leaves_out_closed_items_and_cases_seen_only_on_them(client, secret):
    urls = all_urls(client)

    closed = AgendaItem.objects.filter(closed=True)
    assert closed.exists()
    assert not {f"http://testserver{item.get_absolute_url()}" for item in closed} & set(urls)
    hidden = Case.objects.by_number("99/66666").get()
    assert f"http://testserver{hidden.get_absolute_url()}" not in urls
    assert f"http://testserver{Case.objects.by_number('24/11111').get().get_absolute_url()}" in urls


def test_sitemap_sections_are_paged_at_the_limit(client, seeds, monkeypatch):
    assert sitemaps.ItemSitemap.limit <= Sitemap.limit == 50_000  # the protocol's maximum
    monkeypatch.setattr(sitemaps.ItemSitemap, "limit", 10)

    sections = locations(client, "/sitemap.xml")
    items = [s for s in sections if "sitemap-items" in s]

    assert items == [
        "http://testserver/sitemap-items.xml",
        "http://testserver/sitemap-items.xml?p=2",
        "http://testserver/sitemap-items.xml?p=3",
        "http://testserver/sitemap-items.xml?p=4",
    ]
    assert (
        len(locations(client, "/sitemap-items.xml?p=4"))
        == AgendaItem.objects.filter(closed=False).count() - 30
    )


def test_sitemap_gives_meetings_their_last_update(client, seeds):
    body = client.get("/sitemap-meetings.xml").content.decode()

    assert body.count("<lastmod>") == Meeting.objects.count()


def test_robots_txt_allows_all_but_admin_and_search_and_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines and "Disallow: /search/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert not any(line == "Disallow: /" for line in lines)


def canonical(html):
    found = re.findall(r'<link rel="canonical" href="([^"]*)">', html)
    assert len(found) == 1, found
    return found[0]


def test_every_page_has_a_canonical_link_without_the_query_string(client, seeds):
    item = AgendaItem.objects.filter(closed=False).first()
    case = Case.objects.first()
    committee = Committee.objects.select_related("municipality").first()
    pages = [
        "/",
        "/tilgaengelighed/",
        "/meetings/?municipality=aarhus",
        f"/meetings/{item.meeting_id}/",
        item.get_absolute_url(),
        case.get_absolute_url(),
        committee.municipality.get_absolute_url(),
        committee.get_absolute_url(),
        "/search/?q=dagsorden",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert canonical(response.content.decode()) == "http://testserver" + path.split("?")[0]


def test_not_found_page_has_a_canonical_link_too(client, db):
    response = client.get("/meetings/999999/")

    assert response.status_code == 404
    assert canonical(response.content.decode()) == "http://testserver/meetings/999999/"
