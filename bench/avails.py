"""Benchmark: rights avails over a catalogue of 100,000 works and 1,000,000 grants (issue 3).

    .venv/bin/python bench/avails.py [--works 100000] [--grants 1000000] [--database-url URL] [--fresh]
    .venv/bin/python bench/avails.py --works 2000 --grants 20000 \
        --database-url postgres://postgres@127.0.0.1:5432/cinebridge_bench_avails_quick   # a quick run

Generates a synthetic catalogue (`bench/avails_data.py`) and writes it with COPY straight into the
rights tables of a dedicated PostgreSQL database (created and migrated here; kept between runs and
reused while the scale and seed are the same, replaced when they differ, `--fresh` reloads it). Then,
in this process (a fresh one when the catalogue was just loaded):

- builds the grant index the way the application does (`rights.loader.IndexLoader`);
- times catalogue-wide searches (one media leaf × one territory group × a two-year window, exclusive,
  cover-entire) through `engine.index.avails_search`, and the same questions as set-based SQL on
  PostgreSQL (intarray `&&`/`@>` over the generated `territory_ids`/`media_ids` columns with GIN
  indexes, `daterange`, `range_agg`), checking that both give the same works for every query;
- times one work's grid (all media leaves × all territories) with `avails_detail`, the conflict rules
  (`engine.conflicts.grant_conflicts`) for proposed grants, and an import of new grants through the
  `grants_import` service (every check, PostgreSQL's exclusion constraint included);
- measures the process's memory with the index built, and the index's own `memory_bytes()`.

Prints progress, then as its last line one JSON object (see bench/README.md for the keys).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import io
import json
import os
import pstats
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from avails_data import (  # noqa: E402 (beside this script; the repository root is put on the path first)
    GENERATOR_VERSION,
    QUERIES,
    TODAY,
    CatalogueGenerator,
    GrantSpec,
    QuerySpec,
    Resolver,
    WorkSpec,
    work_conflicts,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/cinebridge_bench_avails"
META_TABLE = "bench_avails_meta"
HOLDERS = 200
COUNTERPARTIES = 400
GRID_WORKS = 300
CONFLICT_CHECKS = 2000
COPY_BATCH = 5000

# Indexes for the SQL baseline (the engine needs none): blocking rows found by territory and media
# with GIN, holding rows read from a covering index.
BASELINE_INDEXES = (
    "CREATE INDEX IF NOT EXISTS bench_grant_blocking_territories ON rights_grant "
    "USING gin (territory_ids gin__int_ops) WHERE status = 'active' AND direction <> 'in'",
    "CREATE INDEX IF NOT EXISTS bench_grant_blocking_media ON rights_grant "
    "USING gin (media_ids gin__int_ops) WHERE status = 'active' AND direction <> 'in'",
    "CREATE INDEX IF NOT EXISTS bench_grant_holding ON rights_grant (work_id) "
    "INCLUDE (start_date, end_date, term_kind, media_ids, territory_ids) "
    "WHERE status = 'active' AND direction = 'in'",
)

# The avails question in SQL: a work qualifies when, in every cell (media leaf × country), the union
# of its active IN grants' terms covers the window, and no active OUT or holdback (the request is
# exclusive, so every OUT blocks) touches a cell during the window. A term waiting for its release
# event has NULL bounds: it holds nothing (excluded below) and blocks at every time (unbounded range).
# Most works are settled by one IN row that covers the whole box; those with several rows that might
# cover it together are pieced cell by cell (`range_agg` unions the terms of a cell).
BASELINE_SQL = """
WITH blocked AS (
    SELECT DISTINCT g.work_id
    FROM rights_grant g
    WHERE g.status = 'active' AND g.direction <> 'in'
      AND g.media_ids && %(media)s::integer[]
      AND g.territory_ids && %(territories)s::integer[]
      AND daterange(g.start_date, g.end_date, '[)') && daterange(%(start)s, %(end)s, '[)')
),
holding AS (
    SELECT g.work_id, g.territory_ids, g.media_ids, daterange(g.start_date, g.end_date, '[)') AS span
    FROM rights_grant g
    WHERE g.status = 'active' AND g.direction = 'in'
      AND (g.term_kind = 'fixed' OR g.start_date IS NOT NULL)
      AND g.media_ids && %(media)s::integer[]
      AND g.territory_ids && %(territories)s::integer[]
      AND daterange(g.start_date, g.end_date, '[)') && daterange(%(start)s, %(end)s, '[)')
      AND NOT EXISTS (SELECT 1 FROM blocked b WHERE b.work_id = g.work_id)
),
whole AS (
    SELECT DISTINCT work_id FROM holding
    WHERE territory_ids @> %(territories)s::integer[] AND media_ids @> %(media)s::integer[]
      AND span @> daterange(%(start)s, %(end)s, '[)')
),
several AS (  -- works that no single row settles, but two rows or more might together
    SELECT h.work_id FROM holding h
    WHERE NOT EXISTS (SELECT 1 FROM whole w WHERE w.work_id = h.work_id)
    GROUP BY h.work_id
    HAVING count(*) > 1
),
pieced AS (
    SELECT cells.work_id
    FROM (
        SELECT h.work_id
        FROM holding h
        JOIN several USING (work_id)
        CROSS JOIN LATERAL unnest(h.territory_ids & %(territories)s::integer[]) AS t(id)
        CROSS JOIN LATERAL unnest(h.media_ids & %(media)s::integer[]) AS m(id)
        GROUP BY h.work_id, t.id, m.id
        HAVING range_agg(h.span) @> daterange(%(start)s, %(end)s, '[)')
    ) AS cells
    GROUP BY cells.work_id
    HAVING count(*) = %(cells)s
)
SELECT work_id FROM whole
UNION ALL
SELECT work_id FROM pieced
ORDER BY 1
"""


# --- small helpers ----------------------------------------------------------------------------


def say(message: str) -> None:
    print(message, flush=True)


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def stats_ms(values: Sequence[float]) -> dict[str, float]:
    return {
        "p50": round(percentile(values, 50), 3),
        "p95": round(percentile(values, 95), 3),
        "max": round(max(values), 3),
    }


def rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed(function: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = function()
    return result, (time.perf_counter() - started) * 1000


# --- the database -----------------------------------------------------------------------------


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--works", type=int, default=100_000, help="works in the catalogue (100000)")
    parser.add_argument("--grants", type=int, default=1_000_000, help="grants in the catalogue (1000000)")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument(
        "--database-url", default=DEFAULT_DATABASE_URL, help="a PostgreSQL database of its own"
    )
    parser.add_argument(
        "--fresh", action="store_true", help="drop and reload the catalogue even if it matches"
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each engine query (5)")
    parser.add_argument("--sql-repeat", type=int, default=3, help="timed runs of each SQL query (3)")
    parser.add_argument("--import-works", type=int, default=5000, help="new works of the import batch")
    parser.add_argument("--import-grants", type=int, default=50_000, help="grants of the import batch")
    parser.add_argument(
        "--profile-import", action="store_true", help="print where the import spends its time"
    )
    parser.add_argument("--skip-sql", action="store_true", help="leave out the SQL baseline")
    return parser.parse_args()


def _signature(args: argparse.Namespace) -> str:
    return f"works={args.works} grants={args.grants} seed={args.seed} generator={GENERATOR_VERSION}"


def _prepare_database(url: str, signature: str, fresh: bool) -> bool:
    """Create the database when missing, drop it when it holds another catalogue; True: reuse it."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.scheme not in ("postgres", "postgresql", "pgsql") or not name:
        raise SystemExit(f"{url}: the benchmark needs a PostgreSQL database URL")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    if exists and not fresh:
        with psycopg.connect(url) as connection:
            has_meta = connection.execute("SELECT to_regclass(%s) IS NOT NULL", [META_TABLE]).fetchone()
            if has_meta and has_meta[0]:
                row = connection.execute(
                    f"SELECT value FROM {META_TABLE} WHERE key = 'signature'"  # noqa: S608 (a constant)
                ).fetchone()
                if row and row[0] == signature:
                    return True
    with psycopg.connect(maintenance, autocommit=True) as admin:
        if exists:
            say(f"dropping database {name} (another catalogue or --fresh)")
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return False


def _setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    os.environ.setdefault("DJANGO_DEBUG", "false")  # no query log
    import django

    django.setup()


def _meta_get() -> dict[str, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, value FROM {META_TABLE}")  # noqa: S608
        return dict(cursor.fetchall())


def _meta_put(values: dict[str, str]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key text PRIMARY KEY, value text NOT NULL)")
        for key, value in values.items():
            cursor.execute(
                f"INSERT INTO {META_TABLE} (key, value) VALUES (%s, %s) "  # noqa: S608
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                [key, value],
            )


class CopyWriter:
    """COPY rows of one model's table, by attribute name; unspecified fields take their defaults."""

    def __init__(self, model: Any, names: Sequence[str]) -> None:
        from django.db.models import NOT_PROVIDED

        self.model = model
        fields = model._meta.concrete_fields
        by_name = {f.attname: f for f in fields}
        unknown = set(names) - set(by_name)
        if unknown:
            raise SystemExit(f"{model._meta.db_table} has no columns {sorted(unknown)}")
        self.names = list(names)
        self.constants: list[tuple[str, Any]] = []
        for f in fields:
            if f.attname in names:
                continue
            if f.default is not NOT_PROVIDED:
                self.constants.append((f.column, f.get_default()))
            elif f.null:
                self.constants.append((f.column, None))
            elif f.blank and f.empty_strings_allowed:
                self.constants.append((f.column, ""))
            else:
                raise SystemExit(f"{model._meta.db_table}.{f.column}: the benchmark gives it no value")
        columns = [by_name[n].column for n in self.names] + [c for c, _ in self.constants]
        self.sql = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
        self.tail = tuple(v for _, v in self.constants)

    def write(self, rows: Iterable[Sequence[Any]]) -> int:
        """COPY the rows; a thread sends them, so that the server works while the rows are made."""
        from django.db import connection
        from psycopg.copy import QueuedLibpqWriter

        count = 0
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(self.sql, writer=QueuedLibpqWriter(raw)) as copy:
                for row in rows:
                    copy.write_row((*row, *self.tail))
                    count += 1
        return count


GRANT_NAMES = (
    "id", "created_at", "updated_at", "work_id", "holder_id", "counterparty_id", "counterparty_name",
    "direction", "exclusivity", "co_exclusive_group", "sublicensable", "licensing_until", "status",
    "territories_entered", "media_entered", "territory_keys", "media_keys", "language_uses",
    "vocabulary_version", "contract_date", "term_kind", "start_date", "end_date", "event",
    "start_after_months", "start_after_days", "duration_months", "duration_days", "reference", "notes",
    "source",
)  # fmt: skip
FILM_NAMES = (
    "id", "created_at", "updated_at", "owner_id", "slug", "original_title", "original_language", "kind",
    "audience", "year", "runtime_minutes", "is_published", "search_index_dirty",
)  # fmt: skip
EVENT_NAMES = ("id", "created_at", "updated_at", "work_id", "kind", "territory", "date")


def grant_row(grant: GrantSpec, version: str, now: datetime) -> tuple[Any, ...]:
    relative = bool(grant.event)
    return (
        grant.id, now, now, grant.work, grant.holder, grant.counterparty_id, grant.counterparty_name,
        grant.direction, grant.exclusivity, grant.co_exclusive_group, grant.sublicensable,
        grant.licensing_until, grant.status, grant.territories.text, grant.media.text,
        grant.territories.keys, grant.media.keys, grant.language_uses, version, grant.contract_date,
        "relative" if relative else "fixed", grant.start, grant.end, grant.event,
        grant.start_after[0], grant.start_after[1],
        grant.duration[0] if relative and grant.duration else None,
        grant.duration[1] if relative and grant.duration else None,
        grant.reference, "", "manual",
    )  # fmt: skip


def film_row(work: WorkSpec, rng: random.Random, now: datetime, prefix: str) -> tuple[Any, ...]:
    kind = rng.choices(("feature", "short", "documentary", "animation", "series"), (50, 20, 15, 10, 5))[0]
    audience = rng.choices(("general", "children", "youth"), (75, 15, 10))[0]
    language = rng.choices(("fa", "en", "ru", "be", "ar", "fr", "tr"), (40, 20, 15, 8, 8, 5, 4))[0]
    runtime = rng.randint(8, 30) if kind == "short" else rng.randint(70, 160)
    return (
        work.id, now, now, work.owner, f"{prefix}-{work.id}", f"{prefix.title()} film {work.id}", language,
        kind, audience, work.year, runtime, True, False,
    )  # fmt: skip


def event_rows(works: Iterable[WorkSpec], first_id: int, now: datetime) -> Iterable[tuple[Any, ...]]:
    next_id = first_id
    for work in works:
        for key, on in work.events.items():
            if on is not None:
                kind, _, territory = key.partition(":")
                yield (next_id, now, now, work.id, kind, territory, on)
                next_id += 1


def _organisations() -> tuple[list[int], list[int]]:
    from cinebridge.accounts.models import Organisation

    holders = list(
        Organisation.objects.filter(slug__startswith="bench-holder-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    counterparties = list(
        Organisation.objects.filter(slug__startswith="bench-licensee-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if holders and counterparties:
        return holders, counterparties
    rng = random.Random(7)
    countries = ("IR", "BY", "RU", "FR", "DE", "US", "TR", "KZ", "AE", "CN")
    Organisation.objects.bulk_create(
        [
            Organisation(slug=f"bench-holder-{i}", name=f"Bench Rights {i}", kind="rights_holder",
                         country=rng.choice(countries))
            for i in range(HOLDERS)
        ]
        + [
            Organisation(slug=f"bench-licensee-{i}", name=f"Bench Licensee {i}",
                         kind=rng.choice(("platform", "exhibitor")), country=rng.choice(countries))
            for i in range(COUNTERPARTIES)
        ]
    )  # fmt: skip
    return _organisations()


def _reset_sequences(tables: Iterable[str]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 (our table names)
                f"GREATEST((SELECT max(id) FROM {table}), 1))"
            )


def _bump_rights_version() -> None:
    """Rows written around the services: a new version, with an audit row that marks it in the history.

    Every process's index then rebuilds once, and later changes are reloaded work by work, as after a
    change made through the services.
    """
    import secrets

    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone

    from cinebridge.rights.models import AuditAction, GrantAudit, RightsState

    stamp = secrets.token_hex(8)
    with transaction.atomic():
        RightsState.objects.get_or_create(pk=RightsState.SINGLETON_ID)
        state = RightsState.objects.filter(pk=RightsState.SINGLETON_ID)
        state.update(version=F("version") + 1, stamp=stamp)
        version = state.values_list("version", flat=True).get()
        GrantAudit.objects.create(
            grant=None, work_id=0, version=version, stamp=stamp, actor=None, at=timezone.now(),
            action=AuditAction.IMPORT, before=None, after={"note": "bench/avails.py bulk load"},
        )  # fmt: skip


def load_catalogue(args: argparse.Namespace) -> dict[str, Any]:
    from django.db import connection, transaction

    from cinebridge.catalogue.models import Film
    from cinebridge.rights.models import Grant, ReleaseEvent

    holders, counterparties = _organisations()
    resolver = Resolver()
    generator = CatalogueGenerator(
        seed=args.seed, holders=holders, counterparties=counterparties, resolver=resolver
    )
    counts = generator.plan(args.works, args.grants)
    now = datetime.now(tz=UTC)
    film_writer = CopyWriter(Film, FILM_NAMES)
    grant_writer = CopyWriter(Grant, GRANT_NAMES)
    event_writer = CopyWriter(ReleaseEvent, EVENT_NAMES)
    rng = random.Random(args.seed + 1)
    census: Counter[str] = Counter()
    films: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []

    def grant_rows() -> Iterable[tuple[Any, ...]]:
        """Works are made as COPY asks for their grants; their films and events are kept for later."""
        for start in range(0, args.works, COPY_BATCH):
            for work in generator.works(start + 1, counts[start : start + COPY_BATCH]):
                films.append(film_row(work, rng, now, "bench"))
                events.extend(event_rows([work], len(events) + 1, now))
                if work.id % 50 == 0:  # the generator's promise: ledgers the conflict rules accept
                    census["sample_works_checked"] += 1
                    census["sample_conflicts"] += len(work_conflicts(work))
                for g in work.grants:
                    census[f"{g.direction}:{g.status}"] += 1
                    if g.direction == "out" and g.status == "active":
                        census[f"active_out:{g.exclusivity}"] += 1
                    if g.event:
                        census["relative:" + ("resolved" if g.start else "waiting")] += 1
                    yield grant_row(g, resolver.version, now)
            say(f"  {len(films)}/{args.works} works, {generator.next_grant_id - 1} grants")

    started = time.perf_counter()
    # Foreign keys are checked at commit (Django makes them deferrable): grants may come first.
    with transaction.atomic():
        written_grants = grant_writer.write(grant_rows())
        written_works = film_writer.write(films)
        written_events = event_writer.write(events)
        say("  committing (the deferred foreign-key checks run now)…")
    load_s = time.perf_counter() - started
    _reset_sequences([Film._meta.db_table, Grant._meta.db_table, ReleaseEvent._meta.db_table])
    _bump_rights_version()
    say(f"catalogue written in {load_s:.1f} s; VACUUM ANALYZE…")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    vacuum_s = time.perf_counter() - started
    report = {
        "load_s": round(load_s, 1),
        "vacuum_s": round(vacuum_s, 1),
        "works": written_works,
        "grants": written_grants,
        "release_events": written_events,
        "refused_outs": generator.refused,
        "census": dict(sorted(census.items())),
    }
    _meta_put({"signature": _signature(args), "load": json.dumps(report), "max_work_id": str(args.works)})
    return report


def create_baseline_indexes() -> float:
    """The SQL baseline's indexes (seconds it took; next to nothing when they are there already)."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        for statement in BASELINE_INDEXES:
            cursor.execute(statement)
        cursor.execute("VACUUM ANALYZE rights_grant")
    return time.perf_counter() - started


def drop_baseline_indexes() -> None:
    """The import is measured on the application's schema, without the baseline's extra indexes."""
    from django.db import connection

    with connection.cursor() as cursor:
        for statement in BASELINE_INDEXES:
            name = statement.split(" EXISTS ")[1].split()[0]
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


def remove_import_leftovers(max_work_id: int) -> None:
    """What an earlier run's import added (works above the catalogue's), so that it can run again."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("rights_grantaudit", "rights_grant", "rights_releaseevent"):
            cursor.execute(f"DELETE FROM {table} WHERE work_id > %s", [max_work_id])  # noqa: S608
        cursor.execute("DELETE FROM catalogue_film WHERE id > %s", [max_work_id])


# --- the measurements -------------------------------------------------------------------------


def build_queries(resolver: Resolver) -> list[tuple[QuerySpec, Any, dict[str, Any]]]:
    from cinebridge.rights.engine.types import AvailsQuery, Match

    territories = resolver.vocabularies.territories
    built = []
    for spec in QUERIES:
        leaves = territories.members(spec.group, spec.start)
        query = AvailsQuery(
            media=frozenset({spec.media}),
            territories=leaves,
            window=(spec.start.toordinal(), spec.end.toordinal()),
            exclusive=True,
            match=Match.COVER_ENTIRE,
        )
        params = {
            "media": resolver.media_ids(query.media),
            "territories": resolver.territory_ids(leaves),
            "start": spec.start,
            "end": spec.end,
            "cells": len(leaves),
        }
        built.append((spec, query, params))
    return built


def bench_search(
    index: Any, queries: Sequence[Any], repeat: int, per_query: list[dict[str, Any]]
) -> tuple[list[float], list[list[int]]]:
    from cinebridge.rights.engine.index import avails_search

    timings: list[float] = []
    answers: list[list[int]] = []
    for spec, query, _ in queries:
        answer = avails_search(index, query)  # warm
        runs = []
        for _ in range(repeat):
            again, ms = timed(functools.partial(avails_search, index, query))
            runs.append(ms)
            if again != answer:
                raise SystemExit(f"{spec.label}: the engine answered differently on a second run")
        timings.extend(runs)
        answers.append(answer)
        per_query.append(
            {"query": spec.label, "works": len(answer), "engine_p50_ms": round(percentile(runs, 50), 2)}
        )
        say(f"  engine  {spec.label:58} {len(answer):7} works  p50 {percentile(runs, 50):8.2f} ms")
    return timings, answers


def bench_sql(
    queries: Sequence[Any], repeat: int, engine_answers: Sequence[list[int]], per_query: list[dict[str, Any]]
) -> tuple[list[float], list[dict[str, Any]]]:
    from django.db import connection

    timings: list[float] = []
    disagreements: list[dict[str, Any]] = []
    with connection.cursor() as cursor:
        cursor.execute("SET work_mem = '64MB'")
        for (spec, _, params), engine, report in zip(queries, engine_answers, per_query, strict=True):
            runs = []
            rows: list[int] = []
            for attempt in range(repeat + 1):

                def run(p: dict[str, Any] = params) -> list[int]:
                    cursor.execute(BASELINE_SQL, p)
                    return [r[0] for r in cursor.fetchall()]

                rows, ms = timed(run)
                if attempt:  # the first run warms the cache
                    runs.append(ms)
            timings.extend(runs)
            agrees = rows == engine
            report["sql_p50_ms"] = round(percentile(runs, 50), 1)
            if not agrees:
                only_sql = sorted(set(rows) - set(engine))
                only_engine = sorted(set(engine) - set(rows))
                disagreements.append(
                    {
                        "query": spec.label,
                        "only_sql": len(only_sql),
                        "only_engine": len(only_engine),
                        "examples_only_sql": only_sql[:5],
                        "examples_only_engine": only_engine[:5],
                    }
                )
            say(
                f"  SQL     {spec.label:58} {len(rows):7} works  p50 {percentile(runs, 50):8.1f} ms"
                f"{'' if agrees else '  DISAGREES WITH THE ENGINE'}"
            )
    return timings, disagreements


def bench_grid(index: Any, works: Sequence[int], window: tuple[int, int]) -> tuple[list[float], float]:
    from cinebridge.rights.engine.index import avails_detail
    from cinebridge.rights.engine.types import AvailsQuery

    resolver = Resolver()
    query = AvailsQuery(
        media=resolver.vocabularies.media.leaves(),
        territories=resolver.vocabularies.territories.countries(),
        window=window,
        exclusive=True,
    )
    avails_detail(index, query, works[0])  # warm
    timings = []
    regions = 0
    for work in works:
        answer, ms = timed(functools.partial(avails_detail, index, query, work))
        timings.append(ms)
        regions += len(answer.regions)
    return timings, regions / len(works)


def bench_conflicts(index: Any, works: Sequence[int], seed: int) -> tuple[list[float], float]:
    """The conflict rules for a proposed exclusive OUT (a deal drawn like the catalogue's) on a work."""
    from cinebridge.rights.engine.conflicts import grant_conflicts
    from cinebridge.rights.engine.types import Direction, Exclusivity, FixedTerm
    from cinebridge.rights.engine.types import Grant as EngineGrant

    resolver = Resolver()
    drawer = CatalogueGenerator(seed=seed, holders=[1], counterparties=[2], resolver=resolver)
    rng = random.Random(seed)
    today = TODAY.toordinal()
    timings = []
    refused = 0
    for work in works:
        territories = resolver.territories(drawer._draw_territories(), TODAY)
        media = resolver.media(rng.choices(drawer._media_texts, drawer._media_weights)[0])
        start = TODAY + timedelta(days=rng.randrange(0, 4 * 365))
        proposed = EngineGrant(
            id=0,
            work=work,
            direction=Direction.OUT,
            media=media.leaves,
            territories=territories.leaves,
            term=FixedTerm(start.toordinal(), start.toordinal() + rng.choice((365, 730, 1095, 1826))),
            exclusivity=Exclusivity.EXCLUSIVE if rng.random() < 0.75 else Exclusivity.NON_EXCLUSIVE,
        )
        existing = index.grants_of(work)
        events = index.events_of(work)
        found, ms = timed(functools.partial(grant_conflicts, existing, proposed, events, today))
        timings.append(ms)
        refused += bool(found)
    return timings, refused / len(works)


def _import_actor(owner_id: int) -> Any:
    from cinebridge.accounts.models import Membership, Organisation, User

    user, _ = User.objects.get_or_create(
        username="bench-importer", defaults={"email": "bench-importer@example.invalid"}
    )
    Membership.objects.get_or_create(
        user=user, organisation=Organisation.objects.get(pk=owner_id), defaults={"role": "editor"}
    )
    return user


def import_items(works: Sequence[WorkSpec]) -> list[Any]:
    from cinebridge.rights.convert import GrantInput

    items = []
    for work in works:
        for g in work.grants:
            relative = bool(g.event)
            items.append(
                GrantInput(
                    work_id=g.work,
                    holder_id=g.holder,
                    direction=g.direction,  # type: ignore[arg-type]
                    territories=g.territories.text,
                    media=g.media.text,
                    language_uses=g.language_uses,
                    exclusivity=g.exclusivity,  # type: ignore[arg-type]
                    co_exclusive_group=g.co_exclusive_group,
                    sublicensable=g.sublicensable,
                    licensing_until=g.licensing_until,
                    status=g.status,  # type: ignore[arg-type]
                    start=None if relative else g.start,
                    end=None if relative else g.end,
                    event=g.event,
                    start_after_months=g.start_after[0],
                    start_after_days=g.start_after[1],
                    duration_months=g.duration[0] if relative and g.duration else None,
                    duration_days=g.duration[1] if relative and g.duration else None,
                    counterparty_id=g.counterparty_id,
                    counterparty_name=g.counterparty_name,
                    contract_date=g.contract_date,
                    reference=g.reference,
                    source="ema",
                )
            )
    return items


def bench_import(args: argparse.Namespace, max_work_id: int) -> dict[str, Any]:
    """A rights holder's batch of new works with their grants, through `grants_import` (all checks)."""
    from django.db import connection

    from cinebridge.catalogue.models import Film
    from cinebridge.rights.models import Grant, ReleaseEvent
    from cinebridge.rights.services import ImportRefused, grants_import

    holders, counterparties = _organisations()
    owner = holders[0]
    generator = CatalogueGenerator(
        seed=args.seed + 99, holders=[owner], counterparties=counterparties, resolver=Resolver()
    )
    counts = generator.plan(args.import_works, args.import_grants)
    works = list(generator.works(max_work_id + 1, counts))
    now = datetime.now(tz=UTC)
    rng = random.Random(args.seed + 100)
    # The works and their release events exist before the grants are imported (not timed).
    CopyWriter(Film, FILM_NAMES).write(film_row(w, rng, now, "bench-import") for w in works)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(max(id), 0) FROM rights_releaseevent")
        first_event = cursor.fetchone()[0] + 1
    CopyWriter(ReleaseEvent, EVENT_NAMES).write(event_rows(works, first_event, now))
    _reset_sequences([Film._meta.db_table, ReleaseEvent._meta.db_table])
    actor = _import_actor(owner)
    items = import_items(works)
    say(f"importing {len(items)} grants for {len(works)} new works through grants_import…")
    profiler = cProfile.Profile() if args.profile_import else None
    started = time.perf_counter()
    try:
        if profiler:
            profiler.enable()
        ids = grants_import(actor=actor, items=items)
    except ImportRefused as refused:
        for problem in refused.problems[:10]:
            item = items[problem.index]
            say(f"  refused: item {problem.index} {problem.field}: {problem.message}")
            say(
                f"    (work {item.work_id} {item.direction} {item.exclusivity} {item.status} {item.territories}"
                f" / {item.media} {item.start}–{item.end} {item.event})"
            )
        raise SystemExit(f"the import was refused ({len(refused.problems)} problems)") from None
    finally:
        if profiler:
            profiler.disable()
    seconds = time.perf_counter() - started
    if profiler:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(35)
        stats.sort_stats("tottime").print_stats(25)
        say(out.getvalue())
    written = Grant.objects.filter(work_id__gt=max_work_id).count()
    if written != len(items) or len(ids) != len(items):
        raise SystemExit(f"the import wrote {written} grants of {len(items)}")
    return {
        "import_grants": len(items),
        "import_works": len(works),
        "import_s": round(seconds, 2),
        "import_grants_per_s": round(len(items) / seconds),
    }


# --- the run ----------------------------------------------------------------------------------


def main() -> None:
    args = _parse()
    signature = _signature(args)
    reuse = _prepare_database(args.database_url, signature, args.fresh)
    _setup(args.database_url)

    from django.core.management import call_command

    from cinebridge.rights.loader import IndexLoader

    call_command("migrate", verbosity=0)
    if not reuse:
        say(f"generating and loading {args.works} works and {args.grants} grants…")
        load_catalogue(args)
        # Measure in a new process, so that its memory is the index's and not the loader's leftovers.
        argv = [a for a in sys.argv if a != "--fresh"]
        sys.stdout.flush()
        os.execv(sys.executable, [sys.executable, *argv])  # noqa: S606 (this very script again)
    meta = _meta_get()
    load = json.loads(meta["load"])
    say(f"catalogue in the database: {signature}, loaded in {load['load_s']} s")
    load_average = os.getloadavg()
    max_work_id = int(_meta_get()["max_work_id"])
    remove_import_leftovers(max_work_id)
    _bump_rights_version()

    gc.collect()
    rss_before = rss_mb()
    loader = IndexLoader()
    say("building the grant index from the database (rights.loader)…")
    index, build_ms = timed(loader.index)
    gc.collect()
    rss_after = rss_mb()
    index_memory = index.memory_bytes()
    say(
        f"  {index.work_count} works, {index.grant_count} pending/active grants indexed in "
        f"{build_ms / 1000:.1f} s; RSS {rss_before:.0f} → {rss_after:.0f} MB, "
        f"columns {index.memory_bytes() / 2**20:.1f} MB"
    )

    resolver = Resolver()
    queries = build_queries(resolver)
    say(f"catalogue-wide searches ({len(queries)} queries × {args.repeat} runs):")
    per_query: list[dict[str, Any]] = []
    search_timings, answers = bench_search(index, queries, args.repeat, per_query)

    # The same, as the application runs it: the freshness check (one query) before the engine.
    from cinebridge.rights.engine.index import avails_search

    fresh_timings = []
    for _, query, _ in queries:
        for _ in range(args.repeat):

            def fresh(q: Any = query) -> list[int]:
                with loader.reading() as current:
                    return avails_search(current, q)

            fresh_timings.append(timed(fresh)[1])

    sql_timings: list[float] = []
    disagreements: list[dict[str, Any]] = []
    baseline_indexes_s = None
    if not args.skip_sql:
        say("SQL baseline indexes…")
        baseline_indexes_s = create_baseline_indexes()
        say(
            f"the same questions as SQL on PostgreSQL ({args.sql_repeat} timed runs each, after one warm-up):"
        )
        sql_timings, disagreements = bench_sql(queries, args.sql_repeat, answers, per_query)

    rng = random.Random(args.seed + 5)
    indexed_works = sorted({w for w in range(1, max_work_id + 1) if index.grants_of(w)})
    grid_works = rng.sample(indexed_works, min(GRID_WORKS, len(indexed_works)))
    window = (TODAY.toordinal(), date(TODAY.year + 2, TODAY.month, 1).toordinal())
    grid_timings, regions = bench_grid(index, grid_works, window)
    say(
        f"grid (all media × all territories, one work): p95 {percentile(grid_timings, 95):.2f} ms, "
        f"{regions:.1f} regions on average"
    )
    conflict_works = [rng.choice(indexed_works) for _ in range(CONFLICT_CHECKS)]
    conflict_timings, refused_share = bench_conflicts(index, conflict_works, args.seed + 6)
    say(
        f"conflict rules for a proposed grant: p95 {percentile(conflict_timings, 95):.3f} ms, "
        f"{refused_share:.0%} of the proposals refused"
    )

    indexed = {"works": index.work_count, "grants": index.grant_count}
    drop_baseline_indexes()
    imported = bench_import(args, max_work_id)
    say(f"  {imported['import_grants_per_s']} grants/s")
    refreshed, refresh_ms = timed(loader.index)
    say(f"index refreshed after the import in {refresh_ms:.0f} ms ({loader.reloaded_works} works reloaded)")

    search = stats_ms(search_timings)
    sql = stats_ms(sql_timings) if sql_timings else None
    result: dict[str, Any] = {
        "scale": {"works": args.works, "grants": args.grants, "seed": args.seed},
        "load_average_at_start": [round(x, 2) for x in load_average],
        "works": indexed["works"],
        "grants_indexed": indexed["grants"],
        "catalogue": {k: load[k] for k in ("works", "grants", "release_events", "refused_outs", "census")},
        "load_s": load["load_s"],
        "index_build_s": round(build_ms / 1000, 2),
        "index_memory_mb": round(index_memory / 2**20, 1),
        "rss_mb": round(rss_after, 1),
        "rss_before_index_mb": round(rss_before, 1),
        "queries": len(queries),
        "search_p50_ms": search["p50"],
        "search_p95_ms": search["p95"],
        "search_max_ms": search["max"],
        "search_fresh_p95_ms": round(percentile(fresh_timings, 95), 3),
        "sql_baseline_indexes_s": round(baseline_indexes_s, 1) if baseline_indexes_s is not None else None,
        "sql_baseline_p50_ms": sql["p50"] if sql else None,
        "sql_baseline_p95_ms": sql["p95"] if sql else None,
        "speedup": round(sql["p95"] / search["p95"], 1) if sql else None,
        "sql_agrees": not disagreements if sql else None,
        "sql_disagreements": disagreements,
        "grid_p50_ms": round(percentile(grid_timings, 50), 3),
        "grid_p95_ms": round(percentile(grid_timings, 95), 3),
        "conflict_p50_ms": round(percentile(conflict_timings, 50), 4),
        "conflict_p95_ms": round(percentile(conflict_timings, 95), 4),
        "conflict_refused_share": round(refused_share, 3),
        **imported,
        "index_refresh_after_import_ms": round(refresh_ms, 1),
        "per_query": per_query,
    }
    del refreshed
    print(json.dumps(result))


if __name__ == "__main__":
    main()
