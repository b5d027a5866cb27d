from django.contrib import admin
from django.urls import include, path

from agenda_items.search_views import SearchView
from meetings.views import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("search/", SearchView.as_view(), name="search"),
    path("", include("agenda_items.urls")),
    path("", include("meetings.urls")),
]
