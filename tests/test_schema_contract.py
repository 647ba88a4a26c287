"""The committed contract (schema/) matches the code.

Every operation the web app sends is valid against it too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import parse, validate

from portal.graphql.schema import build_schema
from portal.settings import Environment, load_settings

ROOT = Path(__file__).resolve().parent.parent
OPERATIONS = sorted((ROOT / "schema" / "operations").glob("*.graphql"))


def _schema():
    return build_schema(load_settings(env=Environment.DEVELOPMENT, dev_login=False))


def test_committed_sdl_matches_the_code():
    committed = (ROOT / "schema" / "portal.graphql").read_text(encoding="utf-8")
    assert committed == _schema().as_str() + "\n", (
        "schema/portal.graphql is stale: run `portal export-schema` and commit it"
    )


def test_there_are_operations():
    assert OPERATIONS


@pytest.mark.parametrize("path", OPERATIONS, ids=lambda p: p.name)
def test_operation_is_valid_against_the_schema(path):
    document = parse(path.read_text(encoding="utf-8"))
    errors = validate(_schema()._schema, document)
    assert not errors, [e.message for e in errors]


def test_every_type_and_field_has_a_description():
    schema = _schema()._schema
    missing = []
    for name, gql_type in schema.type_map.items():
        if name.startswith("__") or name in {"String", "Int", "Float", "Boolean", "ID"}:
            continue
        if not gql_type.description:
            missing.append(name)
        for field_name, field in getattr(gql_type, "fields", {}).items():
            if not field.description:
                missing.append(f"{name}.{field_name}")
    assert not missing, missing
