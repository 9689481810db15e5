"""A deliberately naive second implementation of the royalty rules, for the property tests.

Written from docs/royalties.md, not from the engine: plain loops over the input JSON, one rate
searched by scanning every rate, every figure recomputed from the rows for each cut-off.
"""

from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext

MODES = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN}
EXPONENT = {"EUR": 2, "BYN": 2, "JPY": 0, "KWD": 3, "IRR": 2, "USD": 2}


def _round(amount, currency, mode):
    return amount.quantize(Decimal(10) ** -EXPONENT[currency], rounding=MODES[mode])


def _rate(data, currency, day):
    """(multiply?, rate) of the latest rate on or before `day`; a direct rate wins a tie."""
    if currency == data["currency"]:
        return None
    best = None
    for r in data.get("rates", []):
        on = date.fromisoformat(r["date"])
        if on > day:
            continue
        if r["from"] == currency and r["to"] == data["currency"]:
            candidate = (on, 1, True, Decimal(r["rate"]))
        elif r["from"] == data["currency"] and r["to"] == currency:
            candidate = (on, 0, False, Decimal(r["rate"]))
        else:
            continue
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is None:
        raise LookupError(currency, day)
    return best[2], best[3]


def _convert(data, amount, currency, day, mode):
    found = _rate(data, currency, day)
    if found is None:
        return amount
    multiply, rate = found
    return _round(amount * rate if multiply else amount / rate, data["currency"], mode)


def _percent(scale, week):
    if week > len(scale):
        return Decimal(scale[-1])
    return Decimal(scale[week - 1])


def _month_end(first):
    day = first
    while (day + timedelta(days=1)).month == first.month:
        day += timedelta(days=1)
    return day


def oracle(data):
    with localcontext() as context:
        context.prec = 100
        return _oracle(data)


def _oracle(data):
    terms = data["terms"]
    mode = terms.get("rounding", "half_up")
    deal = data["currency"]
    start = date.fromisoformat(data["period"]["start"])
    end = date.fromisoformat(data["period"]["end"])
    bookings = {b["ref"]: b for b in data.get("bookings", [])}

    # per booking and playing week
    weeks = {}
    for row in data.get("box_office", []):
        if date.fromisoformat(row["week_start"]) > end:
            continue
        key = (row["booking"], row["playing_week"])
        if key not in weeks:
            weeks[key] = {
                "start": date.fromisoformat(row["week_start"]),
                "gross": Decimal(0),
                "taxes": Decimal(0),
                "levies": Decimal(0),
                "admissions": 0,
            }
        weeks[key]["gross"] += Decimal(row["gross"])
        weeks[key]["taxes"] += Decimal(row.get("taxes", "0"))
        weeks[key]["levies"] += Decimal(row.get("levies", "0"))
        weeks[key]["admissions"] += row["admissions"]
    theatrical = terms.get("theatrical")
    rentals = {}
    week_rows = {}
    for (booking_ref, week), w in weeks.items():
        booking = bookings[booking_ref]
        net = w["gross"] - w["taxes"] - w["levies"]
        rental = Decimal(0)
        if theatrical:
            rental = net * _percent(theatrical["percent_by_week"], week) / 100
            nut = booking.get("house_nut_per_week")
            if nut is not None and theatrical.get("over_nut_percent_by_week"):
                over = (net - Decimal(nut)) * _percent(theatrical["over_nut_percent_by_week"], week) / 100
                if net > Decimal(nut) and over > rental:
                    rental = over
            rental = _round(rental, booking["currency"], mode)
        last_day = w["start"] + timedelta(days=6)
        converted = {
            name: _convert(data, amount, booking["currency"], last_day, mode)
            for name, amount in (
                ("taxes", w["taxes"]),
                ("levies", w["levies"]),
                ("rental", rental),
                ("exhibitor", net - rental),
            )
        }
        rentals[(booking_ref, week)] = rental
        week_rows[(booking_ref, week)] = (w["start"], converted, w["admissions"])

    def receipts_by_media(cutoff):
        media = {}
        if theatrical or any(
            r["media"] == "THEATRICAL"
            for r in data.get("receipts", [])
            if date.fromisoformat(r["date"]) <= end
        ):
            media["THEATRICAL"] = Decimal(0)
        for start_day, converted, _ in week_rows.values():
            if start_day <= cutoff:
                media["THEATRICAL"] = media.get("THEATRICAL", Decimal(0)) + converted["rental"]
        share = terms.get("on_demand", {}).get("revenue_share_percent")
        for row in data.get("usage", []):
            month = date.fromisoformat(row["month"])
            if month > end:
                continue
            revenue = _convert(data, Decimal(row["revenue"]), row["currency"], _month_end(month), mode)
            licensor = _round(revenue * Decimal(share) / 100, deal, mode) if share is not None else Decimal(0)
            if month <= cutoff:
                media[row["media"]] = media.get(row["media"], Decimal(0)) + licensor
            else:
                media.setdefault(row["media"], Decimal(0))
        for row in data.get("receipts", []):
            on = date.fromisoformat(row["date"])
            if on > end:
                continue
            amount = _convert(data, Decimal(row["amount"]), row["currency"], on, mode)
            media[row["media"]] = media.get(row["media"], Decimal(0)) + (amount if on <= cutoff else 0)
        return media

    def waterfall(cutoff):
        media = receipts_by_media(cutoff)
        fees = {
            m: _round(v * Decimal(terms.get("distribution_fee_percent", {}).get(m, "0")) / 100, deal, mode)
            for m, v in media.items()
        }
        gross_receipts = sum(media.values(), Decimal(0))
        fee = sum(fees.values(), Decimal(0))
        incurred = Decimal(0)
        for row in data.get("expenses", []):
            on = date.fromisoformat(row["date"])
            if on <= cutoff:
                incurred += _convert(data, Decimal(row["amount"]), row["currency"], on, mode)
        cap = terms.get("expenses_cap")
        recouped = incurred
        if cap is not None and Decimal(cap) < recouped:
            recouped = Decimal(cap)
        if gross_receipts - fee < recouped:
            recouped = gross_receipts - fee
        remaining = gross_receipts - fee - recouped
        mg = Decimal(terms.get("minimum_guarantee") or 0)
        mg_recouped = remaining if remaining < mg else mg
        overage = remaining - mg_recouped
        flat = Decimal(terms.get("flat_fee") or 0)
        entitlement = flat + (mg if mg > remaining else remaining)
        return {
            "media": media,
            "fees": fees,
            "gross_receipts": gross_receipts,
            "distribution_fee": fee,
            "expenses_incurred": incurred,
            "expenses_recouped": recouped,
            "mg_recouped": mg_recouped,
            "overage": overage,
            "entitlement": entitlement,
        }

    now = waterfall(end)
    before = waterfall(start - timedelta(days=1))
    previously = Decimal(data.get("previously_reported") or 0)
    totals = {
        "film_rental": sum((c["rental"] for _, c, _ in week_rows.values()), Decimal(0)),
        "taxes": sum((c["taxes"] for _, c, _ in week_rows.values()), Decimal(0)),
        "levies": sum((c["levies"] for _, c, _ in week_rows.values()), Decimal(0)),
        "exhibitor_share": sum((c["exhibitor"] for _, c, _ in week_rows.values()), Decimal(0)),
        "admissions": sum(a for _, _, a in week_rows.values()),
        "payable": now["entitlement"] - previously if now["entitlement"] > previously else Decimal(0),
        "carried_forward": previously - now["entitlement"] if previously > now["entitlement"] else Decimal(0),
        **{
            k: now[k]
            for k in (
                "gross_receipts",
                "distribution_fee",
                "expenses_incurred",
                "expenses_recouped",
                "mg_recouped",
                "overage",
                "entitlement",
            )
        },
    }
    return {"rentals": rentals, "totals": totals, "now": now, "before": before}
