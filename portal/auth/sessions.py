"""The signed session cookie: start, read (with absolute and idle expiry) and end.

Keys: ``sid`` (random, new on every sign-in), ``eid`` (employee id), ``via`` (``sso`` or
``dev-login``), ``iat`` / ``seen`` (epoch seconds: sign-in and last use), ``id_token`` (SSO only,
for RP-initiated logout; left out when too big for a cookie). During an SSO sign-in Authlib keeps
``_state_portal_<state>`` (state, nonce, PKCE verifier) and we keep ``login_next``. The cookie is
signed, not encrypted: nothing secret goes in it.
"""

from __future__ import annotations

import secrets
import time

from starlette.requests import HTTPConnection

from portal.settings import Settings

SESSION_COOKIE = "portal_session"

# Touch the idle clock at most this often, so most requests do not re-send the cookie.
_TOUCH_INTERVAL = 60


def start_session(conn: HTTPConnection, *, employee_id: int, via: str, **extra: object) -> None:
    """A fresh session (new id) on every sign-in: nothing from before sign-in survives it."""
    conn.session.clear()
    now = int(time.time())
    conn.session.update(
        {"sid": secrets.token_urlsafe(16), "eid": employee_id, "via": via, "iat": now, "seen": now}
        | extra
    )


def session_employee_id(conn: HTTPConnection, settings: Settings) -> int | None:
    """The signed-in employee's id, or None when there is no valid session."""
    if "session" not in conn.scope:
        return None
    session = conn.session
    eid, iat, seen = session.get("eid"), session.get("iat"), session.get("seen")
    if not isinstance(eid, int) or not isinstance(iat, int) or not isinstance(seen, int):
        return None
    now = int(time.time())
    if now - iat > settings.session_max_age or now - seen > settings.session_idle_timeout:
        session.clear()
        return None
    if now - seen > _TOUCH_INTERVAL:
        session["seen"] = now
    return eid


def end_session(conn: HTTPConnection) -> dict[str, object]:
    """Forget the session; returns what it held (logout needs the id_token)."""
    held = dict(conn.session)
    conn.session.clear()
    return held
