"""Reading a förbundsordning from a file (.md, .txt, .docx or .pdf) into Markdown-like text."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from formation.domain.text import normalise_newlines, sha256_of
from formation.errors import Refusal
from formation.io import text_sanity

if TYPE_CHECKING:  # python-docx (and lxml) load only when a .docx is read
    from docx.table import Table
    from docx.text.paragraph import Paragraph

__all__ = ["SUPPORTED_SUFFIXES", "ForbundsordningUnreadable", "normalise_newlines", "read_forbundsordning", "sha256_of"]

SUPPORTED_SUFFIXES: tuple[str, ...] = (".md", ".txt", ".docx", ".pdf")

_HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = frozenset({"title", "rubrik"})


class ForbundsordningUnreadable(ValueError):
    """The file cannot be read as a förbundsordning; the message is one Swedish sentence for the user."""


def read_forbundsordning(path: Path) -> str:
    """The text of a förbundsordning; Word headings become Markdown `#` headings.

    Raises ForbundsordningUnreadable for a missing file, an unsupported format, a damaged .docx or .pdf
    file, a PDF locked with a password or without a text layer (scanned), or a file without any text.
    """
    path = Path(path)
    if not path.exists():
        raise ForbundsordningUnreadable(f"Filen {path} finns inte.")
    if not path.is_file():
        raise ForbundsordningUnreadable(f"{path} är inte en fil.")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        supported = ", ".join(SUPPORTED_SUFFIXES)
        problem = f"Filformatet {suffix} stöds inte för {path.name}"
        if not suffix:
            problem = f"Filen {path.name} saknar filändelse"
        raise ForbundsordningUnreadable(f"{problem}; förbundsordningen kan läsas från {supported}.")
    readers = {".docx": _read_docx, ".pdf": _read_pdf}
    try:
        # Limits a real document never reaches, checked before the file is parsed (a zip bomb, 200 MB).
        text_sanity.check_docx_archive(path) if suffix == ".docx" else text_sanity.check_file(path)
        text = normalise_newlines(readers.get(suffix, _read_plain)(path))
        if not text.strip():
            raise ForbundsordningUnreadable(f"Filen {path.name} innehåller ingen text.")
        text_sanity.check_text(text, path.name)
    except Refusal as exc:
        raise ForbundsordningUnreadable(exc.message) from exc
    return text


def _read_plain(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ForbundsordningUnreadable(f"Filen {path} kunde inte läsas ({exc.strerror}).") from exc
    text_sanity.check_bytes(data, path.name)  # NUL bytes or UTF-16 would decode as cp1252 into nonsense
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ForbundsordningUnreadable(
            f"Filen {path.name} är varken UTF-8 eller Windows-1252 och kan inte läsas som text."
        ) from exc


def _read_docx(path: Path) -> str:
    try:
        import docx

        document = docx.Document(str(path))
        blocks = list(document.iter_inner_content())
    except Exception as exc:  # python-docx raises many kinds (zip, XML, missing parts)
        raise ForbundsordningUnreadable(
            f"Filen {path.name} är ingen läsbar Word-fil (.docx); den kan vara skadad."
        ) from exc
    chunks: list[str] = []
    for block in blocks:
        chunks.extend(_block_text(block))
    return "\n\n".join(chunk for chunk in chunks if chunk.strip()) + "\n"


def _block_text(block: Paragraph | Table) -> list[str]:
    from docx.text.paragraph import Paragraph

    if isinstance(block, Paragraph):
        return [_paragraph_text(block)]
    rows: list[str] = []
    for row in block.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
        for cell in row.cells:
            for inner in cell.tables:
                rows.extend(_block_text(inner))
    return ["\n".join(rows)] if rows else []


def _paragraph_text(paragraph: Paragraph) -> str:
    text = paragraph.text.strip()
    if not text:
        return ""
    style = paragraph.style
    name = (style.name or "").strip() if style is not None else ""
    if m := _HEADING_STYLE.match(name):
        return "#" * max(1, min(int(m.group(1)), 6)) + " " + text
    if name.lower() in _TITLE_STYLES:
        return "# " + text
    return text


def _read_pdf(path: Path) -> str:
    """The text layer of every page, page after page; page numbers and headers stay for the checklist to drop."""
    pages = _pdf_pages(path)
    if not any(page.strip() for page in pages):
        raise ForbundsordningUnreadable(
            f"Filen {path.name} har inget textlager och är troligen inskannad; "
            "förbundsordningen behöver finnas som text, till exempel som Word-fil eller sökbar PDF."
        )
    return "\n".join(page.rstrip("\n") for page in pages) + "\n"


def _pdf_pages(path: Path) -> list[str]:
    # Imported here so that commands which never read a PDF (status above all) do not load pypdf.
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    try:
        with _quiet("pypdf"):
            reader = PdfReader(path)
            # Many published PDFs are encrypted only against editing, with an empty password for reading.
            if reader.is_encrypted and not reader.decrypt(""):
                raise ForbundsordningUnreadable(
                    f"Filen {path.name} är skyddad med lösenord; spara en kopia utan lösenord och läs in den."
                )
            return [page.extract_text() or "" for page in reader.pages]
    except ForbundsordningUnreadable:  # a ValueError itself: keep it from the "damaged" branch below
        raise
    except DependencyError as exc:  # encrypted with AES and no crypto package installed
        raise ForbundsordningUnreadable(
            f"Filen {path.name} är krypterad på ett sätt som inte kan läsas; spara en kopia utan skydd och läs in den."
        ) from exc
    except OSError as exc:
        raise ForbundsordningUnreadable(f"Filen {path} kunde inte läsas ({exc.strerror}).") from exc
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        # pypdf reports a broken file with its own error and, deeper inside a damaged file, with plain ones.
        raise ForbundsordningUnreadable(f"Filen {path.name} är ingen läsbar PDF-fil; den kan vara skadad.") from exc


@contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """Silence a library's warnings ("EOF marker not found") while it reads: the user gets our one sentence."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)
