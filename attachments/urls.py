"""/files/<stored name>: every stored file, through the access check (views.stored_file)."""

from django.urls import path

from . import views

app_name = "attachments"
urlpatterns = [
    path("<path:name>", views.stored_file, name="stored_file"),
]
