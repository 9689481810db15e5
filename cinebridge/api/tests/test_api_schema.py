"""The OpenAPI document and the docs page: served, complete, and usable offline."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_openapi_document_lists_every_endpoint(client):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    operations = {(path, method) for path, methods in schema["paths"].items() for method in methods}
    assert operations == {
        ("/api/v1/films", "get"),
        ("/api/v1/films", "post"),
        ("/api/v1/films/{slug}", "get"),
        ("/api/v1/people", "get"),
        ("/api/v1/people/{slug}", "get"),
        ("/api/v1/organisations", "get"),
        ("/api/v1/organisations/{slug}", "get"),
        ("/api/v1/me", "get"),
        ("/api/v1/engines/search-keys", "post"),
        ("/api/v1/engines/identifiers", "post"),
        ("/api/v1/engines/subtitles", "post"),
        ("/api/v1/engines/royalties", "post"),
        ("/api/v1/engines/schedule", "post"),
        ("/api/v1/engines/schedule/jobs", "post"),
        ("/api/v1/engines/schedule/jobs/{job_id}", "get"),
        ("/api/v1/engines/eligibility", "post"),
        ("/api/v1/engines/jury", "post"),
        ("/api/v1/engines/coproduction", "post"),
        ("/api/v1/rights/avails/search", "post"),
        ("/api/v1/rights/films/{slug}/grid", "get"),
        ("/api/v1/rights/grants/check", "post"),
        ("/api/v1/rights/films/{slug}/grants", "get"),
        ("/api/v1/rights/grants", "post"),
        ("/api/v1/rights/grants/{grant_id}", "get"),
        ("/api/v1/rights/grants/{grant_id}", "patch"),
        ("/api/v1/deals", "get"),
        ("/api/v1/deals", "post"),
        ("/api/v1/deals/{reference}", "get"),
        ("/api/v1/deals/{reference}/memo.pdf", "get"),
        ("/api/v1/deals/{reference}/offer", "post"),
        ("/api/v1/deals/{reference}/counter", "post"),
        ("/api/v1/deals/{reference}/sign", "post"),
        ("/api/v1/deals/{reference}/decline", "post"),
        ("/api/v1/deals/{reference}/withdraw", "post"),
        ("/api/v1/deals/{reference}/terminate", "post"),
        ("/api/v1/exhibition/cinemas", "get"),
        ("/api/v1/exhibition/cinemas", "post"),
        ("/api/v1/exhibition/cinemas/{cinema_id}", "get"),
        ("/api/v1/exhibition/cinemas/{cinema_id}/screens", "post"),
        ("/api/v1/exhibition/bookings", "get"),
        ("/api/v1/exhibition/bookings", "post"),
        ("/api/v1/exhibition/bookings/{booking_id}", "get"),
        ("/api/v1/exhibition/bookings/{booking_id}/kdm-requests", "post"),
        ("/api/v1/exhibition/deals/{reference}/deliveries", "get"),
        ("/api/v1/exhibition/deals/{reference}/deliveries", "post"),
        ("/api/v1/exhibition/deals/{reference}/reports/box-office", "post"),
        ("/api/v1/exhibition/deals/{reference}/reports/usage", "post"),
        ("/api/v1/exhibition/deals/{reference}/reports", "get"),
        ("/api/v1/exhibition/deals/{reference}/expenses", "get"),
        ("/api/v1/exhibition/deals/{reference}/expenses", "post"),
        ("/api/v1/exhibition/deals/{reference}/payments", "get"),
        ("/api/v1/exhibition/deals/{reference}/payments", "post"),
        ("/api/v1/exhibition/deals/{reference}/payments/{payment_id}/confirm", "post"),
        ("/api/v1/exhibition/deals/{reference}/statement", "get"),
        ("/api/v1/exhibition/deals/{reference}/statements", "get"),
        ("/api/v1/exhibition/deals/{reference}/statements", "post"),
        ("/api/v1/exhibition/statements/{statement_id}.pdf", "get"),
        ("/api/v1/exhibition/statements/{statement_id}", "get"),
        ("/api/v1/exhibition/rates", "get"),
        ("/api/v1/exhibition/rates", "post"),
    }
    assert schema["components"]["securitySchemes"]["BearerToken"] == {"type": "http", "scheme": "bearer"}


def test_openapi_document_describes_pagination_and_errors(client):
    paths = client.get("/api/openapi.json").json()["paths"]

    film_list = paths["/api/v1/films"]["get"]
    assert {"page", "page_size", "q", "kind", "lang"} <= {p["name"] for p in film_list["parameters"]}
    assert {"201", "401", "403", "422"} <= set(paths["/api/v1/films"]["post"]["responses"])


def test_docs_page_loads_swagger_from_our_own_static_files(client):
    response = client.get("/api/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets
    assert not [url for url in assets if "//" in url], (
        "the docs page must not load anything from another host"
    )
    for url in assets:
        assert finders.find(url.removeprefix("/static/")), f"{url} is not among the static files"
