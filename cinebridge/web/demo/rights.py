"""The demo programme's rights: who holds what, who licensed what to whom (demo data, not real deals).

Farabi and Belarusfilm hold world rights in their films; Kinovideoprokat, the Minsk cinema network,
holds exclusive theatrical rights in Belarus for Children of Heaven, and the online cinema its SVOD
window six months after the Belarusian release; a holdback, a pending deal, a TV licence and a
language-restricted licence show every kind of answer on the avails pages.

Listapad holds exclusive festival and cultural-screening rights in Belarus for The Color of Paradise
in April 2027 (a spring retrospective): the Iranian Film Week in Minsk falls in that month, so its
curation page refuses the film and says why (demo/events.py).
"""

from dataclasses import dataclass
from datetime import date

from cinebridge.rights.engine.types import Direction, Exclusivity, Status

DEMO_CONTRACT_DATE = date(2026, 1, 15)


@dataclass(frozen=True)
class GrantSpec:
    film: str  # the film's English title, as in programme.FILMS
    direction: Direction
    media: str
    territories: str
    start: date | None = None
    end: date | None = None  # exclusive
    exclusivity: Exclusivity = Exclusivity.NON_EXCLUSIVE
    counterparty: str = ""  # organisation slug on the platform
    counterparty_name: str = ""  # a party that is not on the platform
    status: Status = Status.ACTIVE
    language_uses: str = ""
    event: str = ""
    start_after_months: int = 0
    duration_months: int | None = None
    sublicensable: bool = False
    reference: str = ""


@dataclass(frozen=True)
class ReleaseSpec:
    film: str
    kind: str
    territory: str
    on: date


def held_everywhere() -> GrantSpec:
    """Every demo film is held by its owner everywhere, in every medium, with the right to license on."""
    return GrantSpec(
        film="",
        direction=Direction.IN,
        media="ALL_MEDIA",
        territories="WORLD",
        sublicensable=True,
        reference="own production",
    )


GRANTS: tuple[GrantSpec, ...] = (
    GrantSpec(
        "Children of Heaven",
        Direction.OUT,
        "THEATRICAL",
        "BY",
        date(2026, 12, 1),
        date(2028, 12, 1),
        Exclusivity.EXCLUSIVE,
        counterparty="kinovideoprokat",
        reference="FCF-KVP-2026-01",
    ),
    GrantSpec(
        "Children of Heaven",
        Direction.OUT,
        "SVOD",
        "BY",
        exclusivity=Exclusivity.EXCLUSIVE,
        counterparty="belarus-online-cinema",
        event="theatrical:BY",
        start_after_months=6,
        duration_months=24,
        reference="FCF-BOC-2026-02",
    ),
    GrantSpec(
        "The White Balloon",
        Direction.OUT,
        "FESTIVAL + CULTURAL",
        "BY",
        date(2026, 11, 1),
        date(2027, 1, 1),
        counterparty="listapad",
        reference="FCF-LIS-2026",
    ),
    GrantSpec(
        "The Color of Paradise",
        Direction.OUT,
        "FESTIVAL + CULTURAL",
        "BY",
        date(2027, 4, 1),
        date(2027, 5, 1),
        Exclusivity.EXCLUSIVE,
        counterparty="listapad",
        reference="FCF-LIS-2027-SPRING",
    ),
    GrantSpec(
        "A Separation",
        Direction.HOLDBACK,
        "ON_DEMAND",
        "IR",
        date(2026, 1, 1),
        date(2027, 7, 1),
        reference="FCF-HB-2026",
    ),
    GrantSpec(
        "Bashu, the Little Stranger",
        Direction.OUT,
        "THEATRICAL",
        "CIS",
        date(2027, 3, 1),
        date(2028, 3, 1),
        Exclusivity.EXCLUSIVE,
        counterparty="kinovideoprokat",
        status=Status.PENDING,
        reference="FCF-KVP-2027-01",
    ),
    GrantSpec(
        "Come and See",
        Direction.OUT,
        "FREE_TV + PAY_TV",
        "IR",
        date(2027, 1, 1),
        date(2029, 1, 1),
        Exclusivity.EXCLUSIVE,
        counterparty_name="Islamic Republic of Iran Broadcasting",
        reference="BF-IRIB-2027",
    ),
    GrantSpec(
        "Through the Graveyard",
        Direction.OUT,
        "SVOD",
        "WORLD excluding IR, BY",
        date(2026, 6, 1),
        date(2029, 6, 1),
        counterparty="belarus-online-cinema",
        language_uses="ru:original en:subtitled",
        reference="BF-BOC-2026",
    ),
)

RELEASES: tuple[ReleaseSpec, ...] = (
    ReleaseSpec("Children of Heaven", "theatrical", "BY", date(2027, 1, 15)),
)
