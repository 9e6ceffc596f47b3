"""`party set`, `workflow check/show`, `finance` and the config file, through the CLI (in process)."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest

from tests.e2e.in_process import Ran, run_cli


def run(env: dict[str, str], *args: str, expect: int = 0) -> Ran:
    result = run_cli(args, env)
    assert result.returncode == expect, (args, result.stdout, result.stderr)
    return result


@pytest.fixture()
def env(tmp_path: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("FORMATION_")}
    return {
        **base,
        "FORMATION_DB": str(tmp_path / "f.db"),
        "FORMATION_TODAY": "2022-11-01",
        "FORMATION_CONFIG": str(tmp_path / "none.toml"),
    }


def test_lansforbund_finance_by_key_then_by_population(env: dict[str, str]) -> None:
    run(env, "init", "Samordningsförbundet Falun Borlänge", "--seat", "Falun", "--start", "2023-01-01")
    run(env, "party", "add", "Falun", "--kind", "kommun", "--key", "13")
    run(env, "party", "add", "Borlänge", "--kind", "kommun", "--key", "12")
    run(env, "party", "add", "Region Dalarna", "--kind", "region")
    run(env, "party", "add", "Försäkringskassan", "--kind", "forsakringskassan")
    run(env, "party", "add", "Arbetsförmedlingen", "--kind", "arbetsformedlingen")
    plan = json.loads(run(env, "finance", "--total", "1000000", "--json").stdout)
    amounts = {p["name"]: p["amount"] for p in plan["parties"]}
    assert amounts == {
        "Falun": 130_000,
        "Borlänge": 120_000,
        "Region Dalarna": 250_000,
        "Försäkringskassan": 500_000,
        "Arbetsförmedlingen": 0,
    }
    run(env, "party", "set", "Borlänge", "--key", "10")
    refused = run(env, "finance", "--total", "1000000", expect=2)
    assert "23" in refused.stderr and refused.stdout == ""
    run(env, "party", "set", "Falun", "--key", "-", "--population", "37000")
    run(env, "party", "set", "Borlänge", "--key", "-", "--population", "33000")
    by_population = json.loads(run(env, "finance", "--total", "1000000", "--json").stdout)
    assert {p["name"]: p["amount"] for p in by_population["parties"]}["Falun"] == 132_143
    offers = json.loads(
        run(
            env,
            "finance",
            "--offer",
            "Falun=132143",
            "--offer",
            "Borlänge=200000",
            "--offer",
            "Region Dalarna=300000",
            "--offer",
            "Försäkringskassan=600000",
            "--json",
        ).stdout
    )
    # 132 143 / (37/70 of a quarter) = 1 000 001,08 kr: the total is floored, and nobody pays more than offered.
    assert offers["limited_by"] == "Falun" and offers["total"] == 1_000_001
    assert {p["name"]: p["amount"] for p in offers["parties"]}["Falun"] <= 132_143


def test_workflow_check_reports_every_error_with_line_and_key(env: dict[str, str], tmp_path: Path) -> None:
    broken = tmp_path / "variant.yaml"
    broken.write_text(
        textwrap.dedent("""\
        kind: kommun
        label: Variant
        steps:
          - id: forstudie
            labl: Förstudie
          - id: forstudie
            label: Igen
    """),
        encoding="utf-8",
    )
    result = run(env, "workflow", "check", str(broken), expect=2)
    lines = result.stderr.strip().splitlines()
    assert any(line.startswith("variant.yaml:5: steps[0].labl:") for line in lines)
    assert any(line.startswith("variant.yaml:6: steps[1].id:") for line in lines)
    assert "approves" in result.stderr
    ok = run(env, "workflow", "check", str(Path(__file__).parents[2] / "workflows" / "finsam.yaml"))
    assert "finsam.yaml är korrekt." in ok.stdout


def test_config_file_sets_actor_and_database(env: dict[str, str], tmp_path: Path) -> None:
    config = tmp_path / "formation.toml"
    config.write_text(f'actor = "Karin Samordnare"\ndb = "{tmp_path / "conf.db"}"\n', encoding="utf-8")
    configured = {k: v for k, v in env.items() if k != "FORMATION_DB"} | {"FORMATION_CONFIG": str(config)}
    run(configured, "init", "Test")
    events = json.loads(run(configured, "log", "--json").stdout)
    assert events[0]["actor"] == "Karin Samordnare"
    assert (tmp_path / "conf.db").exists()
    override = run(configured | {"FORMATION_ACTOR": "Per"}, "party", "add", "Falun", "--kind", "kommun")
    assert override.returncode == 0
    assert json.loads(run(configured, "log", "--json").stdout)[-1]["actor"] == "Per"
    config.write_text("actr = 1\n", encoding="utf-8")
    bad = run(configured, "status", expect=2)
    assert "okända nycklar" in bad.stderr


def test_fo_list_and_show(env: dict[str, str], tmp_path: Path) -> None:
    sample = Path(__file__).parents[2] / "formation" / "io" / "samples" / "forbundsordning_stockholm.md"
    changed = tmp_path / "v2.md"
    changed.write_text(sample.read_text(encoding="utf-8") + "\nTillägg.\n", encoding="utf-8")
    run(env, "init", "Test")
    run(env, "fo", "add", str(sample), "--date", "2022-01-10")
    run(env, "fo", "add", str(changed), "--date", "2022-03-01", "--start", "2023-01-01")
    versions = json.loads(run(env, "fo", "list", "--json").stdout)
    assert [(v["number"], v["start_date"], v["role"]) for v in versions] == [
        (1, None, "superseded"),
        (2, "2023-01-01", "proposed"),
    ]
    assert run(env, "fo", "show", "v1").stdout == sample.read_text(encoding="utf-8")
    missing = run(env, "fo", "show", "3", expect=2)
    assert "ingen version v3" in missing.stderr and missing.stdout == ""
    same = run(env, "fo", "add", str(changed), expect=2)
    assert "identisk med v2" in same.stderr
    # A third version dated before the second, which it would replace, is refused: a view as of a day
    # between the two would have had v3 without v2. Undated, it is added.
    third = tmp_path / "v3.md"
    third.write_text(changed.read_text(encoding="utf-8") + "\nÄndring.\n", encoding="utf-8")
    early = run(env, "fo", "add", str(third), "--date", "2022-02-01", expect=2)
    assert "v3 kan inte vara daterad 2022-02-01, före v2 som den ersätter (daterad 2022-03-01)." in early.stderr
    assert len(json.loads(run(env, "fo", "list", "--json").stdout)) == 2
    run(env, "fo", "add", str(third))
