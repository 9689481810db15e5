"""The home page's counts: exact after every write, private films only for those who may see them."""

import pytest

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.catalogue import services
from cinebridge.catalogue.selectors import catalogue_counts
from cinebridge.catalogue.tests.test_services import film_data

pytestmark = pytest.mark.django_db


def test_counts_follow_each_write_despite_the_cache():
    farabi = OrganisationFactory(kind=OrganisationKind.RIGHTS_HOLDER)
    assert catalogue_counts(viewer=None)["total"] == 0
    services.film_create(owner=farabi, data=film_data(), actor=None)
    counts = catalogue_counts(viewer=None)
    assert (counts["total"], counts["feature"], counts["audience_children"]) == (1, 1, 1)
    services.film_create(owner=farabi, data=film_data(kind="documentary", audience="general"), actor=None)
    counts = catalogue_counts(viewer=None)
    assert (counts["total"], counts["documentary"], counts["audience_general"]) == (2, 1, 1)


def test_unpublished_films_count_only_for_their_owners_and_film_body():
    farabi = OrganisationFactory(kind=OrganisationKind.RIGHTS_HOLDER, country="IR")
    services.film_create(owner=farabi, data=film_data(), actor=None)
    services.film_create(owner=farabi, data=film_data(is_published=False, kind="short"), actor=None)
    insider = member_of(farabi, Role.VIEWER)
    film_body = member_of(OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="IR"), Role.VIEWER)
    outsider = member_of(OrganisationFactory(country="BY"), Role.ADMIN)
    assert catalogue_counts(viewer=None)["total"] == 1
    assert catalogue_counts(viewer=outsider)["total"] == 1
    for viewer in (insider, film_body):
        counts = catalogue_counts(viewer=viewer)
        assert (counts["total"], counts["short"]) == (2, 1)
