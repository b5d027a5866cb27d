from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

import meetings.urls  # noqa: F401  (registers the <municipality:...> converter used below)
from agenda_items import feeds as item_feeds
from api import exports
from meetings import feeds, sitemaps
from meetings.views import healthz, public_page
from search.feeds import SearchFeed
from search.views import SearchView

# Feeds, calendars, exports, the API and the sitemap come before the catch-all <municipality>/ routes.
follow_and_reuse = [
    path("api/", include("api.urls")),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap_section",
    ),
    path("search/feed/", SearchFeed(), name="search_feed"),
    path("search/export.csv", exports.search_csv, name="search_csv"),
    path("cases/<int:pk>/feed/", item_feeds.CaseFeed(), name="case_feed"),
    path("cases/<int:pk>/ocd.json", exports.case_ocd, name="case_ocd"),
    path("meetings/feed/", feeds.MeetingListFeed(), name="meeting_list_feed"),
    path("meetings/export.csv", exports.meeting_list_csv, name="meeting_list_csv"),
    path("meetings/calendar.ics", feeds.meetings_calendar, name="meetings_calendar"),
    path("meetings/<int:pk>/ocd.json", exports.meeting_ocd, name="meeting_ocd"),
    path("<municipality:municipality>/<slug:slug>/feed/", feeds.CommitteeFeed(), name="committee_feed"),
    path(
        "<municipality:municipality>/<slug:slug>/calendar.ics",
        feeds.committee_calendar,
        name="committee_calendar",
    ),
]

# Unknown addresses under /api/ answer in JSON like the rest of the API; elsewhere the 404 page.
handler404 = "api.views.not_found"

urlpatterns = [
    # The import pages moved from /admin/meetings/ to /admin/imports/; old links are redirected.
    path("admin/meetings/", include("imports.old_admin_urls")),
    path("admin/", admin.site.urls),
    # Stored files (Bilag, source documents) through the closed-item rule; MEDIA_ROOT is never served.
    path(settings.MINUTES_FILES_URL.strip("/") + "/", include("attachments.urls")),
    path("healthz", healthz, name="healthz"),
    *follow_and_reuse,
    # The pages in Danish at their plain addresses and in English under /en/: the URL alone decides
    # the language, so a page needs no cookie and can be cached whole (meetings.views.public_page).
    *i18n_patterns(
        path("search/", public_page(SearchView.as_view()), name="search"),
        # Following by e-mail (alerts/); before the catch-all <municipality>/ routes.
        path("alerts/", include("alerts.urls")),
        path("", include("agenda_items.urls")),
        path("", include("meetings.urls")),
        prefix_default_language=False,
    ),
]
