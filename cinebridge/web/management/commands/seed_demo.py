"""`manage.py seed_demo [--scale N]`: load the Iran–Belarus demo programme, and N synthetic films."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

from cinebridge.search.models import DocumentKind
from cinebridge.search.services import search_rebuild_dirty
from cinebridge.web.demo import loader
from cinebridge.web.demo.programme import DEMO_PASSWORD, LOGINS, ORGANISATIONS, SITE_URL, SUPERUSER

DEFAULT_SEED = 2025


class Command(BaseCommand):
    help = (
        "Load the Iran–Belarus demo programme (organisations, demo logins, films); with --scale N, also "
        "bring the synthetic catalogue up to N films. Re-running adds nothing that is already there."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="Total number of synthetic films (slugs syn-1 … syn-N) to have.",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Seed of the synthetic catalogue.")
        parser.add_argument("--batch-size", type=int, default=2000, help="Rows per bulk insert.")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even under production settings (the demo logins share a public password).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.SETTINGS_MODULE.endswith(".production") and not options["allow_production"]:
            raise CommandError(
                "Refusing to create demo logins with a public password under production settings."
            )
        if options["scale"] < 0 or options["batch_size"] < 1:
            raise CommandError("--scale must be 0 or more and --batch-size 1 or more.")
        self._programme()
        if options["scale"]:
            self._synthetic(options["scale"], options["seed"], options["batch_size"])
        self._rebuild_search()
        self._print_logins()

    def _programme(self) -> None:
        # The demo's people are made up: their notifications stay in the inbox, no e-mail goes out.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            report = loader.load_programme()
        if report.changed:
            self.stdout.write(self.style.SUCCESS(f"Demo programme: created {_counts(report)}."))
        else:
            self.stdout.write("Demo programme: already loaded, nothing changed.")

    def _synthetic(self, total: int, seed: int, batch_size: int) -> None:
        started = time.perf_counter()
        phase_started: dict[str, float] = {}
        last_report = [started]

        def progress(phase: str, done: int, of: int) -> None:
            # A phase starts when the one before it last reported.
            now = time.perf_counter()
            since = phase_started.setdefault(phase, last_report[0])
            last_report[0] = now
            out_of = f"/{of}" if of else ""
            rate = done / max(now - since, 1e-9)
            self.stdout.write(f"  {phase}: {done}{out_of} ({rate:,.0f} {phase}/s)")

        report = loader.load_synthetic(total=total, seed=seed, batch_size=batch_size, progress=progress)
        seconds = time.perf_counter() - started
        if report.changed:
            films = report.created.get("films", 0)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Synthetic catalogue: created {_counts(report)} in {seconds:.1f} s "
                    f"({films / max(seconds, 1e-9):,.0f} films/s)."
                )
            )
        else:
            self.stdout.write(f"Synthetic catalogue: already has {total} films, nothing changed.")

    def _rebuild_search(self) -> None:
        started = time.perf_counter()
        self.stdout.write("Rebuilding the search index…")
        done: dict[str, int] = {}

        def report(kind: DocumentKind, count: int) -> None:
            done[kind] = done.get(kind, 0) + count
            self.stdout.write(f"  {kind.label}: {done[kind]:,} documents", ending="\r")
            self.stdout.flush()

        rebuilt = search_rebuild_dirty(on_batch=report)
        if rebuilt:
            self.stdout.write("")  # end the progress line
        seconds = time.perf_counter() - started
        self.stdout.write(f"Search index: {rebuilt} documents rebuilt in {seconds:.1f} s.")

    def _print_logins(self) -> None:
        organisations = {spec.slug: spec for spec in ORGANISATIONS}
        rows = [(SUPERUSER, "(superuser)", "-", "-")]
        rows += [
            (
                login.username,
                organisations[login.organisation].texts["en"][0],
                organisations[login.organisation].kind.value,
                login.role.value,
            )
            for login in LOGINS
        ]
        widths = [
            max(len(row[i]) for row in [*rows, ("username", "organisation", "kind", "role")])
            for i in range(4)
        ]
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for row in [("username", "organisation", "kind", "role"), *rows]:
            self.stdout.write(
                "  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            )
        self.stdout.write("")
        self.stdout.write(f"Open {SITE_URL}")


def _counts(report: loader.LoadReport) -> str:
    return ", ".join(f"{n} {what}" for what, n in report.created.items() if n)
