"""URLs of the co-production pages under /coproduction/: projects and their financing, creatives and
eligibility (`urls_projects`), rule sets and the overall balance (`urls_rules`), partner matchmaking
(`urls_matchmaking`), studios, locations and specialists (`urls_directory`) and the dossier PDF."""

from cinebridge.coproduction import urls_directory, urls_dossier, urls_matchmaking, urls_projects, urls_rules

app_name = "coproduction"
urlpatterns = (
    urls_projects.urlpatterns
    + urls_rules.urlpatterns
    + urls_matchmaking.urlpatterns
    + urls_directory.urlpatterns
    + urls_dossier.urlpatterns
)
