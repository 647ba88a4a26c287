"""Who may use which field: every query, mutation and subscription field, for six people.

The tables below say, per root field, which personas are ALLOWED; everyone else must be DENIED.
The test walks the schema itself, so a new field without a row fails ("new field without a rule"),
and a row whose field is gone fails too.

Denied means a top-level UNAUTHENTICATED / FORBIDDEN error, or (for mutations whose domain reports
an object-level refusal inside the result union) a payload ``code`` listed in the row's
``deny_codes``. Allowed means no top-level error at all; a typed payload error that is not a
refusal (e.g. INVALID_TRANSITION) still counts as allowed: the caller was let in.

Targets are Siti's objects (her profile, enrollment request, SKP) unless a row says otherwise.
Personas: anonymous; Siti (employee); a colleague (another employee under the same supervisor,
no role); a unit head (Agus, staff of Dinas Kesehatan with the UNIT_HEAD role for it, outside
Siti's line); Budi (Siti's supervisor); another supervisor (head of Disdukcapil, not Siti's line);
Dewi (HR).

To add a field: add a row to QUERIES / MUTATIONS / SUBSCRIPTIONS with a document that selects the
field (for mutations, ``mutation_doc``), the allowed personas, the variables built from ``Objects``
and, if your service reports refusals in the payload, their codes in ``deny_codes``. Allowed
personas run last (denied ones cannot change state first), in the order of PERSONAS.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    Undefined,
    get_named_type,
)
from starlette.requests import Request

from portal.auth.principal import load_principal
from portal.duties.models import SkpIndicator, SkpResult
from portal.duties.progress_models import SkpActionPlan
from portal.graphql.context import Context
from portal.graphql.relay import to_global_id
from portal.graphql.schema import build_schema
from portal.graphql.util import today
from portal.people.models import Role, RoleGrant
from portal.settings import load_settings
from portal.survey.models import FollowUpAction
from portal.training import enrollment
from portal.training.models import TrainingPlanItem
from tests.factories import SITI_NIP, World, add_plan, add_skp, make_world

ANON, SITI, COLLEAGUE, UNIT_HEAD, BUDI, OTHER_SUP, DEWI = (
    "anonymous",
    "siti",
    "colleague",
    "unit_head",
    "budi",
    "other_supervisor",
    "dewi",
)
PERSONAS = (ANON, SITI, COLLEAGUE, UNIT_HEAD, BUDI, OTHER_SUP, DEWI)
SIGNED_IN = (SITI, COLLEAGUE, UNIT_HEAD, BUDI, OTHER_SUP, DEWI)
DENIED_CODES = frozenset({"UNAUTHENTICATED", "FORBIDDEN"})


@dataclass(frozen=True)
class Objects:
    """The world plus objects of Siti's that the rows point at."""

    w: World
    year: int
    enrollment_id: str
    skp_id: str
    result_id: str
    indicator_id: str
    plan_item_id: str
    follow_up_id: str = ""  # a survey follow-up action of Dinkes, owned by Siti
    action_plan_id: str = ""  # an action plan on Siti's result

    def gid(self, type_name: str, pk: int) -> str:
        return str(to_global_id(type_name, pk))


@dataclass(frozen=True)
class Rule:
    document: str
    allow: frozenset[str]
    variables: Callable[[Objects], dict[str, Any]] = field(default=lambda o: {})
    deny_codes: frozenset[str] = frozenset()


def rule(
    document: str,
    *allow: str,
    variables: Callable[[Objects], dict[str, Any]] | None = None,
    deny_codes: tuple[str, ...] = (),
) -> Rule:
    assert set(allow) <= set(PERSONAS), allow
    return Rule(document, frozenset(allow), variables or (lambda o: {}), frozenset(deny_codes))


SCHEMA = build_schema(load_settings())._schema
SAMPLES = {"String": "x", "Int": 1, "Float": 1.0, "Boolean": True, "ID": "eA", "Decimal": "1"}


def mutation_doc(name: str) -> str:
    """``mutation($input: XInput!) { x(input: $input) { __typename ... on XError { code } } }``."""
    assert SCHEMA.mutation_type is not None
    root = SCHEMA.mutation_type.fields[name]
    input_type = get_named_type(root.args["input"].type).name
    result = get_named_type(root.type)
    errors = [t.name for t in getattr(result, "types", []) if "code" in t.fields]
    fragment = "".join(f" ... on {e} {{ code }}" for e in errors)
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ __typename{fragment} }} }}"


def sample(graphql_type: Any) -> Any:
    """A value of the type with only the required fields filled in (ids are junk on purpose)."""
    if isinstance(graphql_type, GraphQLNonNull):
        return sample(graphql_type.of_type)
    if isinstance(graphql_type, GraphQLList):
        return [sample(graphql_type.of_type)]
    if isinstance(graphql_type, GraphQLInputObjectType):
        return {
            name: sample(f.type)
            for name, f in graphql_type.fields.items()
            if isinstance(f.type, GraphQLNonNull) and f.default_value is Undefined
        }
    if isinstance(graphql_type, GraphQLEnumType):
        return next(iter(graphql_type.values))
    if graphql_type.name == "Date":
        return today().isoformat()
    if graphql_type.name == "DateTime":
        return f"{today().isoformat()}T08:00:00+07:00"
    return SAMPLES.get(graphql_type.name, "x")


def hr_only(name: str) -> Rule:
    """A mutation behind the HR door: only Dewi gets in (a junk input gets her a typed error)."""
    assert SCHEMA.mutation_type is not None
    value = sample(SCHEMA.mutation_type.fields[name].args["input"].type)
    return rule(mutation_doc(name), DEWI, variables=lambda o: {"input": value})


def inputs(build: Callable[[Objects], dict[str, Any]]) -> Callable[[Objects], dict[str, Any]]:
    return lambda o: {"input": build(o)}


QUERIES: dict[str, Rule] = {
    "me": rule("{ me { nip } }", *SIGNED_IN),
    "employee": rule(
        "query($nip: String!) { employee(nip: $nip) { nip email } }",
        SITI,
        BUDI,
        DEWI,
        variables=lambda o: {"nip": SITI_NIP},
    ),
    "employees": rule("{ employees(first: 5) { totalCount } }", BUDI, OTHER_SUP, DEWI),
    "node": rule(
        "query($id: ID!) { node(id: $id) { id } }",
        SITI,
        BUDI,
        DEWI,
        variables=lambda o: {"id": o.gid("Employee", o.w.siti.id)},
    ),
    "trainingSessions": rule("{ trainingSessions(first: 5) { totalCount } }", *SIGNED_IN),
    # Personal lists: everyone signed in gets their own (possibly empty) list.
    "approvalInbox": rule("{ approvalInbox(first: 5) { totalCount } }", *SIGNED_IN),
    "notifications": rule("{ notifications(first: 5) { totalCount } }", *SIGNED_IN),
    "unreadNotificationCount": rule("{ unreadNotificationCount }", *SIGNED_IN),
    "myTeam": rule("{ myTeam { __typename } }", *SIGNED_IN),
    # Anonymous gets null, not an error: the app asks it to decide what to show.
    "viewer": rule("{ viewer { isHr isSupervisor } }", *PERSONAS),
    # The org chart and the competency dictionary are open to every employee.
    "orgUnits": rule("{ orgUnits(first: 5) { totalCount } }", *SIGNED_IN),
    "positions": rule("{ positions(first: 5) { totalCount } }", *SIGNED_IN),
    "competencies": rule("{ competencies(first: 5) { totalCount } }", *SIGNED_IN),
    "actingAppointments": rule("{ actingAppointments(first: 5) { totalCount } }", DEWI),
}

QUERIES |= {
    # Reports: HR everything, unit heads their units (Agus heads Dinkes), supervisors
    # their line; the lists that name people only HR and supervisors.
    "report": rule(
        "query($input: ReportInput!) { report(input: $input) { __typename } }",
        UNIT_HEAD,
        BUDI,
        OTHER_SUP,
        DEWI,
        variables=lambda o: {"input": {"measures": ["HEADCOUNT"], "groupBy": ["UNIT"]}},
    ),
    "reportMeasures": rule("{ reportMeasures { measure } }", UNIT_HEAD, BUDI, OTHER_SUP, DEWI),
    "staffingNeeds": rule(
        "{ staffingNeeds(first: 5) { totalCount } }", UNIT_HEAD, BUDI, OTHER_SUP, DEWI
    ),
    "competencyGaps": rule("{ competencyGaps(first: 5) { totalCount } }", BUDI, OTHER_SUP, DEWI),
    "jpShortfalls": rule("{ jpShortfalls(first: 5) { totalCount } }", BUDI, OTHER_SUP, DEWI),
}

QUERIES |= {
    # The audit trail: HR only.
    "auditLog": rule("{ auditLog(first: 5) { totalCount } }", DEWI),
}

MUTATIONS: dict[str, Rule] = {
    "requestEnrollment": rule(
        mutation_doc("requestEnrollment"),
        *SIGNED_IN,
        variables=inputs(lambda o: {"sessionId": o.gid("TrainingSession", o.w.session.id)}),
    ),
    "cancelEnrollment": rule(
        mutation_doc("cancelEnrollment"),
        SITI,
        DEWI,
        variables=inputs(lambda o: {"enrollmentId": o.enrollment_id}),
        deny_codes=("NOT_FOUND",),
    ),
    "decideEnrollment": rule(
        mutation_doc("decideEnrollment"),
        BUDI,
        variables=inputs(lambda o: {"enrollmentId": o.enrollment_id, "decision": "APPROVE"}),
        deny_codes=("NOT_APPROVER", "OWN_REQUEST"),
    ),
    "verifyEnrollment": rule(
        mutation_doc("verifyEnrollment"),
        DEWI,
        variables=inputs(lambda o: {"enrollmentId": o.enrollment_id, "decision": "APPROVE"}),
    ),
    "enrollEmployee": rule(
        mutation_doc("enrollEmployee"),
        BUDI,
        DEWI,
        variables=inputs(
            lambda o: {"nip": SITI_NIP, "sessionId": o.gid("TrainingSession", o.w.session.id)}
        ),
        deny_codes=("NOT_APPROVER", "OWN_REQUEST"),
    ),
    "recordAttendance": rule(
        mutation_doc("recordAttendance"),
        DEWI,
        variables=inputs(lambda o: {"enrollmentId": o.enrollment_id, "attended": True}),
    ),
    "completeEnrollment": rule(
        mutation_doc("completeEnrollment"),
        DEWI,
        variables=inputs(lambda o: {"enrollmentId": o.enrollment_id}),
    ),
    "submitTrainingFeedback": rule(
        mutation_doc("submitTrainingFeedback"),
        SITI,
        variables=inputs(lambda o: {"enrollmentId": o.enrollment_id, "rating": 5}),
        deny_codes=("NOT_FOUND",),
    ),
    "markNotificationsRead": rule(
        mutation_doc("markNotificationsRead"),
        *SIGNED_IN,
        variables=inputs(lambda o: {}),
    ),
    "addSkpResult": rule(
        mutation_doc("addSkpResult"),
        SITI,
        BUDI,
        variables=inputs(
            lambda o: {"nip": SITI_NIP, "year": o.year, "kind": "TAMBAHAN", "description": "Baru"}
        ),
        deny_codes=("NOT_ALLOWED",),
    ),
    "addSkpIndicator": rule(
        mutation_doc("addSkpIndicator"),
        SITI,
        BUDI,
        variables=inputs(
            lambda o: {
                "resultId": o.result_id,
                "aspect": "QUANTITY",
                "description": "Jumlah",
                "targetValue": "10",
                "unitLabel": "dokumen",
            }
        ),
        deny_codes=("NOT_ALLOWED",),
    ),
    "addSkpActionPlan": rule(
        mutation_doc("addSkpActionPlan"),
        SITI,
        BUDI,
        variables=inputs(lambda o: {"resultId": o.result_id, "period": 1, "description": "Aksi"}),
        deny_codes=("NOT_ALLOWED",),
    ),
    "agreeSkp": rule(
        mutation_doc("agreeSkp"),
        BUDI,
        variables=inputs(lambda o: {"skpId": o.skp_id}),
        deny_codes=("NOT_ALLOWED",),
    ),
    "reportSkpRealisation": rule(
        mutation_doc("reportSkpRealisation"),
        SITI,
        variables=inputs(lambda o: {"indicatorId": o.indicator_id, "period": 1, "value": "5"}),
        deny_codes=("NOT_ALLOWED",),
    ),
    "reviewSkp": rule(
        mutation_doc("reviewSkp"),
        BUDI,
        variables=inputs(
            lambda o: {
                "skpId": o.skp_id,
                "period": 1,
                "resultRating": "AS_EXPECTED",
                "behaviourRating": "AS_EXPECTED",
            }
        ),
        deny_codes=("NOT_ALLOWED",),
    ),
    "setPositionDuties": rule(
        mutation_doc("setPositionDuties"),
        DEWI,
        variables=inputs(
            lambda o: {"positionId": o.gid("Position", o.w.siti_pos.id), "duties": ["Tugas"]}
        ),
    ),
    "grantRole": rule(
        mutation_doc("grantRole"),
        DEWI,
        variables=inputs(
            lambda o: {
                "nip": SITI_NIP,
                "role": "UNIT_HEAD",
                "unitId": o.gid("OrgUnit", o.w.dinkes.id),
            }
        ),
    ),
    "revokeRole": rule(
        mutation_doc("revokeRole"),
        DEWI,
        variables=inputs(
            lambda o: {
                "nip": o.w.stranger.nip,
                "role": "UNIT_HEAD",
                "unitId": o.gid("OrgUnit", o.w.dinkes.id),
            }
        ),
    ),
}

MUTATIONS |= {
    # The development plan: the owner writes and submits; the direct supervisor reviews.
    "proposePlanItem": rule(
        mutation_doc("proposePlanItem"),
        *SIGNED_IN,
        variables=inputs(lambda o: {"plannedJp": 8, "courseId": o.gid("Course", o.w.course.id)}),
    ),
    "updatePlanItem": rule(
        mutation_doc("updatePlanItem"),
        SITI,
        BUDI,
        variables=inputs(lambda o: {"itemId": o.plan_item_id, "plannedJp": 10}),
    ),
    "dropPlanItem": rule(
        mutation_doc("dropPlanItem"),
        SITI,
        BUDI,
        variables=inputs(lambda o: {"itemId": o.plan_item_id, "note": "Tidak perlu"}),
    ),
    "submitPlan": rule(mutation_doc("submitPlan"), *SIGNED_IN, variables=inputs(lambda o: {})),
    "agreePlan": rule(
        mutation_doc("agreePlan"),
        BUDI,
        variables=inputs(lambda o: {"employeeId": o.gid("Employee", o.w.siti.id)}),
    ),
    "returnPlan": rule(
        mutation_doc("returnPlan"),
        BUDI,
        variables=inputs(lambda o: {"employeeId": o.gid("Employee", o.w.siti.id), "note": "Ubah"}),
    ),
}

MUTATIONS |= {
    # Changing a written SKP: its owner and her direct supervisor; a draft is what they change
    # (the removals meet reported realisations here, a typed refusal after the door).
    "editSkpResult": rule(
        mutation_doc("editSkpResult"),
        SITI,
        BUDI,
        variables=inputs(lambda o: {"resultId": o.result_id, "description": "Diubah"}),
        deny_codes=("NOT_ALLOWED",),
    ),
    "removeSkpResult": rule(
        mutation_doc("removeSkpResult"),
        SITI,
        BUDI,
        variables=inputs(lambda o: {"resultId": o.result_id}),
        deny_codes=("NOT_ALLOWED",),
    ),
    "editSkpIndicator": rule(
        mutation_doc("editSkpIndicator"),
        SITI,
        BUDI,
        variables=inputs(lambda o: {"indicatorId": o.indicator_id, "targetValue": "12"}),
        deny_codes=("NOT_ALLOWED",),
    ),
    "removeSkpIndicator": rule(
        mutation_doc("removeSkpIndicator"),
        SITI,
        BUDI,
        variables=inputs(lambda o: {"indicatorId": o.indicator_id}),
        deny_codes=("NOT_ALLOWED",),
    ),
    "editSkpActionPlan": rule(
        mutation_doc("editSkpActionPlan"),
        SITI,
        BUDI,
        variables=inputs(lambda o: {"actionPlanId": o.action_plan_id, "period": 2}),
        deny_codes=("NOT_ALLOWED",),
    ),
    "removeSkpActionPlan": rule(
        mutation_doc("removeSkpActionPlan"),
        SITI,
        BUDI,
        variables=inputs(lambda o: {"actionPlanId": o.action_plan_id}),
        deny_codes=("NOT_ALLOWED",),
    ),
    "reopenSkp": rule(
        mutation_doc("reopenSkp"),
        BUDI,
        variables=inputs(lambda o: {"skpId": o.skp_id, "note": "Target berubah"}),
        deny_codes=("NOT_ALLOWED",),
    ),
}

# BKPSDM's administration: the HR door decides; only Dewi gets in.
HR_ONLY_MUTATIONS = (
    "createUnit",
    "updateUnit",
    "moveUnit",
    "closeUnit",
    "createPosition",
    "updatePosition",
    "closePosition",
    "hireEmployee",
    "transferEmployee",
    "promoteEmployee",
    "deactivateEmployee",
    "reactivateEmployee",
    "createActingAppointment",
    "endActingAppointment",
    "createCompetency",
    "updateCompetency",
    "setPositionRequirements",
    "recordAssessment",
    "recordAssessments",
    "importData",
    "importFile",
    "createCourse",
    "updateCourse",
    "archiveCourse",
    "createSession",
    "updateSession",
    "closeSession",
    "cancelSession",
    "proposePlanItemsFromGaps",
)
MUTATIONS |= {
    name: hr_only(name) for name in HR_ONLY_MUTATIONS if name in SCHEMA.mutation_type.fields
}

# The public survey: anyone, signed in or not, reads a service and submits answers (an unknown
# code gets a typed error, not a refusal). Managing it: HR for every unit, unit heads (Agus
# heads Dinkes) for theirs; a follow-up action also for its owner (Siti).
SURVEY_MANAGERS = (UNIT_HEAD, DEWI)
_PERIOD = {"from": "2026-01-01", "to": "2026-12-31"}
QUERIES |= {
    "surveyService": rule('query { surveyService(code: "tidak-ada") { name } }', *PERSONAS),
    "surveyServices": rule("{ surveyServices { totalCount } }", *SURVEY_MANAGERS),
    "surveyResults": rule(
        "query($from: Date!, $to: Date!) { surveyResults(from: $from, to: $to) { from } }",
        *SURVEY_MANAGERS,
        variables=lambda o: _PERIOD,
    ),
    "surveyResponses": rule(
        "query($from: Date!, $to: Date!) { surveyResponses(from: $from, to: $to) { totalCount } }",
        *SURVEY_MANAGERS,
        variables=lambda o: _PERIOD,
    ),
    "followUpActions": rule("{ followUpActions { totalCount } }", *SIGNED_IN),
}
MUTATIONS |= {
    "submitSurvey": rule(
        mutation_doc("submitSurvey"),
        *PERSONAS,
        variables=inputs(lambda o: {"serviceCode": "tidak-ada", "answers": [4] * 9}),
    ),
    "issueSurveyTokens": rule(
        mutation_doc("issueSurveyTokens"),
        *SURVEY_MANAGERS,
        variables=inputs(lambda o: {"serviceCode": "tidak-ada", "count": 1}),
    ),
    "createSurveyService": rule(
        mutation_doc("createSurveyService"),
        *SURVEY_MANAGERS,
        variables=inputs(
            lambda o: {"unitId": o.gid("OrgUnit", o.w.dinkes.id), "name": "Imunisasi"}
        ),
    ),
    "updateSurveyService": rule(
        mutation_doc("updateSurveyService"),
        *SURVEY_MANAGERS,
        variables=inputs(lambda o: {"serviceId": o.gid("SurveyService", 999_999), "active": False}),
    ),
    "createFollowUpAction": rule(
        mutation_doc("createFollowUpAction"),
        *SURVEY_MANAGERS,
        variables=inputs(
            lambda o: {
                "unitId": o.gid("OrgUnit", o.w.dinkes.id),
                "title": "Tambah kursi ruang tunggu",
                "ownerNip": SITI_NIP,
                "dueOn": today().isoformat(),
            }
        ),
    ),
    "updateFollowUpAction": rule(
        mutation_doc("updateFollowUpAction"),
        SITI,
        *SURVEY_MANAGERS,
        variables=inputs(lambda o: {"actionId": o.follow_up_id, "status": "IN_PROGRESS"}),
    ),
}

SUBSCRIPTIONS: dict[str, Rule] = {
    # Each person subscribes to their own stream; what an event reveals is re-authorized per event.
    "myEnrollmentChanged": rule("subscription { myEnrollmentChanged { id } }", *SIGNED_IN),
    "approvalInboxChanged": rule("subscription { approvalInboxChanged { kind } }", *SIGNED_IN),
    "sessionSeatsChanged": rule(
        "subscription($id: ID!) { sessionSeatsChanged(sessionId: $id) { id } }",
        *SIGNED_IN,
        variables=lambda o: {"id": o.gid("TrainingSession", o.w.session.id)},
    ),
    "notificationReceived": rule("subscription { notificationReceived { id } }", *SIGNED_IN),
    "mySkpChanged": rule("subscription { mySkpChanged { __typename } }", *SIGNED_IN),
    "teamChanged": rule("subscription { teamChanged { __typename } }", *SIGNED_IN),
    "myProfileChanged": rule("subscription { myProfileChanged { reason } }", *SIGNED_IN),
    "teamProfileChanged": rule("subscription { teamProfileChanged { reason } }", *SIGNED_IN),
}

TABLES = {"query": QUERIES, "mutation": MUTATIONS, "subscription": SUBSCRIPTIONS}


def schema_fields() -> list[tuple[str, str]]:
    roots = {
        "query": SCHEMA.query_type,
        "mutation": SCHEMA.mutation_type,
        "subscription": SCHEMA.subscription_type,
    }
    return [(kind, name) for kind, root in roots.items() if root for name in root.fields]


FIELDS = schema_fields()


def test_every_field_has_a_rule_and_every_rule_a_field():
    in_schema = set(FIELDS)
    in_tables = {(kind, name) for kind, table in TABLES.items() for name in table}
    assert not in_schema - in_tables, f"new fields without a rule: {sorted(in_schema - in_tables)}"
    assert not in_tables - in_schema, (
        f"rules for fields that are gone: {sorted(in_tables - in_schema)}"
    )


async def build_objects() -> Objects:
    w = await make_world()
    year = today().year
    siti = await load_principal(employee_id=w.siti.id, via="matrix")
    assert siti is not None
    request = await enrollment.request_enrollment(
        principal=siti, session_id=w.session.id, reason="Sesuai rencana", plan_item_id=None
    )
    skp = await add_skp(w.siti, year, results=1)
    result = await SkpResult.filter(skp=skp).first()
    indicator = await SkpIndicator.filter(result=result).first()
    assert result is not None
    assert indicator is not None
    action_plan = await SkpActionPlan.create(result=result, period=1, description="Aksi")
    await RoleGrant.create(employee=w.stranger, role=Role.UNIT_HEAD, unit=w.dinkes)
    plan = await add_plan(w.siti, year, w.pelayanan, w.course)
    item = await TrainingPlanItem.filter(plan=plan).first()
    assert item is not None
    action = await FollowUpAction.create(
        unit=w.dinkes,
        title="Percepat antrean",
        owner=w.siti,
        due_on=today(),
        created_by=w.stranger,
    )
    return Objects(
        w=w,
        year=year,
        enrollment_id=str(to_global_id("Enrollment", request.id)),
        skp_id=str(to_global_id("Skp", skp.id)),
        result_id=str(to_global_id("SkpResult", result.id)),
        indicator_id=str(to_global_id("SkpIndicator", indicator.id)),
        plan_item_id=str(to_global_id("TrainingPlanItem", item.id)),
        follow_up_id=str(to_global_id("FollowUpAction", action.id)),
        action_plan_id=str(to_global_id("SkpActionPlan", action_plan.id)),
    )


UNEXPECTED = frozenset({"INTERNAL_ERROR", "GRAPHQL_VALIDATION_FAILED", None})


def judge(body: dict[str, Any], field_name: str, row: Rule) -> str:
    """``allow``, ``deny``, or what went wrong (a bug, or a document that does not validate)."""
    errors = body.get("errors") or []
    codes = {(e.get("extensions") or {}).get("code") for e in errors}
    if codes & DENIED_CODES:
        return "deny"
    if codes & UNEXPECTED:
        return f"unexpected error {sorted(map(str, codes))}: {errors[0].get('message')}"
    # A top-level input error (INVALID_ID, NOT_FOUND, ...) comes after the door: let in.
    value = (body.get("data") or {}).get(field_name)
    if isinstance(value, dict) and value.get("code") in row.deny_codes:
        return "deny"
    return "allow"


async def run_subscription(
    settings, principal, row: Rule, variables: dict[str, Any], name: str
) -> str:
    """Subscribe in-process: an error first means denied; waiting for events means allowed."""
    schema = build_schema(settings)
    request = Request({"type": "http", "method": "POST", "path": "/graphql", "headers": []})
    context = Context(
        request=request, response=None, settings=settings, principal=principal, request_id="matrix"
    )
    stream = await schema.subscribe(row.document, variable_values=variables, context_value=context)
    if not hasattr(stream, "__anext__"):
        first = stream
    else:
        try:
            first = await asyncio.wait_for(stream.__anext__(), timeout=0.5)
        except TimeoutError:
            return judge({"data": {name: "subscribed"}}, name, row)
        finally:
            with contextlib.suppress(Exception):
                await stream.aclose()
    errors = [{"message": e.message, "extensions": e.extensions or {}} for e in first.errors or []]
    return judge({"data": first.data, "errors": errors}, name, row)


@pytest.mark.parametrize(("kind", "name"), FIELDS, ids=[f"{k}.{n}" for k, n in FIELDS])
async def test_field_authorization(client, new_client, settings, kind, name):
    row = TABLES[kind].get(name)
    if row is None:
        pytest.fail(f"new field without a rule: {kind} {name} (add a row to {kind.upper()} rules)")
    objects = await build_objects()
    nips = {
        SITI: SITI_NIP,
        COLLEAGUE: objects.w.colleague.nip,
        UNIT_HEAD: objects.w.stranger.nip,
        BUDI: objects.w.budi.nip,
        OTHER_SUP: objects.w.other_supervisor.nip,
        DEWI: objects.w.dewi.nip,
    }
    ids = {
        SITI: objects.w.siti.id,
        COLLEAGUE: objects.w.colleague.id,
        UNIT_HEAD: objects.w.stranger.id,
        BUDI: objects.w.budi.id,
        OTHER_SUP: objects.w.other_supervisor.id,
        DEWI: objects.w.dewi.id,
    }
    variables = row.variables(objects)
    order = [p for p in PERSONAS if p not in row.allow] + [p for p in PERSONAS if p in row.allow]
    outcomes: dict[str, str] = {}
    for persona in order:
        if kind == "subscription":
            principal = None
            if persona != ANON:
                principal = await load_principal(employee_id=ids[persona], via="matrix")
            outcomes[persona] = await run_subscription(settings, principal, row, variables, name)
        elif persona == ANON:
            async with new_client(client) as anonymous:
                outcomes[persona] = judge(await anonymous.gql(row.document, variables), name, row)
        else:
            await client.login(nips[persona])
            outcomes[persona] = judge(await client.gql(row.document, variables), name, row)
    expected = {p: "allow" if p in row.allow else "deny" for p in PERSONAS}
    assert {p: outcomes[p] for p in PERSONAS} == expected
