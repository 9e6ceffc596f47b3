"""§ 3 exception: a kommun that belongs to no region (Gotland) forms a förbund with FK and AF only,
and then carries the region's quarter of the funding too."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.cli_support import run, status_json


def test_gotland_forms_without_a_region(tmp_path: Path, sample_fo: Path) -> None:
    db = tmp_path / "gotland.db"
    run(db, "init", "Samordningsförbundet Gotland", "--seat", "Visby", "--no-region")
    run(db, "party", "add", "Region Gotland", "--kind", "kommun")
    run(db, "party", "add", "Försäkringskassan", "--kind", "forsakringskassan")
    run(db, "party", "add", "Arbetsförmedlingen", "--kind", "arbetsformedlingen")
    codes = [p["code"] for p in status_json(db)["problems"]]
    assert "missing_region" not in codes and "no_forbundsordning" in codes

    plan = json.loads(run(db, "finance", "--total", "4000000", "--json").stdout)
    assert {p["name"]: p["amount"] for p in plan["parties"]} == {
        "Region Gotland": 2_000_000,
        "Försäkringskassan": 2_000_000,
        "Arbetsförmedlingen": 0,
    }

    run(db, "fo", "add", str(sample_fo), "--date", "2022-01-10")
    for step in ("forstudie", "inriktningsbeslut", "namnd", "styrelse"):
        run(db, "decide", "Region Gotland", step, "--outcome", "bifall", "--date", "2022-03-01")
    run(
        db,
        "decide",
        "Region Gotland",
        "fullmaktige",
        "--outcome",
        "bifall",
        "--date",
        "2022-04-25",
        "--anslag",
        "2022-04-28",
    )
    for agency in ("Försäkringskassan", "Arbetsförmedlingen"):
        run(db, "decide", agency, "forstudie", "--outcome", "bifall", "--date", "2022-02-01")
        run(db, "decide", agency, "beslut", "--outcome", "bifall", "--date", "2022-05-02")
    case = status_json(db)["case"]
    assert (case["state"], case["formed_on"], case["no_region"]) == ("formed", "2022-05-02", True)

    exported = tmp_path / "gotland.json"
    run(db, "export", str(exported))
    other = tmp_path / "other.db"
    run(other, "import", str(exported))
    assert status_json(other)["case"] == case
