"""Mistakes are corrected by new events: the original stays in the log, replay reads the correction, and a
correction that would make the history impossible is refused with the reason. Templates are pinned to the
case: a changed finsam.yaml affects new cases only, and `workflow upgrade` moves a case when its history fits."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from formation.case.commands import RecordDecision, UpgradeWorkflow
from formation.case.history import replay
from formation.domain.outcomes import Outcome
from formation.errors import Refusal
from formation.reports.status import status_document
from formation.services import Services
from formation.store.database import create_database_engine
from tests.e2e.in_process import Cli
from tests.unit.case_support import AF, FK, KOMMUN, KOMMUN_PATH, REGION, party_doc, step_of, walk
from workflows.model import PartyWorkflow, StageDef, StepDef


@pytest.fixture
def case(sqlite_services: Services, fo_file: Path) -> Services:
    """Four parties (§ 3 complete) and förbundsordning v1 added on 2022-01-10; nothing decided."""
    s = sqlite_services
    s.init_case("Samordningsförbundet Solna", slug="solna")  # type: ignore[attr-defined]
    for name, kind in ((KOMMUN, "kommun"), (REGION, "region"), (FK, "forsakringskassan"), (AF, "arbetsformedlingen")):
        s.add_party(name, kind)  # type: ignore[attr-defined]
    s.add_fo(fo_file, on=date(2022, 1, 10))  # type: ignore[attr-defined]
    return s


def _seq_of(services: Services, party_slug: str, step: str) -> int:
    return max(e.seq for e in services.events() if e.type == "decision" and e.party == party_slug
               and e.event.step == step)  # type: ignore[union-attr]


def test_a_forgotten_anslag_is_added_by_a_correction(case: Services) -> None:
    walk(case, KOMMUN, KOMMUN_PATH, date(2022, 2, 1))
    assert party_doc(case, "solna-stad")["appeal_ends_on"] is None
    seq = _seq_of(case, "solna-stad", "fullmaktige")
    case.correct(seq, reason="Anslaget glömdes", anslag=date(2022, 3, 4))  # type: ignore[attr-defined]
    doc = party_doc(case, "solna-stad")
    assert doc["anslag_on"] == "2022-03-04" and doc["appeal_ends_on"] == "2022-03-25"
    log = case.events()
    assert log[-1].type == "event_corrected" and log[seq - 1].type == "decision"  # the original is kept


def test_a_wrong_date_is_corrected_and_the_rules_apply_to_the_corrected_history(case: Services) -> None:
    walk(case, KOMMUN, KOMMUN_PATH[:4], date(2022, 2, 1))  # forstudie 02-01 … styrelse 02-22
    forstudie = _seq_of(case, "solna-stad", "forstudie")
    case.correct(forstudie, reason="Fel dag", date=date(2022, 1, 28))  # type: ignore[attr-defined]
    assert step_of(party_doc(case, "solna-stad"), "forstudie")["date"] == "2022-01-28"
    count = len(case.events())
    with pytest.raises(Refusal, match="Rättelsen går inte att göra") as refused:
        case.correct(forstudie, reason="Fel igen", date=date(2022, 3, 1))  # type: ignore[attr-defined]
    assert "före" in refused.value.message
    assert len(case.events()) == count


def test_a_corrected_date_of_the_forbundsordning_is_what_the_rules_and_the_view_use(case: Services) -> None:
    """Found in the TUI walkthrough: the log showed the correction, but the stored version kept its old date,
    so a decision between the two dates was still refused as made before the förbundsordning existed."""
    fo_seq = next(e.seq for e in case.events() if e.type == "fo_added")
    case.correct(fo_seq, reason="Fel datum", date=date(2021, 12, 1))  # type: ignore[attr-defined]
    assert replay(case.events()).versions[1].added_on == date(2021, 12, 1)
    # What is stored, read by another process (this one keeps what it committed in memory).
    stored = Services(engine=create_database_engine(case.engine.url.render_as_string(False)), case_slug="solna")
    assert stored.view().projection.versions[1].added_on == date(2021, 12, 1)
    stored.handle(
        RecordDecision(party="solna-stad", step="forstudie", outcome=Outcome.BIFALL, decided_on=date(2021, 12, 15))
    )
    stored.engine.dispose()


def test_a_voided_decision_no_longer_counts_but_stays_in_the_log(case: Services) -> None:
    walk(case, FK, ("forstudie", "beslut"), date(2022, 2, 1))
    assert party_doc(case, "forsakringskassan")["state"] == "approved"
    seq = _seq_of(case, "forsakringskassan", "beslut")
    case.void(seq, reason="Registrerat på fel part")  # type: ignore[attr-defined]
    assert party_doc(case, "forsakringskassan")["state"] == "beslut"
    assert any(e.seq == seq for e in case.events())
    assert json.dumps(status_document(case.view())) == json.dumps(status_document(case.view()))


def test_one_partys_log_reads_its_history_as_corrected(case: Services) -> None:
    """The party screen reads only that party's events and the corrections and strikings: what it shows must
    be what the whole log says about the party."""
    from formation.reports.party_detail import party_detail

    walk(case, KOMMUN, KOMMUN_PATH, date(2022, 2, 1))
    walk(case, FK, ("forstudie", "beslut"), date(2022, 2, 1))
    case.correct(_seq_of(case, "solna-stad", "forstudie"), reason="Fel dag", date=date(2022, 1, 28))  # type: ignore[attr-defined]
    case.void(_seq_of(case, "forsakringskassan", "beslut"), reason="Fel part")  # type: ignore[attr-defined]
    view = case.view()
    for slug in view.projection.parties:
        own = case.events(party=slug)
        assert {e.party for e in own if e.type not in ("event_corrected", "event_voided")} == {slug}
        assert party_detail(view, own, slug) == party_detail(view, case.events(), slug)


@pytest.mark.parametrize(
    ("what", "message"),
    [
        (lambda s: s.void(1, reason="x"), "kan inte strykas"),
        (lambda s: s.void(999, reason="x"), "ingen händelse 999"),
        (lambda s: s.correct(2, reason="x", body="KS"), "kan rättas"),
        (lambda s: s.correct(6, reason=" "), "skälet"),
    ],
)
def test_what_cannot_be_corrected_is_refused(case: Services, what: Callable[[Services], object], message: str) -> None:
    count = len(case.events())
    with pytest.raises(Refusal, match=f"(?i){message}"):
        what(case)
    assert len(case.events()) == count


def test_correct_and_void_from_the_command_line(tmp_path: Path, sample_fo: Path) -> None:
    cli = Cli(tmp_path / "f.db")
    cli("init", "Samordningsförbundet Solna", "--slug", "solna")
    cli("party", "add", "Solna stad", "--kind", "kommun")
    cli("decide", "Solna", "Förstudie", "--outcome", "bifall", "--date", "2022-02-01")
    out = cli("correct", "3", "--date", "2022-01-31", "--reason", "Protokollet säger 31 januari").stdout
    assert "rättad" in out
    cli("decide", "Solna", "inriktningsbeslut", "--outcome", "bifall", "--date", "2022-02-08")
    assert "struken" in cli("void", "5", "--reason", "Fel ärende\n\tsäger protokollet").stdout
    log = cli("log").stdout
    assert "Rättelse av händelse 3" in log and "[rättad i 4]" in log and "[struken i 6]" in log
    # the reason keeps its line break in the event; the log shows every event on one line
    assert "Händelse 5 struken — Fel ärende säger protokollet" in log
    refused = cli("void", "6", "--reason", "Ångrar", expect=2)
    assert refused.stderr.strip().startswith("Händelse 6 är en strykning och kan inte strykas; registrera den strukna")
    refused = cli("correct", "6", "--date", "2022-02-09", "--reason", "Ångrar", expect=2)
    assert refused.stderr.strip().startswith("Händelse 6 är en strykning och kan varken rättas eller strykas;")
    refused = cli("correct", "3", "--date", "2030-01-01", "--reason", "x", expect=2)
    assert "framtiden" in refused.stderr and "\n" not in refused.stderr.strip()
    status = json.loads(cli("status", "--json").stdout)
    steps = {s["id"]: s for s in status["parties"][0]["steps"]}
    assert steps["forstudie"]["date"] == "2022-01-31" and steps["inriktningsbeslut"]["status"] == "pending"


def _without(template_step: str, services: Services) -> UpgradeWorkflow:
    """The case's template with one kommun step removed."""
    template = services.view().projection.template
    kommun = template.kinds["kommun"]
    stages = tuple(st for st in kommun.stages if st.id != template_step)
    kinds = {**template.kinds, "kommun": replace(kommun, stages=stages)}
    return UpgradeWorkflow(template=replace(template, version=99, kinds=kinds), reason="Ny mall")


def test_a_case_keeps_its_template_when_the_packaged_one_changes(case: Services) -> None:
    walk(case, KOMMUN, ("forstudie", "inriktningsbeslut"), date(2022, 2, 1))
    # A newer packaged template (an extra step first) is used for new cases only.
    extra = StepDef(id="avsikt", label="Avsiktsförklaring", body="Kommunstyrelsen")
    current = case.new_case_template()
    kommun = current.kinds["kommun"]
    pinned = current.version
    newer = replace(
        current,
        version=pinned + 1,
        kinds={**current.kinds, "kommun": PartyWorkflow(
            kind="kommun", label=kommun.label, decider=kommun.decider, stages=(StageDef("avsikt", (extra,)),
                                                                             *kommun.stages))},
    )
    case.services.template = newer  # type: ignore[attr-defined]
    assert party_doc(case, "solna-stad")["state"] == "namnd"
    assert [s["id"] for s in party_doc(case, "solna-stad")["steps"]][0] == "forstudie"
    assert replay(case.events()).template.version == pinned


def test_workflow_upgrade_is_logged_and_refused_when_the_history_does_not_fit(case: Services) -> None:
    walk(case, KOMMUN, ("forstudie", "inriktningsbeslut"), date(2022, 2, 1))
    count = len(case.events())
    with pytest.raises(Refusal, match="kan inte flyttas till den nya mallen"):
        case.handle(_without("inriktningsbeslut", case))
    assert len(case.events()) == count
    case.handle(_without("namnd", case))
    assert case.events()[-1].type == "workflow_upgraded"
    projection = case.view().projection
    assert projection.template.version == 99
    assert "namnd" not in [s.id for s in projection.parties["solna-stad"].workflow.steps]
    assert projection.parties["solna-stad"].display_state == "styrelse"


def test_a_version_added_by_mistake_is_struck_latest_first(tmp_path: Path, sample_fo: Path) -> None:
    """Two wrong files added as v1 and v2: v1 cannot go while v2 is there (the refusal says which event to
    strike first); struck in that order, both go, and the right text becomes v1."""
    cli = Cli(tmp_path / "f.db")
    cli("init", "Samordningsförbundet Solna", "--slug", "solna")
    wrong = tmp_path / "fel.md"
    wrong.write_text("# Fel fil\n\nDetta är ingen förbundsordning.\n", encoding="utf-8")
    other = tmp_path / "fel2.md"
    other.write_text("# En annan fel fil\n", encoding="utf-8")
    cli("fo", "add", str(wrong))
    cli("fo", "add", str(other))
    before = cli("log").stdout
    refused = cli("void", "2", "--reason", "Fel fil", expect=2)
    assert refused.stderr.strip() == (
        "Förbundsordningen v1 kan inte strykas medan v2 finns kvar; stryk först v2 (händelse 3), om också den ska bort."
    )
    assert cli("log").stdout == before
    cli("void", "3", "--reason", "Fel fil")
    cli("void", "2", "--reason", "Fel fil")
    cli("fo", "add", str(sample_fo))
    assert [v["number"] for v in json.loads(cli("fo", "list", "--json").stdout)] == [1]
    checked = cli("doctor").stdout  # the struck versions' rows went with them
    assert "inga fel" in checked and "Kontrollerat 1 ärende (solna)," in checked
    cli("export", str(tmp_path / "solna.json"))
    other = Cli(tmp_path / "kopia.db")
    other("import", str(tmp_path / "solna.json"))
    assert other("fo", "show", "1").stdout == sample_fo.read_text(encoding="utf-8")


def test_a_struck_version_gives_its_number_to_the_next_in_a_running_process(case: Services, fo_file_v2: Path) -> None:
    """The TUI keeps its services: there the next version after a striking took the struck one's number
    while its row was still stored, and the write failed on the database's constraint."""
    seq = case.events()[-1].seq  # v1, added by the fixture
    case.void(seq, reason="Fel fil")  # type: ignore[attr-defined]
    case.add_fo(fo_file_v2, on=date(2022, 2, 1))  # type: ignore[attr-defined]
    assert list(case.view().projection.versions) == [1]
    assert case.fo_versions()[0]["sha256"] == case.view().projection.versions[1].sha256


def test_a_version_with_an_approval_resting_on_it_is_not_struck(case: Services, fo_file_v2: Path) -> None:
    """FK approves v2; striking v2 would have made that an approval of v1, a text FK never approved."""
    case.add_fo(fo_file_v2, on=date(2022, 2, 1))  # type: ignore[attr-defined]
    v2 = case.events()[-1].seq
    walk(case, FK, ("forstudie", "beslut"), date(2022, 2, 10))
    approval = case.events()[-1].seq
    before = len(case.events())
    with pytest.raises(Refusal) as refused:
        case.void(v2, reason="Fel fil")  # type: ignore[attr-defined]
    assert refused.value.message == (
        f"Förbundsordningen v2 kan inte strykas medan beslut om den står kvar: Försäkringskassan 2022-02-17 "
        f"(händelse {approval}); stryk först de besluten, om också de ska bort."
    )
    assert len(case.events()) == before
    case.void(approval, reason="Registrerat i fel ärende")  # type: ignore[attr-defined]
    case.void(v2, reason="Fel fil")  # type: ignore[attr-defined]
    assert list(case.view().projection.versions) == [1]
    assert party_doc(case, "forsakringskassan")["state"] == "beslut"


def test_a_correction_that_breaks_the_history_gets_no_hint_meant_for_a_new_decision(tmp_path: Path) -> None:
    """Moving an avslag past the later bifall breaks the rule for deciding anew; the refusal says so, without
    the hint `decide` gives for that rule (to give the new decision a later --date)."""
    cli = Cli(tmp_path / "f.db")
    cli("init", "Samordningsförbundet Solna", "--slug", "solna")
    cli("party", "add", "Solna stad", "--kind", "kommun")
    cli("decide", "Solna", "forstudie", "--outcome", "avslag", "--date", "2022-02-01")
    cli("decide", "Solna", "forstudie", "--outcome", "bifall", "--date", "2022-03-01")
    before = cli("log").stdout
    refused = cli("correct", "3", "--date", "2022-03-02", "--reason", "Fel datum", expect=2).stderr.strip()
    assert refused.startswith("Rättelsen går inte att göra: Händelse 4 passar inte i historiken: Solna stad avslog")
    assert "--date" not in refused and "\n" not in refused
    assert cli("log").stdout == before
