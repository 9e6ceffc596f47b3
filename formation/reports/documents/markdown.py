"""Markdown: the snapshot and the beslutsunderlag as plain text a handläggare can paste into a
tjänsteutlåtande. User data is escaped so that it reads literally in any Markdown viewer."""

from __future__ import annotations

import re

from formation.reports.documents.model import FinanceData, PartyRow, SnapshotData, StepRow, UnderlagData
from formation.reports.documents.text import day, kr, laga_kraft, mnkr, percent

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def esc(text: str | None) -> str:
    """Literal in Markdown: special characters backslash-escaped, line breaks flattened."""
    if not text:
        return ""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _table(header: list[str], rows: list[list[str]], align: str = "") -> list[str]:
    """A pipe table; `align` has one letter per column, l or r."""
    marks = [("---:" if a == "r" else "---") for a in (align or "l" * len(header)).ljust(len(header), "l")]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines + [""]


def _step_cells(step: StepRow) -> list[str]:
    if step.date:
        when = day(step.date)
    elif step.planned_on:
        when = f"planerat {day(step.planned_on)}"
    elif step.deadline:
        when = f"senast {day(step.deadline)}"
    else:
        when = ""
    outcome = step.outcome or step.status_label if step.status == "done" else step.status_label
    if step.status == "done" and step.fo_version:
        outcome += f" (v{step.fo_version})"
    label = esc(step.label) + (f" – {esc(step.note)}" if step.note else "")
    return [label, when, esc(step.body or step.planned_body), esc(step.paragraph), esc(step.dnr), outcome]


def steps_table(party: PartyRow) -> list[str]:
    if not party.steps:  # an adjungerad party: nothing to decide
        return []
    return _table(["Steg", "Datum", "Organ", "§", "Dnr", "Utfall"], [_step_cells(s) for s in party.steps])


def finance_table(finance: FinanceData) -> list[str]:
    rows = [[esc(r.party), percent(r.share), kr(r.amount), mnkr(r.amount)] for r in finance.rows]
    rows.append(["**Totalt**", percent(1.0), f"**{kr(finance.total)}**", f"**{mnkr(finance.total)}**"])
    return _table(["Part", "Andel", "Belopp", "Mnkr"], rows, "lrrr")


def snapshot_markdown(data: SnapshotData) -> str:
    out = [f"# {esc(data.name)}", "", f"*Lägesrapport – läget den {day(data.as_of)}*", "", esc(data.summary), ""]
    facts = [("Säte", esc(data.seat) or "–"),
             ("Förbundsordning", f"version {data.fo_version}" if data.fo_version else "ingen registrerad")]
    if data.target_start:
        facts.append(("Planerad start", day(data.target_start)))
    if data.plan is not None and data.plan.projected_formed_on and not data.formed:
        facts.append(("Beräknat bildande", day(data.plan.projected_formed_on)))
    facts.append(("Bildat", f"ja, den {day(data.formed_on)}" if data.formed else
                  (f"bildas den {day(data.formed_on)}" if data.formed_on else "nej")))
    if data.final_on:
        facts.append(("Laga kraft", day(data.final_on)))
    out += [f"- **{k}:** {v}" for k, v in facts] + [""]
    if data.problems:
        out += ["## Att åtgärda", ""] + [f"- {esc(p)}" for p in data.problems] + [""]
    out += ["## Parternas beslut", ""]
    for party in data.parties:
        out += [f"### {esc(party.name)} ({party.kind_label})", "", f"*{esc(party.state_text)}*", ""]
        out += steps_table(party)
    out += ["## Överklagande och laga kraft", ""]
    rows = []
    for party in data.members:
        if not party.approved_on:
            rows.append([esc(party.name), "Inget beslut om förbundsordningen ännu.", "", "", ""])
        elif not party.appealable:
            rows.append([esc(party.name), day(party.approved_on), "–", "Överklagas inte enligt kommunallagen.", ""])
        else:
            rows.append([esc(party.name), day(party.approved_on), day(party.anslag_on), day(party.appeal_ends_on),
                         esc(laga_kraft(party))])
    out += _table(["Part", "Beslut", "Anslaget", "Överklagandetid t.o.m.", "Laga kraft"], rows)
    if data.finance is not None:
        out += [f"## Finansiering {data.finance.budget_year}", ""] + finance_table(data.finance)
    if data.fo is not None:
        digest = f"Version {data.fo.number}. Kontrollsumma (SHA-256): `{data.fo.sha256}`"
        out += ["## Förbundsordningen", "", digest, ""]
        if data.fo.checklist:
            out += _table(["Nr", "Uppgift enligt 9 §", "Finns", "Var i texten"],
                          [[str(r.number), esc(r.label), "ja" if r.found else "**saknas**", esc(r.where)]
                           for r in data.fo.checklist], "rlll")
    out += ["## Styrelsen", ""]
    if data.board:
        out += _table(["Part", "Namn", "Uppdrag", "Mandattid"],
                      [[esc(b.party), esc(b.person), b.role_label,
                        f"{day(b.term_start)} – {day(b.term_end)}" + (" (kommande)" if b.upcoming else "")]
                       for b in data.board])
    else:
        out += ["Inga ledamöter eller ersättare är utsedda för innevarande mandattid.", ""]
    out += ["## Senaste händelser", ""]
    out += _table(["Datum", "Händelse"], [[day(e.date), esc(e.text)] for e in data.events]) if data.events else [
        "Inga händelser ännu.", ""]
    return "\n".join(out).rstrip() + "\n"


def underlag_markdown(data: UnderlagData) -> str:
    snap = data.snapshot
    party = data.party
    out = [f"# Beslutsunderlag: medlemskap i {esc(snap.name)}", "",
           f"*{esc(data.heading)} · underlag per {day(snap.as_of)}*", ""]
    facts = [("Part", f"{esc(party.name)} ({party.kind_label})"), ("Beslutande organ", esc(data.decider))]
    if data.meeting_on:
        facts.append(("Planerat sammanträde", day(data.meeting_on)))
    if snap.fo is not None:
        facts.append(("Förbundsordning", f"version {snap.fo.number}, SHA-256 `{snap.fo.sha256}`"))
    if snap.target_start:
        facts.append(("Planerad start", day(snap.target_start)))
    out += [f"- **{k}:** {v}" for k, v in facts] + [""]
    out += ["## Förslag till beslut", "", f"{esc(data.decider)} föreslås fatta följande beslut:", ""]
    out += [f"{i}. {esc(p.text)}" for i, p in enumerate(data.decision_points, start=1)] + [""]
    if data.immediate_justering and data.justering_reason:
        out += [f"> **Omedelbar justering.** {esc(data.justering_reason)}", ""]
    out += ["## Ärendet", ""]
    for paragraph in data.background:
        out += [esc(paragraph), ""]
    out += [f"## Beslutsgång för {esc(party.name)}", ""] + steps_table(party)
    if snap.finance is not None:
        out += [f"## Finansiering {snap.finance.budget_year}", ""] + finance_table(snap.finance)
    if snap.fo is not None:
        out += ["---", "", f"## Bilaga 1 · Förbundsordning version {snap.fo.number}", "",
                f"Kontrollsumma (SHA-256): `{snap.fo.sha256}`", ""]
        for block in snap.fo.blocks:
            if block.kind == "li":
                out.append(f"- {esc(block.text)}")
                continue
            if out and out[-1].startswith("- "):
                out.append("")
            prefix = {"h1": "### ", "h2": "#### ", "h3": "##### "}.get(block.kind, "")
            out += [prefix + esc(block.text), ""]
    return "\n".join(out).rstrip() + "\n"
