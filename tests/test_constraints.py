"""The database itself refuses bad rows, whatever writes them; the migrations match the models.

Each statement below is hand-written SQL (no model validation on the way): the database must
refuse it on both engines and keep nothing of it.
"""

from __future__ import annotations

import pytest
from tortoise.exceptions import IntegrityError, OperationalError

from portal.db import fetch
from tests.factories import make_world

REFUSED = (IntegrityError, OperationalError)


async def _count(table: str) -> int:
    return (await fetch(f'SELECT COUNT(*) AS n FROM "{table}"'))[0]["n"]


async def test_bad_rows_are_refused_by_the_database(db):
    w = await make_world()
    cases = [
        # (table, statement, params): each breaks exactly one rule
        ("employee", "UPDATE employee SET nip = $1 WHERE id = $2", [w.budi.nip, w.siti.id]),
        ("employee", "UPDATE employee SET nip = '12345' WHERE id = $1", [w.siti.id]),
        (
            "position_requirement",
            "INSERT INTO position_requirement (position_id, competency_id, level) "
            "VALUES ($1, $2, 6)",
            [w.other_pos.id, w.integritas.id],
        ),
        (
            "position_requirement",
            "INSERT INTO position_requirement (position_id, competency_id, level) "
            "VALUES ($1, $2, 2)",  # the pair exists: unique (position, competency)
            [w.siti_pos.id, w.integritas.id],
        ),
        (
            "assessment",
            "INSERT INTO assessment (employee_id, competency_id, level, assessed_on, source, "
            "evidence, created_at) VALUES (987654, $1, 3, '2025-01-01', 'SELF', '', "
            "'2025-01-01 00:00:00')",  # no such employee
            [w.integritas.id],
        ),
        ("training_session", "UPDATE training_session SET capacity = 0 WHERE id = $1",
         [w.session.id]),
        ("training_session", "UPDATE training_session SET seats_taken = 11 WHERE id = $1",
         [w.session.id]),
        ("course", "UPDATE course SET jp = 0 WHERE id = $1", [w.course.id]),
    ]  # fmt: skip
    for table, statement, params in cases:
        before = await fetch(f'SELECT * FROM "{table}" ORDER BY id')
        with pytest.raises(REFUSED):
            await fetch(statement, params)
        assert await fetch(f'SELECT * FROM "{table}" ORDER BY id') == before, statement


async def test_the_migrations_describe_the_models_exactly(db):
    """``portal makemigrations`` would find nothing to write: no model change without its
    migration (Tortoise's autodetector, run against the committed migrations)."""
    from tortoise import Tortoise
    from tortoise.migrations.autodetector import MigrationAutodetector

    from portal.db import tortoise_config
    from portal.settings import load_settings

    config = tortoise_config(load_settings())
    apps = {label: dict(app) for label, app in config["apps"].items()}
    writers = await MigrationAutodetector(Tortoise.apps, apps).changes()
    assert [w.name for w in writers] == []
