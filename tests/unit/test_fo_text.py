"""Reading a förbundsordning from .md, .txt and .docx files."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import docx
import pypdf
import pytest

import formation.io.samples
from formation.domain.checklist import ChecklistResult, check_forbundsordning
from formation.io.fo_text import SUPPORTED_SUFFIXES, ForbundsordningUnreadable, read_forbundsordning, sha256_of

SAMPLE = Path(formation.io.samples.__file__).with_name("forbundsordning_stockholm.md")
CORPUS_PDF = Path(__file__).resolve().parents[1] / "corpus" / "forbundsordningar" / "kalmar_lan.pdf"


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
    path = tmp_path / "fo.odt"
    path.write_bytes(b"PK")
    with pytest.raises(ForbundsordningUnreadable) as info:
        read_forbundsordning(path)
    message = str(info.value)
    assert ".odt stöds inte" in message
    assert all(suffix in message for suffix in (".md", ".txt", ".docx", ".pdf"))
    bare = tmp_path / "shadow"
    bare.write_text("text", encoding="utf-8")
    with pytest.raises(ForbundsordningUnreadable, match=r"^Filen shadow saknar filändelse; förbundsordningen kan"):
        read_forbundsordning(bare)


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


# --- PDF ------------------------------------------------------------------------------------------------


def test_pdf_is_supported() -> None:
    assert ".pdf" in SUPPORTED_SUFFIXES


def test_pdf_text_layer_is_read_page_by_page() -> None:
    text = read_forbundsordning(CORPUS_PDF)
    lines = text.splitlines()
    assert "§ 1 Namn och säte" in lines
    assert "§ 15 Tvister" in lines
    assert lines.index("§ 1 Namn och säte") < lines.index("§ 9 Andelar och kostnader") < lines.index("§ 15 Tvister")
    assert "Försäkringskassan och Arbetsförmedlingen." in lines
    assert check_forbundsordning(text).ok


def test_pdf_suffix_is_case_insensitive(tmp_path: Path) -> None:
    path = tmp_path / "FÖRBUNDSORDNING.PDF"
    path.write_bytes(CORPUS_PDF.read_bytes())
    assert read_forbundsordning(path) == read_forbundsordning(CORPUS_PDF)


def encrypted_copy(path: Path, *, user_password: str, owner_password: str, algorithm: str = "AES-128") -> Path:
    reader = pypdf.PdfReader(CORPUS_PDF)
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm=algorithm)
    with path.open("wb") as out:
        writer.write(out)
    return path


ALGORITHMS = ["RC4-128", "AES-128", "AES-256"]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_pdf_with_a_password_is_refused(tmp_path: Path, algorithm: str) -> None:
    path = encrypted_copy(tmp_path / "låst.pdf", user_password="hemligt", owner_password="ägare", algorithm=algorithm)
    with pytest.raises(ForbundsordningUnreadable, match="lösenord") as info:
        read_forbundsordning(path)
    message = str(info.value)
    assert "låst.pdf" in message and message.endswith(".") and ". " not in message


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_pdf_locked_only_against_editing_is_read(tmp_path: Path, algorithm: str) -> None:
    # Word's "restrict editing" export: AES with an empty password for reading, common in published PDFs.
    path = encrypted_copy(tmp_path / "skrivskyddad.pdf", user_password="", owner_password="ägare", algorithm=algorithm)
    assert read_forbundsordning(path) == read_forbundsordning(CORPUS_PDF)


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4\nthis is not a pdf\n", b"", b"PK\x03\x04 a docx renamed to pdf"],
    ids=["garbage", "empty", "wrong-format"],
)
def test_damaged_pdf_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "trasig.pdf"
    path.write_bytes(content)
    with pytest.raises(ForbundsordningUnreadable, match="skadad"):
        read_forbundsordning(path)


def test_truncated_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "avkortad.pdf"
    path.write_bytes(CORPUS_PDF.read_bytes()[:900])
    with pytest.raises(ForbundsordningUnreadable):
        read_forbundsordning(path)


def test_pdf_without_a_text_layer_is_refused(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "skannad.pdf"
    with path.open("wb") as out:
        writer.write(out)
    with pytest.raises(ForbundsordningUnreadable, match="textlager") as info:
        read_forbundsordning(path)
    assert "skannad.pdf" in str(info.value)


def test_reading_markdown_does_not_load_the_pdf_library() -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from formation.io.fo_text import read_forbundsordning\n"
        f"read_forbundsordning(Path({str(SAMPLE)!r}))\n"
        "print('pypdf' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
