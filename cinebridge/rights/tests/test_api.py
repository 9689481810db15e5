"""The rights over REST: the avails command's JSON, the one policy, and deal terms kept from other organisations."""

import copy
import json
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, UserFactory, member_of
from cinebridge.api.tests.helpers import bearer
from cinebridge.catalogue.tests.factories import FilmFactory
from cinebridge.rights import loader
from cinebridge.rights.engine.types import Direction, Exclusivity, Status
from cinebridge.rights.models import Grant, GrantAudit
from cinebridge.rights.services import grant_create

from .factories import exclusive_out, grant_input

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/rights/avails/search"
CHECK = "/api/v1/rights/grants/check"
GRANTS = "/api/v1/rights/grants"

REFERENCE = "MINSK-THEATRICAL-2026/07"
NOTES = "Minimum guarantee 12,000 EUR, 35 % above it."


@pytest.fixture(autouse=True)
def _fresh_index():
    # Each test's rolled-back transaction may reach the same version again: start from nothing.
    loader.forget_current_index()
    yield
    loader.forget_current_index()


@pytest.fixture
def holder_viewer(farabi):
    return member_of(farabi, Role.VIEWER)


@pytest.fixture
def outsider():
    """An administrator of a Belarusian platform: party to none of Farabi's deals."""
    platform = OrganisationFactory(slug="by-stream", kind=OrganisationKind.PLATFORM, country="BY")
    return member_of(platform, Role.ADMIN)


@pytest.fixture
def other_editor():
    """An editor of another rights holder, in Belarus."""
    return member_of(OrganisationFactory(slug="belarusfilm", country="BY"), Role.EDITOR)


@pytest.fixture
def film(farabi):
    return FilmFactory(owner=farabi, slug="the-bell")


@pytest.fixture
def held(film, editor):
    """Farabi holds every medium in the whole world from 2020 on, and may license it on."""
    return grant_create(actor=editor, data=grant_input(film))


@pytest.fixture
def licence(film, editor, held, minsk_cinemas):
    """Theatrical Belarus for 2026, licensed exclusively to the Minsk cinema network."""
    return grant_create(
        actor=editor,
        data=exclusive_out(
            film,
            media="THEATRICAL",
            counterparty_id=minsk_cinemas.pk,
            reference=REFERENCE,
            notes=NOTES,
        ),
    )


def post(client, path: str, body: Any, **headers: Any):
    return client.post(path, data=json.dumps(body), content_type="application/json", **headers)


def patch(client, path: str, body: Any, **headers: Any):
    return client.patch(path, data=json.dumps(body), content_type="application/json", **headers)


def theatrical_query(**changes: Any) -> dict[str, Any]:
    query: dict[str, Any] = {
        "id": "theatrical",
        "media": "THEATRICAL",
        "territories": "BY + RU",
        "window": {"start": "2026-03-01", "end": "2026-06-01"},
        "exclusive": True,
        "match": "overlap",
    }
    query.update(changes)
    return query


def regions_of(answer: dict[str, Any]) -> list[dict[str, Any]]:
    return [region for work in answer["detail"] for region in work["regions"]]


def region_in(work: dict[str, Any], territory: str, medium: str = "THEATRICAL") -> dict[str, Any]:
    for region in work["regions"]:
        if region["territories"] == territory and region["media"] == medium:
            found: dict[str, Any] = region
            return found
    raise AssertionError(f"no region of {medium} in {territory}: {work['regions']}")


def command_answer(tmp_path: Path, scenario: dict[str, Any]) -> dict[str, Any]:
    """What `manage.py avails` answers for the scenario (from the database when it has no grants)."""
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(scenario), encoding="utf-8")
    out = StringIO()
    call_command("avails", "--input", str(path), stdout=out)
    answer: dict[str, Any] = json.loads(out.getvalue())
    return answer


def without_rest_additions(answer: dict[str, Any]) -> dict[str, Any]:
    """The REST answer less what it adds to the command's: pagination, the version, the redaction flags."""
    plain = {
        k: v for k, v in copy.deepcopy(answer).items() if k not in {"offset", "limit", "vocabulary_version"}
    }
    for work in plain.get("detail", []):
        for region in work["regions"]:
            del region["undisclosed_blocking"]
    return plain


# --- avails search ---------------------------------------------------------------------------------


def test_search_needs_a_signed_in_member(client, licence):
    assert post(client, SEARCH, theatrical_query()).status_code == 401
    loner = UserFactory()
    response = post(client, SEARCH, theatrical_query(), **bearer(loner))
    assert response.status_code == 403
    assert response.json()["detail"]


def test_search_answers_as_the_avails_command_does(client, tmp_path, film, licence, holder_viewer):
    query = theatrical_query()

    response = post(client, SEARCH, query, **bearer(holder_viewer))

    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["works"] == [film.pk]
    assert answer["count"] == 1
    expected = command_answer(tmp_path, {"queries": [query]})["answers"][0]
    assert without_rest_additions(answer) == expected
    by = region_in(answer["detail"][0], "BY")
    assert by["blocking"] == [licence.pk]
    assert by["undisclosed_blocking"] is False


def test_an_exclusive_licence_makes_the_film_unavailable_there(client, film, licence, outsider):
    query = theatrical_query(territories="BY", match="cover_entire")

    answer = post(client, SEARCH, query, **bearer(outsider)).json()

    assert answer["count"] == 0
    assert answer["works"] == []
    assert answer["detail"] == []
    later = post(client, SEARCH, query | {"window": {"start": "2027-01-01"}}, **bearer(outsider)).json()
    assert later["works"] == [film.pk]


def test_another_organisation_sees_availability_but_not_whose_deal_blocks_it(client, film, licence, outsider):
    response = post(client, SEARCH, theatrical_query(), **bearer(outsider))

    assert response.status_code == 200
    answer = response.json()
    assert answer["works"] == [film.pk]  # Russia is free
    by = region_in(answer["detail"][0], "BY")
    assert by["available"] is False
    assert by["blocking"] == []
    assert by["undisclosed_blocking"] is True
    assert all(region["blocking"] == [] for region in regions_of(answer))
    text = response.content.decode()
    for secret in (REFERENCE, NOTES, "minsk-cinemas", "Minsk Cinemas"):
        assert secret not in text


def test_the_licensee_sees_its_own_licence_among_the_reasons(client, licence, licensee):
    answer = post(client, SEARCH, theatrical_query(), **bearer(licensee)).json()

    by = region_in(answer["detail"][0], "BY")
    assert by["blocking"] == [licence.pk]
    assert by["undisclosed_blocking"] is False


def test_search_does_not_name_unpublished_films_of_others(client, farabi, editor, outsider, holder_viewer):
    hidden = FilmFactory(owner=farabi, is_published=False)
    grant_create(actor=editor, data=grant_input(hidden))
    query = theatrical_query(territories="BY", match="cover_entire")

    assert post(client, SEARCH, query, **bearer(outsider)).json()["works"] == []
    assert post(client, SEARCH, query, **bearer(holder_viewer)).json()["works"] == [hidden.pk]
    restricted = query | {"works": [hidden.pk]}
    assert post(client, SEARCH, restricted, **bearer(outsider)).json()["count"] == 0


def test_detail_comes_a_page_at_a_time_while_count_and_works_stay_complete(client, farabi, editor, outsider):
    films = [FilmFactory(owner=farabi) for _ in range(5)]
    for film in films:
        grant_create(actor=editor, data=grant_input(film))
    ids = sorted(f.pk for f in films)
    query = theatrical_query(territories="BY", match="cover_entire")

    answer = post(client, f"{SEARCH}?offset=1&limit=2", query, **bearer(outsider)).json()

    assert answer["count"] == 5
    assert answer["works"] == ids
    assert [work["work"] for work in answer["detail"]] == ids[1:3]
    assert answer["detail_truncated"] is True
    assert (answer["offset"], answer["limit"]) == (1, 2)
    everything = post(client, f"{SEARCH}?limit=500", query, **bearer(outsider)).json()
    assert everything["limit"] == 100
    assert [work["work"] for work in everything["detail"]] == ids
    assert everything["detail_truncated"] is False
    bare = post(client, SEARCH, query | {"detail": False}, **bearer(outsider)).json()
    assert "detail" not in bare
    assert bare["works"] == ids


@pytest.mark.parametrize(
    ("change", "loc", "message"),
    [
        ({"media": None}, ["body", "media"], "This field is required."),
        (
            {"window": {"start": "2026-02-30"}},
            ["body", "window", "start"],
            "Enter a date such as 2027-01-31.",
        ),
        (
            {"window": {"start": "2026-03-01", "end": "2026-03-01"}},
            ["body", "window", "end"],
            "The end (the first day not covered) must come after the start.",
        ),
        (
            {"territories": "Narnia"},
            ["body", "territories"],
            "“NARNIA” is not a country or a territory group.",
        ),
        (
            {"media": "SVOD excluding ON_DEMAND"},
            ["body", "media"],
            "“SVOD excluding ON_DEMAND” leaves no medium.",
        ),
        ({"match": "somewhere"}, ["body", "match"], "Choose one of: cover_entire, overlap."),
        ({"language_uses": ["ru:sung"]}, ["body", "language_uses", 0], "“ru:sung” is not a language use"),
        ({"works": ["the-bell"]}, ["body", "works"], "Send null, or a list of film ids."),
        ({"min_window_days": 0}, ["body", "min_window_days"], "Enter a whole number of at least 1."),
    ],
)
def test_a_bad_query_is_a_422_naming_the_field(client, outsider, change, loc, message):
    query = {k: v for k, v in (theatrical_query() | change).items() if v is not None}

    response = post(client, SEARCH, query, **bearer(outsider))

    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == loc
    assert error["msg"].startswith(message)


def test_query_errors_are_in_the_language_of_the_request(client, outsider):
    query = {k: v for k, v in theatrical_query().items() if k != "media"}

    response = post(client, SEARCH, query, HTTP_ACCEPT_LANGUAGE="ru", **bearer(outsider))

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "media"], "msg": "Обязательное поле.", "type": "invalid"}
    ]


def test_a_body_that_is_not_an_object_is_a_422(client, outsider):
    response = post(client, SEARCH, ["THEATRICAL"], **bearer(outsider))

    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "Send an object here."


def test_a_search_sees_a_grant_entered_just_before(client, film, held, editor, outsider):
    query = theatrical_query(territories="BY", match="cover_entire")
    assert post(client, SEARCH, query, **bearer(outsider)).json()["works"] == [film.pk]

    grant_create(actor=editor, data=exclusive_out(film, media="THEATRICAL"))

    assert post(client, SEARCH, query, **bearer(outsider)).json()["works"] == []


# --- the grid --------------------------------------------------------------------------------------


def grid(client, film, user, query: str = "start=2026-03-01&end=2026-06-01", **headers: Any):
    return client.get(f"/api/v1/rights/films/{film.slug}/grid?{query}", **bearer(user), **headers)


def test_the_grid_covers_every_medium_and_territory_of_the_film(client, film, licence, holder_viewer):
    response = grid(client, film, holder_viewer)

    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["work"] == film.pk
    assert answer["film"] == "the-bell"
    assert answer["window"] == {"start": "2026-03-01", "end": "2026-06-01"}
    blocked = [region for region in answer["regions"] if not region["available"]]
    assert len(blocked) == 1
    assert blocked[0]["media"] == "THEATRICAL"
    assert blocked[0]["territories"] == "BY"
    assert blocked[0]["blocking"] == [licence.pk]
    assert {"media", "territories", "windows", "blocking", "not_held", "summary"} <= set(blocked[0])
    available = [region for region in answer["regions"] if region["available"]]
    assert available
    assert all(region["windows"] for region in available)


def test_the_grid_withholds_other_parties_grant_ids(client, film, licence, outsider):
    answer = grid(client, film, outsider).json()

    (blocked,) = [region for region in answer["regions"] if not region["available"]]
    assert blocked["blocking"] == []
    assert blocked["undisclosed_blocking"] is True


def test_the_grid_of_a_film_with_no_rights_says_nothing_is_held(client, farabi, outsider):
    bare = FilmFactory(owner=farabi)

    answer = grid(client, bare, outsider).json()

    assert answer["available"] is False
    assert all(region["not_held"] and not region["available"] for region in answer["regions"])


def test_the_grid_asks_for_exclusivity_when_told(client, film, held, editor, outsider):
    grant_create(
        actor=editor,
        data=exclusive_out(film, media="SVOD", territories="RU", exclusivity=Exclusivity.NON_EXCLUSIVE),
    )

    plain = grid(client, film, outsider).json()
    exclusive = grid(client, film, outsider, "start=2026-03-01&end=2026-06-01&exclusive=true").json()

    assert all(region["available"] for region in plain["regions"])
    (blocked,) = [region for region in exclusive["regions"] if not region["available"]]
    assert (blocked["media"], blocked["territories"]) == ("SVOD", "RU")


def test_the_grid_follows_the_catalogues_visibility(client, farabi, outsider, holder_viewer):
    hidden = FilmFactory(owner=farabi, is_published=False)

    assert grid(client, hidden, outsider).status_code == 404
    assert grid(client, hidden, holder_viewer).status_code == 200
    assert client.get(f"/api/v1/rights/films/{hidden.slug}/grid").status_code == 401


@pytest.mark.parametrize(
    ("query", "loc"),
    [("start=someday", ["query", "start"]), ("start=2026-06-01&end=2026-03-01", ["query", "end"])],
)
def test_a_bad_grid_window_is_a_422(client, film, outsider, query, loc):
    response = grid(client, film, outsider, query)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == loc


# --- conflict check --------------------------------------------------------------------------------


def proposal(film, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "work": film.pk,
        "direction": "out",
        "media": "THEATRICAL",
        "territories": ["BY", "KZ"],
        "exclusivity": "non_exclusive",
        "term": {"start": "2026-06-01", "end": "2026-09-01"},
    }
    body.update(changes)
    return body


def test_check_explains_the_conflict_and_writes_nothing(client, tmp_path, film, licence, editor):
    before = (Grant.objects.count(), GrantAudit.objects.count())

    response = post(client, CHECK, proposal(film), **bearer(editor))

    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["ok"] is False
    (conflict,) = answer["conflicts"]
    assert conflict["rule"] == "touches_exclusive"
    assert conflict["grant"] == licence.pk
    assert conflict["undisclosed"] is False
    assert f"#{licence.pk}" in conflict["message"]
    assert conflict["where"]["territories"] == "BY"
    assert (Grant.objects.count(), GrantAudit.objects.count()) == before
    expected = command_answer(tmp_path, {"checks": [proposal(film) | {"id": 0}]})["checks"][0]
    plain = {k: v for k, v in answer.items() if k != "vocabulary_version"}
    for item in plain["conflicts"]:
        for extra in ("message", "undisclosed"):
            del item[extra]
        del item["where"]["undisclosed_blocking"]
    assert plain == expected | {"id": "grant"}


def test_check_of_a_grant_that_fits_is_ok(client, film, licence, editor):
    answer = post(client, CHECK, proposal(film, territories="KZ"), **bearer(editor)).json()

    assert answer == {
        "id": "grant",
        "ok": True,
        "conflicts": [],
        "vocabulary_version": answer["vocabulary_version"],
    }


def test_check_of_a_change_leaves_the_grant_itself_out(client, film, licence, editor):
    moved = proposal(film, id=licence.pk, exclusivity="exclusive", territories="BY")

    assert post(client, CHECK, moved, **bearer(editor)).json()["ok"] is True


def test_only_editors_of_the_films_owner_may_check(client, film, farabi, licence, holder_viewer, licensee):
    for user in (holder_viewer, licensee):
        assert post(client, CHECK, proposal(film), **bearer(user)).status_code == 403
    assert post(client, CHECK, proposal(film)).status_code == 401


def test_check_of_a_film_you_may_not_see_says_there_is_no_such_film(client, farabi, outsider):
    hidden = FilmFactory(owner=farabi, is_published=False)

    response = post(client, CHECK, proposal(hidden), **bearer(outsider))

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "work"], "msg": "There is no such film.", "type": "invalid"}
    ]


def test_check_reads_the_grant_as_the_avails_json_does(client, film, editor):
    response = post(client, CHECK, proposal(film, direction="sideways"), **bearer(editor))

    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "direction"]
    assert error["msg"] == "Choose one of: in, out, holdback."


def test_check_withholds_a_grant_the_editor_may_not_see(client, film, held, editor):
    """A holdback in another organisation's ledger for the same film: its id is not disclosed."""
    agent = OrganisationFactory(slug="sales-agent", country="FR")
    holdback = grant_create(
        actor=None,
        data=grant_input(
            film,
            holder_id=agent.pk,
            direction=Direction.HOLDBACK,
            media="THEATRICAL",
            territories="BY",
            start=date(2026, 1, 1),
            end=date(2027, 1, 1),
            reference="AGENT-SECRET",
        ),
    )

    answer = post(client, CHECK, proposal(film), **bearer(editor)).json()

    (conflict,) = answer["conflicts"]
    assert conflict["rule"] == "touches_holdback"
    assert conflict["grant"] is None
    assert conflict["undisclosed"] is True
    assert f"#{holdback.pk}" not in conflict["message"]
    assert "AGENT-SECRET" not in json.dumps(answer)


# --- grants ----------------------------------------------------------------------------------------


def test_each_party_sees_the_licence_and_nobody_else_does(
    client, film, farabi, held, licence, holder_viewer, licensee, outsider, other_editor
):
    url = f"/api/v1/rights/films/{film.slug}/grants"
    film_body = member_of(OrganisationFactory(kind=OrganisationKind.FILM_BODY, country="IR"), Role.VIEWER)

    assert {g["id"] for g in client.get(url, **bearer(holder_viewer)).json()["items"]} == {
        held.pk,
        licence.pk,
    }
    assert {g["id"] for g in client.get(url, **bearer(film_body)).json()["items"]} == {held.pk, licence.pk}
    assert [g["id"] for g in client.get(url, **bearer(licensee)).json()["items"]] == [licence.pk]
    for stranger in (outsider, other_editor):
        response = client.get(url, **bearer(stranger))
        assert response.json() == {"items": [], "count": 0}
        assert client.get(f"{GRANTS}/{licence.pk}", **bearer(stranger)).status_code == 404
        assert REFERENCE not in response.content.decode()
    assert client.get(url).status_code == 401


def test_a_grant_shows_its_terms_to_its_parties(client, film, licence, licensee):
    response = client.get(f"{GRANTS}/{licence.pk}", **bearer(licensee))

    assert response.status_code == 200
    grant = response.json()
    assert grant["film"] == "the-bell"
    assert grant["work"] == film.pk
    assert (grant["holder"], grant["counterparty"]) == ("farabi", "minsk-cinemas")
    assert (grant["reference"], grant["notes"]) == (REFERENCE, NOTES)
    assert (grant["direction"], grant["exclusivity"], grant["status"]) == ("out", "exclusive", "active")
    assert (grant["media"], grant["territories"]) == ("THEATRICAL", "BY")
    assert grant["term"]["kind"] == "fixed"
    assert (grant["term"]["start"], grant["term"]["end"]) == ("2026-01-01", "2027-01-01")
    assert grant["language_uses"] is None
    assert grant["can_edit"] is False


def grant_body(film, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "work": film.pk,
        "direction": "out",
        "media": "SVOD",
        "territories": "CIS excluding BY",
        "exclusivity": "exclusive",
        "language_uses": ["ru:dubbed", "fa:original"],
        "term": {"start": "2027-01-01", "end": "2029-01-01"},
        "counterparty_name": "Okko",
        "reference": "OKKO-1",
    }
    body.update(changes)
    return body


def test_an_editor_enters_a_grant(client, film, held, editor):
    response = post(client, GRANTS, grant_body(film), **bearer(editor))

    assert response.status_code == 201, response.content
    grant = response.json()
    row = Grant.objects.get(pk=grant["id"])
    assert row.created_by == editor
    assert row.holder == film.owner
    assert grant["territories"] == row.territories_entered
    assert grant["language_uses"] == ["fa:original", "ru:dubbed"]
    assert (grant["term"]["start"], grant["term"]["end"]) == ("2027-01-01", "2029-01-01")
    assert grant["can_edit"] is True
    assert GrantAudit.objects.filter(grant=row, action="create").exists()


def test_a_relative_term_waits_for_its_event(client, film, held, editor):
    term = {"event": "theatrical:BY", "start_after": {"months": 6}, "duration": {"months": 24}}

    response = post(client, GRANTS, grant_body(film, term=term), **bearer(editor))

    assert response.status_code == 201, response.content
    got = response.json()["term"]
    assert got["kind"] == "relative"
    assert got["event"] == "theatrical:BY"
    assert got["start_after"] == {"months": 6, "days": 0}
    assert got["duration"] == {"months": 24, "days": 0}
    assert (got["start"], got["end"], got["waiting"]) == (None, None, True)


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"territories": "Narnia"}, ["body", "territories"]),
        ({"media": "Carrier pigeon"}, ["body", "media"]),
        ({"language_uses": ["ru:sung"]}, ["body", "language_uses"]),
        ({"counterparty": "nobody-here"}, ["body", "counterparty"]),
        ({"term": {"start": "2029-01-01", "end": "2027-01-01"}}, ["body", "term", "end"]),
        ({"term": {"event": "premiere"}}, ["body", "term", "event"]),
        ({"exclusivity": "co_exclusive"}, ["body", "co_exclusive_group"]),
        ({"work": 999_999}, ["body", "work"]),
    ],
)
def test_a_refused_grant_is_a_422_on_its_field_and_nothing_is_saved(client, film, held, editor, change, loc):
    response = post(client, GRANTS, grant_body(film, **change), **bearer(editor))

    assert response.status_code == 422, response.content
    (error,) = response.json()["detail"]
    assert error["loc"] == loc
    assert error["msg"]
    assert Grant.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"direction": "sideways"}, ["body", "payload", "direction"]),
        ({"term": {"start": "next spring"}}, ["body", "payload", "term", "start"]),
        ({"territories": 7}, ["body", "payload", "territories"]),
        ({"exclusive": True}, ["body", "payload", "exclusive"]),
    ],
)
def test_a_malformed_grant_is_a_422_in_the_language_of_the_request(client, film, held, editor, change, loc):
    response = post(client, GRANTS, grant_body(film, **change), HTTP_ACCEPT_LANGUAGE="ru", **bearer(editor))

    assert response.status_code == 422, response.content
    (error,) = response.json()["detail"]
    assert error["loc"] == loc
    assert error["msg"]
    assert Grant.objects.count() == 1


def test_a_grant_the_conflict_rules_refuse_is_a_409_with_the_conflicts_explained(
    client, film, licence, editor
):
    body = grant_body(film, media="THEATRICAL", territories="BY", language_uses=None, term=None)

    response = post(client, GRANTS, body, **bearer(editor))

    assert response.status_code == 409, response.content
    answer = response.json()
    assert answer["detail"].startswith("This grant conflicts with the rights of the film")
    rules = {(c["rule"], c["grant"]) for c in answer["conflicts"]}
    assert ("exclusive_overlap", licence.pk) in rules
    assert all(c["message"] and c["where"]["media"] == "THEATRICAL" for c in answer["conflicts"])
    assert Grant.objects.count() == 2


def test_only_editors_of_the_owner_may_enter_grants(
    client, film, held, holder_viewer, licensee, other_editor
):
    for user in (holder_viewer, licensee, other_editor):
        assert post(client, GRANTS, grant_body(film), **bearer(user)).status_code == 403
    assert post(client, GRANTS, grant_body(film)).status_code == 401
    assert Grant.objects.count() == 1


def test_an_editor_terminates_a_licence(client, film, licence, editor, outsider):
    query = theatrical_query(territories="BY", match="cover_entire")
    assert post(client, SEARCH, query, **bearer(outsider)).json()["works"] == []

    response = patch(client, f"{GRANTS}/{licence.pk}", {"status": "terminated"}, **bearer(editor))

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "terminated"
    licence.refresh_from_db()
    assert licence.status == Status.TERMINATED
    assert GrantAudit.objects.filter(grant=licence, action="status").exists()
    assert post(client, SEARCH, query, **bearer(outsider)).json()["works"] == [film.pk]


def test_a_status_the_grant_cannot_take_is_a_422(client, licence, editor):
    patch(client, f"{GRANTS}/{licence.pk}", {"status": "terminated"}, **bearer(editor))

    response = patch(client, f"{GRANTS}/{licence.pk}", {"status": "active"}, **bearer(editor))

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "status"]


def test_an_editor_changes_some_fields_and_keeps_the_rest(client, licence, editor):
    response = patch(
        client,
        f"{GRANTS}/{licence.pk}",
        {"reference": "MINSK-2", "term": {"start": "2026-01-01", "end": "2026-07-01"}},
        **bearer(editor),
    )

    assert response.status_code == 200, response.content
    grant = response.json()
    assert grant["reference"] == "MINSK-2"
    assert grant["term"]["end"] == "2026-07-01"
    assert (grant["counterparty"], grant["notes"], grant["media"]) == ("minsk-cinemas", NOTES, "THEATRICAL")
    audit = GrantAudit.objects.get(grant=licence, action="update")
    assert (audit.before["reference"], audit.after["reference"]) == (REFERENCE, "MINSK-2")


def test_a_change_into_a_conflict_is_a_409(client, film, held, licence, editor):
    other = grant_create(actor=editor, data=exclusive_out(film, media="THEATRICAL", territories="RU"))

    response = patch(client, f"{GRANTS}/{other.pk}", {"territories": "BY + RU"}, **bearer(editor))

    assert response.status_code == 409
    assert {c["grant"] for c in response.json()["conflicts"]} == {licence.pk}
    other.refresh_from_db()
    assert other.territories_entered == "RU"


def test_parties_who_may_not_edit_cannot_change_a_grant(client, licence, licensee, outsider):
    assert (
        patch(client, f"{GRANTS}/{licence.pk}", {"status": "terminated"}, **bearer(licensee)).status_code
        == 403
    )
    assert (
        patch(client, f"{GRANTS}/{licence.pk}", {"status": "terminated"}, **bearer(outsider)).status_code
        == 404
    )
    licence.refresh_from_db()
    assert licence.status == Status.ACTIVE


# --- OpenAPI ---------------------------------------------------------------------------------------


def test_the_openapi_document_still_generates_with_the_rights_endpoints(client):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {
        "/api/v1/rights/avails/search",
        "/api/v1/rights/films/{slug}/grid",
        "/api/v1/rights/grants/check",
        "/api/v1/rights/films/{slug}/grants",
        "/api/v1/rights/grants",
        "/api/v1/rights/grants/{grant_id}",
    } <= set(paths)
    assert {"200", "409", "422"} <= set(paths["/api/v1/rights/grants/{grant_id}"]["patch"]["responses"])
    search = paths["/api/v1/rights/avails/search"]["post"]
    assert {"offset", "limit"} <= {p["name"] for p in search["parameters"]}
    assert search["requestBody"]["content"]["application/json"]["example"]["media"] == "SVOD"
