"""The GraphQL documents the web app sends are exactly those in schema/operations/, and valid.

web/js/ops.js is generated from schema/operations/*.graphql by scripts/web-operations. These
tests parse both sides with graphql-core and compare printed ASTs, so formatting never matters
but a changed field on either side does.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from graphql import (
    FragmentDefinitionNode,
    OperationDefinitionNode,
    parse,
    print_ast,
    validate,
)

from portal.graphql.schema import build_schema
from portal.settings import Environment, load_settings

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
OPS_JS = WEB / "js" / "ops.js"
EXPORT = re.compile(r"^export const (\w+) = `(.*?)`;$", re.MULTILINE | re.DOTALL)
# A GraphQL document written straight into a module instead of imported from ops.js.
INLINE_DOCUMENT = re.compile(r"`\s*(query|mutation|subscription)\b[\s\w($:!,)]*\{")


def _web_operations() -> dict[str, str]:
    return dict(EXPORT.findall(OPS_JS.read_text(encoding="utf-8")))


def _contract_operations() -> dict[str, str]:
    """Each named operation of schema/operations with the fragments of its file it uses."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "schema" / "operations").glob("*.graphql")):
        document = parse(path.read_text(encoding="utf-8"))
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        for definition in document.definitions:
            if isinstance(definition, OperationDefinitionNode):
                assert definition.name, f"{path.name}: anonymous operation"
                name = definition.name.value
                assert name not in found, f"operation {name} is defined twice"
                used = _used_fragments(print_ast(definition), fragments)
                found[name] = print_ast(definition) + "".join(
                    "\n\n" + print_ast(fragments[f]) for f in used
                )
    return found


def _used_fragments(text: str, fragments: dict[str, FragmentDefinitionNode]) -> list[str]:
    used: list[str] = []
    pending = re.findall(r"\.\.\.(\w+)", text)
    while pending:
        name = pending.pop(0)
        if name in fragments and name not in used:
            used.append(name)
            pending.extend(re.findall(r"\.\.\.(\w+)", print_ast(fragments[name])))
    return used


def _normalised(text: str) -> str:
    """Printed AST with definitions in a stable order (operation first, then fragments by name)."""
    document = parse(text)
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    fragments = sorted(
        (d for d in document.definitions if isinstance(d, FragmentDefinitionNode)),
        key=lambda d: d.name.value,
    )
    return "\n\n".join(print_ast(d) for d in [*operations, *fragments])


def test_web_sends_exactly_the_contract_operations():
    web, contract = _web_operations(), _contract_operations()
    assert sorted(web) == sorted(contract), (
        "run scripts/web-operations after changing schema/operations"
    )
    for name, text in contract.items():
        assert _normalised(web[name]) == _normalised(text), (
            f"{name} differs: run scripts/web-operations"
        )


@pytest.mark.parametrize("name", sorted(_web_operations()))
def test_web_operation_is_one_valid_named_operation(name):
    document = parse(_web_operations()[name])
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    assert [o.name.value for o in operations if o.name] == [name]
    schema = build_schema(load_settings(env=Environment.DEVELOPMENT, dev_login=False))
    errors = validate(schema._schema, document)
    assert not errors, [e.message for e in errors]


def test_generated_module_is_fresh():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "web-operations"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_no_module_writes_its_own_graphql_document():
    offenders = [
        str(path.relative_to(ROOT))
        for path in WEB.rglob("*.js")
        if path != OPS_JS and INLINE_DOCUMENT.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, f"GraphQL documents belong in schema/operations (via ops.js): {offenders}"


# Operations for HR analysts' scripts and the CSV export (docs/reports.md), not the web app's.
API_CLIENT_FILES = (
    "GapByRank.graphql",
    "ReportBuilder.graphql",
    "ReportCsv.graphql",
    "StaffingGapPerUnit.graphql",
    "Under20Jp.graphql",
)


def _api_client_operations() -> set[str]:
    names: set[str] = set()
    for name in API_CLIENT_FILES:
        document = parse((ROOT / "schema" / "operations" / name).read_text(encoding="utf-8"))
        names |= {
            d.name.value
            for d in document.definitions
            if isinstance(d, OperationDefinitionNode) and d.name
        }
    return names


def test_every_operation_is_used_by_the_app():
    sources = "\n".join(p.read_text(encoding="utf-8") for p in WEB.rglob("*.js") if p != OPS_JS)
    api_only = _api_client_operations()
    unused = [
        name
        for name in _web_operations()
        if name not in api_only and not re.search(rf"\bops\.{name}\b", sources)
    ]
    assert not unused, f"operations nothing sends: {unused}"
