"""sitemap.xml (an index of sections, each split into pages of at most 50 000 addresses) and robots.txt.

Closed items are left out: their page shows nothing but "Lukket punkt". So are cases seen only on
closed items, whose pages do not exist for the public.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse

from agenda_items.models import AgendaItem, Case

from .models import Committee, Meeting, Municipality

# Addresses per sitemap page. The protocol allows 50 000, but rendering that many takes Django ~8 s
# (measured, 300 000 items); 10 000 take under 2 s and crawlers simply fetch more pages.
SITEMAP_PAGE = 10_000


def latest_meeting_update():
    # For the index: one aggregate, where Sitemap's default would call lastmod() on every row.
    return Meeting.objects.aggregate(latest=Max("updated"))["latest"]


class PagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["meetings:front_page", "meetings:meeting_list", "meetings:accessibility"]

    def location(self, name):
        return reverse(name)


class MunicipalitySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Municipality.objects.order_by("pk")


class CommitteeSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Committee.objects.select_related("municipality").order_by("pk")


class MeetingSitemap(Sitemap):
    limit = SITEMAP_PAGE

    def items(self):
        return Meeting.objects.order_by("pk").only("pk", "updated")

    def lastmod(self, meeting):
        return meeting.updated

    def get_latest_lastmod(self):
        return latest_meeting_update()


class ItemSitemap(Sitemap):
    limit = SITEMAP_PAGE

    def items(self):
        return (
            AgendaItem.objects.public()
            .select_related("meeting")
            .order_by("pk")
            .only("pk", "number", "meeting_id", "meeting__updated")
        )

    def lastmod(self, item):
        return item.meeting.updated

    def get_latest_lastmod(self):
        return latest_meeting_update()


class CaseSitemap(Sitemap):
    limit = SITEMAP_PAGE

    def items(self):
        return Case.objects.public().order_by("pk").only("pk")


SITEMAPS = {
    "pages": PagesSitemap,
    "municipalities": MunicipalitySitemap,
    "committees": CommitteeSitemap,
    "meetings": MeetingSitemap,
    "items": ItemSitemap,
    "cases": CaseSitemap,
}


def robots_txt(request):
    """Crawl everything but the admin and search results (endless query combinations); here is the map."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
