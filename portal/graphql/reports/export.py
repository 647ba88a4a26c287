"""``GET /reports/export.csv?input=<ReportInput as JSON>``: any report as a CSV download.

The endpoint runs the very same ``report`` GraphQL field with the given input, so parameters,
validation, permissions, scoping and suppression are the query's, by construction. The file is
UTF-8 with a byte-order mark (spreadsheets then read Indonesian names right) and RFC 4180
(CRLF, quotes doubled), streamed in chunks; labels that a spreadsheet would run as a formula
(``= + - @``) get a leading apostrophe. Suppressed cells are empty and flagged in the last column.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator, Sequence
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from portal.audit.service import current_request
from portal.auth.dependencies import principal_from_connection
from portal.graphql.context import Context
from portal.graphql.util import today
from portal.reports.catalog import DIMENSIONS, MEASURES, Dimension, Measure

BOM = "\ufeff"
CHUNK_ROWS = 500
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Also schema/operations/ReportCsv.graphql: a trusted document, so the export runs where only
# trusted documents are accepted (tests/reports/test_report_csv.py keeps the two the same).
DOCUMENT = """
query ReportCsv($input: ReportInput!) {
  report(input: $input) {
    __typename
    ... on Report {
      dimensions measures
      rows { suppressed cells { label } values { value } }
      totals { suppressed values { value } }
    }
    ... on ReportError { code field message }
  }
}
"""
_STATUS = {"UNAUTHENTICATED": 401, "FORBIDDEN": 403}


def routes(schema: Any) -> list[Route]:
    """The export route, answering through ``schema`` (the app's GraphQL schema)."""

    async def export(request: Request) -> Response:
        settings = request.app.state.settings
        principal = await principal_from_connection(request, settings)
        if principal is None:
            return PlainTextResponse("Silakan masuk terlebih dahulu.", status_code=401)
        try:
            variables = {"input": json.loads(request.query_params.get("input", ""))}
        except ValueError:
            return PlainTextResponse(
                "Parameter input wajib berupa ReportInput dalam JSON.", status_code=400
            )
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
        report = result.data["report"]
        if report["__typename"] != "Report":
            return PlainTextResponse(f"{report['code']}: {report['message']}", status_code=400)
        return StreamingResponse(
            report_csv(report),
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="laporan-{today():%Y-%m-%d}.csv"',
                "Cache-Control": "no-store",
            },
        )

    return [Route("/reports/export.csv", export, methods=["GET"])]


async def report_csv(report: dict[str, Any]) -> AsyncIterator[str]:
    """BOM and header, the rows in chunks, then the totals row."""
    dimensions = [Dimension(d) for d in report["dimensions"]]
    measures = [Measure(m) for m in report["measures"]]
    header = [DIMENSIONS[d].title for d in dimensions] + [MEASURES[m].title for m in measures]
    yield BOM + _lines([[*header, "Disamarkan"]])
    rows = report["rows"] if dimensions else []
    for start in range(0, len(rows), CHUNK_ROWS):
        chunk = rows[start : start + CHUNK_ROWS]
        yield _lines([_row([c["label"] for c in r["cells"]], r, measures) for r in chunk])
    totals = report["totals"]
    labels = ["Total", *([""] * (len(dimensions) - 1))] if dimensions else []
    yield _lines([_row(labels, totals, measures)])


def _row(labels: list[str], row: dict[str, Any], measures: list[Measure]) -> list[str]:
    values = [_number(m, v["value"]) for m, v in zip(measures, row["values"], strict=True)]
    return [*(_cell(label) for label in labels), *values, "ya" if row["suppressed"] else ""]


def _number(measure: Measure, value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if MEASURES[measure].integer else f"{value:.2f}"


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _lines(rows: Sequence[Sequence[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()
