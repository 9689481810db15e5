"""URLs of the deals pages (filled in by the views)."""

from django.urls import URLPattern

app_name = "deals"
urlpatterns: list[URLPattern] = []
