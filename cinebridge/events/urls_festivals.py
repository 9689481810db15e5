"""URLs of the events app's festivals pages (included by events/urls.py, namespace "events").

Every address starts with "festivals/" (a reserved programme slug); editions are found by their
programme's slug under "festivals/editions/", so no edition can shadow a fixed page.
"""

from django.urls import URLPattern, path

from .views import festivals as views

urlpatterns: list[URLPattern] = [
    path("festivals/", views.festival_list, name="festival_list"),
    path("festivals/editions/<slug:slug>/", views.edition_detail, name="edition_detail"),
    path("festivals/editions/<slug:slug>/submit/", views.submission_create, name="submission_create"),
    path("festivals/editions/<slug:slug>/check/", views.submission_check, name="submission_check"),
    path("festivals/submissions/", views.submission_list, name="submission_list"),
    path("festivals/submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("festivals/submissions/<int:pk>/decide/", views.submission_decide, name="submission_decide"),
    path("festivals/submissions/<int:pk>/withdraw/", views.submission_withdraw, name="submission_withdraw"),
    path("festivals/submissions/<int:pk>/award/", views.award_give, name="award_give"),
    path("festivals/jury/", views.jury_home, name="jury_home"),
    path("festivals/jury/sections/<int:section_id>/", views.jury_sheet, name="jury_sheet"),
    path("festivals/jury/submissions/<int:pk>/score/", views.jury_score, name="jury_score"),
    path("festivals/office/", views.festival_office, name="festival_office"),
    path("festivals/office/new-edition/<slug:festival_slug>/", views.edition_create, name="edition_create"),
    path("festivals/office/editions/<slug:slug>/", views.edition_manage, name="edition_manage"),
    path("festivals/office/editions/<slug:slug>/edit/", views.edition_edit, name="edition_edit"),
    path(
        "festivals/office/editions/<slug:slug>/sections/",
        views.edition_section_create,
        name="edition_section_create",
    ),
    path(
        "festivals/office/editions/<slug:slug>/sections/<int:section_id>/call/",
        views.edition_call,
        name="edition_call",
    ),
    path(
        "festivals/office/editions/<slug:slug>/sections/<int:section_id>/jury/",
        views.jury_member_add,
        name="jury_member_add",
    ),
    path(
        "festivals/office/editions/<slug:slug>/jury/<int:member_id>/remove/",
        views.jury_member_remove,
        name="jury_member_remove",
    ),
    path(
        "festivals/office/editions/<slug:slug>/submissions/",
        views.edition_submissions,
        name="edition_submissions",
    ),
]
