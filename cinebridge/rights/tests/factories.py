"""Factories for rights: service input, and rows written straight to the tables.

`GrantFactory` bypasses the services: no conflict rules, no audit, no version raised, so a process's
index does not learn of it (call `loader.forget_current_index()` after, or use the services).
"""

from datetime import date
from typing import Any

import factory

from cinebridge.catalogue.models import Film
from cinebridge.catalogue.tests.factories import FilmFactory
from cinebridge.rights.convert import GrantInput, Normaliser
from cinebridge.rights.engine.types import Direction, Exclusivity, Status
from cinebridge.rights.models import Grant, ReleaseEvent

_normaliser: Normaliser | None = None


def normaliser() -> Normaliser:
    global _normaliser
    if _normaliser is None:
        _normaliser = Normaliser()
    return _normaliser


def grant_input(work: Film, **fields: Any) -> GrantInput:
    """A GrantInput for `work` held by its owner: by default everything held, active, from 2020 on."""
    defaults: dict[str, Any] = {
        "work_id": work.pk,
        "holder_id": work.owner_id,
        "direction": Direction.IN,
        "territories": "World",
        "media": "ALL_MEDIA",
        "sublicensable": True,
        "start": date(2020, 1, 1),
        "contract_date": date(2024, 1, 1),
    }
    defaults.update(fields)
    return GrantInput(**defaults)


def exclusive_out(work: Film, **fields: Any) -> GrantInput:
    """An exclusive OUT licence of SVOD in Belarus for 2026 (inside what `grant_input()` holds)."""
    defaults: dict[str, Any] = {
        "direction": Direction.OUT,
        "exclusivity": Exclusivity.EXCLUSIVE,
        "territories": "BY",
        "media": "SVOD",
        "sublicensable": False,
        "start": date(2026, 1, 1),
        "end": date(2027, 1, 1),
    }
    defaults.update(fields)
    return grant_input(work, **defaults)


class GrantFactory(factory.django.DjangoModelFactory[Grant]):
    """A grant row, its keys resolved from `territories_entered` / `media_entered` at the contract date."""

    class Meta:
        model = Grant

    work = factory.SubFactory(FilmFactory)
    holder = factory.LazyAttribute(lambda o: o.work.owner)
    direction = Direction.IN.value
    exclusivity = Exclusivity.NON_EXCLUSIVE.value
    status = Status.ACTIVE.value
    sublicensable = True
    territories_entered = "World"
    media_entered = "ALL_MEDIA"
    contract_date = date(2024, 1, 1)
    start_date = date(2020, 1, 1)
    territory_keys = factory.LazyAttribute(
        lambda o: normaliser().territories(o.territories_entered, o.contract_date).keys
    )
    media_keys = factory.LazyAttribute(lambda o: normaliser().media(o.media_entered).keys)
    vocabulary_version = factory.LazyFunction(lambda: normaliser().version)


class ReleaseEventFactory(factory.django.DjangoModelFactory[ReleaseEvent]):
    class Meta:
        model = ReleaseEvent

    work = factory.SubFactory(FilmFactory)
    kind = "theatrical"
    territory = "BY"
    date = date(2026, 3, 1)
