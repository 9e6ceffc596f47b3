from __future__ import annotations

import pytest

from formation.reports.documents import SnapshotData
from tests.unit.documents.support import snapshot


@pytest.fixture(scope="session")
def forming() -> SnapshotData:
    """Stockholm on 31 January 2016: no member has approved yet; a plan of meetings exists."""
    return snapshot("stockholm_2016-01-31")


@pytest.fixture(scope="session")
def halfway() -> SnapshotData:
    """Stockholm on 16 February 2016: the landsting and FK have approved."""
    return snapshot("stockholm_2016-02-16")


@pytest.fixture(scope="session")
def formed() -> SnapshotData:
    """Stockholm on 23 November 2026: formed since 22 February 2016."""
    return snapshot("stockholm_2026-11-23")


@pytest.fixture(scope="session")
def falun() -> SnapshotData:
    """Falun Borlänge on 30 September 2022: återremiss, bordläggning and avslag behind; FK and AF left."""
    return snapshot("falun_2022-09-30")
