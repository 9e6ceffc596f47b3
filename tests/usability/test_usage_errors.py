"""Click's usage errors come out as one Swedish sentence, suggestions included, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.in_process import Cli


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("decid",), "Okänt kommando 'decid'; se `formation --help`. Menade du decide?"),
        (("party", "ad"), "Okänt kommando 'ad'; se `formation party --help`. Menade du add?"),
        (("status", "--as-of"), "Alternativet --as-of behöver ett värde"),
        (("status", "--case", "norrort"), "--case anges före kommandot: formation --case … status."),
        (("party", "add", "X", "--db", "x.db"), "--db anges före kommandot: formation --db … party add."),
        (("status", "--nonsense"), "Okänt alternativ --nonsense; se `formation status --help`."),
    ],
)
def test_usage_errors_are_swedish(tmp_path: Path, args: tuple[str, ...], expected: str) -> None:
    refused = Cli(tmp_path / "none.db")(*args, expect=2)
    assert expected in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and "Did you mean" not in refused.stderr


def test_a_day_after_today_is_refused_as_an_as_of_in_one_sentence(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "d.db")
    cli("init", "Förbundet", "--slug", "f")
    pdf = tmp_path / "x.pdf"
    for args in (("status", "--as-of", "2026-11-24"), ("snapshot", "--as-of", "2099-01-01", "-o", str(pdf))):
        refused = cli(*args, expect=2)
        day = args[2]
        assert refused.stderr.strip() == (
            f"--as-of {day} ligger efter i dag (2026-11-23); läget kan visas per i dag eller ett tidigare datum."
        )
    assert not pdf.exists()
    assert "läget per 2026-11-23" in cli("status", "--as-of", "2026-11-23").stdout


def test_a_revision_below_zero_or_never_reached_is_refused_as_such(tmp_path: Path) -> None:
    """Both were 'the case changed since you read it (revision 9999, now 3)'; a stale one still is."""
    cli = Cli(tmp_path / "r.db")
    cli("init", "Samordningsförbundet Solna", "--slug", "solna")
    refused = cli("--if-revision", "-1", "party", "add", "Solna", "--kind", "kommun", expect=2).stderr.strip()
    assert refused == "--if-revision -1 är ingen revision; revisioner räknas från 0."
    refused = cli("--if-revision", "9999", "party", "add", "Solna", "--kind", "kommun", expect=2).stderr.strip()
    assert refused == "Ärendet har revision 1; revision 9999 har det aldrig haft."
    stale = cli("--if-revision", "0", "party", "add", "Solna", "--kind", "kommun", expect=2).stderr.strip()
    assert stale.endswith("läs om och försök igen. Läget nu visar `formation status`.")
    cli("--if-revision", "1", "party", "add", "Solna", "--kind", "kommun")
