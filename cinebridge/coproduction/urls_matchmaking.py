"""URLs of the co-production matchmaking pages: the partners hub, company profiles, a project's partner
needs and suggestions, and meeting requests (included by coproduction/urls.py, namespace "coproduction")."""

from django.urls import URLPattern, path

from .views import matchmaking as views

urlpatterns: list[URLPattern] = [
    path("partners/", views.partners, name="partners"),
    path("partners/companies/<slug:slug>/", views.profile_detail, name="profile_detail"),
    path("partners/companies/<slug:slug>/edit/", views.profile_edit, name="profile_edit"),
    path("projects/<slug:slug>/partners/", views.project_partners, name="project_partners"),
    path("projects/<slug:slug>/partners/needs/add/", views.need_add, name="need_add"),
    path("partners/needs/<int:pk>/edit/", views.need_edit, name="need_edit"),
    path("partners/needs/<int:pk>/delete/", views.need_delete, name="need_delete"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/request/", views.meeting_request, name="meeting_request"),
    path("meetings/<int:pk>/answer/", views.meeting_answer, name="meeting_answer"),
]
