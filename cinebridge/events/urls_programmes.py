"""URLs of the events app's programmes pages (included by events/urls.py, namespace "events"): film weeks
under film-weeks/, and the organisers' management of a programme under manage/<slug>/."""

from django.urls import URLPattern, path

from cinebridge.events.views import programmes as views

urlpatterns: list[URLPattern] = [
    path("film-weeks/", views.film_week_list, name="film_week_list"),
    path("film-weeks/propose/", views.film_week_propose, name="film_week_propose"),
    path("film-weeks/<slug:slug>/", views.film_week_detail, name="film_week_detail"),
    path("film-weeks/<slug:slug>/agree/", views.film_week_agree, name="film_week_agree"),
    path("film-weeks/<slug:slug>/decline/", views.film_week_decline, name="film_week_decline"),
    path("film-weeks/<slug:slug>/cancel/", views.film_week_cancel, name="film_week_cancel"),
    path("manage/<slug:slug>/", views.manage, name="manage"),
    path("manage/<slug:slug>/publish/", views.manage_publish, name="manage_publish"),
    path("manage/<slug:slug>/venues/", views.manage_venues, name="manage_venues"),
    path("manage/<slug:slug>/venues/<int:pk>/", views.manage_venue, name="manage_venue"),
    path("manage/<slug:slug>/venues/<int:pk>/delete/", views.manage_venue_delete, name="manage_venue_delete"),
    path("manage/<slug:slug>/venues/<int:pk>/screens/", views.manage_hall_add, name="manage_hall_add"),
    path("manage/<slug:slug>/screens/<int:pk>/", views.manage_hall, name="manage_hall"),
    path("manage/<slug:slug>/screens/<int:pk>/delete/", views.manage_hall_delete, name="manage_hall_delete"),
    path("manage/<slug:slug>/curation/", views.manage_curation, name="manage_curation"),
    path("manage/<slug:slug>/films/", views.manage_films, name="manage_films"),
    path("manage/<slug:slug>/films/<int:pk>/", views.manage_film, name="manage_film"),
    path("manage/<slug:slug>/films/<int:pk>/remove/", views.manage_film_remove, name="manage_film_remove"),
    path("manage/<slug:slug>/guests/", views.manage_guests, name="manage_guests"),
    path("manage/<slug:slug>/guests/<int:pk>/", views.manage_guest, name="manage_guest"),
    path("manage/<slug:slug>/guests/<int:pk>/delete/", views.manage_guest_delete, name="manage_guest_delete"),
    path(
        "manage/<slug:slug>/guests/<int:pk>/invitation.pdf",
        views.manage_guest_invitation,
        name="manage_guest_invitation",
    ),
    path("manage/<slug:slug>/schedule/", views.manage_schedule, name="manage_schedule"),
    path(
        "manage/<slug:slug>/schedule/optimise/",
        views.manage_schedule_optimise,
        name="manage_schedule_optimise",
    ),
    path(
        "manage/<slug:slug>/schedule/jobs/<str:job_id>/",
        views.manage_schedule_job,
        name="manage_schedule_job",
    ),
    path("manage/<slug:slug>/screenings/add/", views.manage_screening_add, name="manage_screening_add"),
    path(
        "manage/<slug:slug>/screenings/<int:pk>/move/",
        views.manage_screening_move,
        name="manage_screening_move",
    ),
    path(
        "manage/<slug:slug>/screenings/<int:pk>/lock/",
        views.manage_screening_lock,
        name="manage_screening_lock",
    ),
    path(
        "manage/<slug:slug>/screenings/<int:pk>/delete/",
        views.manage_screening_delete,
        name="manage_screening_delete",
    ),
    path("manage/<slug:slug>/attendance/", views.manage_attendance, name="manage_attendance"),
    path("manage/<slug:slug>/settings/", views.manage_settings, name="manage_settings"),
    path("manage/<slug:slug>/settings/slots/", views.manage_slot_add, name="manage_slot_add"),
    path(
        "manage/<slug:slug>/settings/slots/<int:pk>/delete/",
        views.manage_slot_delete,
        name="manage_slot_delete",
    ),
]
