"""Reading a förbundsordning from .md, .txt and .docx files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import docx
import pytest

import formation.io.samples
from formation.domain.checklist import ChecklistResult, check_forbundsordning
from formation.io.fo_text import ForbundsordningUnreadable, read_forbundsordning, sha256_of

SAMPLE = Path(formation.io.samples.__file__).with_name("forbundsordning_stockholm.md")


@pytest.fixture(scope="module")
def sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def found(result: ChecklistResult) -> set[str]:
    return {f.item.id for f in result.findings if f.found}


def sample_as_docx(markdown: str, path: Path) -> Path:
    """A Word file built from the Markdown sample: `#`/`##` lines as Heading 1, bullets as list items."""
    document = docx.Document()
    for line in markdown.splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            document.add_heading(line.lstrip("#").strip(), level=1)
        elif line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return path


def test_markdown_is_read_as_is(sample: str) -> None:
    assert read_forbundsordning(SAMPLE) == sample


def test_crlf_line_endings_are_normalised(tmp_path: Path, sample: str) -> None:
    path = tmp_path / "fo.md"
    path.write_bytes(sample.replace("\n", "\r\n").encode("utf-8"))
    assert read_forbundsordning(path) == sample


def test_txt_in_cp1252_falls_back_from_utf8(tmp_path: Path, sample: str) -> None:
    path = tmp_path / "förbundsordning.txt"
    path.write_bytes(sample.encode("cp1252"))
    text = read_forbundsordning(path)
    assert text == sample
    assert "Försäkringskassan" in text
    assert found(check_forbundsordning(text)) == found(check_forbundsordning(sample))


def test_utf8_with_bom_loses_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "fo.txt"
    path.write_bytes("\ufeff§ 2 Säte\n".encode())
    assert read_forbundsordning(path) == "§ 2 Säte\n"


def test_docx_gives_the_same_checklist_result_as_markdown(tmp_path: Path, sample: str) -> None:
    path = sample_as_docx(sample, tmp_path / "förbundsordning.docx")
    text = read_forbundsordning(path)
    assert "# § 6 Styrelsens sammansättning" in text.splitlines()
    docx_result = check_forbundsordning(text)
    md_result = check_forbundsordning(sample)
    assert found(docx_result) == found(md_result)
    assert docx_result.ok
    for finding in docx_result.findings:
        assert finding.where is not None and finding.where.startswith('rubrik "§ ')


def test_docx_table_cells_are_included(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("§ 13 Kostnadsfördelning", level=2)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Försäkringskassan"
    table.cell(0, 1).text = "50 %"
    table.cell(1, 0).text = "Stockholms stad"
    table.cell(1, 1).text = "25 %"
    document.add_paragraph("Efter tabellen.")
    path = tmp_path / "tabell.docx"
    document.save(str(path))
    lines = read_forbundsordning(path).splitlines()
    assert lines[0] == "## § 13 Kostnadsfördelning"
    assert "Försäkringskassan | 50 %" in lines
    assert "Stockholms stad | 25 %" in lines
    assert lines.index("Stockholms stad | 25 %") < lines.index("Efter tabellen.")


def test_unsupported_suffix_names_the_supported_ones(tmp_path: Path) -> None:
    path = tmp_path / "fo.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(ForbundsordningUnreadable) as info:
        read_forbundsordning(path)
    message = str(info.value)
    assert ".pdf stöds inte" in message
    assert ".md" in message and ".txt" in message and ".docx" in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ForbundsordningUnreadable, match="finns inte"):
        read_forbundsordning(tmp_path / "saknas.md")


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "tom.txt"
    path.write_bytes(content)
    with pytest.raises(ForbundsordningUnreadable, match="innehåller ingen text"):
        read_forbundsordning(path)


def test_empty_docx(tmp_path: Path) -> None:
    path = tmp_path / "tom.docx"
    docx.Document().save(str(path))
    with pytest.raises(ForbundsordningUnreadable, match="innehåller ingen text"):
        read_forbundsordning(path)


def test_corrupt_docx(tmp_path: Path) -> None:
    path = tmp_path / "trasig.docx"
    path.write_bytes(b"this is not a zip file")
    with pytest.raises(ForbundsordningUnreadable, match="skadad"):
        read_forbundsordning(path)


def test_unreadable_is_a_value_error() -> None:
    assert issubclass(ForbundsordningUnreadable, ValueError)


def test_sha256_is_stable_across_line_endings(sample: str) -> None:
    digest = sha256_of(sample)
    assert len(digest) == 64 and int(digest, 16) >= 0
    assert sha256_of(sample.replace("\n", "\r\n")) == digest
    assert sha256_of(sample.replace("\n", "\r")) == digest
    assert sha256_of(sample + "ändrad") != digest
    assert sha256_of("å\r\n") == hashlib.sha256("å\n".encode()).hexdigest()
