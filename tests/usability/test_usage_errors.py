"""Click's usage errors come out as one Swedish sentence, suggestions included, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.in_process import Cli


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("decid",), "Okänt kommando 'decid'; se `formation --help`. Menade du decide?"),
        (("party", "ad"), "Okänt kommando 'ad'; se `formation party --help`. Menade du add?"),
        (("status", "--as-of"), "Alternativet --as-of behöver ett värde"),
    ],
)
def test_usage_errors_are_swedish(tmp_path: Path, args: tuple[str, ...], expected: str) -> None:
    refused = Cli(tmp_path / "none.db")(*args, expect=2)
    assert expected in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and "Did you mean" not in refused.stderr
