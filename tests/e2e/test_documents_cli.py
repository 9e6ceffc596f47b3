"""`formation snapshot` and `formation underlag` from the command line, on the demo case."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from tests.e2e.in_process import Cli

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    runner = Cli(tmp_path_factory.mktemp("docs") / "demo.db", FORMATION_CASE="stockholm")
    runner("demo")
    return runner


def test_snapshot_markdown_on_screen_is_dated_and_has_no_contact_data(cli: Cli) -> None:
    out = cli("snapshot", "--as-of", "2016-01-31").stdout
    assert out.startswith("# Samordningsförbundet Stockholms stad")
    assert "31 januari 2016" in out and "ännu inte bildat" in out
    assert not EMAIL.search(out)
    assert cli("snapshot", "--as-of", "2016-01-31").stdout == out  # deterministic


def test_snapshot_pdf_and_underlag_docx_are_written_to_files(cli: Cli, tmp_path: Path) -> None:
    pdf = tmp_path / "lage.pdf"
    cli("snapshot", "-f", "pdf", "-o", str(pdf), "--budget", "8,0 mnkr")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Samordningsförbundet Stockholms stad" in text and "22 februari 2016" in text
    assert not EMAIL.search(text)
    underlag = tmp_path / "underlag.docx"
    cli("underlag", "Stockholms stad", "-f", "docx", "-o", str(underlag), "--as-of", "2016-01-31",
        "--budget", "8,0 mnkr")
    body = "\n".join(p.text for p in docx.Document(str(underlag)).paragraphs).replace("\xa0", " ")
    assert "under förutsättning att övriga parter beslutar detsamma" in body
    assert "2 000 000 kr" in body


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("snapshot", "-f", "pdf"), "ange -o FIL"),
        (("snapshot", "-f", "odt"), "odt"),
        (("underlag", "Okänd part"), "ingen part"),
    ],
)
def test_bad_document_requests_are_refused_in_one_sentence(cli: Cli, args: tuple[str, ...], message: str) -> None:
    refused = cli(*args, expect=2)
    assert message in refused.stderr and len(refused.stderr.strip().splitlines()) == 1


def test_the_snapshot_of_a_case_with_calendars_shows_planned_meetings_and_the_projected_date(tmp_path: Path) -> None:
    living = Cli(tmp_path / "living.db")
    living("demo", "--only", "norrort")
    out = living("--case", "norrort", "snapshot").stdout
    assert "Beräknat bildande" in out and "planerat" in out


def test_the_snapshot_shows_the_history_as_it_now_reads_after_a_strike_and_a_correction(tmp_path: Path) -> None:
    """A decision entered for the wrong party and struck, and a date entered wrong and corrected: the
    politicians' snapshot shows neither the struck decision (not even as an earlier outcome) nor the first date."""
    living = Cli(tmp_path / "living.db", FORMATION_CASE="norrort")
    living("demo", "--only", "norrort")
    living("decide", "Solna", "namnd", "--outcome", "bifall", "--date", "2026-11-12", "--body", "Socialnämnden")
    struck = json.loads(living("log", "--json").stdout)[-1]["seq"]
    living("void", str(struck), "--reason", "Fel part")
    living("decide", "Sundbyberg", "namnd", "--outcome", "bifall", "--date", "2026-11-03", "--paragraph", "7")
    living("correct", str(struck + 2), "--date", "2026-11-04", "--reason", "Fel datum i protokollet")
    out = living("snapshot").stdout
    assert "4 november 2026" in out
    assert not re.search(r"(?<!\d)3 november 2026", out)  # (the snapshot is dated 23 november)
    for gone in ("12 november 2026", "Socialnämnden", "Tidigare", "ströks", "rättades"):
        assert gone not in out, gone


def test_no_underlag_is_written_for_an_observer(tmp_path: Path) -> None:
    """An adjungerad kommunalförbund decides nothing: an underlag proposing its membership would be wrong."""
    living = Cli(tmp_path / "living.db", FORMATION_CASE="norrort")
    living("demo", "--only", "norrort")
    living("party", "add", "Kommunalförbundet Sjukvård och omsorg", "--kind", "kommun", "--observer")
    refused = living("underlag", "Kommunalförbundet", expect=2)
    assert refused.stderr.strip() == (
        "Kommunalförbundet Sjukvård och omsorg är adjungerad utan rösträtt och beslutar inte om medlemskap; "
        "beslutsunderlag skrivs för medlemmarna."
    )
    assert "Beslutsunderlag" in living("underlag", "Solna").stdout
    snapshot = living("snapshot").stdout
    observer = snapshot.split("### Kommunalförbundet Sjukvård och omsorg")[1].split("## ")[0]
    assert "*adjungerad, inte medlem*" in observer and "väntar" not in observer  # no steps it would "wait" for
