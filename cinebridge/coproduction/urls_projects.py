"""URLs of the co-production projects pages (filled by their views)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
