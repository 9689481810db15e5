"""Rights pages, inside the language prefix (/fa/rights/avails/, /ru/rights/films/<slug>/grid/)."""

from django.urls import path

from . import views

app_name = "rights"
urlpatterns = [
    path("avails/", views.avails_search, name="avails_search"),
    path("films/<slug:slug>/", views.film_rights, name="film_rights"),
    path("films/<slug:slug>/grid/", views.film_grid, name="film_grid"),
    path("films/<slug:slug>/grants/new/", views.grant_create, name="grant_create"),
    path("films/<slug:slug>/grants/check/", views.grant_check, name="grant_check"),
    path("films/<slug:slug>/releases/", views.release_event_add, name="release_event_add"),
    path("grants/<int:pk>/", views.grant_detail, name="grant_detail"),
    path("grants/<int:pk>/edit/", views.grant_edit, name="grant_edit"),
    path("grants/<int:pk>/status/", views.grant_status, name="grant_status"),
    path("ema/import/", views.avails_import, name="avails_import"),
    path("ema/import/<slug:job_id>/", views.avails_import_job, name="avails_import_job"),
    path("ema/export/", views.avails_export, name="avails_export"),
]
