"""`export` / `import`: a whole case as JSON, a lossless round trip. The file holds the log in its stored form
(the one codec) and the förbundsordning texts; every derived field is recomputed by replay on import."""

from __future__ import annotations

import json
from typing import Any

from formation.case.codec import decode
from formation.case.commands import ImportCase
from formation.case.validation import check_envelope
from formation.domain.text import shown
from formation.errors import Refusal
from formation.io.text_sanity import TEXT_MAX_CHARS
from formation.memory import cycle_collection_paused
from formation.services import Services
from formation.services.views import Result

FORMAT = "formation-case"
FORMAT_VERSION = 1

# Limits no real case reaches (the national scale is ~100 000 events over 84 förbund; one case has hundreds).
IMPORT_MAX_BYTES = 64 * 1024 * 1024
IMPORT_MAX_EVENTS = 100_000
IMPORT_MAX_VERSIONS = 1_000
IMPORT_MAX_DEPTH = 32
CONTACT_FIELDS = ("email",)


# A contact is identified by its address: in an export without contacts the address of a contact event becomes a
# stable stand-in in the reserved .invalid domain, so the file still imports and nothing can be sent to it.
PSEUDONYMOUS_TYPES = ("contact_added", "contact_removed")


def redact_contacts(wire: dict[str, Any]) -> dict[str, Any]:
    """The stored form of an event without contact details (an address becomes null, "no address")."""
    data = wire.get("data")
    if not isinstance(data, dict) or not any(isinstance(data.get(f), str) for f in CONTACT_FIELDS):
        return wire
    clean = {key: (_hidden(wire, value) if key in CONTACT_FIELDS and isinstance(value, str) else value)
             for key, value in data.items()}
    return {**wire, "data": clean}


def _hidden(wire: dict[str, Any], address: str) -> str | None:
    if wire.get("type") not in PSEUDONYMOUS_TYPES:
        return None
    import hashlib

    return f"utelamnad-{hashlib.sha256(address.casefold().encode()).hexdigest()[:12]}@kontakt.invalid"


def export_case(services: Services, *, with_contacts: bool = False) -> dict[str, Any]:
    """The case named by the services' --case (or the only one) as a JSON-ready document. Contact details
    (e-mail addresses, current and cleared) are left out unless `with_contacts`."""
    view = services.view()
    events = services.wire_events()
    if not with_contacts:
        events = [redact_contacts(wire) for wire in events]
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
        "events": events,
    }


def import_case(services: Services, document: Any) -> Result:
    """Create the case from an export: its events are replayed and checked like the commands that made them."""
    with cycle_collection_paused():
        return _import_case(services, document)


def _import_case(services: Services, document: Any) -> Result:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise Refusal('Filen är ingen export från formation (fältet "format" saknas eller är fel).', code="bad_import")
    version = document.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise Refusal(
            f"Filen går inte att läsa in: fältet format_version ska vara talet {FORMAT_VERSION}.", code="bad_import"
        )
    if version != FORMAT_VERSION:
        raise Refusal(
            f"Filen har exportformat {_shown(version)}, men den här versionen av programmet läser bara format "
            f"{FORMAT_VERSION}.",
            code="bad_import",
        )
    check_depth(document)
    raw_events = document.get("events")
    raw_versions = document.get("fo_versions", [])
    if not isinstance(raw_events, list) or not isinstance(raw_versions, list):
        raise Refusal("Filen går inte att läsa in: fälten events och fo_versions ska vara listor.", code="bad_import")
    if len(raw_events) > IMPORT_MAX_EVENTS or len(raw_versions) > IMPORT_MAX_VERSIONS:
        raise Refusal(
            f"Filen går inte att läsa in: den har fler än {IMPORT_MAX_EVENTS} händelser eller "
            f"{IMPORT_MAX_VERSIONS} versioner av förbundsordningen.",
            code="import_limit",
        )
    try:
        events = [decode(raw) for raw in raw_events]
        for envelope in events:
            check_envelope(envelope)
    except Refusal as exc:
        raise Refusal(f"Filen går inte att läsa in: {exc.message}", code="bad_import") from exc
    texts: dict[str, str] = {}
    for raw in raw_versions:
        if not isinstance(raw, dict) or not isinstance(raw.get("sha256"), str) or not isinstance(raw.get("text"), str):
            raise Refusal(
                "Filen går inte att läsa in: en version av förbundsordningen saknar text eller kontrollsumma.",
                code="bad_import",
            )
        if len(raw["text"]) > TEXT_MAX_CHARS:
            raise Refusal(
                f"Filen går inte att läsa in: en version av förbundsordningen är längre än {TEXT_MAX_CHARS} tecken.",
                code="import_limit",
            )
        texts[raw["sha256"]] = raw["text"]
    _check_workflows(events)
    return services.handle(ImportCase(events=events, texts=texts))


def _check_workflows(events: list[Any]) -> None:
    """A pinned template or a party's own workflow in the file must be one the loader accepts."""
    from formation.case.events import CaseCreated, PartyAdded
    from workflows.loader import workflow_from_dict, workflow_set_from_dict
    from workflows.model import WorkflowDefinitionInvalid

    for envelope in events:
        event = envelope.event
        try:
            if isinstance(event, CaseCreated) and event.template is not None:
                workflow_set_from_dict(event.template)
            elif isinstance(event, PartyAdded) and event.workflow is not None:
                workflow_from_dict(event.workflow)
        except (WorkflowDefinitionInvalid, TypeError, ValueError, AttributeError) as exc:
            raise Refusal(
                f"Filen går inte att läsa in: beslutsgången i händelse {envelope.seq} är felaktig.",
                code="bad_import",
                seq=envelope.seq,
            ) from exc


def check_depth(document: Any, limit: int = IMPORT_MAX_DEPTH) -> None:
    """Refuse a document nested deeper than any export, or holding text that is not valid Unicode (JSON allows
    a lone surrogate such as \\udcff, which no database can store)."""
    _check_nesting(document, 1, limit)
    if isinstance(document, dict | list):
        import orjson

        try:  # orjson refuses a lone surrogate, and writes a long log ten times faster than json
            orjson.dumps(document, default=str)
        except TypeError:  # a surrogate, or a value orjson does not take (an integer past 64 bits): look closer
            _check_unicode(json.dumps(document, ensure_ascii=False, default=str))
    elif isinstance(document, str):
        _check_unicode(document)


def _check_nesting(value: Any, depth: int, limit: int) -> None:
    """Only containers are walked (recursion is bounded by `limit`: it stops there)."""
    if depth > limit:
        raise Refusal(f"Filen går inte att läsa in: den är nästlad djupare än {limit} nivåer.", code="import_limit")
    for child in value.values() if type(value) is dict else value if type(value) is list else ():
        if type(child) is dict or type(child) is list:
            _check_nesting(child, depth + 1, limit)


def _check_unicode(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise Refusal(
            "Filen går inte att läsa in: den innehåller tecken som inte är giltig Unicode.", code="bad_import"
        ) from None


def _shown(value: Any) -> str:
    return shown(repr(value), 20)
