"""The unit tests' small four-party case (fixtures `case`, `fo_file`, `fo_file_v2`), reused here."""

from tests.unit.conftest import case, fo_file, fo_file_v2, fo_text

__all__ = ["case", "fo_file", "fo_file_v2", "fo_text"]
