"""The snapshot and the beslutsunderlag as Word documents (same content and order as the HTML)."""

from __future__ import annotations

from pathlib import Path

from formation.reports.documents.chart import timeline_png
from formation.reports.documents.model import FinanceData, PartyRow, SnapshotData, StepRow, UnderlagData
from formation.reports.documents.text import day, kr, laga_kraft, mnkr, percent
from formation.reports.documents.word import WordWriter, day_time


def _when(step: StepRow) -> str:
    if step.date:
        return day(step.date)
    if step.planned_on:
        return f"planerat {day(step.planned_on)}"
    if step.deadline:
        return f"senast {day(step.deadline)}"
    return ""


def _outcome(step: StepRow) -> str:
    if step.status != "done":
        return step.status_label
    text = step.outcome or step.status_label
    return text + (f" (v{step.fo_version})" if step.fo_version else "")


def _steps(w: WordWriter, party: PartyRow) -> None:
    if not party.steps:  # an adjungerad party: nothing to decide
        return
    rows = [
        [step.label + (f" – {step.note}" if step.note else ""), _when(step), step.body or step.planned_body or "",
         step.paragraph or "", step.dnr or "", _outcome(step)]
        for step in party.steps
    ]
    w.table(["Steg", "Datum", "Organ", "§", "Dnr", "Utfall"], rows, widths=(5.0, 2.9, 3.6, 1.1, 2.2, 2.0))


def _finance(w: WordWriter, finance: FinanceData, highlight: str | None = None) -> None:
    rows = [[r.party, percent(r.share), kr(r.amount), mnkr(r.amount)] for r in finance.rows]
    rows.append(["Totalt", percent(1.0), kr(finance.total), mnkr(finance.total)])
    marked = next((i for i, r in enumerate(finance.rows) if r.party == highlight), None)
    w.table(["Part", "Andel", "Belopp", "Mnkr"], rows, widths=(7.5, 2.5, 4.0, 2.5), right=(1, 2, 3), bold_last=True,
            highlight=marked)
    if finance.limited_by:
        w.para(f"Budgeten begränsas av {finance.limited_by} (5 § lagen).", small=True)


def snapshot_docx(data: SnapshotData, template: Path | None = None) -> bytes:
    w = WordWriter(template, title=f"{data.name} – läget den {day(data.as_of)}",
                   header=f"{data.name} · läget den {day(data.as_of)}", day=day_time(data.as_of))
    w.para("LÄGESRAPPORT · BILDANDET AV SAMORDNINGSFÖRBUND", small=True)
    w.heading(data.name, 0)
    w.para(f"Läget den {day(data.as_of)}", italic=True)
    w.para(data.summary)
    facts = [("Säte", data.seat or "–"),
             ("Förbundsordning", f"version {data.fo_version}" if data.fo_version else "ingen registrerad")]
    if data.target_start:
        facts.append(("Planerad start", day(data.target_start)))
    if data.plan is not None and data.plan.projected_formed_on and not data.formed:
        facts.append(("Beräknat bildande", day(data.plan.projected_formed_on)))
    facts.append(("Bildat", f"ja, den {day(data.formed_on)}" if data.formed else
                  (f"bildas den {day(data.formed_on)}" if data.formed_on else "nej")))
    if data.final_on:
        facts.append(("Laga kraft", day(data.final_on)))
    w.facts(facts)
    if data.problems:
        w.heading("Att åtgärda", 1)
        for problem in data.problems:
            w.bullet(problem)
    w.heading("Tidslinje", 1)
    w.picture(timeline_png(data), 16.5)
    w.para("Varje rad är en part; punkterna är beslut. Ofyllda ringar är planerade sammanträden.", small=True)
    w.heading("Parternas beslut", 1)
    for party in data.parties:
        w.heading(f"{party.name} ({party.kind_label})", 2)
        w.para(party.state_text, italic=True)
        _steps(w, party)
    w.heading("Överklagande och laga kraft", 1)
    rows = []
    for party in data.members:
        if not party.approved_on:
            rows.append([party.name, "Inget beslut om förbundsordningen ännu.", "", "", ""])
        elif not party.appealable:
            rows.append([party.name, day(party.approved_on), "–", "Överklagas inte enligt kommunallagen.", ""])
        else:
            rows.append([party.name, day(party.approved_on), day(party.anslag_on), day(party.appeal_ends_on),
                         laga_kraft(party)])
    w.table(["Part", "Beslut", "Anslaget", "Överklagandetid t.o.m.", "Laga kraft"], rows,
            widths=(4.8, 2.9, 3.4, 3.0, 2.7))
    if data.finance is not None:
        w.heading(f"Finansiering {data.finance.budget_year}", 1)
        _finance(w, data.finance)
    if data.fo is not None:
        w.heading("Förbundsordningen", 1)
        w.para(f"Version {data.fo.number}. Kontrollsumma (SHA-256): {data.fo.sha256}")
        if data.fo.checklist:
            w.table(["Nr", "Uppgift enligt 9 §", "Finns", "Var i texten"],
                    [[str(r.number), r.label, "ja" if r.found else "saknas", r.where or ""] for r in data.fo.checklist],
                    widths=(1.0, 7.0, 1.6, 7.0))
    w.heading("Styrelsen", 1)
    if data.board:
        w.table(["Part", "Namn", "Uppdrag", "Mandattid"],
                [[b.party, b.person, b.role_label,
                  f"{day(b.term_start)} – {day(b.term_end)}" + (" (kommande)" if b.upcoming else "")]
                 for b in data.board], widths=(4.8, 3.8, 2.4, 5.6))
    else:
        w.para("Inga ledamöter eller ersättare är utsedda för innevarande mandattid.")
    w.heading("Senaste händelser", 1)
    if data.events:
        w.table(["Datum", "Händelse"], [[day(e.date), e.text] for e in data.events], widths=(3.2, 13.4))
    else:
        w.para("Inga händelser ännu.")
    return w.save()


def underlag_docx(data: UnderlagData, template: Path | None = None) -> bytes:
    snap = data.snapshot
    party = data.party
    w = WordWriter(template, title=f"{data.title} – {party.name}",
                   header=f"{data.heading} · underlag per {day(snap.as_of)}",
                   day=day_time(snap.as_of))
    w.para("BESLUTSUNDERLAG", small=True)
    w.heading(f"Medlemskap i {snap.name}", 0)
    w.para(f"{data.heading} · underlag per {day(snap.as_of)}", italic=True)
    facts = [("Part", f"{party.name} ({party.kind_label})"), ("Beslutande organ", data.decider)]
    if data.meeting_on:
        facts.append(("Planerat sammanträde", day(data.meeting_on)))
    if snap.fo is not None:
        facts.append(("Förbundsordning", f"version {snap.fo.number}, SHA-256 {snap.fo.sha256}"))
    if snap.target_start:
        facts.append(("Planerad start", day(snap.target_start)))
    w.facts(facts)
    w.heading("Förslag till beslut", 1)
    w.para(f"{data.decider} föreslås fatta följande beslut:")
    w.numbered([p.text for p in data.decision_points])
    if data.immediate_justering and data.justering_reason:
        w.para(data.justering_reason, bold_lead="Omedelbar justering. ")
    w.heading("Ärendet", 1)
    for paragraph in data.background:
        w.para(paragraph)
    w.heading(f"Beslutsgång för {party.name}", 1)
    _steps(w, party)
    if snap.finance is not None:
        w.heading(f"Finansiering {snap.finance.budget_year}", 1)
        _finance(w, snap.finance, highlight=party.name)
    if snap.fo is not None:
        w.page_break()
        w.para(f"BILAGA 1 · FÖRBUNDSORDNING VERSION {snap.fo.number}", small=True)
        w.para(f"Kontrollsumma (SHA-256): {snap.fo.sha256}", small=True)
        for block in snap.fo.blocks:
            if block.kind == "li":
                w.bullet(block.text)
            elif block.kind == "p":
                w.para(block.text)
            else:
                w.heading(block.text, int(block.kind[1]))
    return w.save()

