"""The Stockholm sample laid out as a PDF lays it out (no headings, short lines, split words, page furniture)
is found just like the Markdown original, both as pasted text and read from a generated PDF file."""

from __future__ import annotations

from pathlib import Path

import pytest

import formation.io.samples
from formation.domain.checklist import check_forbundsordning
from formation.io.fo_text import read_forbundsordning
from tests.corpus.forbundsordningar import make_pdf

SAMPLE = Path(formation.io.samples.__file__).with_name("forbundsordning_stockholm.md")
CORPUS = Path(make_pdf.__file__).parent
HEADER = "Förbundsordning för Samordningsförbundet Stockholms stad"
FOOTER = "Antagen av kommunfullmäktige 2016-02-01"
PAGE_LINES = 40


def reflowed(markdown: str, width: int = 88) -> list[str]:
    """The running text without headings, filled to `width`, long words split with a hyphen at line ends."""
    words = [w for line in markdown.splitlines() if not line.startswith("#") for w in line.lstrip("- ").split()]
    lines: list[str] = []
    current = ""
    for word in words:
        if len(current) + 1 + len(word) <= width:
            current = f"{current} {word}".strip()
        elif word.isalpha() and len(word) >= 10:
            half = len(word) // 2
            lines.append(f"{current} {word[:half]}-")
            current = word[half:]
        else:
            lines.append(current)
            current = word
    return [*lines, current]


def pages(lines: list[str]) -> list[list[str]]:
    return [lines[i : i + PAGE_LINES] for i in range(0, len(lines), PAGE_LINES)]


def as_pasted_pdf_text(lines: list[str]) -> str:
    out: list[str] = []
    chunks = pages(lines)
    for number, chunk in enumerate(chunks, start=1):
        out += [HEADER, *chunk, f"Sida {number} av {len(chunks)}", FOOTER]
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module")
def lines() -> list[str]:
    result = reflowed(SAMPLE.read_text(encoding="utf-8"))
    assert any(line.endswith("-") for line in result)  # the layout really splits words
    assert len(pages(result)) >= 3
    return result


def found(text: str) -> set[str]:
    return {f.item.id for f in check_forbundsordning(text).findings if f.found}


def test_the_sample_states_every_item() -> None:
    assert len(found(SAMPLE.read_text(encoding="utf-8"))) == 15


def test_pasted_pdf_text_without_headings_finds_every_item(lines: list[str]) -> None:
    text = as_pasted_pdf_text(lines)
    result = check_forbundsordning(text)
    assert {f.item.id for f in result.findings if f.found} == found(SAMPLE.read_text(encoding="utf-8"))
    assert result.ok
    for finding in result.findings:
        assert finding.where is not None and finding.where.startswith("rad "), finding


def test_a_generated_pdf_finds_every_item(tmp_path: Path, lines: list[str]) -> None:
    path = tmp_path / "stockholm.pdf"
    path.write_bytes(make_pdf.build(pages(lines)))
    text = read_forbundsordning(path)
    assert found(text) == found(SAMPLE.read_text(encoding="utf-8"))


def test_the_committed_corpus_pdf_is_what_make_pdf_writes() -> None:
    assert make_pdf.build() == (CORPUS / "kalmar_lan.pdf").read_bytes()
