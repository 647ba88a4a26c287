"""The root schema, composed from the per-domain query types."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig

from portal.graphql.audit import AuditQuery
from portal.graphql.competencies.mutations import CompetencyMutation
from portal.graphql.competencies.queries import CompetencyQuery
from portal.graphql.competencies.types import Competency
from portal.graphql.context import Info
from portal.graphql.duties.mutations import SkpMutations
from portal.graphql.duties.queries import TeamQuery
from portal.graphql.duties.revisions import SkpRevisionMutations
from portal.graphql.duties.types import Duty, Skp, SkpIndicator, SkpResult
from portal.graphql.extensions import MaskUnexpectedErrors
from portal.graphql.imports.mutations import ImportMutation
from portal.graphql.limits import CostLimiter, NoNulInText, directive_limit_rule
from portal.graphql.node import resolve_node
from portal.graphql.notifications import NotificationMutations, NotificationQuery
from portal.graphql.people.mutations import PeopleMutation
from portal.graphql.people.org_mutations import OrgChartMutation
from portal.graphql.people.org_queries import OrgChartQuery
from portal.graphql.people.queries import PeopleQuery
from portal.graphql.people.staff_mutations import StaffMutation
from portal.graphql.people.types import Employee, OrgUnit, Position
from portal.graphql.permissions import IsAuthenticated
from portal.graphql.relay import Node
from portal.graphql.reports.queries import ReportQuery
from portal.graphql.subscriptions import Subscription
from portal.graphql.survey.followup_mutations import FollowUpMutations
from portal.graphql.survey.mutations import SurveyMutations
from portal.graphql.survey.queries import SurveyQuery
from portal.graphql.throttle import MutationRateLimit
from portal.graphql.training.catalog_mutations import CatalogMutations
from portal.graphql.training.enrollment_mutations import EnrollmentMutations
from portal.graphql.training.enrollment_queries import EnrollmentQuery
from portal.graphql.training.plan_mutations import PlanMutations
from portal.graphql.training.queries import TrainingQuery
from portal.graphql.training.types import (
    Course,
    Enrollment,
    TrainingPlanItem,
    TrainingRecord,
    TrainingSession,
)
from portal.graphql.trusted import TrustedDocuments
from portal.graphql.viewer import ViewerQuery
from portal.ops.metrics import OperationMetrics
from portal.settings import Settings

NODE_TYPES = [
    Employee,
    OrgUnit,
    Position,
    Competency,
    Course,
    TrainingSession,
    Enrollment,
    TrainingPlanItem,
    TrainingRecord,
    Duty,
    Skp,
    SkpResult,
    SkpIndicator,
]


@strawberry.type(description="Everything the portal can be asked.")
class Query(
    PeopleQuery,
    TrainingQuery,
    EnrollmentQuery,
    NotificationQuery,
    TeamQuery,
    OrgChartQuery,
    CompetencyQuery,
    ReportQuery,
    SurveyQuery,
    ViewerQuery,
    AuditQuery,
):
    @strawberry.field(
        description="Any object by its global id, if you may see it.",
        permission_classes=[IsAuthenticated],
    )
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await resolve_node(info, id)


# Domain mutation classes are listed here; the root type inherits them all.
MUTATION_CLASSES: list[type] = [
    EnrollmentMutations,
    NotificationMutations,
    SkpMutations,
    PeopleMutation,
]
MUTATION_CLASSES += [OrgChartMutation, StaffMutation, CompetencyMutation, ImportMutation]
MUTATION_CLASSES += [CatalogMutations, PlanMutations]
MUTATION_CLASSES += [SurveyMutations, FollowUpMutations]
MUTATION_CLASSES += [SkpRevisionMutations]


def _mutation_type() -> type | None:
    if not MUTATION_CLASSES:
        return None
    return strawberry.type(
        type("Mutation", tuple(MUTATION_CLASSES), {}),
        description="Everything the portal can be asked to change.",
    )


class PortalSchema(strawberry.Schema):
    def process_errors(self, errors, execution_context=None):  # type: ignore[no-untyped-def]
        """Expected errors (forbidden, bad input) are answers, not incidents: don't log them.

        Unexpected ones are logged with their traceback and request id by MaskUnexpectedErrors.
        """


def build_schema(settings: Settings) -> strawberry.Schema:
    """The schema with the limits and error policy these settings ask for.

    Building one costs about 0.15 s of CPU; apps made with the same schema settings (the test
    suite makes one per test) share it. Only the values below shape it, so they are the key.
    """
    key = (
        settings.max_tokens, settings.max_query_depth, settings.max_aliases,
        settings.max_directives, settings.introspection_enabled, settings.trusted_documents,
        str(settings.trusted_documents_dir), settings.is_production, settings.graphql_batch_max,
        settings.max_page_size, settings.query_cost_list_size, settings.max_query_cost,
    )  # fmt: skip
    schema = _SCHEMAS.get(key)
    if schema is None:
        schema = _SCHEMAS[key] = _build_schema(settings)
    return schema


_SCHEMAS: dict[tuple[object, ...], strawberry.Schema] = {}


def _build_schema(settings: Settings) -> strawberry.Schema:
    # Factories, not instances: strawberry builds fresh extensions per request. The parser and
    # validation caches still share one bounded LRU at module level (keyed by maxsize).
    extensions: list[object] = [
        MaskUnexpectedErrors,
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
    ]
    # The depth and alias limiters are built once, here: each instance makes a new rule class,
    # and ValidationCache keys on the rule classes, so limiters made per request (factories)
    # turned every validation into a cache miss (bench/RESULTS.md, "Portal vs baseline").
    rules = [
        *QueryDepthLimiter(max_depth=settings.max_query_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules,
        directive_limit_rule(settings.max_directives),
        NoNulInText,
    ]
    if not settings.introspection_enabled:
        rules.append(NoSchemaIntrospectionCustomRule)
    extensions.append(lambda: AddValidationRules(rules))
    extensions += [
        OperationMetrics,
        lambda: CostLimiter(settings),
        MutationRateLimit,
    ]
    if settings.trusted_documents:
        # Before the caches: an untrusted document is refused before it is validated.
        extensions.insert(1, lambda: TrustedDocuments(settings))
    return PortalSchema(
        query=Query,
        mutation=_mutation_type(),
        subscription=Subscription,
        types=NODE_TYPES,
        extensions=extensions,  # type: ignore[arg-type]
        config=StrawberryConfig(
            disable_field_suggestions=settings.is_production,
            batching_config=(
                {"max_operations": settings.graphql_batch_max}
                if settings.graphql_batch_max
                else None
            ),
        ),
    )


__all__ = ["GraphQLError", "Query", "build_schema"]
