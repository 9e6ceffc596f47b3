"""The layers hold: the engine never loads the UI, and a plain `formation status` loads neither the UI nor the
document libraries nor Alembic (harlequin's import-hygiene test, run in a fresh interpreter)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ENGINE_MODULES = [
    "formation.cli.main",
    "formation.services",
    "formation.reports.status",
    "formation.case.history",
    "formation.io.transfer",
    "workflows.loader",
]
HEAVY = ("textual", "tui", "docx", "lxml", "alembic", "pypdf", "weasyprint", "matplotlib", "jinja2", "sqlmodel")
"""Not loaded by a read: SQLModel declares the tables, the engine runs on their Core form (store/schema.py)."""


def _loaded(code: str, env: dict[str, str] | None = None) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True, env=env
    )
    return set(filter(None, result.stdout.strip().split(",")))


def test_engine_imports_without_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in ENGINE_MODULES)
        + "print(','.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    assert not _loaded(code) & {"textual", "tui"}


def test_status_loads_no_ui_no_documents_no_alembic(tmp_path: Path) -> None:
    from formation.bootstrap import make_services
    from formation.clock import FixedClock
    from formation.io.demo import create_demo

    db = tmp_path / "demo.db"
    services = make_services(db=str(db), clock=FixedClock(__import__("datetime").date(2026, 11, 23)), actor="t")
    create_demo(services)
    services.engine.dispose()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORMATION_")}
    env.update(FORMATION_DB=str(db), FORMATION_CONFIG=str(tmp_path / "none.toml"))
    code = (
        "import sys\n"
        "from formation.cli.main import app\n"
        "try:\n"
        "    app(['status'], standalone_mode=False)\n"
        "finally:\n"
        "    orm = ['sqlalchemy.orm'] if 'sqlalchemy.orm' in sys.modules else []\n"
        "    print('\\n' + ','.join(sorted({m.split('.')[0] for m in sys.modules} | set(orm))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert "BILDAT" in result.stdout
    loaded = set(result.stdout.strip().splitlines()[-1].split(","))
    assert not loaded & {*HEAVY, "sqlalchemy.orm"}, sorted(loaded & {*HEAVY, "sqlalchemy.orm"})
