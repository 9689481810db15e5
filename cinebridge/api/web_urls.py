"""The API token page, inside the language prefix (/fa/api-tokens/…)."""

from django.urls import URLPattern, path

from . import views

app_name = "api_tokens"
urlpatterns: list[URLPattern] = [
    path("", views.token_list, name="list"),
    path("<int:pk>/revoke/", views.token_revoke, name="revoke"),
]
