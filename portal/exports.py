"""CSV downloads for HR. Authenticated like GraphQL (session cookie or bearer token), HR only."""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

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


routes = [Route("/exports/training-history.csv", training_history, methods=["GET"])]
