"""Turning a connection (HTTP request or WebSocket) into a Principal."""

from __future__ import annotations

from starlette.requests import HTTPConnection

from portal.auth.principal import Principal, load_principal
from portal.auth.sessions import session_employee_id
from portal.settings import Settings


async def principal_from_connection(conn: HTTPConnection, settings: Settings) -> Principal | None:
    """The signed session cookie is the only identity we trust (bearer tokens come with SSO)."""
    employee_id = session_employee_id(conn, settings)
    if employee_id is None:
        return None
    principal = await load_principal(employee_id=employee_id, via="session")
    if principal is None:
        conn.session.clear()  # deactivated since sign-in: the session ends here
    return principal
