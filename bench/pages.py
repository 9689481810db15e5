"""Benchmark: how fast the main pages and API answer over a large catalogue.

Run against a database seeded with `seed_demo --scale N` (DATABASE_URL); every page is requested
through Django's test client (no network), warm, several times, and the median is reported.
The last line printed is one JSON object.

    DATABASE_URL=sqlite:///var/big.sqlite3 python bench/pages.py --repeat 7
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("DJANGO_DEBUG", "false")  # measure without the debug query log

PAGES = {
    "home_fa": "/fa/",
    "catalogue_en": "/en/films/",
    "catalogue_page_40_ru": "/ru/films/?page=40",
    "catalogue_children_by": "/en/films/?audience=children&country=BY",
    "catalogue_subtitles_ru": "/en/films/?subtitles=ru",
    "film_detail_fa": "/fa/films/children-of-heaven-1997/",
    "search_cyrillic_person": "/be/search/?q=" + quote("Кіярастамі"),
    "search_title_word": "/en/search/?q=" + quote("children heaven"),
    "api_films_page": "/api/v1/films?page=3",
    "api_films_search": "/api/v1/films?q=" + quote("بچه های آسمان"),
}


def _median_ms(client, url: str, repeat: int) -> tuple[float, int]:
    response = client.get(url)  # warm caches and the connection
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client

    from cinebridge.catalogue.models import Film

    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for name, url in PAGES.items():
        ms, status = _median_ms(client, url, args.repeat)
        if status != 200:
            raise SystemExit(f"{url} answered {status}")
        results[name] = round(ms, 1)
        print(f"  {name:28} {ms:8.1f} ms", flush=True)
    print(json.dumps({"films": Film.objects.count(), "median_ms": results}))


if __name__ == "__main__":
    main()
