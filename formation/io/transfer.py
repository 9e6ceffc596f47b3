"""`export` / `import`: a whole case as JSON, a lossless round trip. The file holds the log in its stored form
(the one codec) and the förbundsordning texts; every derived field is recomputed by replay on import."""

from __future__ import annotations

from typing import Any

from formation.case.codec import decode
from formation.case.commands import ImportCase
from formation.errors import Refusal
from formation.services import Services
from formation.services.views import Result

FORMAT = "formation-case"
FORMAT_VERSION = 1


def export_case(services: Services) -> dict[str, Any]:
    """The case named by the services' --case (or the only one) as a JSON-ready document."""
    view = services.view()
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "case": {
            "slug": view.case.slug,
            "name": view.case.name,
            "seat": view.case.seat,
            "target_start": view.case.target_start.isoformat() if view.case.target_start else None,
            "created_at": view.case.created_at.isoformat(),
        },
        "fo_versions": [
            {
                "number": row["number"],
                "sha256": row["sha256"],
                "filename": row["filename"],
                "text": row["text"],
                "added_on": row["added_on"].isoformat() if row["added_on"] else None,
                "start_date": row["start_date"].isoformat() if row["start_date"] else None,
            }
            for row in services.fo_versions()
        ],
        "events": services.wire_events(),
    }


def import_case(services: Services, document: Any) -> Result:
    """Create the case from an export: its events are replayed and checked like the commands that made them."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise Refusal('Filen är ingen export från formation (fältet "format" saknas eller är fel).', code="bad_import")
    if document.get("format_version") != FORMAT_VERSION:
        raise Refusal(
            f"Filen har exportformat {_shown(document.get('format_version'))}; den här versionen läser format "
            f"{FORMAT_VERSION}.",
            code="bad_import",
        )
    raw_events = document.get("events")
    raw_versions = document.get("fo_versions", [])
    if not isinstance(raw_events, list) or not isinstance(raw_versions, list):
        raise Refusal("Filen går inte att läsa in: fälten events och fo_versions ska vara listor.", code="bad_import")
    try:
        events = [decode(raw) for raw in raw_events]
    except Refusal as exc:
        raise Refusal(f"Filen går inte att läsa in: {exc.message}", code="bad_import") from exc
    texts: dict[str, str] = {}
    for raw in raw_versions:
        if not isinstance(raw, dict) or not isinstance(raw.get("sha256"), str) or not isinstance(raw.get("text"), str):
            raise Refusal(
                "Filen går inte att läsa in: en version av förbundsordningen saknar text eller kontrollsumma.",
                code="bad_import",
            )
        texts[raw["sha256"]] = raw["text"]
    return services.handle(ImportCase(events=events, texts=texts))


def _shown(value: Any) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in repr(value))
    return text[:20]
