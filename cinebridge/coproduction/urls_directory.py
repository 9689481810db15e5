"""URLs of the co-production directory pages (filled by their views)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
