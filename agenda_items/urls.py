from django.urls import path

from . import views

app_name = "agenda_items"
urlpatterns = [
    path("meetings/<int:meeting>/punkt/<str:number>/", views.ItemView.as_view(), name="item"),
    path("cases/", views.CaseLookupView.as_view(), name="case_lookup"),
    path("cases/<int:pk>/", views.CaseView.as_view(), name="case"),
]
