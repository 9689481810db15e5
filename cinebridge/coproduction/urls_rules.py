"""URLs of the rule sets (shipped instruments and the editable programme rules) and of the overall
balance between two countries (included by coproduction/urls.py, namespace "coproduction")."""

from django.urls import URLPattern, path

from cinebridge.coproduction.views import rules as views
from cinebridge.coproduction.views.balance import balance

urlpatterns: list[URLPattern] = [
    path("rules/", views.rule_set_list, name="rule_set_list"),
    path("rules/<slug:name>/", views.rule_set_detail, name="rule_set_detail"),
    path("rules/<slug:name>/edit/", views.rule_set_edit, name="rule_set_edit"),
    path("balance/", balance, name="balance"),
]
