"""Builders for the engine tests: projects as facts, rule sets as documents with one or a few rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from cinebridge.coproduction.engine.facts import CompanyFacts, CreativeFacts, Financing, InKind, ProjectFacts
from cinebridge.coproduction.engine.rulesets import RuleSetDoc, rule_set_from_json

AS_OF = date(2026, 6, 30)


def company(
    id: str,
    country: str,
    *amounts: str,
    confirmed: bool = True,
    letter: date | None = AS_OF,
    in_kind: tuple[str, ...] = (),
    artistic: tuple[str, ...] = (),
    name: str = "",
) -> CompanyFacts:
    return CompanyFacts(
        id=id,
        name=name or id.title(),
        country=country,
        financing=tuple(
            Financing(
                kind="coproducer",
                amount=Decimal(a),
                confirmed=confirmed,
                letter_date=letter if confirmed else None,
            )
            for a in amounts
        ),
        in_kind=tuple(InKind(category="studio", value=Decimal(v)) for v in in_kind),
        artistic=artistic,
    )


def project(*companies: CompanyFacts, **changes: Any) -> ProjectFacts:
    values: dict[str, Any] = {
        "kind": "feature",
        "audience": "children",
        "runtime_minutes": 90,
        "currency": "EUR",
        "budget": sum((c.amount for c in companies), Decimal(0)),
        "support_requested": None,
        "as_of": AS_OF,
        "companies": companies,
        "creatives": (),
    }
    values.update(changes)
    return ProjectFacts(**values)


def creatives(*pairs: tuple[str, str]) -> tuple[CreativeFacts, ...]:
    return tuple(CreativeFacts(role=role, nationality=nationality) for role, nationality in pairs)


def rule(check: str, params: dict[str, Any], *, code: str = "", when: dict[str, Any] | None = None,
         severity: str = "required") -> dict[str, Any]:  # fmt: skip
    data: dict[str, Any] = {
        "code": code or check,
        "check": check,
        "article": "Art. 1",
        "titles": {"en": f"The {check} rule"},
        "severity": severity,
        "params": params,
    }
    if when is not None:
        data["when"] = when
    return data


def document(*rules: dict[str, Any], parties: Any = ("IR", "BY"), currency: str = "EUR") -> dict[str, Any]:
    return {
        "format": 1,
        "id": "test-rules",
        "version": "1",
        "names": {"en": "Test rules"},
        "source": {"title": "A test", "url": "https://example.org/", "date": "2026-01-01"},
        "parties": list(parties) if not isinstance(parties, str) else parties,
        "currency": currency,
        "rules": list(rules),
    }


def rule_set(*rules: dict[str, Any], **options: Any) -> RuleSetDoc:
    return rule_set_from_json(document(*rules, **options))
