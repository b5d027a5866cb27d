from django.urls import path, register_converter
from django.urls.converters import StringConverter

from . import views


class ItemNumberConverter(StringConverter):
    """An item number as printed ("10", "3a"): anything but a slash or a NUL byte (PostgreSQL refuses it)."""

    regex = "[^/\x00]+"


register_converter(ItemNumberConverter, "item_number")

app_name = "agenda_items"
urlpatterns = [
    path("meetings/<int:meeting>/punkt/<item_number:number>/", views.ItemView.as_view(), name="item"),
    path("cases/", views.CaseLookupView.as_view(), name="case_lookup"),
    path("cases/<int:pk>/", views.CaseView.as_view(), name="case"),
]
