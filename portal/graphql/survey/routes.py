"""HTTP routes of the survey: the QR code of a service's link, and results as CSV.

``GET /survey/<code>/qr.svg`` is public (what it encodes is on the printed poster anyway).
``GET /survey/results.csv?from=&to=[&unitId=&serviceId=&groupBy=]`` runs the very same
``surveyResults`` field with those arguments, so permissions and scoping are the query's. The
file is UTF-8 with a byte-order mark (spreadsheets read Indonesian text right), RFC 4180, streamed
group by group; text a spreadsheet would run as a formula gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Sequence
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from portal.audit.service import current_request
from portal.auth.dependencies import principal_from_connection
from portal.graphql.context import Context
from portal.graphql.survey.types import survey_url
from portal.graphql.util import today
from portal.survey.elements import ELEMENTS
from portal.survey.qr import qr_svg
from portal.survey.service import get_service_by_code

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_IKM = "respondents ikm grade gradeLabel weakestElements elements { code nrr }"
DOCUMENT = f"""
query SurveyResultsCsv($from: Date!, $to: Date!, $unitId: ID, $serviceId: ID,
                       $groupBy: SurveyGroupBy) {{
  surveyResults(from: $from, to: $to, unitId: $unitId, serviceId: $serviceId,
                groupBy: $groupBy) {{
    overall {{ {_IKM} }}
    groups {{ label result {{ {_IKM} }} }}
  }}
}}
"""
_STATUS = {"UNAUTHENTICATED": 401, "FORBIDDEN": 403}
_ARGS = ("from", "to", "unitId", "serviceId", "groupBy")


def routes(schema: Any) -> list[Route]:
    """The survey's routes; the CSV answers through ``schema`` (the app's GraphQL schema)."""

    async def qr(request: Request) -> Response:
        service = await get_service_by_code(code=request.path_params["code"])
        if service is None:
            return PlainTextResponse("Layanan tidak ditemukan.", status_code=404)
        url = survey_url(request.app.state.settings.base_url, service.code)
        return Response(
            qr_svg(url, title=f"Survei kepuasan: {service.name}"),
            media_type="image/svg+xml",
            headers={"Cache-Control": "public, max-age=3600"},
        )

    async def results_csv(request: Request) -> Response:
        settings = request.app.state.settings
        principal = await principal_from_connection(request, settings)
        if principal is None:
            return PlainTextResponse("Silakan masuk terlebih dahulu.", status_code=401)
        variables = {k: request.query_params.get(k) for k in _ARGS}
        context = Context(
            request=request,
            response=None,
            settings=settings,
            principal=principal,
            request_id=current_request.get().request_id,
        )
        result = await schema.execute(DOCUMENT, variable_values=variables, context_value=context)
        if result.errors:
            error = result.errors[0]
            code = (error.extensions or {}).get("code", "")
            return PlainTextResponse(error.message, status_code=_STATUS.get(code, 400))
        return StreamingResponse(
            results_rows(result.data["surveyResults"]),
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="ikm-{today():%Y-%m-%d}.csv"',
                "Cache-Control": "no-store",
            },
        )

    return [
        Route("/survey/results.csv", results_csv, methods=["GET"]),
        Route("/survey/{code}/qr.svg", qr, methods=["GET"]),
    ]


async def results_rows(data: dict[str, Any]) -> AsyncIterator[str]:
    """BOM and header, one line per group, then the overall line."""
    header = ["Kelompok", "Responden", *(f"NRR {e.code}" for e in ELEMENTS)]
    header += ["IKM", "Mutu", "Kinerja", "Unsur terlemah"]
    yield BOM + _lines([header])
    for group in data["groups"]:
        yield _lines([_row(group["label"], group["result"])])
    yield _lines([_row("Seluruhnya", data["overall"])])


def _row(label: str, result: dict[str, Any] | None) -> list[str]:
    cell = "'" + label if label.startswith(_FORMULA_START) else label
    if result is None:
        return [cell, "0", *([""] * (len(ELEMENTS) + 4))]
    nrr = [str(e["nrr"]) for e in result["elements"]]
    weakest = " ".join(result["weakestElements"])
    return [cell, str(result["respondents"]), *nrr, str(result["ikm"]), result["grade"],
            result["gradeLabel"], weakest]  # fmt: skip


def _lines(rows: Sequence[Sequence[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()
