"""Terms the validation cannot hold are a 422 naming the term, never a server error."""

import pytest

from cinebridge.api.tests.helpers import bearer
from cinebridge.deals.models import Deal
from cinebridge.rights import loader

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index():
    loader.forget_current_index()
    yield
    loader.forget_current_index()


def test_a_minimum_guarantee_of_27_digits_is_a_422_on_the_term(client, parties):
    body = {
        "film": parties.film.slug, "media": "THEATRICAL", "territories": "BY",
        "start": "2026-01-01", "end": "2027-01-01", "currency": "EUR",
        "terms": {"minimum_guarantee": "1" * 27},
    }  # fmt: skip
    client.raise_request_exception = False
    response = client.post(
        "/api/v1/deals", body, content_type="application/json", **bearer(parties.licensee_editor)
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][:3] == ["body", "terms", "minimum_guarantee"]
    assert not Deal.objects.exists()
