"""A synthetic rights catalogue for `bench/avails.py`: works, their grants and release events, drawn like
real deals and consistent with the conflict rules.

Pure Python over the shipped vocabularies (`cinebridge.rights.engine.vocabulary`), no Django: the
benchmark writes what this produces into the rights tables with COPY, and turns the import batch into
`GrantInput`s for the `grants_import` service.

Per work: one to three IN grants (world, world excluding a few, regional splits, renewals), two to
twelve OUT grants (~75 % exclusive, territories as single countries, small lists, groups such as CIS,
EU, MENA or "World excluding …", media from the media tree), some holdbacks, and a few terms relative
to a theatrical release that may or may not have happened yet. Every OUT lies inside an IN, and binding
(pending, active) OUTs and holdbacks never collide where the conflict rules forbid it, so the ledgers
look like ones the services would have accepted.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from cinebridge.rights.engine.conflicts import grant_conflicts
from cinebridge.rights.engine.types import (
    BEGINNING,
    FOREVER,
    Conflict,
    Direction,
    Exclusivity,
    FixedTerm,
    LanguageUse,
    Offset,
    RelativeTerm,
    Status,
    add_months,
    to_date,
)
from cinebridge.rights.engine.types import Grant as EngineGrant
from cinebridge.rights.engine.vocabulary import ExpressionError, Vocabularies, load_vocabularies

TODAY = date(2026, 11, 27)  # the generator's "now": fixed, so that a seed always gives the same catalogue
GENERATOR_VERSION = "2"

Span = tuple[int, int]
ALL_TIME: Span = (BEGINNING, FOREVER)


# --- vocabulary -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Dimension:
    text: str  # canonical text, as the services store it
    keys: str  # sorted space-separated ids
    leaves: frozenset[str]


class Resolver:
    """Territory and media expressions → canonical text, key text and leaves, memoised."""

    def __init__(self, vocabularies: Vocabularies | None = None) -> None:
        self.vocabularies = vocabularies or load_vocabularies()
        self.version = self.vocabularies.version
        self._territory_expressions: dict[str, object] = {}
        self._territory_keys: dict[frozenset[str], str] = {}
        self._media: dict[str, Dimension] = {}

    def territories(self, text: str, at: date) -> Dimension:
        vocab = self.vocabularies.territories
        expression = self._territory_expressions.get(text)
        if expression is None:
            expression = self._territory_expressions[text] = vocab.parse(text)
        # The vocabulary caches resolutions per membership epoch and returns the same set each time.
        leaves = vocab.resolve(expression, at=at)  # type: ignore[arg-type]
        keys = self._territory_keys.get(leaves)
        if keys is None:
            keys = self._territory_keys[leaves] = " ".join(
                str(k) for k in sorted(vocab.numeric_id(leaf) for leaf in leaves)
            )
        return Dimension(str(expression), keys, leaves)

    def media(self, text: str) -> Dimension:
        found = self._media.get(text)
        if found is None:
            vocab = self.vocabularies.media
            expression = vocab.parse(text)
            leaves = vocab.resolve(expression)
            keys = " ".join(str(k) for k in sorted(vocab.leaf_id(leaf) for leaf in leaves))
            found = self._media[text] = Dimension(str(expression), keys, leaves)
        return found

    def territory_ids(self, leaves: frozenset[str]) -> list[int]:
        vocab = self.vocabularies.territories
        return sorted(vocab.numeric_id(leaf) for leaf in leaves)

    def media_ids(self, leaves: frozenset[str]) -> list[int]:
        vocab = self.vocabularies.media
        return sorted(vocab.leaf_id(leaf) for leaf in leaves)


# --- what deals look like ------------------------------------------------------------------------

# Markets by how often a single-country deal names them.
MARKETS: tuple[tuple[str, int], ...] = (
    ("US", 14), ("FR", 9), ("DE", 9), ("GB", 9), ("RU", 9), ("BY", 6), ("IR", 5), ("IT", 7), ("ES", 7),
    ("JP", 7), ("KR", 6), ("CN", 6), ("TR", 5), ("KZ", 4), ("IN", 5), ("BR", 5), ("MX", 4), ("CA", 5),
    ("AU", 5), ("PL", 4), ("NL", 4), ("SE", 3), ("CH", 3), ("AT", 3), ("BE", 3), ("AE", 4), ("SA", 3),
    ("EG", 3), ("AR", 3), ("UZ", 2), ("AZ", 2), ("AM", 2), ("GE", 2), ("UA", 2), ("PT", 2), ("GR", 2),
    ("IL", 2), ("TH", 2), ("ID", 2), ("TW", 2), ("HK", 2), ("SG", 2), ("ZA", 2), ("NZ", 2), ("CZ", 2),
    ("HU", 2), ("RO", 2), ("RS", 2), ("IQ", 2), ("LB", 2), ("TJ", 1), ("KG", 1), ("MD", 1), ("VN", 1),
    ("PH", 1), ("MY", 1), ("CL", 1), ("CO", 1), ("PE", 1), ("NG", 1), ("KE", 1), ("MA", 1), ("TN", 1),
    ("DZ", 1), ("PK", 1), ("AF", 1), ("FI", 1), ("NO", 1), ("DK", 1), ("IE", 1), ("LT", 1), ("LV", 1),
    ("EE", 1), ("HR", 1), ("SI", 1), ("SK", 1), ("BG", 1), ("QA", 1), ("KW", 1), ("OM", 1), ("JO", 1),
)  # fmt: skip

# Neighbours that are sold together as a short list.
SMALL_LISTS: tuple[tuple[str, ...], ...] = (
    ("DE", "AT", "CH"), ("DE", "AT"), ("FR", "BE", "LU", "CH"), ("FR", "BE"), ("GB", "IE"),
    ("US", "CA"), ("ES", "PT"), ("IT", "SM", "VA"), ("BY", "RU"), ("RU", "KZ"), ("BY", "RU", "KZ"),
    ("AM", "GE", "AZ"), ("UZ", "TJ", "KG"), ("AU", "NZ"), ("JP", "KR"), ("CN", "HK", "MO"),
    ("TW", "HK"), ("AE", "QA", "BH"), ("SA", "KW"), ("EG", "SD"), ("MA", "DZ", "TN"), ("IR", "AF"),
    ("IR", "IQ"), ("TR", "AZ"), ("PL", "CZ", "SK"), ("RO", "MD"), ("RS", "BA", "ME", "MK"),
    ("SE", "NO", "DK"), ("AR", "UY", "PY"), ("MX", "GT"), ("BR", "PT"), ("IN", "LK", "NP"),
)  # fmt: skip

# Territory groups licensed as a whole, sometimes with an extra country or one left out.
GROUPS: tuple[tuple[str, int], ...] = (
    ("CIS", 8), ("EAEU", 4), ("EU", 7), ("MENA", 7), ("GCC", 4), ("NORDIC", 4), ("BALTIC", 3),
    ("BENELUX", 3), ("DACH", 5), ("LATIN_AMERICA_CARIBBEAN", 4), ("SOUTH_AMERICA", 3),
    ("CENTRAL_ASIA", 3), ("EASTERN_EUROPE", 3), ("UNION_STATE", 3), ("SOUTH_EASTERN_ASIA", 3),
    ("AUSTRALIA_NEW_ZEALAND", 3), ("NORTHERN_AMERICA", 3), ("ASEAN", 2), ("WESTERN_EUROPE", 2),
    ("NORTHERN_AFRICA", 2), ("EASTERN_ASIA", 2), ("SOUTHERN_ASIA", 2), ("ECO", 1), ("POST_SOVIET", 2),
    ("SUB_SAHARAN_AFRICA", 1), ("CENTRAL_AMERICA", 1),
)  # fmt: skip
GROUP_EXTRAS = {"CIS": "GE", "EU": "GB", "MENA": "IR", "DACH": "LI", "EAEU": "UZ", "NORDIC": "EE"}
GROUP_EXCLUSIONS = {"EU": "FR", "CIS": "RU", "MENA": "IL", "LATIN_AMERICA_CARIBBEAN": "BR", "NORDIC": "GL"}
WORLDWIDE = (
    "World excluding US, CA",
    "World excluding CN",
    "World excluding US, CA, GB, IE",
    "World excluding IR",
    "World excluding FR, BE, CH, LU",
    "World",
)

# Media as deals name them: (text, weight, (min years, max years) of a typical term).
MEDIA_DEALS: tuple[tuple[str, int, tuple[int, int]], ...] = (
    ("THEATRICAL", 18, (1, 3)),
    ("SVOD", 18, (2, 5)),
    ("TVOD, EST", 8, (3, 7)),
    ("TVOD", 3, (3, 7)),
    ("EST", 2, (3, 7)),
    ("ON_DEMAND", 7, (3, 7)),
    ("ON_DEMAND excluding AVOD, FAST", 5, (3, 7)),
    ("AVOD", 3, (2, 5)),
    ("FAST", 1, (2, 4)),
    ("FREE_TV", 7, (3, 6)),
    ("PAY_TV", 7, (2, 5)),
    ("PAY_TV, PPV", 2, (2, 5)),
    ("TELEVISION", 5, (3, 7)),
    ("AIRLINE", 3, (1, 3)),
    ("ANCILLARY", 1, (2, 5)),
    ("NON_THEATRICAL", 3, (2, 5)),
    ("FESTIVAL", 1, (1, 2)),
    ("EDUCATIONAL", 1, (3, 10)),
    ("HOME_VIDEO", 1, (5, 10)),
    ("ALL_MEDIA", 2, (5, 15)),
    ("ALL_MEDIA excluding THEATRICAL", 1, (5, 15)),
)
HOLDBACK_MEDIA = ("FREE_TV", "FREE_TV, BASIC_TV", "AVOD, FAST", "SVOD", "TELEVISION", "ON_DEMAND")
DUBBED_LANGUAGES = {"CIS": "ru", "EAEU": "ru", "MENA": "ar", "GCC": "ar", "LATIN_AMERICA_CARIBBEAN": "es"}


@dataclass(slots=True)
class GrantSpec:
    """One generated contract line, with what the services would store and what the engine sees."""

    id: int
    work: int
    holder: int
    direction: str
    territories: Dimension
    media: Dimension
    contract_date: date
    start: date | None = None
    end: date | None = None  # exclusive
    event: str = ""
    start_after: tuple[int, int] = (0, 0)
    duration: tuple[int, int] | None = None
    exclusivity: str = "non_exclusive"
    co_exclusive_group: str = ""
    status: str = "active"
    sublicensable: bool = False
    licensing_until: date | None = None
    language_uses: str = ""
    counterparty_id: int | None = None
    counterparty_name: str = ""
    reference: str = ""

    @property
    def binding(self) -> bool:
        return self.status in ("active", "pending")


@dataclass(slots=True)
class WorkSpec:
    id: int
    owner: int
    year: int
    grants: list[GrantSpec] = field(default_factory=list)
    events: dict[str, date | None] = field(default_factory=dict)  # None: not recorded (yet)


def _day(value: date | None, default: int) -> int:
    return default if value is None else value.toordinal()


def _span(grant: GrantSpec) -> Span:
    """When a grant binds: an unresolved relative term at every time."""
    if grant.event and grant.start is None:
        return ALL_TIME
    return (_day(grant.start, BEGINNING), _day(grant.end, FOREVER))


def _overlap(a: GrantSpec, a_span: Span, b: GrantSpec) -> bool:
    b_span = _span(b)
    return (
        a_span[0] < b_span[1]
        and b_span[0] < a_span[1]
        and not a.media.leaves.isdisjoint(b.media.leaves)
        and not a.territories.leaves.isdisjoint(b.territories.leaves)
    )


def _collides(proposed: GrantSpec, existing: GrantSpec) -> bool:
    """Whether the conflict rules (or the constraint) would refuse `proposed` beside `existing`."""
    if not existing.binding or existing.direction == "in":
        return False
    if proposed.direction == "holdback" or existing.direction == "holdback":
        return True  # holdbacks stay clear of every OUT (an OUT may not touch one)
    both_co = (
        proposed.exclusivity == existing.exclusivity == "co_exclusive"
        and proposed.co_exclusive_group == existing.co_exclusive_group
    )
    if both_co:
        return False
    return proposed.exclusivity != "non_exclusive" or existing.exclusivity != "non_exclusive"


def fits(work: WorkSpec, proposed: GrantSpec) -> bool:
    if not proposed.binding:
        return True
    span = _span(proposed)
    return not any(_collides(proposed, other) and _overlap(proposed, span, other) for other in work.grants)


def _years(value: date, years: int) -> date:
    return add_months(value, 12 * years)


def _first_of_month(value: date) -> date:
    return value.replace(day=1)


class CatalogueGenerator:
    """Draws works and their grants; deterministic for a seed."""

    def __init__(
        self,
        *,
        seed: int,
        holders: Sequence[int],
        counterparties: Sequence[int],
        resolver: Resolver | None = None,
    ) -> None:
        self.rng = random.Random(seed)
        self.holders = list(holders)
        self.counterparties = list(counterparties)
        self.resolver = resolver or Resolver()
        self._market_codes = [code for code, _ in MARKETS]
        self._market_weights = [weight for _, weight in MARKETS]
        self._group_codes = [code for code, _ in GROUPS]
        self._group_weights = [weight for _, weight in GROUPS]
        self._media_texts = [text for text, _, _ in MEDIA_DEALS]
        self._media_weights = [weight for _, weight, _ in MEDIA_DEALS]
        self._media_years = {text: years for text, _, years in MEDIA_DEALS}
        self.next_grant_id = 1
        self.refused = 0  # OUTs that found no free box and were entered as terminated

    # -- counts

    def plan(self, works: int, grants: int) -> list[tuple[str, int, int]]:
        """(IN pattern, holdbacks, OUTs) per work, adding up to exactly `grants` grants."""
        rng = self.rng
        patterns = ("world", "world_excl", "split", "renewal", "split3")
        weights = (55, 17, 12, 10, 6)
        in_counts = {"world": 1, "world_excl": 1, "split": 2, "renewal": 2, "split3": 3}
        chosen = [rng.choices(patterns, weights)[0] for _ in range(works)]
        holdbacks = [rng.choices((0, 1, 2), (55, 35, 10))[0] for _ in range(works)]
        outs = [rng.randint(2, 12) for _ in range(works)]
        fixed = sum(in_counts[p] for p in chosen) + sum(holdbacks)
        total = fixed + sum(outs)
        low, high = fixed + 2 * works, fixed + 12 * works
        if not low <= grants <= high:
            raise ValueError(
                f"{grants} grants cannot be spread over {works} works "
                f"(2–12 OUTs each: between {low} and {high})"
            )
        step = 1 if grants > total else -1
        while total != grants:
            i = rng.randrange(works)
            if 2 <= outs[i] + step <= 12:
                outs[i] += step
                total += step
        return list(zip(chosen, holdbacks, outs, strict=True))

    # -- one work

    def work(self, work_id: int, pattern: str, holdbacks: int, outs: int) -> WorkSpec:
        rng = self.rng
        year = rng.choices(range(1995, 2027), [1 + max(0, y - 2005) for y in range(1995, 2027)])[0]
        spec = WorkSpec(id=work_id, owner=rng.choice(self.holders), year=year)
        acquired = date(year, 1, 1) + timedelta(days=rng.randrange(730))
        for territories, media, start, end in self._holdings(pattern, acquired):
            self._add_in(spec, territories, media, start, end)
        made = 0
        while made < outs:
            made += self._add_out(spec, co_exclusive=outs - made >= 2 and rng.random() < 0.03)
        for _ in range(holdbacks):
            self._add_holdback(spec)
        return spec

    def _holdings(self, pattern: str, acquired: date) -> list[tuple[str, str, date | None, date | None]]:
        rng = self.rng
        producer = rng.random() < 0.4
        start = None if producer else acquired
        end = None if producer or rng.random() < 0.15 else _years(acquired, rng.randint(12, 25))
        if pattern == "world":
            return [("World", "ALL_MEDIA", start, end)]
        if pattern == "world_excl":
            territories = rng.choice(
                (
                    "World excluding IR",
                    "World excluding US, CA",
                    "World excluding BY, RU",
                    "World excluding CN",
                )
            )
            media = rng.choice(
                ("ALL_MEDIA", "ALL_MEDIA excluding ANCILLARY", "ALL_MEDIA excluding CINEMATIC")
            )
            return [(territories, media, start, end)]
        if pattern == "split":
            return [
                ("EUROPE + CIS", "ALL_MEDIA", start, end),
                (
                    "World excluding EUROPE, CIS",
                    rng.choice(("TELEVISION + ON_DEMAND", "ALL_MEDIA")),
                    start,
                    end,
                ),
            ]
        if pattern == "split3":
            return [
                ("EUROPE", "ALL_MEDIA", start, end),
                ("CIS + MENA", "TELEVISION + ON_DEMAND + CINEMATIC", start, end),
                ("AMERICAS + ASIA excluding CIS, MENA", "ON_DEMAND + TELEVISION", start, end),
            ]
        # renewal: the same rights held in two consecutive terms
        first_end = _years(acquired, rng.randint(5, 10))
        second_end = None if rng.random() < 0.3 else _years(first_end, rng.randint(5, 15))
        return [("World", "ALL_MEDIA", acquired, first_end), ("World", "ALL_MEDIA", first_end, second_end)]

    def _new(self, work: WorkSpec, direction: str, territories: str, media: str, contract: date) -> GrantSpec:
        grant = GrantSpec(
            id=self.next_grant_id,
            work=work.id,
            holder=work.owner,
            direction=direction,
            territories=self.resolver.territories(territories, contract),
            media=self.resolver.media(media),
            contract_date=contract,
        )
        self.next_grant_id += 1
        return grant

    def _add_in(
        self, work: WorkSpec, territories: str, media: str, start: date | None, end: date | None
    ) -> None:
        rng = self.rng
        contract = start or date(work.year, 1, 1) + timedelta(days=rng.randrange(200))
        grant = self._new(work, "in", territories, media, contract)
        grant.start, grant.end = start, end
        grant.sublicensable = rng.random() < 0.97
        # "Licensing until" only where it is still ahead: an active OUT licensed under a period that
        # is over would be refused on import (the rule compares it with today).
        if end is not None and end > TODAY + timedelta(days=1500) and rng.random() < 0.3:
            grant.licensing_until = end - timedelta(days=rng.choice((180, 365, 730)))
        if end is not None and end <= TODAY and rng.random() < 0.5:
            grant.status = "expired"
        grant.counterparty_name = f"Producer {rng.randrange(5000)}"
        grant.reference = f"ACQ-{work.id}-{len(work.grants) + 1}"
        work.grants.append(grant)

    def _draw_territories(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.48:
            return rng.choices(self._market_codes, self._market_weights)[0]
        if roll < 0.64:
            return ", ".join(rng.choice(SMALL_LISTS))
        if roll < 0.95:
            group = rng.choices(self._group_codes, self._group_weights)[0]
            extra = rng.random()
            if extra < 0.1 and group in GROUP_EXTRAS:
                return f"{group} + {GROUP_EXTRAS[group]}"
            if extra < 0.2 and group in GROUP_EXCLUSIONS:
                return f"{group} excluding {GROUP_EXCLUSIONS[group]}"
            return group
        return rng.choice(WORLDWIDE)

    def _holding_for(
        self, work: WorkSpec, territories: frozenset[str], media: frozenset[str]
    ) -> GrantSpec | None:
        """An IN grant that holds this box (sublicensable), if any."""
        for grant in work.grants:
            if (
                grant.direction == "in"
                and grant.status == "active"
                and grant.sublicensable
                and territories <= grant.territories.leaves
                and media <= grant.media.leaves
            ):
                return grant
        return None

    def _term(self, holding: GrantSpec, media_text: str, year: int) -> tuple[date | None, date | None] | None:
        """A term inside the holding's: starts between its start (or the film's year) and 2031."""
        rng = self.rng
        low = max(_day(holding.start, date(year, 1, 1).toordinal()), date(2008, 1, 1).toordinal())
        holding_end = _day(holding.licensing_until or holding.end, FOREVER)
        high = min(holding_end - 365, date(2031, 6, 30).toordinal())
        if high <= low:
            return None
        start = date.fromordinal(rng.randint(low, high))
        if rng.random() < 0.5 and _first_of_month(start).toordinal() >= low:
            start = _first_of_month(start)
        if rng.random() < 0.02 and holding.end is None:
            return start, None  # in perpetuity
        low_years, high_years = self._media_years[media_text]
        end = _years(start, rng.randint(low_years, high_years))
        if holding.end is not None and end > holding.end:
            end = holding.end
        return (start, end) if start < end else None

    def _add_out(self, work: WorkSpec, *, co_exclusive: bool) -> int:
        """Adds one OUT (two for a co-exclusive pair); how many grants it added."""
        rng = self.rng
        exclusivity = (
            "co_exclusive" if co_exclusive else ("exclusive" if rng.random() < 0.77 else "non_exclusive")
        )
        for _attempt in range(8):
            territories_text = self._draw_territories()
            media_text = rng.choices(self._media_texts, self._media_weights)[0]
            contract_guess = date(max(work.year, 2016), 6, 1)
            try:
                territories = self.resolver.territories(territories_text, contract_guess)
            except ExpressionError:
                continue  # a group that did not exist yet
            media = self.resolver.media(media_text)
            holding = self._holding_for(work, territories.leaves, media.leaves)
            if holding is None:
                continue
            term = self._term(holding, media_text, work.year)
            if term is None:
                continue
            start, end = term
            contract = start - timedelta(days=rng.randrange(20, 200)) if start else contract_guess
            try:
                grant = self._new(work, "out", territories_text, media_text, contract)
            except ExpressionError:
                continue
            if not grant.territories.leaves <= holding.territories.leaves:
                self.next_grant_id -= 1
                continue  # the group had other members at the contract date
            grant.start, grant.end = start, end
            grant.exclusivity = exclusivity
            self._out_details(work, grant, holding)
            group_code = territories_text.split(" ")[0]
            if rng.random() < 0.05 and group_code in DUBBED_LANGUAGES:
                language = DUBBED_LANGUAGES[group_code]
                grant.language_uses = f"{language}:dubbed {language}:subtitled"
            if co_exclusive:
                grant.co_exclusive_group = f"W{work.id}-{grant.id}"
            if fits(work, grant):
                work.grants.append(grant)
                if co_exclusive:
                    partner = self._new(work, "out", territories_text, media_text, contract)
                    for name in ("start", "end", "event", "start_after", "duration", "exclusivity",
                                 "co_exclusive_group", "status", "language_uses"):  # fmt: skip
                        setattr(partner, name, getattr(grant, name))
                    partner.counterparty_id = rng.choice(self.counterparties)
                    partner.counterparty_name = ""
                    partner.reference = f"{grant.reference}-B"
                    if fits(work, partner):
                        work.grants.append(partner)
                        return 2
                    self.next_grant_id -= 1
                return 1
            self.next_grant_id -= 1
        # No free box after a few tries: enter it as a line that was terminated (it binds nothing).
        self.refused += 1
        holding = next((g for g in work.grants if g.direction == "in"), work.grants[0])
        grant = self._new(work, "out", "BY", "SVOD", date(2020, 1, 1))
        if not grant.territories.leaves <= holding.territories.leaves:
            grant.territories = holding.territories
        if not grant.media.leaves <= holding.media.leaves:
            grant.media = holding.media
        grant.start, grant.end = date(2020, 1, 1), date(2022, 1, 1)
        grant.exclusivity = "exclusive"
        grant.status = "terminated"
        grant.counterparty_name = f"Licensee {rng.randrange(20000)}"
        work.grants.append(grant)
        return 1

    def _out_details(self, work: WorkSpec, grant: GrantSpec, holding: GrantSpec) -> None:
        rng = self.rng
        if rng.random() < 0.6:
            grant.counterparty_id = rng.choice(self.counterparties)
        else:
            grant.counterparty_name = f"Licensee {rng.randrange(20000)}"
        grant.reference = f"LIC-{work.id}-{grant.id}"
        ended = grant.end is not None and grant.end <= TODAY
        roll = rng.random()
        if ended:
            grant.status = "expired" if roll < 0.6 else "active"
        elif roll < 0.03:
            grant.status = "pending"
        elif roll < 0.04:
            grant.status = "draft"
        elif roll < 0.05:
            grant.status = "terminated"
        # Some windows count from the theatrical release in the first country of the deal.
        if (
            rng.random() < 0.05
            and "THEATRICAL" not in grant.media.leaves
            and len(grant.territories.leaves) <= 5
            and grant.start is not None
            and grant.start > TODAY - timedelta(days=900)
        ):
            self._make_relative(work, grant, holding)

    def _make_relative(self, work: WorkSpec, grant: GrantSpec, holding: GrantSpec) -> None:
        """Turn the OUT's term into one relative to a theatrical release, if it still fits the holding."""
        rng = self.rng
        key = f"theatrical:{sorted(grant.territories.leaves)[0]}"
        months = rng.choice((3, 4, 6, 9, 12))
        duration = None if rng.random() < 0.1 and holding.end is None else (rng.choice((12, 24, 36, 60)), 0)
        # Unrecorded, the term is checked as if the release were today: the holding must hold it then.
        needed_start = add_months(TODAY, months)
        needed_end = None if duration is None else add_months(needed_start, duration[0])
        held_if_today = (holding.start is None or holding.start <= needed_start) and (
            holding.end is None or (needed_end is not None and holding.end > needed_end + timedelta(days=400))
        )
        if key not in work.events:
            happened = not held_if_today or rng.random() < 0.6
            assert grant.start is not None  # noqa: S101
            work.events[key] = grant.start - timedelta(days=rng.randrange(60, 400)) if happened else None
        recorded = work.events[key]
        if recorded is None:
            if not held_if_today:
                return
            start, end = None, None
        else:
            term = RelativeTerm(key, Offset(months, 0), None if duration is None else Offset(*duration))
            resolved = term.resolve({key: recorded.toordinal()})
            assert resolved is not None  # noqa: S101 (the event was just given)
            start, end = to_date(resolved[0]), to_date(resolved[1])
            if (holding.start is not None and (start is None or start < holding.start)) or (
                holding.end is not None and (end is None or end > holding.end)
            ):
                return
        grant.event, grant.start_after, grant.duration = key, (months, 0), duration
        grant.start, grant.end = start, end

    def _add_holdback(self, work: WorkSpec) -> None:
        rng = self.rng
        outs = [g for g in work.grants if g.direction == "out" and g.binding and g.start is not None]
        for _attempt in range(6):
            if outs and rng.random() < 0.7:
                # Protects a licensed window: no other exploitation in that territory meanwhile.
                base = rng.choice(outs)
                territories_text = ", ".join(sorted(base.territories.leaves)[:4])
                start = base.start
                assert start is not None  # noqa: S101
            else:
                territories_text = self._draw_territories()
                start = date(2012, 1, 1) + timedelta(days=rng.randrange(20 * 365))
            media_text = rng.choice(HOLDBACK_MEDIA)
            try:
                grant = self._new(work, "holdback", territories_text, media_text, start - timedelta(days=30))
            except ExpressionError:
                continue
            grant.start, grant.end = start, add_months(start, rng.choice((6, 12, 18, 24, 36)))
            grant.exclusivity = "non_exclusive"
            grant.counterparty_name = f"Licensee {rng.randrange(20000)}"
            grant.reference = f"HB-{work.id}-{grant.id}"
            if grant.end is not None and grant.end <= TODAY and rng.random() < 0.6:
                grant.status = "expired"
            if fits(work, grant):
                work.grants.append(grant)
                return
            self.next_grant_id -= 1
        # Nowhere free: a holdback already lifted.
        grant = self._new(work, "holdback", "BY", "FREE_TV", date(2015, 1, 1))
        grant.start, grant.end = date(2015, 1, 1), date(2016, 1, 1)
        grant.status = "terminated"
        work.grants.append(grant)

    def works(self, first_id: int, counts: Sequence[tuple[str, int, int]]) -> Iterator[WorkSpec]:
        for offset, (pattern, holdbacks, outs) in enumerate(counts):
            yield self.work(first_id + offset, pattern, holdbacks, outs)


# --- queries --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuerySpec:
    media: str  # one media leaf
    group: str  # one territory group
    start: date
    end: date  # exclusive; two years after start

    @property
    def label(self) -> str:
        return f"{self.media} x {self.group} {self.start.isoformat()}..{self.end.isoformat()}"


def _two_years(start: date) -> tuple[date, date]:
    return start, _years(start, 2)


QUERIES: tuple[QuerySpec, ...] = tuple(
    QuerySpec(media, group, *_two_years(start))
    for media, group, start in (
        ("SVOD", "CIS", date(2027, 1, 1)),
        ("THEATRICAL", "EU", date(2027, 7, 1)),
        ("FREE_TV", "MENA", date(2028, 1, 1)),
        ("TVOD", "GCC", date(2027, 1, 1)),
        ("PAY_TV", "NORDIC", date(2027, 4, 1)),
        ("SVOD", "LATIN_AMERICA_CARIBBEAN", date(2028, 1, 1)),
        ("AVOD", "EASTERN_ASIA", date(2027, 1, 1)),
        ("THEATRICAL", "EAEU", date(2027, 1, 1)),
        ("EST", "DACH", date(2029, 1, 1)),
        ("AIRLINE", "SOUTH_EASTERN_ASIA", date(2027, 1, 1)),
        ("SVOD", "WORLD", date(2027, 1, 1)),
        ("FESTIVAL", "EUROPE", date(2027, 6, 1)),
    )
)


# --- the engine's view ----------------------------------------------------------------------------


def engine_grant(grant: GrantSpec) -> EngineGrant:
    """The engine grant the loader would make of this line once written (for self-checks)."""
    term: FixedTerm | RelativeTerm
    if grant.event:
        duration = None if grant.duration is None else Offset(*grant.duration)
        term = RelativeTerm(grant.event, Offset(*grant.start_after), duration)
    else:
        term = FixedTerm(_day(grant.start, BEGINNING), _day(grant.end, FOREVER))
    return EngineGrant(
        id=grant.id,
        work=grant.work,
        direction=Direction(grant.direction),
        media=grant.media.leaves,
        territories=grant.territories.leaves,
        term=term,
        language_uses=frozenset(LanguageUse.parse(u) for u in grant.language_uses.split()) or None,
        exclusivity=Exclusivity(grant.exclusivity),
        co_exclusive_group=grant.co_exclusive_group,
        status=Status(grant.status),
        sublicensable=grant.sublicensable,
        licensing_until=None if grant.licensing_until is None else grant.licensing_until.toordinal(),
    )


def work_conflicts(work: WorkSpec) -> list[tuple[int, Conflict]]:
    """What the conflict rules say about each binding line of the work against the others."""
    grants = [engine_grant(g) for g in work.grants]
    events = {key: on.toordinal() for key, on in work.events.items() if on is not None}
    return [
        (grant.id, conflict)
        for grant in grants
        for conflict in grant_conflicts(grants, grant, events, TODAY.toordinal())
    ]
