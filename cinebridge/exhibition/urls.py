"""URLs of the exhibition pages (filled in by the views)."""

from django.urls import URLPattern

app_name = "exhibition"
urlpatterns: list[URLPattern] = []
