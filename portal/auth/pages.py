"""Answers for refused sign-ins: a page for browsers, JSON for clients that ask for it."""

from __future__ import annotations

import html

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from portal.auth.errors import AuthError

_PAGE = """<!doctype html><html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - Portal ASN</title>
<link rel="stylesheet" href="/auth.css"></head><body>
<h1>{title}</h1>
<p>{message}</p>
<p class="code">Kode: {code}</p>
<p><a href="/">Kembali ke beranda</a>{retry}</p>
</body></html>"""


def wants_json(request: Request) -> bool:
    """The client asked for JSON (an API call or fetch), not a page."""
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def refusal(request: Request, error: AuthError) -> Response:
    """The refusal as the client wants it; 503s say when to try again."""
    headers = {"Cache-Control": "no-store"}
    if error.status == 503:
        headers["Retry-After"] = "30"
    if wants_json(request):
        body = {"error": {"code": str(error.code), "message": error.message}}
        return JSONResponse(body, status_code=error.status, headers=headers)
    retry = "" if error.status in (403, 404) else ' · <a href="/auth/login">Coba masuk lagi</a>'
    page = _PAGE.format(
        title=html.escape(error.title),
        message=html.escape(error.message),
        code=html.escape(str(error.code)),
        retry=retry,
    )
    return HTMLResponse(page, status_code=error.status, headers=headers)
