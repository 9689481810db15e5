"""The application pack of a project as PDF: only for its co-producers and their film bodies."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from cinebridge.accounts.models import User
from cinebridge.coproduction.selectors import access
from cinebridge.coproduction.selectors import projects as selectors
from cinebridge.coproduction.selectors.rulesets import rule_set_default_for, rule_set_document_get
from cinebridge.core.pdf import pdf_response


@login_required
@require_GET
def project_dossier(request: HttpRequest, slug: str) -> HttpResponse:
    """The application pack checked against the rule set named by `?rules=`, generated now."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    project = selectors.project_get_visible(viewer=user, slug=slug)  # 404 when the viewer may not see it
    access.project_require_view_private(viewer=user, project=project)  # 403 for a partner-seeker's card
    name = request.GET.get("rules", "").strip() or rule_set_default_for(
        countries=access.project_countries(project)
    )
    rule_set = rule_set_document_get(name=name)  # 404 naming an unknown rule set
    generated_at = timezone.now()
    as_of = timezone.localdate(generated_at)
    report = selectors.project_eligibility(viewer=user, project=project, rule_set=name, as_of=as_of)
    from cinebridge.coproduction.documents import dossier_pdf  # heavy (fonts, shaping): only when asked

    content = dossier_pdf(
        project=project, report=report, rule_set=rule_set, as_of=as_of, generated_at=generated_at
    )
    return pdf_response(content, f"dossier-{project.slug}-{name}.pdf")
