from django.urls import path, register_converter
from django.urls.converters import SlugConverter

from . import people, views
from .views import public_page


class MunicipalitySlugConverter(SlugConverter):
    """A slug that is not one of the site's own top-level paths.

    The municipality and committee pages sit at the root; refusing these words makes the
    resolver go on to the routes that own them, wherever those are included.
    """

    reserved = {
        "admin",
        "alerts",
        "api",
        "cases",
        "en",
        "files",
        "healthz",
        "media",
        "meetings",
        "search",
        "static",
        "tilgaengelighed",
    }

    def to_python(self, value):
        if value in self.reserved:
            raise ValueError(value)
        return value


register_converter(MunicipalitySlugConverter, "municipality")

app_name = "meetings"
urlpatterns = [
    path("", public_page(views.FrontPageView.as_view()), name="front_page"),
    path("tilgaengelighed/", public_page(views.AccessibilityView.as_view()), name="accessibility"),
    path("meetings/", public_page(views.MeetingListView.as_view()), name="meeting_list"),
    path("meetings/<int:pk>/", public_page(views.MeetingView.as_view()), name="meeting"),
    # A municipality's people and parties, before its committees: "personer" and "partier" are no
    # committee's slug.
    path("<municipality:municipality>/personer/", public_page(people.PeopleView.as_view()), name="people"),
    path(
        "<municipality:municipality>/personer/<int:pk>/",
        public_page(people.PersonView.as_view()),
        name="person",
    ),
    path(
        "<municipality:municipality>/partier/<slug:slug>/",
        public_page(people.PartyView.as_view()),
        name="party",
    ),
    # Catch-all slug routes: keep them last.
    path("<municipality:slug>/", public_page(views.MunicipalityView.as_view()), name="municipality"),
    path(
        "<municipality:municipality>/<slug:slug>/",
        public_page(views.CommitteeView.as_view()),
        name="committee",
    ),
]
