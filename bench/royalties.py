"""Royalty statements for 10,000 bookings × 52 weeks (`make bench-royalties`).

Generates deterministic statement inputs — deals in EUR whose bookings report weekly box office in
BYN (or EUR, RUB), converted at weekly rates, with a sliding scale against a house nut, an MG, fees,
capped expenses, some platform usage and direct receipts — then times the engine's three stages
separately: reading the JSON (`input_from_json`), computing (`statement`) and writing the statement
JSON (`statement_to_json`). `seconds` is the computation; the last line printed is JSON.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cinebridge.exhibition.engine.jsonio import input_from_json, statement_to_json
from cinebridge.exhibition.engine.royalties import statement, without_cycle_collection

FIRST_DAY = date(2025, 1, 2)  # a Thursday: film weeks start on Thursdays in Belarus and Russia
TARGET_SECONDS = 2.0


def _money(rng: random.Random, low: int, high: int) -> str:
    return f"{rng.randint(low * 100, high * 100) / 100:.2f}"


def _rates(weeks: int) -> list[dict[str, str]]:
    """Weekly BYN→EUR (NBRB quotes EUR in BYN: given inverted) and RUB→EUR rates."""
    rng = random.Random(7)
    rates = []
    for week in range(-1, weeks + 1):
        day = (FIRST_DAY + timedelta(weeks=week, days=6)).isoformat()
        rates.append(
            {
                "from": "EUR",
                "to": "BYN",
                "date": day,
                "rate": f"{rng.uniform(3.3, 3.7):.4f}",
                "source": "NBRB",
            }
        )
        rates.append(
            {
                "from": "RUB",
                "to": "EUR",
                "date": day,
                "rate": f"{rng.uniform(0.009, 0.011):.6f}",
                "source": "CBR",
            }
        )
    return rates


def deal_input(deal: int, bookings: int, weeks: int, screens: int) -> dict[str, Any]:
    """One deal's statement input: `bookings` bookings each playing `weeks` weeks on `screens` screens."""
    rng = random.Random(deal)
    booking_rows, box_office = [], []
    for b in range(bookings):
        currency = rng.choices(["BYN", "EUR", "RUB"], weights=[6, 2, 2])[0]
        ref = f"D{deal}-B{b}"
        nut = rng.choice([None, "4500.00", "9000.00"])
        booking_rows.append(
            {"ref": ref, "territory": {"BYN": "BY", "EUR": "DE", "RUB": "RU"}[currency], "currency": currency,
             "house_nut_per_week": nut, "label": f"Cinema {b}"}
        )  # fmt: skip
        start = FIRST_DAY + timedelta(weeks=rng.randint(0, 3))
        for week in range(1, weeks + 1):
            week_start = (start + timedelta(weeks=week - 1)).isoformat()
            for screen in range(screens):
                gross = Decimal(_money(rng, 500, 60_000))
                taxes = (gross * Decimal("0.1")).quantize(Decimal("0.01"))
                box_office.append(
                    {"ref": f"{ref}-w{week}-s{screen}", "booking": ref, "screen": f"Hall {screen + 1}",
                     "week_start": week_start, "playing_week": week, "admissions": rng.randint(10, 4000),
                     "gross": str(gross), "taxes": str(taxes), "levies": _money(rng, 0, 100)}
                )  # fmt: skip
    months = [date(2025, m, 1).isoformat() for m in range(1, 13)]
    usage = [
        {"ref": f"D{deal}-u{i}", "month": month, "territory": "BY", "media": media, "views": rng.randint(0, 9000),
         "minutes": rng.randint(0, 900_000), "revenue": _money(rng, 0, 20_000), "currency": "BYN"}
        for i, (month, media) in enumerate((m, media) for m in months for media in ("SVOD", "TVOD"))
    ]  # fmt: skip
    return {
        "currency": "EUR",
        "terms": {
            "minimum_guarantee": "250000.00",
            "flat_fee": "5000.00",
            "theatrical": {
                "percent_by_week": ["55", "50", "45", "40", "35"],
                "over_nut_percent_by_week": ["90", "90", "85"],
            },
            "on_demand": {"revenue_share_percent": "50"},
            "distribution_fee_percent": {"THEATRICAL": "25", "SVOD": "30", "TVOD": "30"},
            "expenses_cap": "40000.00",
            "rounding": "half_up",
        },
        "period": {"start": "2025-10-01", "end": "2025-12-31"},
        "bookings": booking_rows,
        "box_office": box_office,
        "usage": usage,
        "receipts": [
            {
                "ref": f"D{deal}-r1",
                "date": "2025-06-30",
                "media": "THEATRICAL",
                "amount": "12000.00",
                "currency": "EUR",
            }
        ],
        "expenses": [
            {
                "ref": f"D{deal}-e{i}",
                "date": f"2025-0{i + 1}-15",
                "amount": _money(rng, 1000, 20_000),
                "currency": "EUR",
                "description": "Prints and advertising",
            }
            for i in range(4)
        ],
        "rates": _rates(weeks + 4),
        "previously_reported": "255000.00",
    }


def _timed(label: str, work: Any) -> tuple[Any, float, float, float]:
    """Run `work` with the cycle collector paused for the whole batch, as a caller computing many
    statements would (the engine pauses it for each call itself): wall and CPU seconds of the work,
    then the wall seconds of the one collection its results cost when the collector resumes while
    they are still alive (a first pass over the new objects, after which they are out of its way)."""
    gc.collect()
    with without_cycle_collection():
        started, cpu_started = time.perf_counter(), time.process_time()
        result = work()
        finished = time.perf_counter()
        elapsed, cpu = finished - started, time.process_time() - cpu_started
    # The collector resumes: its next young collection (on the way out of the block already, or
    # here) passes once over the objects the work created while it slept.
    gc.collect(0)
    collection = time.perf_counter() - finished
    print(
        f"{label}: {elapsed:.3f} s (CPU {cpu:.3f} s), then a collection over its results {collection:.3f} s",
        flush=True,
    )
    return result, elapsed, cpu, collection


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=10_000, help="bookings in all (default 10,000)")
    parser.add_argument("--weeks", type=int, default=52, help="playing weeks per booking (default 52)")
    parser.add_argument(
        "--deals", type=int, default=100, help="deals the bookings are spread over (default 100)"
    )
    parser.add_argument(
        "--screens", type=int, default=1, help="screens reporting per booking and week (default 1)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed runs of the computation; the best counts"
    )
    args = parser.parse_args()

    per_deal = max(1, args.bookings // args.deals)
    print(
        f"generating {args.deals} deals × {per_deal} bookings × {args.weeks} weeks × {args.screens} screens",
        flush=True,
    )
    payloads = [deal_input(deal, per_deal, args.weeks, args.screens) for deal in range(args.deals)]
    rows = sum(len(p["box_office"]) for p in payloads)

    inputs, parse_seconds, _, _ = _timed(
        "read input JSON (input_from_json)", lambda: [input_from_json(p) for p in payloads]
    )
    compute_runs, compute_cpu, collections = [], [], []
    statements: list[Any] = []
    for run in range(args.repeat):
        statements = []  # the previous run's statements are freed before the next is timed
        statements, elapsed, cpu, collection = _timed(
            f"compute (statement) run {run + 1}", lambda: [statement(i) for i in inputs]
        )
        compute_runs.append(elapsed)
        compute_cpu.append(cpu)
        collections.append(collection)
    documents, json_seconds, _, _ = _timed(
        "write statement JSON (statement_to_json)", lambda: [statement_to_json(s) for s in statements]
    )
    week_lines = sum(len(d["weeks"]) for d in documents)
    payable = sum(Decimal(d["totals"]["payable"]) for d in documents)
    seconds = min(compute_runs)
    print(
        json.dumps(
            {
                "bench": "royalties",
                "bookings": per_deal * args.deals,
                "weeks": args.weeks,
                "deals": args.deals,
                "screens": args.screens,
                "box_office_rows": rows,
                "week_lines": week_lines,
                "seconds": round(seconds, 3),
                "compute_runs_s": [round(s, 3) for s in compute_runs],
                "compute_cpu_s": round(min(compute_cpu), 3),
                "collection_after_s": round(min(collections), 3),
                "seconds_with_collection": round(
                    min(r + c for r, c in zip(compute_runs, collections, strict=True)), 3
                ),
                "read_input_s": round(parse_seconds, 3),
                "write_json_s": round(json_seconds, 3),
                "end_to_end_s": round(parse_seconds + seconds + json_seconds, 3),
                "target_s": TARGET_SECONDS,
                "meets_target": seconds <= TARGET_SECONDS,
                "payable_total": str(payable),
                "python": platform.python_version(),
                "load_average": [round(x, 2) for x in os.getloadavg()],
            }
        )
    )


if __name__ == "__main__":
    main()
