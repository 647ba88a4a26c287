"""Trusted documents: in production the API can run only the operations the web app ships.

The registry holds every named operation of ``schema/operations/*.graphql`` as a standalone
document (the operation and the fragments it uses, as ``scripts/web-operations`` writes them to
``web/js/ops.js``), keyed by the SHA-256 of its printed form (``print_ast`` of the parsed text, so
whitespace and comments do not matter). A client sends the text or only
``extensions.persistedQuery.sha256Hash``. One exception keeps HR's ad-hoc analysis possible: an
operation whose only root field is ``report``, sent by an HR principal.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    parse,
    print_ast,
)
from strawberry.extensions import SchemaExtension

from portal.settings import Settings

#: Root fields HR may query freely while trusted documents are enforced.
HR_FREE_ROOT_FIELDS = frozenset({"report"})


def document_hash(document: DocumentNode) -> str:
    return hashlib.sha256(print_ast(document).encode()).hexdigest()


def _spreads(node: object) -> set[str]:
    from graphql import Visitor, visit

    names: set[str] = set()

    class Collect(Visitor):
        def enter_fragment_spread(self, spread: FragmentSpreadNode, *_: object) -> None:
            names.add(spread.name.value)

    visit(node, Collect())  # type: ignore[arg-type]
    return names


def _standalone(
    operation: OperationDefinitionNode, fragments: dict[str, FragmentDefinitionNode]
) -> DocumentNode:
    wanted: list[str] = []
    pending = sorted(_spreads(operation))
    while pending:
        name = pending.pop(0)
        if name in wanted or name not in fragments:
            continue
        wanted.append(name)
        pending.extend(sorted(_spreads(fragments[name])))
    text = print_ast(operation) + "".join("\n\n" + print_ast(fragments[n]) for n in sorted(wanted))
    return parse(text)


@lru_cache(maxsize=4)
def load_registry(folder: Path) -> dict[str, str]:
    """SHA-256 -> document text of every named operation in ``folder``."""
    registry: dict[str, str] = {}
    for path in sorted(folder.glob("*.graphql")):
        document = parse(path.read_text(encoding="utf-8"))
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        for definition in document.definitions:
            if isinstance(definition, OperationDefinitionNode):
                standalone = _standalone(definition, fragments)
                registry[document_hash(standalone)] = print_ast(standalone)
    return registry


def persisted_hash(extensions: object) -> str | None:
    """``extensions.persistedQuery.sha256Hash`` (Apollo's automatic persisted queries shape)."""
    if not isinstance(extensions, dict):
        return None
    persisted = extensions.get("persistedQuery")
    if not isinstance(persisted, dict):
        return None
    value = persisted.get("sha256Hash")
    return value.lower() if isinstance(value, str) else None


def _root_fields(document: DocumentNode, operation_name: str | None) -> set[str] | None:
    """Root field names of the chosen operation, or None when it is not a plain query."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [
        o
        for o in operations
        if operation_name is None or (o.name and o.name.value == operation_name)
    ]
    if len(chosen) != 1 or chosen[0].operation is not OperationType.QUERY:
        return None
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    names: set[str] = set()
    pending = list(chosen[0].selection_set.selections)
    while pending:
        selection = pending.pop()
        if isinstance(selection, FieldNode):
            names.add(selection.name.value)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is None:
                return None
            pending.extend(fragment.selection_set.selections)
        else:  # inline fragment on the root type
            pending.extend(selection.selection_set.selections)  # type: ignore[attr-defined]
    return names


def _not_trusted() -> GraphQLError:
    return GraphQLError(
        "Operasi ini tidak terdaftar (trusted documents).",
        extensions={"code": "PERSISTED_QUERY_NOT_ALLOWED"},
    )


class TrustedDocuments(SchemaExtension):
    """Refuses, before validation, any document that is not trusted for this principal."""

    def __init__(self, settings: Settings) -> None:
        self.registry = load_registry(settings.trusted_documents_dir)

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and document_hash(document) not in self.registry:
            roots = _root_fields(document, context.operation_name)
            principal = getattr(context.context, "principal", None)
            is_hr = principal is not None and principal.is_hr
            if not (roots and roots <= HR_FREE_ROOT_FIELDS and is_hr):
                raise _not_trusted()
        yield
