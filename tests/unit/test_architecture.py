"""The engine stays UI-free: importing it (CLI included) never loads Textual or the tui package."""

from __future__ import annotations

import subprocess
import sys

ENGINE_MODULES = [
    "formation.cli",
    "formation.services",
    "formation.status",
    "formation.reducer",
    "formation.transfer",
    "workflows.loader",
    "workflows.builder",
]


def test_engine_imports_without_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in ENGINE_MODULES)
        + "leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tui'))\n"
        + "print(','.join(leaked))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "", f"engine imported UI modules: {result.stdout.strip()}"
