"""`formation finance`: the case's members fed to the § 5 computation, and the plan as text."""

from __future__ import annotations

from formation.case.resolve import find_party
from formation.domain.amounts import parse_amount
from formation.domain.finance import FinanceError, FinancePlan, FundingParty, compute_financing
from formation.errors import Refusal
from formation.services.views import CaseView


def finance_plan(view: CaseView, *, total: str | None, offers: list[str]) -> FinancePlan:
    """Compute from the members (observers pay nothing); a finance rule broken is a refusal."""
    members = [p for p in view.parties if p.is_member]
    parties = [
        FundingParty(p.info.name, p.info.kind, key_percent=p.info.key_percent, population=p.info.population)
        for p in members
    ]
    offered: dict[str, int] = {}
    for item in offers:
        if "=" not in item:
            raise Refusal("Ett erbjudande ska ha formen PART=BELOPP.")
        key, amount = item.rsplit("=", 1)
        progress = find_party(view.projection, key)
        if not progress.is_member:
            raise Refusal(f"{progress.info.name} är inte medlem och bidrar inte till finansieringen.")
        offered[progress.info.name] = parse_amount(amount, f"Erbjudandet från {progress.info.name}")
    try:
        if total is not None:
            return compute_financing(
                parties, total=parse_amount(total, "Budgeten"), no_region=view.projection.no_region
            )
        return compute_financing(parties, offers=offered, no_region=view.projection.no_region)
    except FinanceError as exc:
        raise Refusal(str(exc)) from exc


def _kronor(amount: int) -> str:
    return f"{amount:,}".replace(",", " ") + " kr"


def render_finance(plan: FinancePlan) -> str:
    lines = [f"Total budget: {_kronor(plan.total)}"]
    if plan.limited_by:
        lines.append(f"Budgeten begränsas av {plan.limited_by} (minsta erbjudande i förhållande till andelen).")
    width = max((len(p.name) for p in plan.parties), default=4)
    lines.append("")
    for party in plan.parties:
        percent = f"{float(party.share) * 100:6.2f}".replace(".", ",")
        lines.append(f"{party.name:<{width}}  {percent} %  {_kronor(party.amount):>16}")
    return "\n".join(lines)
