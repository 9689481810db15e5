"""Statement pages, included into `exhibition.urls` (names of docs contract §8)."""

from django.urls import URLPattern, path

from . import statement_views as views

statement_urlpatterns: list[URLPattern] = [
    path("deals/<str:reference>/statement/", views.statement_preview, name="statement_preview"),
    path("deals/<str:reference>/statement/issue/", views.statement_issue, name="statement_issue"),
    path("deals/<str:reference>/statement.pdf", views.statement_draft_pdf, name="statement_draft_pdf"),
    path("statements/", views.holder_statements, name="holder_statements"),
    path("statements.pdf", views.holder_statements_pdf, name="holder_statements_pdf"),
    path("statements/<int:pk>/", views.statement_detail, name="statement_detail"),
    path("statements/<int:pk>.pdf", views.statement_pdf, name="statement_pdf"),
]
