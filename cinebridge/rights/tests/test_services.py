"""Writing grants: normalisation, conflict rules under the work's lock, audit, version, imports, events."""

from dataclasses import replace
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cinebridge.accounts.models import OrganisationKind, Role
from cinebridge.accounts.tests.factories import OrganisationFactory, member_of
from cinebridge.catalogue.tests.factories import FilmFactory
from cinebridge.core.errors import ApplicationError
from cinebridge.rights import services
from cinebridge.rights.engine import vocabulary
from cinebridge.rights.engine.types import Direction, Exclusivity, Rule, Status, day
from cinebridge.rights.loader import read_state
from cinebridge.rights.models import AuditAction, Grant, GrantAudit, ReleaseEvent, TermKind
from cinebridge.rights.services import (
    GrantConflict,
    ImportRefused,
    grant_create,
    grant_set_status,
    grant_update,
    grants_import,
    release_event_record,
)

from .factories import exclusive_out, grant_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def film(farabi):
    return FilmFactory(owner=farabi)


@pytest.fixture
def held(film, editor):
    """Farabi holds every medium everywhere from 2020 on, with the right to license on."""
    return grant_create(actor=editor, data=grant_input(film))


def keys(codes, numeric):
    return " ".join(str(k) for k in sorted(numeric(code) for code in codes))


# --- one grant -------------------------------------------------------------------------------


def test_a_grant_keeps_its_expressions_as_entered_and_as_leaves(film, editor):
    grant = grant_create(
        actor=editor,
        data=grant_input(film, territories="world excl. US, CA", media="on_demand excluding avod"),
    )
    vocab = vocabulary.load_vocabularies()
    grant.refresh_from_db()
    assert grant.territories_entered == "WORLD excluding US, CA"
    assert grant.media_entered == "ON_DEMAND excluding AVOD"
    world = vocab.territories.members("WORLD", date(2024, 1, 1))
    assert grant.territory_keys == keys(world - {"US", "CA"}, vocab.territories.numeric_id)
    assert "840" not in grant.territory_keys.split()
    assert grant.media_keys == keys({"SVOD", "TVOD", "EST", "FAST"}, vocab.media.leaf_id)
    assert grant.vocabulary_version == vocab.version
    assert grant.created_by == editor


def test_group_membership_is_taken_at_the_contract_date(film, editor):
    before = grant_create(
        actor=editor, data=grant_input(film, territories="CIS", contract_date=date(2008, 1, 1))
    )
    after = grant_create(
        actor=editor, data=grant_input(film, territories="CIS", contract_date=date(2020, 1, 1))
    )
    georgia, ukraine = "268", "804"
    assert georgia in before.territory_keys.split()
    assert ukraine in before.territory_keys.split()
    assert georgia not in after.territory_keys.split()
    assert ukraine not in after.territory_keys.split()


def test_the_contract_date_defaults_to_today(film, editor):
    grant = grant_create(actor=editor, data=grant_input(film, contract_date=None))
    assert grant.contract_date == date.today()  # noqa: DTZ011 (the test settings' time zone is UTC)


def test_language_uses_are_stored_sorted_and_checked(film, editor):
    grant = grant_create(
        actor=editor, data=grant_input(film, language_uses="ru:dubbed fa:original ru:dubbed")
    )
    assert grant.language_uses == "fa:original ru:dubbed"
    with pytest.raises(ApplicationError) as refused:
        grant_create(actor=editor, data=grant_input(film, language_uses="ru:mimed"))
    assert refused.value.field == "language_uses"
    assert "ru:mimed" in refused.value.message


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"territories": "Narnia"}, "territories"),
        ({"territories": ""}, "territories"),
        ({"territories": "World excluding World"}, "territories"),
        ({"media": "Telepathy"}, "media"),
        ({"start": date(2026, 1, 1), "end": date(2026, 1, 1)}, "end"),
        ({"exclusivity": Exclusivity.CO_EXCLUSIVE}, "co_exclusive_group"),
        ({"co_exclusive_group": "partners"}, "co_exclusive_group"),
        ({"direction": Direction.OUT, "licensing_until": date(2030, 1, 1)}, "licensing_until"),
        ({"event": "premiere"}, "event"),
        ({"event": "theatrical:XX"}, "event"),
        ({"event": "theatrical:BY", "duration_months": 0, "duration_days": 0}, "duration_months"),
        ({"direction": "sideways"}, "direction"),
        ({"source": "rumour"}, "source"),
        ({"holder_id": 0}, "holder_id"),
        ({"counterparty_id": 0}, "counterparty_id"),
        ({"work_id": 0}, "work_id"),
    ],
)
def test_a_wrong_field_is_named_and_nothing_is_written(film, editor, fields, field):
    version = read_state()[0]
    with pytest.raises(ApplicationError) as refused:
        grant_create(actor=editor, data=grant_input(film, **fields))
    assert refused.value.field == field
    assert refused.value.message
    assert not Grant.objects.exists()
    assert not GrantAudit.objects.exists()
    assert read_state()[0] == version


def test_only_the_owners_editors_enter_grants(film, farabi):
    with pytest.raises(PermissionDenied):
        grant_create(actor=member_of(farabi, Role.VIEWER), data=grant_input(film))
    stranger = member_of(OrganisationFactory(kind=OrganisationKind.RIGHTS_HOLDER), Role.ADMIN)
    with pytest.raises(PermissionDenied):
        grant_create(actor=stranger, data=grant_input(film))
    assert not Grant.objects.exists()


def test_a_change_is_audited_and_raises_the_version(film, editor):
    version = read_state()[0]
    grant = grant_create(actor=editor, data=grant_input(film))
    audit = GrantAudit.objects.get()
    assert (audit.grant, audit.work_id, audit.actor, audit.action) == (
        grant,
        film.pk,
        editor,
        AuditAction.CREATE,
    )
    assert audit.before is None
    assert audit.after["territories_entered"] == "WORLD"
    assert audit.after["start_date"] == "2020-01-01"
    assert audit.version == version + 1 == read_state()[0]
    assert audit.stamp == read_state()[1]


# --- conflict rules --------------------------------------------------------------------------


def test_two_exclusive_licences_of_the_same_cells_and_time_conflict(film, editor, held):
    first = grant_create(actor=editor, data=exclusive_out(film))
    with pytest.raises(GrantConflict) as refused:
        grant_create(
            actor=editor, data=exclusive_out(film, territories="BY, RU", start=date(2026, 6, 1), end=None)
        )
    (conflict,) = refused.value.conflicts
    assert conflict.rule is Rule.EXCLUSIVE_OVERLAP
    assert conflict.grant == first.pk
    assert conflict.where.territories == {"BY"}
    assert conflict.where.media == {"SVOD"}
    assert conflict.where.windows == ((day(date(2026, 6, 1)), day(date(2027, 1, 1))),)
    assert f"#{first.pk}" in refused.value.message
    assert refused.value.extra["conflicts"][0]["rule"] == "exclusive_overlap"
    assert Grant.objects.count() == 2


def test_half_open_terms_that_meet_do_not_overlap(film, editor, held):
    grant_create(actor=editor, data=exclusive_out(film))
    grant_create(actor=editor, data=exclusive_out(film, start=date(2027, 1, 1), end=date(2028, 1, 1)))
    assert Grant.objects.filter(direction="out").count() == 2


def test_licensing_out_what_is_not_held_is_refused(film, editor):
    with pytest.raises(GrantConflict) as refused:
        grant_create(actor=editor, data=exclusive_out(film))
    assert [c.rule for c in refused.value.conflicts] == [Rule.NOT_HELD]
    assert refused.value.conflicts[0].grant is None


def test_a_draft_is_not_checked_until_it_binds(film, editor, held):
    grant_create(actor=editor, data=exclusive_out(film))
    draft = grant_create(actor=editor, data=exclusive_out(film, status=Status.DRAFT))
    with pytest.raises(GrantConflict):
        grant_set_status(actor=editor, grant=draft, status=Status.ACTIVE)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_terminating_a_licence_frees_its_cells(film, editor, held):
    first = grant_create(actor=editor, data=exclusive_out(film))
    grant_set_status(actor=editor, grant=first, status=Status.TERMINATED)
    grant_create(actor=editor, data=exclusive_out(film))
    audit = GrantAudit.objects.filter(grant=first, action=AuditAction.STATUS).get()
    assert (audit.before["status"], audit.after["status"]) == ("active", "terminated")


def test_a_terminated_grant_stays_terminated(film, editor, held):
    grant_set_status(actor=editor, grant=held, status=Status.TERMINATED)
    with pytest.raises(ApplicationError) as refused:
        grant_set_status(actor=editor, grant=held, status=Status.ACTIVE)
    assert refused.value.field == "status"


def test_an_update_is_checked_against_the_other_grants_not_itself(film, editor, held):
    licence = grant_create(actor=editor, data=exclusive_out(film))
    other = grant_create(actor=editor, data=exclusive_out(film, territories="RU"))
    changed = grant_update(actor=editor, grant=licence, data=exclusive_out(film, end=date(2027, 6, 1)))
    assert changed.end_date == date(2027, 6, 1)
    with pytest.raises(GrantConflict) as refused:
        grant_update(actor=editor, grant=other, data=exclusive_out(film, territories="RU, BY"))
    assert refused.value.conflicts[0].grant == licence.pk
    audit = GrantAudit.objects.get(grant=licence, action=AuditAction.UPDATE)
    assert (audit.before["end_date"], audit.after["end_date"]) == ("2027-01-01", "2027-06-01")
    other.refresh_from_db()
    assert other.territory_keys == "643"


def test_an_update_follows_the_status_transitions(film, editor, held):
    with pytest.raises(ApplicationError) as refused:
        grant_update(actor=editor, grant=held, data=grant_input(film, status=Status.DRAFT))
    assert refused.value.field == "status"
    with pytest.raises(ApplicationError) as refused:
        grant_update(actor=editor, grant=held, data=grant_input(film, status="forgotten"))
    assert refused.value.field == "status"
    held.refresh_from_db()
    assert held.status == Status.ACTIVE


def test_an_update_that_changes_nothing_writes_nothing(film, editor, held):
    version = read_state()[0]
    grant_update(actor=editor, grant=held, data=grant_input(film))
    assert read_state()[0] == version
    assert GrantAudit.objects.filter(action=AuditAction.UPDATE).count() == 0


def test_a_grant_gives_back_the_input_it_came_from(film, editor, held):
    relative = grant_create(
        actor=editor,
        data=exclusive_out(
            film, event="theatrical:BY", start_after_days=10, duration_months=3, start=None, end=None
        ),
    )
    release_event_record(actor=editor, work=film, kind="theatrical", territory="BY", on=date(2026, 3, 1))
    version = read_state()[0]
    for grant in (held, relative):
        grant.refresh_from_db()
        grant_update(actor=editor, grant=grant, data=services.grant_input_of(grant))
    assert read_state()[0] == version
    longer = replace(services.grant_input_of(held), end=date(2040, 1, 1))
    assert grant_update(actor=editor, grant=held, data=longer).end_date == date(2040, 1, 1)


def test_a_grant_cannot_move_to_another_film(film, editor, held, farabi):
    other_film = FilmFactory(owner=farabi)
    with pytest.raises(ApplicationError) as refused:
        grant_update(actor=editor, grant=held, data=grant_input(other_film))
    assert refused.value.field == "work_id"


# --- relative terms and release events -------------------------------------------------------


def test_a_relative_term_blocks_until_its_event_then_takes_its_dates(film, editor, held):
    relative = exclusive_out(
        film, event="theatrical:BY", start_after_months=6, duration_months=12, start=None, end=None
    )
    waiting = grant_create(actor=editor, data=relative)
    assert waiting.term_kind == TermKind.RELATIVE
    assert (waiting.start_date, waiting.end_date) == (None, None)
    # Waiting, it blocks at every time: even a licence long before the release conflicts.
    with pytest.raises(GrantConflict):
        grant_create(actor=editor, data=exclusive_out(film, start=date(2021, 1, 1), end=date(2022, 1, 1)))
    version = read_state()[0]

    event = release_event_record(
        actor=editor, work=film, kind="theatrical", territory="BY", on=date(2026, 3, 15)
    )

    assert event.key == "theatrical:BY"
    waiting.refresh_from_db()
    assert (waiting.start_date, waiting.end_date) == (date(2026, 9, 15), date(2027, 9, 15))
    assert read_state()[0] == version + 1
    actions = set(GrantAudit.objects.filter(version=version + 1).values_list("action", flat=True))
    assert actions == {AuditAction.RESOLVE, AuditAction.EVENT}
    grant_create(actor=editor, data=exclusive_out(film, start=date(2021, 1, 1), end=date(2022, 1, 1)))


def test_a_corrected_event_date_moves_the_terms_again(film, editor, held):
    grant = grant_create(
        actor=editor,
        data=exclusive_out(film, event="theatrical:BY", start_after_months=1, start=None, end=None),
    )
    release_event_record(actor=editor, work=film, kind="theatrical", territory="BY", on=date(2026, 1, 31))
    release_event_record(actor=editor, work=film, kind="theatrical", territory="by", on=date(2026, 5, 31))
    grant.refresh_from_db()
    assert (grant.start_date, grant.end_date) == (date(2026, 6, 30), None)
    assert ReleaseEvent.objects.get().date == date(2026, 5, 31)


def test_a_grant_entered_after_its_event_gets_its_dates_at_once(film, editor, held):
    release_event_record(actor=editor, work=film, kind="theatrical", territory="BY", on=date(2026, 3, 1))
    grant = grant_create(
        actor=editor,
        data=exclusive_out(film, event="theatrical:BY", duration_days=30, start=None, end=None),
    )
    assert (grant.start_date, grant.end_date) == (date(2026, 3, 1), date(2026, 3, 31))


def test_an_event_needs_a_kind_and_a_country(film, editor):
    for kind, territory, field in (("Theatrical Release!", "BY", "kind"), ("theatrical", "XX", "territory")):
        with pytest.raises(ApplicationError) as refused:
            release_event_record(actor=editor, work=film, kind=kind, territory=territory, on=date(2026, 1, 1))
        assert refused.value.field == field


# --- imports ---------------------------------------------------------------------------------


def test_an_import_writes_every_grant_with_its_audit_under_one_version(film, editor):
    version = read_state()[0]
    seen = []
    items = [grant_input(film), exclusive_out(film), exclusive_out(film, territories="RU")]
    ids = grants_import(actor=editor, items=items, on_progress=seen.append)
    assert ids == sorted(ids)
    assert len(ids) == 3
    assert list(Grant.objects.order_by("pk").values_list("territory_keys", flat=True))[1:] == ["112", "643"]
    assert read_state()[0] == version + 1
    audits = GrantAudit.objects.filter(version=version + 1)
    assert sorted(audits.values_list("grant_id", flat=True)) == ids
    assert set(audits.values_list("action", flat=True)) == {AuditAction.IMPORT}
    assert seen == [3]


def test_an_imported_grant_is_stored_exactly_as_a_created_one(farabi, film, editor):
    data = exclusive_out(
        film,
        territories="CIS + IR excluding RU",
        media="ON_DEMAND excluding AVOD",
        language_uses="fa:subtitled ru:dubbed",
        event="theatrical:BY",
        start_after_months=2,
        duration_days=90,
        counterparty_name="Кинопрокат «Минск»",
        reference="FC-2026/7",
        notes="Tab\tand\nnewline, back\\slash",
        status=Status.DRAFT,
        source="ema",
    )
    (imported_id,) = grants_import(actor=editor, items=[data])
    created = grant_create(actor=editor, data=data)
    imported = Grant.objects.get(pk=imported_id)
    assert services.grant_snapshot(imported) == services.grant_snapshot(created)
    assert imported.created_by == editor
    assert GrantAudit.objects.get(grant=imported).after == services.grant_snapshot(created)


def test_an_import_is_all_or_nothing_and_names_every_bad_item(film, editor):
    items = [grant_input(film), grant_input(film, territories="Narnia"), grant_input(film, work_id=0)]
    with pytest.raises(ImportRefused) as refused:
        grants_import(actor=editor, items=items)
    assert [(p.index, p.field) for p in refused.value.problems] == [(1, "territories"), (2, "work_id")]
    assert not Grant.objects.exists()
    assert not GrantAudit.objects.exists()


def test_an_import_checks_its_items_against_each_other_in_any_order(film, editor):
    # The holding comes after the licence in the file: still held.
    grants_import(actor=editor, items=[exclusive_out(film), grant_input(film)])
    with pytest.raises(ImportRefused) as refused:
        grants_import(
            actor=editor, items=[exclusive_out(film, territories="UA"), exclusive_out(film, territories="UA")]
        )
    assert [(p.index, p.field) for p in refused.value.problems] == [(0, "conflict"), (1, "conflict")]
    assert "item 2 of this import" in refused.value.problems[0].message


def test_an_import_checks_against_the_grants_already_there(film, editor, held):
    existing = grant_create(actor=editor, data=exclusive_out(film))
    with pytest.raises(ImportRefused) as refused:
        grants_import(actor=editor, items=[grant_input(film, territories="RU"), exclusive_out(film)])
    (problem,) = refused.value.problems
    assert problem.index == 1
    assert f"#{existing.pk}" in problem.message
    assert Grant.objects.count() == 2


def test_an_import_refuses_films_the_actor_may_not_edit(film, editor):
    foreign = FilmFactory(owner=OrganisationFactory(kind=OrganisationKind.RIGHTS_HOLDER))
    with pytest.raises(ImportRefused) as refused:
        grants_import(actor=editor, items=[grant_input(film), grant_input(foreign)])
    assert [(p.index, p.field) for p in refused.value.problems] == [(1, "work_id")]


def import_queries(farabi, editor, film_count):
    films = FilmFactory.create_batch(film_count, owner=farabi)
    items = [grant_input(f, territories=territories) for f in films for territories in ("World", "CIS + IR")]
    items += [exclusive_out(f, territories=t) for f in films for t in ("BY", "RU", "IR")]
    with CaptureQueriesContext(connection) as queries:
        ids = grants_import(actor=editor, items=items)
    assert len(ids) == 5 * film_count
    # Besides the batched INSERTs (as many as the backend's parameter limit needs): reads and locks.
    return [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("INSERT")]


def test_an_import_reads_in_the_same_few_queries_whatever_its_size(farabi, editor):
    few = import_queries(farabi, editor, 2)
    many = import_queries(farabi, editor, 60)
    assert len(many) <= len(few) <= 15, many  # (the first also reads the actor's memberships)
    assert Grant.objects.count() == 310 == GrantAudit.objects.count()


def test_the_conflict_message_names_the_rule_the_grant_and_the_cells(film, editor, held):
    first = grant_create(actor=editor, data=exclusive_out(film))
    with pytest.raises(GrantConflict) as refused:
        grant_create(actor=editor, data=exclusive_out(film))
    message = services.describe_conflict(refused.value.conflicts[0])
    assert f"#{first.pk}" in message
    assert "SVOD" in message
    assert "BY" in message
    assert "2026-01-01" in message


def test_licensing_until_is_weighed_at_the_licences_contract_date(film, editor):
    grant_create(actor=editor, data=grant_input(film, licensing_until=date(2025, 12, 31)))
    concluded_in_time = exclusive_out(film, contract_date=date(2025, 6, 1))
    assert grant_create(actor=editor, data=concluded_in_time).pk
    concluded_late = exclusive_out(film, territories="RU", contract_date=None)  # today: after 2025
    with pytest.raises(GrantConflict) as refused:
        grant_create(actor=editor, data=concluded_late)
    assert [c.rule for c in refused.value.conflicts] == [Rule.LICENSING_PERIOD_OVER]
