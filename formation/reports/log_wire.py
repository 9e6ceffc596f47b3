"""The stored log as `log --json` prints it: kept apart from the text rendering, so that printing the whole log
needs neither the events' classes nor a replay."""

from __future__ import annotations

from typing import Any

CONTACT_KEYS = ("email",)


def without_contacts(wire: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The stored events without personal contact details (e-mail addresses), for `log --json`."""
    result = []
    for row in wire:
        data = row.get("data") or {}
        changes = data.get("changes")
        if not any(key in data or (isinstance(changes, dict) and key in changes) for key in CONTACT_KEYS):
            result.append(row)  # most events hold no address: no copy
            continue
        data = {k: v for k, v in data.items() if k not in CONTACT_KEYS}
        if isinstance(changes, dict):
            data["changes"] = {k: v for k, v in changes.items() if k not in CONTACT_KEYS}
        result.append({**row, "data": data})
    return result
