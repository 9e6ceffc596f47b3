"""Checks a förbundsordning's file and text must pass before they become a version: a size no real document
reaches, no NUL bytes (a binary file, or UTF-16 read as a one-byte encoding), no other control characters,
and for .docx a bounded archive (a zip bomb is refused before anything is unpacked).

Every check refuses with one Swedish sentence (`Refusal`, code `unsane_text`). The reader in
`formation.io.fo_text` calls `check_file` before reading, `check_docx_archive` before opening a .docx and
`check_text` on the text it produced; an import checks each version's text with `check_text`."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

from formation.domain.text import shown
from formation.errors import Refusal

# A real förbundsordning is 20–80 kB of text (Samspelet: 31 kB; Stockholm 2016: 42 kB); a .docx with
# a logo is under 1 MB. These limits are a hundred times that and still refuse early.
FILE_MAX_BYTES = 8 * 1024 * 1024
DOCX_MAX_UNCOMPRESSED = 64 * 1024 * 1024
DOCX_MAX_MEMBERS = 2_000
DOCX_MAX_RATIO = 200
TEXT_MAX_CHARS = 2_000_000
_ALLOWED_CONTROLS = frozenset("\n\r\t\f")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF16_BOMS_AS_TEXT = ("ÿþ", "þÿ")  # the BOMs read as Windows-1252 or Latin-1


def _shown(name: str) -> str:
    return shown(name, 80)


def _refuse(message: str, **facts: object) -> Refusal:
    return Refusal(message, code="unsane_text", **facts)


def check_file(path: Path) -> None:
    """The file's size, before anything is read."""
    try:
        size = Path(path).stat().st_size
    except OSError:
        return  # the reader reports a missing or unreadable file in its own words
    if size > FILE_MAX_BYTES:
        raise _refuse(
            f"Filen {_shown(Path(path).name)} är {size // (1024 * 1024)} MB; en förbundsordning får vara högst "
            f"{FILE_MAX_BYTES // (1024 * 1024)} MB.",
            size=size,
        )


def check_bytes(data: bytes, name: str) -> None:
    """Raw bytes of a plain-text file: within the size limit, not UTF-16, no NUL bytes."""
    if len(data) > FILE_MAX_BYTES:
        raise _refuse(
            f"Filen {_shown(name)} är för stor; en förbundsordning får vara högst {FILE_MAX_BYTES // (1024 * 1024)} MB."
        )
    if data.startswith(_UTF16_BOMS) or _looks_utf16(data):
        raise _refuse(f"Filen {_shown(name)} är sparad som UTF-16; spara den som UTF-8 och försök igen.")
    if b"\x00" in data:
        raise _refuse(f"Filen {_shown(name)} innehåller nolltecken och är ingen textfil.")


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: most of the first bytes at odd (or even) positions are NUL."""
    sample = data[:4096]
    if len(sample) < 8:
        return False
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    half = len(sample) // 2
    return max(odd, even) > 0.4 * half and min(odd, even) < 0.05 * half


def check_text(text: str, name: str) -> None:
    """Decoded text: within the length limit, no NUL or other control characters, not UTF-16 mis-decoded."""
    if len(text) > TEXT_MAX_CHARS:
        raise _refuse(
            f"Texten i {_shown(name)} är {len(text)} tecken lång; en förbundsordning får vara högst "
            f"{TEXT_MAX_CHARS} tecken.",
            length=len(text),
        )
    if text.lstrip("\ufeff").startswith(_UTF16_BOMS_AS_TEXT):
        raise _refuse(f"Filen {_shown(name)} är sparad som UTF-16 men lästes som en annan teckenkodning.")
    if "\x00" in text:
        raise _refuse(f"Texten i {_shown(name)} innehåller nolltecken; filen kan vara UTF-16 eller binär.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise _refuse(f"Texten i {_shown(name)} innehåller tecken som inte är giltig Unicode.") from None
    for ch in text:
        if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS:
            raise _refuse(
                f"Texten i {_shown(name)} innehåller styrtecken (U+{ord(ch):04X}); spara den som vanlig text."
            )
    if not text.strip():
        raise _refuse(f"Filen {_shown(name)} innehåller ingen text.")
    if text.count("\ufffd") > max(10, len(text) // 100):
        raise _refuse(f"Texten i {_shown(name)} har många tecken som inte gick att läsa; kontrollera teckenkodningen.")


def check_docx_archive(path: Path) -> None:
    """A .docx is a zip archive: refuse one that would unpack past the limits (a zip bomb) before opening it."""
    check_file(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # the reader reports a damaged file in its own words
    if len(members) > DOCX_MAX_MEMBERS:
        raise _refuse(f"Word-filen {_shown(Path(path).name)} har orimligt många delar ({len(members)}).")
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > DOCX_MAX_UNCOMPRESSED or (member.file_size > 1024 * 1024 and ratio > DOCX_MAX_RATIO):
            raise _refuse(
                f"Word-filen {_shown(Path(path).name)} packas upp till mer än en förbundsordning kan vara; "
                "den läses inte."
            )
