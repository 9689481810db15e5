"""URLs of the co-production dossier pages (filled by their views)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
