"""URLs of the co-production project pages (included by coproduction/urls.py, namespace "coproduction"):
the projects under projects/, each with its financing, contributions, creatives and eligibility."""

from django.urls import URLPattern, path

from cinebridge.coproduction.views import projects as views

urlpatterns: list[URLPattern] = [
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<slug:slug>/", views.project_detail, name="project_detail"),
    path("projects/<slug:slug>/edit/", views.project_edit, name="project_edit"),
    path("projects/<slug:slug>/eligibility/", views.project_eligibility, name="project_eligibility"),
    path("projects/<slug:slug>/coproducers/add/", views.coproducer_add, name="coproducer_add"),
    path(
        "projects/<slug:slug>/coproducers/<int:pk>/remove/",
        views.coproducer_remove,
        name="coproducer_remove",
    ),
    path("projects/<slug:slug>/financing/add/", views.financing_add, name="financing_add"),
    path("projects/<slug:slug>/financing/<int:pk>/", views.financing_edit, name="financing_edit"),
    path("projects/<slug:slug>/financing/<int:pk>/delete/", views.financing_delete, name="financing_delete"),
    path("projects/<slug:slug>/contributions/add/", views.contribution_add, name="contribution_add"),
    path("projects/<slug:slug>/contributions/<int:pk>/", views.contribution_edit, name="contribution_edit"),
    path(
        "projects/<slug:slug>/contributions/<int:pk>/delete/",
        views.contribution_delete,
        name="contribution_delete",
    ),
    path("projects/<slug:slug>/creatives/add/", views.creative_add, name="creative_add"),
    path("projects/<slug:slug>/creatives/<int:pk>/", views.creative_edit, name="creative_edit"),
    path("projects/<slug:slug>/creatives/<int:pk>/delete/", views.creative_delete, name="creative_delete"),
]
