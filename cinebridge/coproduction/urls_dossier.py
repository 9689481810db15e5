"""URL of a project's application pack (dossier) PDF: /coproduction/projects/<slug>/dossier.pdf?rules=<name>."""

from django.urls import URLPattern, path

from cinebridge.coproduction.views import dossier as views

urlpatterns: list[URLPattern] = [
    path("projects/<slug:slug>/dossier.pdf", views.project_dossier, name="project_dossier"),
]
