"""URLs of the co-production rules pages (filled by their views)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
