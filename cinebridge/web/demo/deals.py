"""The demo programme's licensing deals, exploitation and statements (demo data, not real deals).

- Kinovideoprokat, the Minsk cinema network, asked Farabi for "Where Is the Friend's House?" in its
  cinemas; Farabi offered an MG with a sliding scale and the 90/10 alternative, the network countered
  with a lower MG, both signed. The film played four weeks on two screens of the Oktyabr; the box
  office is reported, the MG paid, subtitling recouped, and the third-quarter statement issued.
- Belarus Online Cinema streams "The Runner" on a revenue share: a delivery without the licensed
  Russian subtitles (flagged), five months of usage, and an MG payment awaiting Farabi's confirmation.
- Belarus Online Cinema asked for "The Color of Paradise"; Farabi's offer waits for its answer.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from cinebridge.accounts.models import Organisation, User
from cinebridge.catalogue.models import Film

# The cinema, its screens and the engagement.
CINEMA = {"name": "Октябрь", "city": "Минск", "country": "BY", "time_zone": "Europe/Minsk"}
SCREENS = (
    ("Большой зал", 700, "mF3dGvN5w3uHhB9l1P0qk2sEa4Y="),
    ("Малый зал", 120, "Qm5bT2xVc8yKj3Rr7Wd1nZpL0hE="),
)
ENGAGEMENT = (date(2026, 9, 4), date(2026, 10, 1))  # four film weeks from Friday 4 September
HOUSE_NUT_BYN = "4500.00"
# Admissions per film week and screen (big hall, small hall); tickets at 12 BYN, VAT (20 %) included.
ADMISSIONS = ((1450, 380), (1080, 300), (620, 210), (340, 150))
TICKET_BYN = Decimal("12.00")
# Belarusian roubles in euros and dollars, on the last day of each film week (demo figures).
RATES_EUR = {
    date(2026, 9, 1): "0.2860",
    date(2026, 9, 10): "0.2871",
    date(2026, 9, 17): "0.2866",
    date(2026, 9, 24): "0.2880",
    date(2026, 10, 1): "0.2875",
}
RATES_USD = {date(2026, 6, 30): "0.3120", date(2026, 7, 31): "0.3105", date(2026, 8, 31): "0.3098",
             date(2026, 9, 30): "0.3110", date(2026, 10, 31): "0.3102"}  # fmt: skip
RATE_SOURCE = "demo figures"

THEATRICAL_REQUEST: dict[str, Any] = {
    "minimum_guarantee": "4000.00",
    "theatrical": {"percent_by_week": ["40", "35", "30", "25"]},
    "expenses_cap": "1500.00",
    "rounding": "half_up",
}
THEATRICAL_OFFER: dict[str, Any] = {
    "minimum_guarantee": "8000.00",
    "theatrical": {
        "percent_by_week": ["50", "45", "40", "35"],
        "over_nut_percent_by_week": ["90", "90", "85", "80"],
    },
    "expenses_cap": "1000.00",
    "rounding": "half_up",
}
THEATRICAL_COUNTER: dict[str, Any] = {
    **THEATRICAL_OFFER,
    "minimum_guarantee": "6000.00",
    "expenses_cap": "1500.00",
}
SVOD_TERMS: dict[str, Any] = {
    "minimum_guarantee": "1500.00",
    "on_demand": {"revenue_share_percent": "50"},
    "rounding": "half_up",
}
# Views, minutes and revenue (BYN) per month of The Runner on the platform in Belarus.
USAGE = (
    (date(2026, 6, 1), 820, 64_780, "2460.00"),
    (date(2026, 7, 1), 1310, 103_490, "3930.00"),
    (date(2026, 8, 1), 990, 78_210, "2970.00"),
    (date(2026, 9, 1), 760, 60_040, "2280.00"),
    (date(2026, 10, 1), 540, 42_660, "1620.00"),
)


@dataclass(frozen=True)
class DemoParties:
    farabi: Organisation
    kinoprokat: Organisation
    platform: Organisation
    farabi_user: User
    kinoprokat_user: User
    platform_user: User


def theatrical_rights() -> Mapping[str, Any]:
    return {
        "media": "THEATRICAL",
        "territories": "BY",
        "language_uses": "",
        "start": date(2026, 9, 1),
        "end": date(2027, 9, 1),
        "exclusive": True,
    }


def svod_rights(start: date, end: date) -> Mapping[str, Any]:
    return {
        "media": "SVOD",
        "territories": "BY",
        "language_uses": "fa:original ru:subtitled",
        "start": start,
        "end": end,
        "exclusive": False,
    }


def box_office_rows() -> list[dict[str, str]]:
    """The four weeks on both screens as the cinema reports them (gross with VAT, VAT as the tax)."""
    rows = []
    for week, per_screen in enumerate(ADMISSIONS):
        week_start = ENGAGEMENT[0] + timedelta(days=7 * week)
        for (screen, _seats, _thumbprint), admissions in zip(SCREENS, per_screen, strict=True):
            gross = TICKET_BYN * admissions
            vat = (gross / 6).quantize(Decimal("0.01"))
            rows.append(
                {
                    "cinema": CINEMA["name"],
                    "screen": screen,
                    "week_start": week_start.isoformat(),
                    "admissions": str(admissions),
                    "gross": f"{gross:.2f}",
                    "taxes": f"{vat:.2f}",
                    "levies": "0.00",
                }
            )
    return rows


def usage_rows() -> list[dict[str, str]]:
    return [
        {
            "month": month.strftime("%Y-%m"),
            "territory": "BY",
            "media": "SVOD",
            "views": str(views),
            "minutes": str(minutes),
            "revenue": revenue,
            "currency": "BYN",
        }
        for month, views, minutes, revenue in USAGE
    ]


def kdm_window(day_from: date, day_until: date) -> tuple[datetime, datetime]:
    """A key valid from the first morning to the last night of the engagement, Minsk time."""
    minsk = ZoneInfo(CINEMA["time_zone"])
    return datetime.combine(day_from, time(8), minsk), datetime.combine(day_until, time(23, 59), minsk)


def dcp_id(film: Film) -> uuid.UUID:
    """A stable composition playlist id per demo film, so a reload finds the same."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"https://cinebridge.example/demo/dcp/{film.slug}")
