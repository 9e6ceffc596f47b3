"""How the members fund a samordningsförbund (5 § lagen 2003:1210): shares, keys and the budget ceiling."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from formation.domain.labels import KIND_LABELS
from formation.domain.membership import KOMMUNALFORBUND_REFUSAL
from formation.domain.parties import LEGAL_SHARE, PartyKind

# Kinds whose legal part is split by a key the members agree on; the state parties' parts are fixed by law.
_KEYED_KINDS: tuple[PartyKind, ...] = (PartyKind.KOMMUN, PartyKind.REGION)
_PLURAL: dict[PartyKind, str] = {PartyKind.KOMMUN: "kommunerna", PartyKind.REGION: "regionerna"}
_PLURAL_GENITIVE: dict[PartyKind, str] = {PartyKind.KOMMUN: "kommunernas", PartyKind.REGION: "regionernas"}
_MISSING_TEXT: dict[PartyKind, str] = {
    PartyKind.FORSAKRINGSKASSAN: "Försäkringskassan (som betalar hälften)",
    PartyKind.KOMMUN: "någon kommun (kommunerna betalar en fjärdedel)",
    PartyKind.REGION: "någon region (regionerna betalar en fjärdedel)",
}


class FinanceError(ValueError):
    """The funding cannot be computed as asked; the message is one Swedish sentence for the user."""

    def __init__(self, message: str, *, plan: FinancePlan | None = None, missing: Sequence[PartyKind] = ()) -> None:
        super().__init__(message)
        # When only a kind of party is missing the rest is still computed, so the caller can show it.
        self.plan = plan
        self.missing: tuple[PartyKind, ...] = tuple(missing)


@dataclass(frozen=True)
class FundingParty:
    """A member as input to the computation; key_percent and population matter for kommuner and regioner."""

    name: str
    kind: PartyKind
    key_percent: Decimal | None = None
    population: int | None = None


@dataclass(frozen=True)
class FundedParty:
    """A member's share of the total (exact) and its contribution in whole kronor."""

    name: str
    kind: PartyKind
    share: Fraction
    amount: int


@dataclass(frozen=True)
class FinancePlan:
    """The total budget, which party's offer set it (if any), and every member's part."""

    total: int
    limited_by: str | None
    parties: list[FundedParty]

    def as_json(self) -> dict[str, Any]:
        """Plain JSON-ready dict; share is a float rounded to 6 decimals, amounts are whole kronor."""
        return {
            "total": self.total,
            "limited_by": self.limited_by,
            "parties": [
                {
                    "name": p.name,
                    "kind": p.kind.value,
                    # Round the exact fraction first so the float is the nearest to a 6-decimal value.
                    "share": float(round(p.share, 6)),
                    "amount": p.amount,
                }
                for p in self.parties
            ],
        }


def _percent(value: Decimal | Fraction) -> str:
    """A percentage as Swedes write it: no trailing zeros, decimal comma."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _keyed_shares(kind: PartyKind, group: Sequence[FundingParty], part: Fraction) -> list[Fraction]:
    """Split the kind's legal part among its parties: by key, else by population, else equally."""
    keys = [p.key_percent for p in group]
    with_key = [k for k in keys if k is not None]
    if with_key and len(with_key) != len(group):
        missing = ", ".join(p.name for p in group if p.key_percent is None)
        raise FinanceError(
            f"Fördelningsnyckeln för {_PLURAL[kind]} är ofullständig: {missing} saknar procentsats; "
            "ange den för alla eller för ingen."
        )
    if with_key:
        negative = [p.name for p in group if p.key_percent is not None and p.key_percent < 0]
        if negative:
            raise FinanceError(f"Fördelningsnyckeln kan inte vara negativ ({', '.join(negative)}).")
        key_sum = sum(with_key, Decimal(0))
        # Keys are percent of the total (Falun 13 + Borlänge 12 = 25) or of the kind's part (52 + 48 = 100).
        of_total = part * 100
        if Fraction(key_sum) not in (of_total, Fraction(100)):
            raise FinanceError(
                f"Fördelningsnyckeln för {_PLURAL[kind]} summerar till {_percent(key_sum)} %; den måste bli "
                f"100 % av {_PLURAL_GENITIVE[kind]} {'fjärdedel' if part == Fraction(1, 4) else 'halva'} "
                f"(eller {_percent(of_total)} % av totalen)."
            )
        return [part * Fraction(k) / Fraction(key_sum) for k in with_key]
    populations = [p.population for p in group]
    with_pop = [n for n in populations if n is not None]
    if with_pop and len(with_pop) == len(group):
        if any(n < 0 for n in with_pop):
            raise FinanceError(f"Befolkningstalet för {_PLURAL[kind]} kan inte vara negativt.")
        pop_sum = sum(with_pop)
        # All zero would divide by zero; an equal split is the only sensible reading of "no one lives here".
        if pop_sum > 0:
            return [part * Fraction(n, pop_sum) for n in with_pop]
    return [part / len(group) for _ in group]


def _shares(parties: Sequence[FundingParty], no_region: bool = False) -> dict[str, Fraction]:
    """Each party's exact share of the total, in input order. Without a region (Gotland) the kommun
    carries the region's quarter too, since it has the region's tasks."""
    seen: set[str] = set()
    for p in parties:
        if p.name in seen:
            raise FinanceError(f"Parten {p.name} förekommer mer än en gång.")
        seen.add(p.name)
        if p.kind is PartyKind.KOMMUNALFORBUND:
            raise FinanceError(KOMMUNALFORBUND_REFUSAL)
        if p.kind.is_state:
            # There is one FK and one AF in Sweden; a second one is a data-entry mistake, not a split.
            if sum(1 for q in parties if q.kind is p.kind) > 1:
                raise FinanceError(f"{KIND_LABELS[p.kind]} kan bara finnas med en gång.")
            if p.key_percent is not None:
                raise FinanceError(
                    f"{KIND_LABELS[p.kind]}s andel är bestämd i 5 § lagen (2003:1210) och tar ingen fördelningsnyckel."
                )
    shares: dict[str, Fraction] = {}
    for p in parties:
        if p.kind.is_state:
            shares[p.name] = LEGAL_SHARE[p.kind]
    if no_region and any(p.kind is PartyKind.REGION for p in parties):
        raise FinanceError("Förbundet är bildat utan region, men en region finns bland parterna.")
    for kind in _KEYED_KINDS:
        group = [p for p in parties if p.kind is kind]
        part = LEGAL_SHARE[kind] + (LEGAL_SHARE[PartyKind.REGION] if no_region and kind is PartyKind.KOMMUN else 0)
        if group:
            shares.update(zip((p.name for p in group), _keyed_shares(kind, group, part), strict=True))
    return {p.name: shares[p.name] for p in parties}


def _allocate(total: int, shares: Sequence[Fraction]) -> list[int]:
    """Whole-krona amounts by the largest-remainder method, so they add up to the exact total."""
    exact = [total * s for s in shares]
    amounts = [math.floor(x) for x in exact]
    # Equals `total` when every kind is present; a partial plan hands out only what its shares cover.
    target = math.floor(sum(exact, Fraction(0)))
    leftover = target - sum(amounts)
    # Ties go to the earlier party so the result does not depend on anything but the input order. Only
    # parties with a positive remainder can be picked (leftover < their count), so no amount exceeds
    # ceil(exact), which keeps every amount within an integer offer that allowed `exact`.
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - amounts[i]), i))
    for i in order[:leftover]:
        amounts[i] += 1
    return amounts


def _total_from_offers(
    parties: Sequence[FundingParty], shares: Mapping[str, Fraction], offers: Mapping[str, int]
) -> tuple[int, str | None]:
    """The least party sets the budget: min over paying parties of offer / share, floored to kronor."""
    names = {p.name for p in parties}
    for name, offer in offers.items():
        if name not in names:
            raise FinanceError(f"Det finns ett erbjudande från {name}, som inte är en part i förbundet.")
        if shares[name] == 0:
            raise FinanceError(f"{name} betalar ingenting direkt enligt 5 § och kan inte lämna ett erbjudande.")
        if offer < 0:
            raise FinanceError(f"Erbjudandet från {name} kan inte vara negativt ({offer} kr).")
    best: Fraction | None = None
    limited_by: str | None = None
    for p in parties:
        share = shares[p.name]
        if share == 0:
            continue
        if p.name not in offers:
            raise FinanceError(f"{p.name} har inte lämnat något erbjudande om bidrag.")
        ceiling = Fraction(offers[p.name]) / share
        # Strictly less: on a tie the first party in the input is named.
        if best is None or ceiling < best:
            best, limited_by = ceiling, p.name
    if best is None:
        return 0, None
    return math.floor(best), limited_by


def compute_financing(
    parties: Sequence[FundingParty],
    *,
    total: int | None = None,
    offers: Mapping[str, int] | None = None,
    no_region: bool = False,
) -> FinancePlan:
    """Each member's part of `total`, or of the largest total that every offer allows (whole kronor)."""
    if (total is None) == (offers is None):
        raise FinanceError("Ange antingen en total budget eller parternas erbjudanden, inte båda eller inget.")
    shares = _shares(parties, no_region)
    limited_by: str | None = None
    if offers is not None:
        budget, limited_by = _total_from_offers(parties, shares, offers)
    elif total is not None and total >= 0:
        budget = total
    else:
        raise FinanceError(f"Budgeten kan inte vara negativ ({total} kr).")
    amounts = _allocate(budget, [shares[p.name] for p in parties])
    plan = FinancePlan(
        total=budget,
        limited_by=limited_by,
        parties=[
            FundedParty(name=p.name, kind=p.kind, share=shares[p.name], amount=amount)
            for p, amount in zip(parties, amounts, strict=True)
        ],
    )
    present = {p.kind for p in parties}
    missing = [k for k in _MISSING_TEXT if k not in present and not (no_region and k is PartyKind.REGION)]
    if missing:
        listed = " och ".join(_MISSING_TEXT[k] for k in missing)
        raise FinanceError(
            f"Finansieringen är ofullständig: {listed} saknas bland parterna.", plan=plan, missing=missing
        )
    return plan
