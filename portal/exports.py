"""CSV downloads for HR (training history, audit trail).

Authenticated like GraphQL (session cookie or bearer token), HR only.
"""

from __future__ import annotations

import datetime as dt
import re

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from portal.audit import service as audit_service
from portal.audit.export import audit_csv
from portal.auth.dependencies import principal_from_connection
from portal.training.access import can_export_training
from portal.training.errors import ExportError
from portal.training.export import check_export, log_export, training_history_csv


async def training_history(request: Request) -> Response:
    """``/exports/training-history.csv?year=Y[&unit=CODE]``: SIASN-shaped, streamed."""
    principal = await principal_from_connection(request, request.app.state.settings)
    if principal is None:
        return PlainTextResponse("Silakan masuk terlebih dahulu.", status_code=401)
    if not can_export_training(principal):
        return PlainTextResponse("Hanya petugas BKPSDM yang boleh mengunduh ini.", status_code=403)
    raw_year = request.query_params.get("year", "")
    unit = request.query_params.get("unit") or None
    if not raw_year.isdigit():
        return PlainTextResponse("Parameter year wajib berupa tahun, mis. 2025.", status_code=400)
    year = int(raw_year)
    try:
        unit_path = await check_export(year=year, unit_code=unit)
    except ExportError as error:
        return PlainTextResponse(error.message, status_code=400)
    await log_export(
        actor_id=principal.employee_id, actor_label=principal.name, year=year, unit_code=unit
    )
    suffix = "-" + re.sub(r"[^A-Za-z0-9_-]", "_", unit) if unit else ""
    return StreamingResponse(
        training_history_csv(year=year, unit_path=unit_path),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="riwayat-diklat-{year}{suffix}.csv"',
            "Cache-Control": "no-store",
        },
    )


async def audit_log(request: Request) -> Response:
    """``/exports/audit-log.csv?actorNip=&action=&objectType=&objectId=&from=&to=``: HR only.

    ``from``/``to`` are ISO dates or date-times (Jakarta time when no zone is given); a date
    ``to`` includes that whole day.
    """
    principal = await principal_from_connection(request, request.app.state.settings)
    if principal is None:
        return PlainTextResponse("Silakan masuk terlebih dahulu.", status_code=401)
    if not principal.is_hr:
        return PlainTextResponse("Hanya petugas BKPSDM yang boleh mengunduh ini.", status_code=403)
    params = request.query_params
    try:
        since = _moment(params.get("from"), end_of_day=False)
        until = _moment(params.get("to"), end_of_day=True)
    except ValueError:
        return PlainTextResponse(
            "Parameter from/to wajib berupa tanggal ISO, mis. 2025-01-31.", status_code=400
        )
    criteria = await audit_service.filter_for(
        actor_nip=params.get("actorNip"),
        action=params.get("action"),
        object_type=params.get("objectType"),
        object_id=params.get("objectId"),
        since=since,
        until=until,
    )
    await audit_service.record(
        action="audit.exported",
        actor_id=principal.employee_id,
        actor_label=principal.name,
        after={k: v for k, v in params.items() if v},
    )
    # A NIP that names no one matches nothing: the header alone.
    criteria = criteria or audit_service.AuditFilter(actor_id=-1)
    return StreamingResponse(
        audit_csv(audit_filter=criteria),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="audit-log.csv"',
            "Cache-Control": "no-store",
        },
    )


def _moment(value: str | None, *, end_of_day: bool) -> dt.datetime | None:
    if not value:
        return None
    if len(value) == 10:  # a date
        day = dt.date.fromisoformat(value) + dt.timedelta(days=1 if end_of_day else 0)
        return dt.datetime.combine(day, dt.time())
    return dt.datetime.fromisoformat(value)


routes = [
    Route("/exports/training-history.csv", training_history, methods=["GET"]),
    Route("/exports/audit-log.csv", audit_log, methods=["GET"]),
]
