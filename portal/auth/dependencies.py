"""Turning a connection (HTTP request or WebSocket) into a Principal."""

from __future__ import annotations

from starlette.requests import HTTPConnection

from portal.auth.bearer import SCOPE_KEY, bearer_token, principal_from_token
from portal.auth.principal import Principal, load_principal
from portal.auth.sessions import session_employee_id
from portal.settings import Settings


async def principal_from_connection(conn: HTTPConnection, settings: Settings) -> Principal | None:
    """A bearer token first, then the signed session cookie; nothing else is trusted."""
    verified = conn.scope.get(SCOPE_KEY)
    if isinstance(verified, Principal):
        return verified  # BearerAuthMiddleware checked the token of this HTTP request
    token = bearer_token(conn.headers)
    if token is not None:
        # A WebSocket handshake (the middleware sees HTTP only): a bad token is no identity,
        # never a fall-back to the cookie.
        return await principal_from_token(token, settings)
    employee_id = session_employee_id(conn, settings)
    if employee_id is None:
        return None
    principal = await load_principal(employee_id=employee_id, via="session")
    if principal is None:
        conn.session.clear()  # deactivated since sign-in: the session ends here
    return principal
