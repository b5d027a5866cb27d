from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

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


def favicon(request):
    """/favicon.ico, which browsers ask for whatever a page says: the SVG icon (static() is read per
    request, so the hashed name comes from the manifest that collectstatic wrote)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


# The admin is named after the archive, in Danish at /admin/ and in English at /en/admin/.
admin.site.site_header = _("Referatarkivet – administration")
admin.site.site_title = _("Referatarkivet – administration")
admin.site.index_title = _("Administration")

# Unknown addresses under /api/ answer in JSON like the rest of the API; elsewhere the 404 page.
handler404 = "api.views.not_found"

urlpatterns = [
    # The import pages moved from /admin/meetings/ to /admin/imports/; old links are redirected.
    path("admin/meetings/", include("imports.old_admin_urls")),
    # Browsers ask for /favicon.ico whatever the page says; the icon is an SVG among the static files.
    path("favicon.ico", favicon),
    # Stored files (Bilag, source documents) through the closed-item rule; MEDIA_ROOT is never served.
    path(settings.MINUTES_FILES_URL.strip("/") + "/", include("attachments.urls")),
    path("healthz", healthz, name="healthz"),
    *follow_and_reuse,
    # The pages in Danish at their plain addresses and in English under /en/: the URL alone decides
    # the language, so a page needs no cookie and can be cached whole (meetings.views.public_page).
    *i18n_patterns(
        path("admin/", admin.site.urls),
        path("search/", public_page(SearchView.as_view()), name="search"),
        # Following by e-mail (alerts/); before the catch-all <municipality>/ routes.
        path("alerts/", include("alerts.urls")),
        path("", include("agenda_items.urls")),
        path("", include("meetings.urls")),
        prefix_default_language=False,
    ),
]
