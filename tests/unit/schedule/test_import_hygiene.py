"""Planning stays light: it loads no delivery, templating, iCalendar, database or UI modules."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("icalendar", "jinja2", "smtplib", "urllib.request", "keyring", "sqlmodel", "sqlalchemy", "textual", "tui")


def test_planning_imports_nothing_heavy() -> None:
    code = (
        "import json, sys; import formation.schedule.planning, formation.schedule.plan_text, "
        "formation.schedule.policy, formation.schedule.settings; print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    loaded = set(json.loads(out))
    assert not [name for name in HEAVY if name in loaded]
