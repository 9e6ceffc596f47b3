"""Writing files that hold a case: readable by their owner only (0600, folders 0700), never through a symlink,
never over an existing file unless the user says so. Every failure is one Swedish sentence."""

from __future__ import annotations

import os
from pathlib import Path

from formation.errors import Refusal

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def shown_path(path: Path | str) -> str:
    """A path in a message: one line, no control characters, not too long."""
    text = "".join(ch if ch.isprintable() else "?" for ch in str(path))
    return text if len(text) <= 120 else "…" + text[-119:]


def private_folder(path: Path) -> Path:
    """Create `path` (and missing parents) readable by its owner only."""
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    return path


def write_private(path: Path, data: bytes | str, *, force: bool = False) -> None:
    """Write `data` to `path` as a 0600 file: refuses a symlink, a folder, and an existing file unless `force`.
    The data goes to a temporary file beside the target first, so a failure never leaves half a file."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_symlink():
        raise Refusal(f"{shown_path(path)} är en symbolisk länk; ange en vanlig fil.", code="symlink")
    if path.exists():
        if path.is_dir():
            raise Refusal(f"{shown_path(path)} är en katalog; ange ett filnamn.", code="is_folder")
        if not force:
            raise Refusal(
                f"Filen {shown_path(path)} finns redan; välj ett annat namn eller skriv över den (force).",
                code="file_exists",
                path=str(path),
            )
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise Refusal(f"Katalogen {shown_path(folder)} finns inte.", code="no_folder")
    temporary = folder / f".{path.name}.{os.getpid()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(temporary, flags, FILE_MODE)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        if path.is_symlink():  # appeared meanwhile: never replace a link's target, never follow it
            temporary.unlink(missing_ok=True)
            raise Refusal(f"{shown_path(path)} är en symbolisk länk; ange en vanlig fil.", code="symlink")
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise Refusal(
            f"Filen {shown_path(path)} kunde inte skrivas ({exc.strerror or type(exc).__name__}).", code="write_failed"
        ) from exc
