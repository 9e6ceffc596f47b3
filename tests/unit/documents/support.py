"""Fixtures for the document tests: the CLI's JSON captured in fixtures/ (see fixtures/capture.py)."""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from formation.reports.documents import SnapshotData, snapshot_data_from_status

FIXTURES = Path(__file__).parent / "fixtures"
CASES = (
    "stockholm_2016-01-31",
    "stockholm_2016-02-16",
    "stockholm_2026-11-23",
    "falun_2022-09-30",
    "roslagen_2017-10-25",
    "roslagen_2026-11-23",
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONES = ("08-508 290 00", "070-123 45 67", "+46 8 508 290 00")


@cache
def raw(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def build(doc: dict[str, Any]) -> SnapshotData:
    return snapshot_data_from_status(
        doc["status"], events=doc["events"], finance=doc["finance"], board=doc["board"], fo=doc["fo"],
        plan=doc["plan"],
    )


def snapshot(name: str) -> SnapshotData:
    return build(raw(name))


def hostile(name: str = "stockholm_2016-01-31") -> dict[str, Any]:
    """A capture with contact data and markup planted where documents show text."""
    doc = copy.deepcopy(raw(name))
    case = doc["status"]["case"]
    case["name"] = "Samordningsförbundet <script>alert(1)</script> [bold]x[/bold]"
    party = doc["status"]["parties"][0]
    party["steps"][0]["reason"] = "Ring 08-508 290 00 eller maila anna.berg@stockholm.se"
    party["steps"][2]["status"] = "skipped"
    party["steps"][2]["reason"] = "Kontakt: finsam@stockholm.example, 070-123 45 67"
    for event in doc["events"]:
        if event["type"] == "decision" and event["party"] == party["slug"]:
            event["note"] = "Frågor till handlaggare@stockholm.se eller +46 8 508 290 00."
            event["body"] = "Kommunstyrelsen <b>KS</b>"
    doc["board"][0]["person"] = "Anna Berg (anna.berg@stockholm.se)"
    doc["status"]["problems"] = [{"code": "x", "message": "Kontakta samordnare@stockholm.example."}]
    doc["fo"]["text"] += "\n\n## § 23 Kontakt\n\nFrågor besvaras på finsam@stockholm.example eller 08-508 290 00.\n"
    return doc


_DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+")


def contact_data(text: str) -> list[str]:
    """E-mail addresses and the planted phone numbers found in `text` (spaces normalised; embedded
    base64 images are left out, as the e-mail pattern backtracks badly on them)."""
    flat = _DATA_URI.sub("", text).replace("\u00a0", " ")
    return EMAIL.findall(flat) + [p for p in PHONES if p in flat]
