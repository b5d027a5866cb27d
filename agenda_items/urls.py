from django.urls import path, register_converter
from django.urls.converters import StringConverter

from meetings.views import public_page

from . import views


class ItemNumberConverter(StringConverter):
    """An item number as printed ("10", "3a"): anything but a slash or a NUL byte (PostgreSQL refuses it)."""

    regex = "[^/\x00]+"


register_converter(ItemNumberConverter, "item_number")

app_name = "agenda_items"
urlpatterns = [
    path(
        "meetings/<int:meeting>/punkt/<item_number:number>/",
        public_page(views.ItemView.as_view()),
        name="item",
    ),
    path("cases/", public_page(views.CaseLookupView.as_view()), name="case_lookup"),
    path("cases/<int:pk>/", public_page(views.CaseView.as_view()), name="case"),
]
