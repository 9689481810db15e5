"""Benchmark of the schedule optimiser (issue 5): three generated film weeks, solved by CP-SAT and by the
greedy baseline. The engine alone, no database.

    .venv/bin/python bench/schedule.py [--only small,medium] [--seconds-small 10 ...] [--dump DIR]

Instances are deterministic (a fixed seed per size): small (10 films, 2 venues × 1 screen, 3 days),
medium (30 films, 4 venues × 2 screens, 7 days, 15-minute grid), large (60 films, 8 venues × 3
screens, 10 days, 15-minute grid). For each it prints objective, greedy objective, bound, gap and
seconds; the last line is one JSON object with those per instance and whether the targets are met.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cinebridge.events.engine.jsonio import input_from_json
from cinebridge.events.engine.scheduling import solve

SIZES = {
    # name: (films, cities, venues, screens per venue, days, grid, seed, time limit s, target gap)
    "small": (10, 1, 2, 1, 3, 15, 11, 10.0, 0.01),
    "medium": (30, 2, 4, 2, 7, 15, 22, 10.0, 0.01),
    "large": (60, 4, 8, 3, 10, 15, 33, 60.0, 0.03),
}
CITIES = ["Minsk", "Gomel", "Brest", "Grodno"]
FIRST_DAY = date(2026, 5, 4)  # a Monday


def generate(name: str) -> dict[str, Any]:
    """A film week as the JSON the engine reads (docs/scheduling.md)."""
    films_n, cities_n, venues_n, per_venue, days_n, grid, seed, _, _ = SIZES[name]
    rng = random.Random(seed)
    days = [FIRST_DAY + timedelta(days=i) for i in range(days_n)]
    cities = [{"id": CITIES[i], "factor": round(1.2 - 0.15 * i, 2)} for i in range(cities_n)]
    venues = [{"id": f"V{i + 1}", "city": CITIES[i % cities_n]} for i in range(venues_n)]
    screens = []
    for venue in venues:
        for number in range(per_venue):
            hours: dict[str, Any] = {"default": [["14:00", "23:30"]]}
            for day in days:
                if day.isoweekday() in (6, 7):
                    hours[day.isoformat()] = [["10:00", "24:00"]]
            projection = ["DCP", "file"] if number == 0 else rng.choice([["DCP", "file"], ["DCP"], ["file"]])
            screens.append({
                "id": f"{venue['id']}-{number + 1}", "venue": venue["id"],
                "capacity": rng.choice([80, 120, 180, 250, 400]), "changeover": rng.choice([15, 20, 30]),
                "projection": projection, "hours": hours,
            })  # fmt: skip
    slots = sum(1 for _ in screens) * days_n * 4  # about four screenings a screen-day fit
    films = []
    for index in range(films_n):
        kind = rng.random()
        audience, min_age, childrens = "general", rng.choice([0, 0, 12, 16, 18]), False
        if kind < 0.15:
            audience, min_age, childrens = "children", 0, True
        elif kind < 0.3:
            audience, min_age = "youth", 12
        most = max(1, min(6, round(slots / films_n * rng.uniform(0.5, 1.0))))
        films.append({
            "id": f"F{index + 1:02d}", "runtime": rng.choice([75, 90, 95, 105, 110, 120, 135, 150]),
            "min_screenings": 1, "max_screenings": most, "appeal": round(rng.uniform(0.2, 0.9), 2),
            "audience": audience, "min_age": min_age, "childrens": childrens,
            "premiere": rng.random() < 0.2, "format": "DCP" if rng.random() < 0.7 else "file",
        })  # fmt: skip
    guests: list[dict[str, Any]] = []
    qa: list[dict[str, Any]] = []
    for number in range(max(1, films_n // 6)):
        film = films[rng.randrange(films_n)]
        if any(request["film"] == film["id"] for request in qa):
            continue
        city = rng.choice(cities)["id"]
        arrival = rng.randrange(max(1, days_n - 1))
        leave = min(days_n - 1, arrival + 2)
        guests.append({"id": f"G{number + 1}", "presence": [
            {"city": city, "from": f"{days[arrival].isoformat()}T12:00", "to": f"{days[leave].isoformat()}T23:59"},
        ]})  # fmt: skip
        qa.append({"film": film["id"], "guest": f"G{number + 1}", "min": 1})
    return {
        "timezone": "Europe/Minsk", "grid": grid, "days": [d.isoformat() for d in days], "weekend": [6, 7],
        "cities": cities, "venues": venues, "screens": screens, "films": films, "guests": guests, "qa": qa,
        "audience_bands": [
            {"from": "00:00", "to": "18:00", "weekdays": [6, 7], "audience": "youth", "max_age": 12},
            {"from": "00:00", "to": "16:00", "audience": "general", "max_age": 16},
        ],
        "bonuses": {"premiere": 60, "qa": 40},
    }  # fmt: skip


def run(name: str, seconds: float) -> dict[str, Any]:
    instance, _, _ = input_from_json(generate(name))
    began = time.monotonic()
    schedule = solve(instance, seconds=seconds)
    wall = time.monotonic() - began
    target_gap = SIZES[name][8]
    gap = schedule.gap
    met = (
        schedule.status in ("optimal", "feasible")
        and gap is not None
        and gap <= target_gap
        and wall <= SIZES[name][7] + 0.5
        and (schedule.greedy_objective is None or (schedule.objective or 0) >= schedule.greedy_objective)
    )
    return {
        "status": schedule.status, "objective": schedule.objective, "greedy_objective": schedule.greedy_objective,
        "bound": schedule.bound, "gap": None if gap is None else round(gap, 5), "seconds": round(wall, 2),
        "screenings": len(schedule.screenings), "target_gap": target_gap, "target_seconds": SIZES[name][7],
        "meets_target": met,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", default="small,medium,large", help="comma-separated sizes")
    parser.add_argument("--dump", help="write each instance's JSON into this directory")
    for name in SIZES:
        parser.add_argument(f"--seconds-{name}", type=float, default=SIZES[name][7])
    args = parser.parse_args()
    results: dict[str, Any] = {"load_average_at_start": round(os.getloadavg()[0], 2)}
    for name in args.only.split(","):
        if args.dump:
            Path(args.dump).mkdir(parents=True, exist_ok=True)
            (Path(args.dump) / f"{name}.json").write_text(
                json.dumps(generate(name), indent=1), encoding="utf-8"
            )
        result = run(name, getattr(args, f"seconds_{name}"))
        results[name] = result
        print(
            f"{name}: status {result['status']}, objective {result['objective']}, greedy {result['greedy_objective']}, "
            f"bound {result['bound']}, gap {result['gap']}, {result['seconds']} s, "
            f"{result['screenings']} screenings, target met: {result['meets_target']}",
            flush=True,
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
