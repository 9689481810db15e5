"""URLs of the co-production matchmaking pages (filled by their views)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
