"""The alerts pages, in both languages (included in minutes_site/urls.py's i18n_patterns)."""

from django.urls import path
from django.views.generic import TemplateView

from meetings.views import public_page

from . import views

app_name = "alerts"
urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("mine/<str:token>/", views.manage, name="manage"),
    path("forget/<str:token>/", views.forget, name="forget"),
    path("privacy/", public_page(TemplateView.as_view(template_name="alerts/privacy.html")), name="privacy"),
]
