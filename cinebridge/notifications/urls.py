"""URLs of the notifications pages (filled in by the views)."""

from django.urls import URLPattern

app_name = "notifications"
urlpatterns: list[URLPattern] = []
