"""Development sign-in: pick a demo persona. Only with PORTAL_DEV_LOGIN=1, never in production."""

from __future__ import annotations

import html

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from portal.audit.service import record
from portal.auth.sessions import start_session
from portal.auth.urls import safe_next
from portal.people.models import Employee, Role, RoleGrant
from portal.people.nip import format_nip
from portal.security.ratelimit import limit_account, too_many_response

PERSONA_NIPS = ("199203152019032001", "197805102005011002", "198511202010012003")
_PAGE = """<!doctype html><html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Masuk (mode pengembangan) - Portal ASN</title>
<link rel="stylesheet" href="/auth.css"></head><body>
<h1>Masuk sebagai persona demo</h1>
<p>Mode pengembangan: pilih pegawai. Di produksi, masuk hanya melalui SSO.</p>
<form method="post" action="/auth/dev-login">
<input type="hidden" name="next" value="{next}">
{buttons}
</form></body></html>"""


async def dev_login_page(request: Request) -> Response:
    if not request.app.state.settings.dev_login:
        return Response("Not Found", status_code=404)
    personas = await Employee.filter(nip__in=PERSONA_NIPS).order_by("nip")
    by_nip = {e.nip: e for e in personas}
    hr_ids = set(
        await RoleGrant.filter(role=Role.HR).limit(10).values_list("employee_id", flat=True)
    )
    extra = await Employee.filter(id__in=hr_ids).exclude(nip__in=PERSONA_NIPS).limit(5)
    people = [by_nip[n] for n in PERSONA_NIPS if n in by_nip] + list(extra)
    buttons = "\n".join(
        f'<button type="submit" name="nip" value="{e.nip}">{html.escape(e.full_name)}<br>'
        f"<small>NIP {format_nip(e.nip)}</small></button>"
        for e in people
    )
    page = _PAGE.format(
        next=html.escape(safe_next(request.query_params.get("next"))), buttons=buttons
    )
    return HTMLResponse(page)


async def dev_login_submit(request: Request) -> Response:
    settings = request.app.state.settings
    if not settings.dev_login:
        return Response("Not Found", status_code=404)
    form = await request.form()
    nip = str(form.get("nip", ""))
    limiter = getattr(request.app.state, "rate_limiter", None)
    verdict = await limit_account(limiter, settings, f"nip:{nip}")
    if not verdict.allowed:
        return too_many_response(verdict.retry_after)
    employee = await Employee.get_or_none(nip=nip, active=True)
    if employee is None:
        return HTMLResponse("<p>Pegawai tidak terdaftar atau tidak aktif.</p>", status_code=403)
    start_session(request, employee_id=employee.id, via="dev-login")
    await record(
        action="auth.sign_in",
        actor_id=employee.id,
        actor_label=employee.name,
        object_type="Employee",
        object_id=employee.id,
        after={"method": "dev-login"},
    )
    return RedirectResponse(safe_next(str(form.get("next", "/"))), status_code=303)


routes = [
    Route("/auth/dev-login", dev_login_page, methods=["GET"]),
    Route("/auth/dev-login", dev_login_submit, methods=["POST"]),
]
