"""GraphQL limits strawberry does not ship: directives per document and an estimated cost.

Depth, aliases and tokens use strawberry's own limiters (see schema.py). The cost is one per
field, times the size of every list around it: a connection counts as long as its ``first`` asks
(a variable's value, the argument's default, or the largest page), a plain list as
``query_cost_list_size``. ``{ employees(first: 100) { edges { node { enrollments(first: 100)
{ ... } } } } }`` costs 100 x 100 per inner field: refused before one row is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    DirectiveNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    ValidationContext,
    ValidationRule,
    get_named_type,
    get_nullable_type,
    value_from_ast,
)
from strawberry.extensions import SchemaExtension

from portal.settings import Settings

NUL_MESSAGE = "Teks tidak boleh berisi karakter NUL (\\u0000)."


class NoNulInText(ValidationRule):
    """Refuses string literals holding U+0000: PostgreSQL cannot store it in text at all."""

    def enter_string_value(self, node: StringValueNode, *_args: Any) -> None:
        if "\x00" in node.value:
            self.report_error(GraphQLError(NUL_MESSAGE, node, extensions={"code": "INVALID_TEXT"}))


def has_nul(value: object) -> bool:
    """True when a decoded JSON value (variables) holds U+0000 in any string, key or value."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_nul(v) for v in value)
    return False


def directive_limit_rule(maximum: int) -> type[ValidationRule]:
    """A validation rule refusing documents with more than ``maximum`` directives."""

    class MaxDirectives(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            self.count = 0

        def enter_directive(self, node: DirectiveNode, *_args: Any) -> None:
            self.count += 1
            if self.count == maximum + 1:
                self.report_error(
                    GraphQLError(
                        f"Too many directives: more than {maximum} in one document.",
                        extensions={"code": "TOO_MANY_DIRECTIVES"},
                    )
                )

    return MaxDirectives


class QueryCost:
    """Estimates the cost of one operation of a parsed, validated document."""

    def __init__(self, schema: GraphQLSchema, *, max_page: int, list_size: int) -> None:
        self.schema = schema
        self.max_page = max_page
        self.list_size = list_size

    def of(
        self, document: Any, operation_name: str | None, variables: dict[str, Any] | None
    ) -> int:
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        chosen = [
            o
            for o in operations
            if operation_name is None or (o.name and o.name.value == operation_name)
        ]
        if not chosen:
            return 0
        operation = chosen[0]
        root = self.schema.get_root_type(operation.operation)
        if root is None:
            return 0
        walk = _Walk(self, fragments, variables or {})
        return walk.selections(operation.selection_set, root, 1, frozenset())


class _Walk:
    def __init__(
        self,
        cost: QueryCost,
        fragments: dict[str, FragmentDefinitionNode],
        variables: dict[str, Any],
    ) -> None:
        self.cost = cost
        self.fragments = fragments
        self.variables = variables

    def selections(
        self,
        selection_set: SelectionSetNode,
        parent: GraphQLNamedType,
        multiplier: int,
        seen: frozenset[str],
    ) -> int:
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, multiplier, seen)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.cost.schema.get_type(condition.name.value) if condition else parent
                total += self.selections(
                    selection.selection_set, target or parent, multiplier, seen
                )
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:  # validation refuses both; stay safe
                    continue
                target = self.cost.schema.get_type(fragment.type_condition.name.value)
                total += self.selections(
                    fragment.selection_set, target or parent, multiplier, seen | {name}
                )
        return total

    def field(
        self, node: FieldNode, parent: GraphQLNamedType, multiplier: int, seen: frozenset[str]
    ) -> int:
        name = node.name.value
        if name.startswith("__"):
            return 0 if name == "__typename" else multiplier
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return multiplier
        definition = parent.fields.get(name)
        if definition is None:
            return multiplier
        if node.selection_set is None:
            return multiplier
        factor = self.factor(node, definition, parent)
        child = get_named_type(definition.type)
        return multiplier + self.selections(node.selection_set, child, multiplier * factor, seen)

    def factor(self, node: FieldNode, definition: Any, parent: GraphQLNamedType) -> int:
        if "first" in definition.args:
            return max(1, self.first(node, definition))
        if isinstance(get_nullable_type(definition.type), GraphQLList):
            # The edges of a connection are as many as its `first`, counted already.
            return 1 if parent.name.endswith("Connection") else self.cost.list_size
        return 1

    def first(self, node: FieldNode, definition: Any) -> int:
        argument = next((a for a in node.arguments or () if a.name.value == "first"), None)
        arg_def = definition.args["first"]
        value: Any = None
        if argument is not None:
            value = value_from_ast(argument.value, arg_def.type, self.variables)
        elif arg_def.default_value is not None:
            value = arg_def.default_value
        if not isinstance(value, int) or value < 0:
            return self.cost.max_page
        return min(value, self.cost.max_page)  # larger is refused by the resolver anyway


class CostLimiter(SchemaExtension):
    """Refuses an operation whose estimated cost exceeds ``max_query_cost`` before it runs."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and not context.result:
            schema = context.schema._schema
            estimate = QueryCost(
                schema,
                max_page=self.settings.max_page_size,
                list_size=self.settings.query_cost_list_size,
            ).of(document, context.operation_name, context.variables)
            maximum = self.settings.max_query_cost
            if estimate > maximum:
                context.result = ExecutionResult(
                    data=None,
                    errors=[
                        GraphQLError(
                            f"Query too expensive: estimated cost {estimate} exceeds {maximum}.",
                            extensions={
                                "code": "QUERY_TOO_COSTLY",
                                "cost": estimate,
                                "maxCost": maximum,
                            },
                        )
                    ],
                )
        yield
