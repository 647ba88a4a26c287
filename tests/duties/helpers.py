"""Shared by the SKP tests: Siti's plan cascaded from Budi's, the documents, the audit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from starlette.requests import Request

from portal.audit.models import AuditEntry
from portal.duties.models import (
    IndicatorAspect,
    ResultKind,
    Skp,
    SkpIndicator,
    SkpResult,
    SkpStatus,
)
from portal.graphql.context import Context
from portal.graphql.relay import to_global_id
from portal.graphql.schema import build_schema
from portal.graphql.util import today
from portal.people.models import Employee
from tests.factories import World

SKP_FIELDS = """fragment Plan on Skp {
  id status
  results {
    id kind description assignedBySupervisor cascadedFrom { id description }
    indicators {
      id aspect description targetValue targetText unitLabel realisations { period value }
    }
    actionPlans { id period description }
  }
  reviews { period predikat }
  history { action actorName note }
}"""


def mutation(name: str, input_type: str, error: str) -> str:
    """``name(input:)`` selecting the SKP after the change, or the typed error."""
    return f"""mutation($input: {input_type}!) {{ {name}(input: $input) {{
  __typename ... on SkpChangeSuccess {{ skp {{ ...Plan }} }}
  ... on {error} {{ code field message }} }} }}
{SKP_FIELDS}"""


EDIT_RESULT = mutation("editSkpResult", "EditSkpResultInput", "EditSkpResultError")
REMOVE_RESULT = mutation("removeSkpResult", "RemoveSkpResultInput", "RemoveSkpResultError")
EDIT_INDICATOR = mutation("editSkpIndicator", "EditSkpIndicatorInput", "EditSkpIndicatorError")
REMOVE_INDICATOR = mutation(
    "removeSkpIndicator", "RemoveSkpIndicatorInput", "RemoveSkpIndicatorError"
)
EDIT_ACTION_PLAN = mutation("editSkpActionPlan", "EditSkpActionPlanInput", "EditSkpActionPlanError")
REMOVE_ACTION_PLAN = mutation(
    "removeSkpActionPlan", "RemoveSkpActionPlanInput", "RemoveSkpActionPlanError"
)
REOPEN = mutation("reopenSkp", "ReopenSkpInput", "ReopenSkpError")
AGREE = mutation("agreeSkp", "AgreeSkpInput", "AgreeSkpError")
ACTION_PLAN = mutation("addSkpActionPlan", "AddSkpActionPlanInput", "AddSkpActionPlanError")
REPORT = mutation("reportSkpRealisation", "ReportSkpRealisationInput", "ReportSkpRealisationError")
REVIEW = mutation("reviewSkp", "ReviewSkpInput", "ReviewSkpError")
ADD_RESULT = """mutation($input: AddSkpResultInput!) { addSkpResult(input: $input) {
  __typename ... on AddSkpResultSuccess { result { id } skp { status } }
  ... on AddSkpResultError { code field message } } }"""
ADD_INDICATOR = """mutation($input: AddSkpIndicatorInput!) { addSkpIndicator(input: $input) {
  __typename ... on AddSkpIndicatorSuccess { indicator { id } }
  ... on AddSkpIndicatorError { code field message } } }"""


async def call(client: Any, document: str, input: dict[str, Any]) -> dict[str, Any]:
    """The mutation's payload (its only root field), with no top-level errors allowed."""
    data = await client.data(document, {"input": input})
    (payload,) = data.values()
    return payload


def gid(row: Any) -> str:
    return str(to_global_id(type(row).__name__, row.id))


@dataclass(frozen=True)
class Plan:
    """Siti's SKP for ``year`` cascaded from Budi's; no realisation reported yet."""

    year: int
    budi_skp: Skp
    budi_main: SkpResult  # what Siti's main result is cascaded from
    budi_other: SkpResult
    skp: Skp
    drafted: SkpResult  # Siti's own main result
    assigned: SkpResult  # an additional result Budi assigned to her
    indicator: SkpIndicator  # on ``drafted``: 100 dokumen
    assigned_indicator: SkpIndicator  # on ``assigned``


async def _indicator(result: SkpResult, description: str, target: int) -> SkpIndicator:
    return await SkpIndicator.create(
        result=result,
        aspect=IndicatorAspect.QUANTITY,
        description=description,
        target_value=Decimal(target),
        unit_label="dokumen",
    )


async def make_plan(
    w: World, *, year: int | None = None, status: SkpStatus = SkpStatus.DRAFT
) -> Plan:
    """Budi's SKP (two results) and Siti's, in ``status``; built directly, not through the API."""
    year = year or today().year

    async def skp_of(employee: Employee, skp_status: SkpStatus) -> Skp:
        return await Skp.create(
            employee=employee,
            year=year,
            starts_on=dt.date(year, 1, 1),
            ends_on=dt.date(year, 12, 31),
            status=skp_status,
            appraiser=w.budi if employee.id == w.siti.id else None,
        )

    budi_skp = await skp_of(w.budi, SkpStatus.AGREED)
    budi_main = await SkpResult.create(
        skp=budi_skp, kind=ResultKind.UTAMA, description="Mutu layanan keperawatan"
    )
    budi_other = await SkpResult.create(
        skp=budi_skp, kind=ResultKind.UTAMA, description="Kepatuhan rekam medis", sort_order=1
    )
    skp = await skp_of(w.siti, status)
    drafted = await SkpResult.create(
        skp=skp, kind=ResultKind.UTAMA, description="Asuhan keperawatan", parent=budi_main
    )
    assigned = await SkpResult.create(
        skp=skp,
        kind=ResultKind.TAMBAHAN,
        description="Penyuluhan PHBS",
        assigned_by=w.budi,
        sort_order=1,
    )
    return Plan(
        year=year,
        budi_skp=budi_skp,
        budi_main=budi_main,
        budi_other=budi_other,
        skp=skp,
        drafted=drafted,
        assigned=assigned,
        indicator=await _indicator(drafted, "Dokumen asuhan lengkap", 100),
        assigned_indicator=await _indicator(assigned, "Sesi penyuluhan", 12),
    )


async def audit(action: str) -> list[AuditEntry]:
    return await AuditEntry.filter(action=action).order_by("id")


async def set_status(skp: Skp, status: SkpStatus) -> None:
    await Skp.filter(id=skp.id).update(status=status)


async def subscribe_in_process(settings: Any, principal: Any, document: str) -> Any:
    """A subscription's stream as ``principal`` would open it, without a server (no socket)."""
    request = Request({"type": "http", "method": "POST", "path": "/graphql", "headers": []})
    context = Context(
        request=request, response=None, settings=settings, principal=principal, request_id="t"
    )
    return await build_schema(settings).subscribe(document, context_value=context)
