"""The engines over REST answer with the same JSON as their Python functions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cinebridge.catalogue.engine.interface import identifiers_report, subtitles_report
from cinebridge.core.engine.interface import search_keys_report

pytestmark = pytest.mark.django_db


def test_search_keys_endpoint_matches_the_function(client):
    texts = ["محمد خزاعی", "Мохаммад Хазаи"]
    response = client.post("/api/v1/engines/search-keys", {"texts": texts}, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == search_keys_report(texts)


def test_identifiers_endpoint_matches_the_function_and_refuses_unknown_schemes(client):
    payload = {"eidr": ["10.5240/7791-8534-2C23-9030-8610-5"], "isan": ["0000-0001-8CFA-0000-I-0000-0000-K"]}
    response = client.post("/api/v1/engines/identifiers", payload, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == identifiers_report(payload)
    refused = client.post("/api/v1/engines/identifiers", {"doi": ["x"]}, content_type="application/json")
    assert refused.status_code == 422


def test_subtitles_endpoint_reports_the_broken_line(client):
    content = "1\n00:00:01,000 --> 00:00:02,000\nسلام\n\n2\n00:00:03,000 --> 00:00:02,000\nخداحافظ\n".encode()
    response = client.post("/api/v1/engines/subtitles", {"file": SimpleUploadedFile("fa.srt", content)})
    assert response.status_code == 200
    assert response.json() == subtitles_report(content, format_hint="fa.srt")
    assert response.json()["error"]["code"] == "end_before_start"
    assert response.json()["error"]["line"] == 6
