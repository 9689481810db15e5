"""Admin smoke tests: every registered model's list, search, add and change pages open for a superuser."""

from io import StringIO

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Model
from django.urls import reverse

from cinebridge.accounts.models import User
from cinebridge.api.services import api_token_create
from cinebridge.catalogue.models import Film, SubtitleTrack
from cinebridge.search.models import SearchDocument, SearchKey

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.fixture
def superuser_client(client):
    """A signed-in superuser, with the demo programme loaded so that every model has rows."""
    call_command("seed_demo", stdout=StringIO())
    Group.objects.create(name="Operators")
    api_token_create(user=User.objects.get(username="farabi"), name="Reporting script")
    client.force_login(User.objects.get(username="admin"))
    return client


def _url(model: type[Model], view: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_app_of_the_platform_registers_its_models():
    labels = {model._meta.label for model in REGISTERED}
    assert {"accounts.User", "accounts.Organisation", "catalogue.Film", "catalogue.SubtitleTrack",
            "search.SearchKey", "api.ApiToken"} <= labels  # fmt: skip


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_the_list_search_add_and_change_pages_open(superuser_client, model, rf):
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, "the fixture should give every registered model a row"
    request = rf.get("/")
    request.user = User.objects.get(username="admin")
    add_status = 200 if admin.site._registry[model].has_add_permission(request) else 403

    assert superuser_client.get(_url(model, "changelist")).status_code == 200
    assert superuser_client.get(_url(model, "changelist"), {"q": "a"}).status_code == 200
    assert superuser_client.get(_url(model, "change", obj.pk)).status_code == 200
    assert superuser_client.get(_url(model, "add")).status_code == add_status


@pytest.mark.parametrize("model", [SearchDocument, SearchKey, SubtitleTrack])
def test_rows_the_platform_derives_cannot_be_added_in_the_admin(superuser_client, model):
    assert superuser_client.get(_url(model, "add")).status_code == 403


def test_an_api_tokens_hash_is_shown_but_not_editable(superuser_client):
    from cinebridge.api.models import ApiToken

    token = ApiToken.objects.get()
    page = superuser_client.get(_url(ApiToken, "change", token.pk)).content.decode()
    assert token.key_hash in page
    assert 'name="key_hash"' not in page


def test_a_film_page_shows_its_translations_credits_and_subtitled_versions(superuser_client):
    film = Film.objects.get(slug="children-of-heaven-1997")
    page = superuser_client.get(_url(Film, "change", film.pk)).content.decode()
    for text in (
        "Дети небес",
        "Children of Heaven",
        "Original version, Russian subtitles",
        "Grand Prix des Amériques",
    ):
        assert text in page
    assert 'name="credits-TOTAL_FORMS" value="5"' in page


def test_searching_films_in_the_admin_matches_any_translation(superuser_client):
    page = superuser_client.get(_url(Film, "changelist"), {"q": "Ідзі"}).content.decode()
    assert "Иди и смотри" in page
    assert "بچه‌های آسمان" not in page
