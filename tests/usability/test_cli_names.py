"""The CLI accepts what it shows (issue 7): kind words and abbreviations, unique prefixes, step labels; an
ambiguity gets one sentence naming the candidates. And the text of status, party list, fo list and log."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

import pytest

from tests.usability.cli_support import Run, run_cli


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    for name in [k for k in __import__("os").environ if k.startswith("FORMATION_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("FORMATION_DB", str(tmp_path / "f.db"))
    monkeypatch.setenv("FORMATION_TODAY", "2026-11-23")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))

    def run(*args: str, code: int = 0) -> Run:
        result = run_cli(capsys, monkeypatch, *args)
        assert result.code == code, (args, result)
        return result

    with as_file(files("formation.io.samples") / "forbundsordning_falun_borlange.md") as fo:
        run("init", "Samordningsförbundet Falun Borlänge", "--slug", "falun-borlange")
        run(
            "party",
            "add",
            "Falu kommun",
            "--kind",
            "kommun",
            "--key",
            "13",
            "--population",
            "36000",
            "--email",
            "samordnare@falun.se",
        )
        run("party", "add", "Borlänge kommun", "--kind", "kommun", "--key", "12")
        run("party", "add", "Region Dalarna", "--kind", "landsting")
        run("party", "add", "Försäkringskassan", "--kind", "FK")
        run("party", "add", "Arbetsförmedlingen", "--kind", "AF")
        run("fo", "add", str(fo))
    return run


def test_parties_and_steps_by_what_the_tool_shows(cli) -> None:  # type: ignore[no-untyped-def]
    cli("decide", "FK", "Förstudie", "--outcome", "bifall", "--date", "2021-10-01")
    cli("decide", "försäkringskassan", "beslut", "--outcome", "bifall", "--date", "2022-11-30")
    cli("decide", "Falu", "förstudie", "--outcome", "bifall", "--date", "2021-10-18")
    cli("decide", "Falu", "Inriktningsbeslut", "--outcome", "bifall", "--date", "2022-02-21")
    cli("decide", "Falu", "nämnd", "--outcome", "bifall", "--date", "2022-05-02")
    cli("decide", "Falu", "KS", "--outcome", "bifall", "--date", "2022-09-27", "--paragraph", "§ 45")
    out = cli("decide", "Falu", "KF", "--outcome", "bifall", "--date", "2022-10-24", "--anslag", "2022-10-27").out
    assert "Falu kommun: har godkänt" in out
    cli("decide", "Region", "forstudie", "--outcome", "bifall", "--date", "2021-10-26")
    log = cli("log").out
    assert "§ 45" in log and "§ §" not in log


def test_an_ambiguous_name_gets_one_sentence_naming_the_candidates(cli) -> None:  # type: ignore[no-untyped-def]
    err = cli("decide", "kommun", "forstudie", "--outcome", "bifall", "--date", "2021-10-01", code=2).err
    assert "kan vara flera parter: Falu kommun, Borlänge kommun" in err
    assert len(err.strip().splitlines()) == 1


def test_status_shows_aterremiss_where_the_party_is(cli) -> None:  # type: ignore[no-untyped-def]
    cli("decide", "Borlänge", "forstudie", "--outcome", "bifall", "--date", "2021-10-19")
    cli("decide", "Borlänge", "inriktningsbeslut", "--outcome", "aterremiss", "--date", "2022-02-24")
    line = next(line for line in cli("status").out.splitlines() if line.startswith("Borlänge kommun"))
    assert "återremiss i Inriktningsbeslut 2022-02-24" in line


def test_party_list_shows_key_population_and_contact(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("party", "list").out
    falun = next(line for line in out.splitlines() if line.startswith("Falu kommun"))
    assert "13 %" in falun and "36 000" in falun and "samordnare@falun.se" in falun


def test_fo_list_has_no_empty_start_column(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("fo", "list").out
    assert "start" not in out and "v1  utan datum  sha256:" in out


def test_log_json_leaves_contacts_out_unless_asked(cli) -> None:  # type: ignore[no-untyped-def]
    assert "samordnare@falun.se" not in cli("log", "--json").out
    assert "samordnare@falun.se" in cli("log", "--json", "--with-contacts").out


def test_log_filters(cli) -> None:  # type: ignore[no-untyped-def]
    cli("decide", "FK", "forstudie", "--outcome", "bifall", "--date", "2021-10-01")
    cli("decide", "Falu", "forstudie", "--outcome", "bifall", "--date", "2021-10-18")
    out = cli("log", "--party", "Falu", "--type", "beslut").out
    assert "Falu kommun: Förstudie bifall" in out and "Försäkringskassan" not in out
    out = cli("log", "--type", "beslut", "--since", "2021-10-10").out
    assert "Falu kommun" in out and "Försäkringskassan" not in out


def test_status_as_of_before_anything_happened_shows_no_parties(cli) -> None:  # type: ignore[no-untyped-def]
    assert "Inga parter ännu" in cli("status", "--as-of", "2000-01-01").out


def test_a_late_anslag_warns_when_it_is_recorded(cli) -> None:  # type: ignore[no-untyped-def]
    for step, day in (("forstudie", "2021-10-18"), ("inriktningsbeslut", "2022-02-21"), ("namnd", "2022-05-02")):
        cli("decide", "Falu", step, "--outcome", "bifall", "--date", day)
    cli("decide", "Falu", "styrelse", "--outcome", "bifall", "--date", "2022-09-27")
    run = cli("decide", "Falu", "fullmaktige", "--outcome", "bifall", "--date", "2022-10-24", "--anslag", "2022-12-20")
    assert "Varning: anslagsdatumet 2022-12-20 ligger 57 dagar efter beslutet" in run.err
