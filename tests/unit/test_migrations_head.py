"""HEAD_REVISION lets an up-to-date database open without importing Alembic; it must match Alembic's head."""

from alembic.config import Config
from alembic.script import ScriptDirectory

from formation.store.database import HEAD_REVISION, MIGRATIONS


def test_head_revision_constant_matches_alembic() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION
