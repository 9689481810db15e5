"""Benchmark: load N synthetic films into a fresh database, then rebuild the search index.

    .venv/bin/python bench/seed_scale.py [--n 100000] [--seed 2025] [--batch-size 2000] [--database-url URL]

Without --database-url it uses a new SQLite file in a temporary directory (deleted afterwards). Prints
progress, then as its last line one JSON object: films, people, credits, insert_s (films, people and
credits), index_s (search rebuild), films_per_s, documents_per_s, search_keys, phases_s (seconds per
insert phase), query_ms (median of a few cross-script searches as the rebuild leaves the database),
db_mb (SQLite only).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ("Kiarostami", "Киаростами", "آسمان", "Тегеране", "Bread and", "Ганна Жук", "syn")


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=100_000, help="synthetic films to load (default 100000)")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument(
        "--database-url", default="", help="an empty database to use instead of a temporary SQLite"
    )
    return parser.parse_args()


def _setup(database_url: str, media: Path) -> None:
    """Point Django at the benchmark database before anything imports the settings."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_MEDIA_ROOT"] = str(media)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _median_query_ms() -> float:
    from cinebridge.search.models import DocumentKind
    from cinebridge.search.selectors import search_ids

    timings = []
    for query in QUERIES:
        for kind in (DocumentKind.FILM, DocumentKind.PERSON):
            started = time.perf_counter()
            search_ids(kind=kind, query=query)
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def run(args: argparse.Namespace, workdir: Path) -> dict[str, object]:
    db_file = workdir / "bench.sqlite3"
    _setup(args.database_url or f"sqlite:///{db_file}", workdir / "media")

    from django.core.management import call_command

    from cinebridge.search.models import SearchKey
    from cinebridge.search.services import search_rebuild_dirty
    from cinebridge.web.demo.loader import load_programme, load_synthetic

    call_command("migrate", verbosity=0)
    load_programme()

    phase_seconds: dict[str, float] = {}
    last = [time.perf_counter()]

    def progress(phase: str, done: int, of: int) -> None:
        now = time.perf_counter()
        phase_seconds[phase] = phase_seconds.get(phase, 0.0) + now - last[0]
        last[0] = now
        print(f"  {phase}: {done}{f'/{of}' if of else ''}", flush=True)

    started = time.perf_counter()
    report = load_synthetic(total=args.n, seed=args.seed, batch_size=args.batch_size, progress=progress)
    insert_s = time.perf_counter() - started
    print(f"inserted in {insert_s:.1f} s; rebuilding the search index…", flush=True)
    started = time.perf_counter()
    documents = search_rebuild_dirty()
    index_s = time.perf_counter() - started
    query_ms = _median_query_ms()
    films = report.created.get("films", 0)
    return {
        "films": films,
        "people": report.created.get("people", 0),
        "credits": report.created.get("credits", 0),
        "insert_s": round(insert_s, 2),
        "index_s": round(index_s, 2),
        "films_per_s": round(films / insert_s) if insert_s else None,
        "documents_per_s": round(documents / index_s) if index_s else None,
        "search_keys": SearchKey.objects.count(),
        "phases_s": {phase: round(seconds, 1) for phase, seconds in phase_seconds.items()},
        "query_ms": round(query_ms, 1),
        "db_mb": round(db_file.stat().st_size / 2**20, 1) if db_file.exists() else None,
    }


def main() -> None:
    args = _parse()
    with tempfile.TemporaryDirectory(prefix="cinebridge-bench-") as workdir:
        result = run(args, Path(workdir))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
