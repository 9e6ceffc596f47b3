"""A plan in words (one Swedish paragraph) and as a JSON-able dict with English keys."""

from __future__ import annotations

from datetime import date
from typing import Any

from formation.domain.labels import in_sentence
from formation.schedule.plan_model import Plan, Shortfall, ShortfallKind, StepPlan


def days(n: int) -> str:
    """'1 dag', '5 dagar'."""
    return f"{n} dag" if abs(n) == 1 else f"{n} dagar"


def offset_words(offset_days: int) -> str:
    """A reminder's rule relative to the deadline: '7 dagar före', '1 dag efter', 'på sista dagen'."""
    if offset_days == 0:
        return "på sista dagen"
    return f"{days(abs(offset_days))} {'före' if offset_days < 0 else 'efter'}"


def _d(day: date | None) -> str:
    return day.isoformat() if day else "okänt datum"


def _link(s: StepPlan) -> str:
    # "kommunfullmäktige antar förbundsordningen", not "… i kommunfullmäktige" again: a label that names its body
    # says where the step is decided.
    where = "" if s.body.casefold() in s.label.casefold() else f" i {in_sentence(s.body)}"
    return f"{s.name}: {in_sentence(s.label)}{where} {_d(s.earliest)}"


def shortfall_sentence(s: Shortfall) -> str:
    """What would have to move for this step to keep the target, as one sentence."""
    if s.kind is ShortfallKind.MOVE_MEETING:
        assert s.move_days is not None
        return (
            f"{s.body} ({s.name}, {in_sentence(s.label)}) sammanträder tidigast {_d(s.earliest)} men måste besluta "
            f"senast {_d(s.due_by)}; det sammanträdet måste flyttas {days(s.move_days)} tidigare, eller ett "
            "extra sammanträde läggas in."
        )
    if s.kind is ShortfallKind.NO_MEETING:
        # Without a first possible day (an earlier step cannot be planned, said in its own sentence), only the
        # day by which the step must be decided.
        period = f"mellan {_d(s.not_before)} och {_d(s.due_by)}" if s.not_before else f"före {_d(s.due_by)}"
        return (
            f'{s.body} ({s.name}) har inget sammanträde {period}, då steget "{s.label}" måste beslutas; '
            "ett sammanträde måste läggas in."
        )
    return (
        f"{s.name} skulle ha beslutat {in_sentence(s.label)} senast {_d(s.due_by)} för att hålla målet, "
        "och den tiden har redan gått."
    )


def summarize(plan: Plan) -> str:
    """The plan as one Swedish paragraph, for the `plan` command, the TUI and reminder mails."""
    sentences: list[str] = []
    if plan.formation_on is None:
        sentences.append("Det går inte att beräkna när förbundet kan bildas.")
    elif plan.limited_by_start_on:
        sentences.append(
            f"Förbundet kan bildas tidigast {_d(plan.formation_on)}, det startdatum som förbundsordningen anger; "
            f"sista medlemmens beslut kan fattas {_d(plan.last_approval_on)}."
        )
    elif plan.critical_path:
        last = plan.critical_path[-1]
        sentences.append(
            f"Förbundet kan bildas tidigast {_d(plan.formation_on)}, när {last.name} fattar beslut i "
            f"{in_sentence(last.body)}."
        )
    else:
        # Formed on or before today reads as done (as the status header says); a day still ahead as to come.
        formed = plan.formation_on is not None and plan.formation_on <= plan.today
        sentences.append(
            f"Alla medlemmar har beslutat; förbundet {'är bildat' if formed else 'bildas'} {_d(plan.formation_on)}."
        )
    if plan.critical_path:
        sentences.append("Kritisk linje: " + " → ".join(_link(s) for s in plan.critical_path) + ".")
    if plan.target is not None:
        if plan.target_met:
            margins = [s.slack_days for s in plan.steps if s.slack_days is not None]
            margin = f", med minst {days(min(margins))} marginal" if margins else ""
            sentences.append(f"Målet {_d(plan.target)} håller{margin}.")
        elif plan.formation_on is not None and plan.formation_on > plan.target:
            late = (plan.formation_on - plan.target).days
            sentences.append(f"Målet {_d(plan.target)} nås inte; bildandet blir {days(late)} senare.")
        sentences.extend(shortfall_sentence(s) for s in plan.shortfalls)
    sentences.extend(p.message for p in plan.problems if p.code != "target_missed")
    return " ".join(sentences)


def _step_dict(s: StepPlan) -> dict[str, Any]:
    return {
        "party": s.party,
        "name": s.name,
        "step": s.step_id,
        "label": s.label,
        "body": s.body,
        "lead_days": s.lead_days,
        "not_before": _iso(s.not_before),
        "earliest": _iso(s.earliest),
        "due_by": _iso(s.due_by),
        "latest": _iso(s.latest),
        "slack_days": s.slack_days,
        "deadline": _iso(s.deadline),
        "deadline_overridden": s.deadline_overridden,
        "critical": s.critical,
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan for `plan --json`: English keys, ISO dates."""
    return {
        "today": plan.today.isoformat(),
        "target": _iso(plan.target),
        "start_on": _iso(plan.start_on),
        "formation_on": _iso(plan.formation_on),
        "last_approval_on": _iso(plan.last_approval_on),
        "target_met": plan.target_met,
        "limited_by_start_on": plan.limited_by_start_on,
        "steps": [_step_dict(s) for s in plan.steps],
        "critical_path": [
            {"party": s.party, "step": s.step_id, "meeting": _iso(s.earliest)} for s in plan.critical_path
        ],
        "shortfalls": [
            {
                "kind": s.kind.value,
                "party": s.party,
                "step": s.step_id,
                "body": s.body,
                "due_by": _iso(s.due_by),
                "earliest": _iso(s.earliest),
                "move_days": s.move_days,
                "message": shortfall_sentence(s),
            }
            for s in plan.shortfalls
        ],
        "problems": [
            {"code": p.code, "message": p.message, "party": p.party, "step": p.step_id} for p in plan.problems
        ],
        "summary": summarize(plan),
    }
