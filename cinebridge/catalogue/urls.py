"""Catalogue pages, inside the language prefix (/fa/films/, /ru/search/?q=…)."""

from django.urls import path

from . import views

app_name = "catalogue"
urlpatterns = [
    path("films/", views.film_list, name="film_list"),
    path("films/new/", views.film_create, name="film_create"),
    path("films/<slug:slug>/", views.film_detail, name="film_detail"),
    path("films/<slug:slug>/edit/", views.film_edit, name="film_edit"),
    path("films/<slug:slug>/credits/", views.film_credits, name="film_credits"),
    path(
        "films/<slug:slug>/credits/<int:credit_id>/remove/",
        views.film_credit_remove,
        name="film_credit_remove",
    ),
    path("films/<slug:slug>/versions/", views.film_versions, name="film_versions"),
    path("films/<slug:slug>/subtitles/", views.subtitle_upload, name="subtitle_upload"),
    path("films/<slug:slug>/ratings/", views.film_ratings, name="film_ratings"),
    path("films/<slug:slug>/festivals/", views.film_festivals, name="film_festivals"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("search/", views.search, name="search"),
]
