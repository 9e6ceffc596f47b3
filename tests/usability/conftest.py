"""The unit tests' small four-party case (fixture `case`), reused here; the förbundsordning fixtures are global."""

from tests.unit.conftest import case

__all__ = ["case"]
