"""Start the test OpenID Connect provider (``server.mjs``) and drive it over HTTP.

The provider is a real ``oidc-provider`` (Node) process listening on 127.0.0.1
with plain http. Typical use in a test::

    idp = start_idp(
        redirect_uris=["http://127.0.0.1:8001/auth/callback"],
        post_logout_redirect_uris=["http://127.0.0.1:8001/"],
    )
    try:
        ...  # configure the portal with idp.issuer / idp.client_id / idp.client_secret
        with httpx.Client() as browser:
            callback = login_with_http_client(browser, authorize_url, "siti", "password")
            # now call the portal's /auth/callback with `callback` yourself
    finally:
        idp.stop()

Nothing here imports pytest; wrap ``start_idp`` in a fixture as needed. The IdP
keeps everything in memory: every ``start_idp`` call gets fresh keys, sessions
and grants. See README.md in this folder for the flows and the quirks.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import copy
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import httpx
from joserfc.jwk import KeySet

IDP_DIR = Path(__file__).resolve().parent
SERVER_SCRIPT = IDP_DIR / "server.mjs"
EXAMPLE_CONFIG = IDP_DIR / "accounts.example.json"

#: Scopes a portal login asks for; ``nip`` also comes with ``profile``.
DEFAULT_SCOPE = "openid profile email nip"


class IdPFlowError(RuntimeError):
    """The IdP answered something the HTTP helpers did not expect."""


def default_accounts() -> list[dict[str, Any]]:
    """The accounts of accounts.example.json (siti, budi, dewi, stranger, emailonly).

    Every one has the password ``"password"``. ``emailonly`` has no nip and shares
    siti's e-mail address (for e-mail mapping tests); ``stranger`` has no nip and
    an e-mail address that no registry knows.
    """
    config = json.loads(EXAMPLE_CONFIG.read_text(encoding="utf-8"))
    return copy.deepcopy(config["accounts"])


@dataclass(eq=False)  # identity semantics: instances are kept in a set
class TestIdP:
    """A running test IdP; stop it with :meth:`stop` (or use it as a context manager).

    Endpoint paths are oidc-provider's defaults; :meth:`discovery` fetches the
    metadata document when a test prefers not to rely on them.
    """

    __test__ = False  # not a pytest test class, despite the name

    issuer: str
    client_id: str
    client_secret: str
    audience: str  # `aud` of JWT access tokens
    resource: str  # RFC 8707 indicator to send as `resource=` to get such a token
    api_scope: str  # scope of the API resource server (lands in the JWT `scope`)
    redirect_uris: list[str]
    post_logout_redirect_uris: list[str]
    accounts: list[dict[str, Any]]
    process: subprocess.Popen[bytes] = field(repr=False)
    workdir: Path = field(repr=False)

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    @property
    def authorization_endpoint(self) -> str:
        return f"{self.issuer}/auth"

    @property
    def token_endpoint(self) -> str:
        return f"{self.issuer}/token"

    @property
    def userinfo_endpoint(self) -> str:
        return f"{self.issuer}/me"

    @property
    def jwks_uri(self) -> str:
        return f"{self.issuer}/jwks"

    @property
    def end_session_endpoint(self) -> str:
        return f"{self.issuer}/session/end"

    @property
    def introspection_endpoint(self) -> str:
        return f"{self.issuer}/token/introspection"

    def discovery(self) -> dict[str, Any]:
        response = httpx.get(self.metadata_url)
        response.raise_for_status()
        body: dict[str, Any] = response.json()
        return body

    def jwks(self) -> dict[str, Any]:
        response = httpx.get(self.jwks_uri)
        response.raise_for_status()
        body: dict[str, Any] = response.json()
        return body

    def key_set(self) -> KeySet:
        """The IdP's public signing keys as a joserfc KeySet (for ``jwt.decode``)."""
        return KeySet.import_key_set(self.jwks())  # type: ignore[arg-type]

    def account(self, sub: str) -> dict[str, Any]:
        for account in self.accounts:
            if account["sub"] == sub:
                return account
        raise KeyError(sub)

    def logs(self) -> str:
        """stdout + stderr of the node process so far (for assertion messages)."""
        return _read_logs(self.workdir)

    def stop(self) -> None:
        """Stop the node process and delete its temp dir. Safe to call twice."""
        _live.discard(self)
        proc = self.process
        if proc.stdin and not proc.stdin.closed:
            # server.mjs runs with --exit-on-stdin-close: this alone ends it.
            with contextlib.suppress(OSError):
                proc.stdin.close()
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> TestIdP:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


# Instances not stopped yet; stopped at interpreter exit as a safety net.
_live: set[TestIdP] = set()


@atexit.register
def _stop_all() -> None:
    for idp in list(_live):
        idp.stop()


def ensure_node_modules() -> None:
    """Run ``npm ci`` in tests/idp unless oidc-provider is already installed.

    A lock file in the temp dir serialises concurrent callers (e.g. xdist workers).
    """
    if (IDP_DIR / "node_modules" / "oidc-provider").is_dir():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm not found: install Node.js >= 20 to run the test IdP")
    tag = hashlib.sha256(str(IDP_DIR).encode()).hexdigest()[:12]
    lock_path = Path(tempfile.gettempdir()) / f"portal-asn-idp-npm-{tag}.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (IDP_DIR / "node_modules" / "oidc-provider").is_dir():
            return
        result = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=IDP_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"npm ci failed in {IDP_DIR}:\n{result.stdout}\n{result.stderr}")


def start_idp(
    *,
    redirect_uris: list[str],
    post_logout_redirect_uris: list[str],
    accounts: list[dict[str, Any]] | None = None,
    audience: str = "portal-api",
    resource: str | None = None,
    api_scope: str = "api",
    client_id: str = "portal-asn",
    client_secret: str | None = None,
    access_token_ttl: int = 3600,
    port: int = 0,
    timeout: float = 30.0,
) -> TestIdP:
    """Start server.mjs and wait until it is listening.

    ``accounts``: dicts with ``sub`` (also the login name), ``password`` (any
    password is accepted when absent) and OIDC claims (``nip`` as a *string*,
    ``name``, ``email``, ``email_verified``, ...); defaults to
    :func:`default_accounts`. ``resource`` defaults to ``audience`` if that is an
    absolute URI, else ``"urn:" + audience`` (oidc-provider rejects non-URI
    resource indicators). ``port=0`` lets the OS pick a free port (no race).
    ``client_secret`` defaults to a random one.
    """
    ensure_node_modules()
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node not found: install Node.js >= 20 to run the test IdP")

    accounts = copy.deepcopy(default_accounts() if accounts is None else accounts)
    for account in accounts:
        if "nip" in account and account["nip"] is not None:
            # An 18-digit NIP as a JSON number would lose precision in JavaScript.
            account["nip"] = str(account["nip"])
    client_secret = client_secret or secrets.token_urlsafe(24)
    if resource is None:
        resource = audience if _is_absolute_uri(audience) else f"urn:{audience}"

    workdir = Path(tempfile.mkdtemp(prefix="portal-asn-idp-"))
    config_path = workdir / "config.json"
    config_path.write_text(
        json.dumps(
            {
                "client": {
                    "client_id": client_id,
                    "client_secret": client_secret,
                    "redirect_uris": redirect_uris,
                    "post_logout_redirect_uris": post_logout_redirect_uris,
                },
                "audience": audience,
                "resource": resource,
                "api_scope": api_scope,
                "access_token_ttl": access_token_ttl,
                "accounts": accounts,
            },
            indent=2,
        ),
        encoding="utf-8",
    )

    # Output goes to files, not pipes: nobody drains a pipe after startup and a
    # full pipe would block the server. PORT is set explicitly so that a PORT in
    # the caller's environment (e.g. the portal's) is never picked up.
    env = {**os.environ, "PORT": str(port)}
    with (
        open(workdir / "stdout.log", "wb") as out,
        open(workdir / "stderr.log", "wb") as err,
    ):
        proc = subprocess.Popen(
            [node, str(SERVER_SCRIPT), str(config_path), "--exit-on-stdin-close"],
            cwd=IDP_DIR,
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=err,
            env=env,
        )
    idp = TestIdP(
        issuer="",
        client_id=client_id,
        client_secret=client_secret,
        audience=audience,
        resource=resource,
        api_scope=api_scope,
        redirect_uris=list(redirect_uris),
        post_logout_redirect_uris=list(post_logout_redirect_uris),
        accounts=accounts,
        process=proc,
        workdir=workdir,
    )
    _live.add(idp)

    deadline = time.monotonic() + timeout
    while True:
        for line in (workdir / "stdout.log").read_text(errors="replace").splitlines():
            if line.startswith("READY "):
                idp.issuer = line.split(" ", 1)[1].strip()
                return idp
        if proc.poll() is not None or time.monotonic() > deadline:
            logs = idp.logs()
            idp.stop()
            reason = (
                f"exited with {proc.returncode}" if proc.returncode is not None else "timed out"
            )
            raise RuntimeError(f"test IdP {reason} before READY:\n{logs}")
        time.sleep(0.05)


# ---------------------------------------------------------------------------
# Driving the IdP's pages with an HTTP client
# ---------------------------------------------------------------------------


def login_with_http_client(
    client: httpx.Client,
    authorize_url: str,
    login: str,
    password: str,
    *,
    max_steps: int = 20,
) -> str:
    """Log in at the IdP like a browser and return the relying party redirect URL.

    GETs ``authorize_url``, follows the IdP's redirects, POSTs ``login`` /
    ``password`` into the login form when one is shown (it is skipped when
    ``client`` already has an IdP session cookie), lets the automatic consent
    step pass, and stops at the first redirect that leaves the IdP's origin:
    that URL (normally ``<redirect_uri>?code=...&state=...&iss=...``, or
    ``?error=...``) is returned *without* being requested, so the test can hand
    it to the portal's callback itself. Redirects are followed manually, so
    ``client.follow_redirects`` does not matter. For an ``httpx.AsyncClient``
    test, use a separate sync client for the IdP, or ``asyncio.to_thread``.
    """
    idp_origin = _origin(authorize_url)
    response = client.get(authorize_url, follow_redirects=False)
    submitted = False
    for _ in range(max_steps):
        if response.is_redirect:
            target = urljoin(str(response.url), response.headers["location"])
            if _origin(target) != idp_origin:
                return target
            response = client.get(target, follow_redirects=False)
            continue
        html = response.text if _is_html(response) else ""
        login_form = _find_form(html, with_field="login")
        if login_form is not None:
            if submitted:  # the IdP showed the form again: wrong credentials
                raise IdPFlowError(_describe("login", response, rejected=True))
            submitted = True
            fields = {**login_form.fields, "login": login, "password": password}
            response = client.post(
                urljoin(str(response.url), login_form.action), data=fields, follow_redirects=False
            )
            continue
        # An auto-submitting page (JavaScript in a browser). oidc-provider sends
        # one when the login switches accounts: it ends the previous IdP session
        # (POST /session/end/confirm) and then resumes the authorization.
        form = _find_form(html)
        if response.status_code == 200 and form is not None:
            action = urljoin(str(response.url), form.action)
            if _origin(action) != idp_origin:
                raise IdPFlowError(f"login: form posting to {action} (response_mode=form_post?)")
            response = client.post(action, data=form.fields, follow_redirects=False)
            continue
        raise IdPFlowError(_describe("login", response))
    raise IdPFlowError(f"login did not finish within {max_steps} steps")


def logout_with_http_client(
    client: httpx.Client, end_session_url: str, *, max_steps: int = 10
) -> str:
    """Complete RP-initiated logout at the IdP and return where it sends the user.

    ``end_session_url`` is the IdP's end_session_endpoint with the portal's
    query (``id_token_hint``, ``post_logout_redirect_uri``, ``state``...). The
    IdP answers with a confirmation form (auto-submitted by JavaScript in a
    browser); this helper POSTs that form (fields ``xsrf`` and ``logout=yes``
    to ``/session/end/confirm``) and returns the first redirect target outside
    the IdP (``post_logout_redirect_uri`` plus ``state``), or the URL of the
    IdP's own "signed out" page when no post_logout_redirect_uri was given.
    """
    idp_origin = _origin(end_session_url)
    response = client.get(end_session_url, follow_redirects=False)
    submitted = False
    for _ in range(max_steps):
        if response.is_redirect:
            target = urljoin(str(response.url), response.headers["location"])
            if _origin(target) != idp_origin:
                return target
            response = client.get(target, follow_redirects=False)
            continue
        form = _find_form(response.text) if _is_html(response) else None
        if response.status_code == 200 and form is not None and not submitted:
            submitted = True
            response = client.post(
                urljoin(str(response.url), form.action), data=form.fields, follow_redirects=False
            )
            continue
        if response.status_code == 200 and submitted:
            return str(response.url)  # the IdP's own post-logout page
        raise IdPFlowError(_describe("logout", response))
    raise IdPFlowError(f"logout did not finish within {max_steps} steps")


# ---------------------------------------------------------------------------
# Relying-party shortcuts: tokens without the portal
# ---------------------------------------------------------------------------


def pkce_pair() -> tuple[str, str]:
    """Return ``(code_verifier, code_challenge)`` for PKCE S256."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorize_url(idp: TestIdP, *, redirect_uri: str, **params: str) -> str:
    """The authorization endpoint URL with ``response_type=code``, ``client_id``,
    ``redirect_uri`` and the given extra parameters (scope, state, nonce,
    code_challenge, code_challenge_method, resource, prompt...)."""
    query = {
        "response_type": "code",
        "client_id": idp.client_id,
        "redirect_uri": redirect_uri,
        **params,
    }
    return f"{idp.authorization_endpoint}?{urlencode(query)}"


def obtain_user_tokens(
    idp: TestIdP,
    login: str,
    password: str | None = None,
    *,
    scope: str = DEFAULT_SCOPE,
    resource: str | None = "",
    redirect_uri: str | None = None,
) -> dict[str, Any]:
    """Run a whole code + PKCE flow as the registered client; return the token response.

    With the default ``resource`` (= ``idp.resource``) the ``access_token`` is a
    user JWT for ``idp.audience`` (with ``nip``/``email`` claims); pass
    ``resource=None`` for an opaque access token usable at the userinfo endpoint.
    The response also holds ``id_token`` and ``refresh_token``. ``password``
    defaults to the account's configured one. ``redirect_uri`` defaults to the
    first registered one; it is never requested.
    """
    if password is None:
        password = idp.account(login).get("password", "")
    if resource == "":
        resource = idp.resource
    redirect_uri = redirect_uri or idp.redirect_uris[0]
    verifier, challenge = pkce_pair()
    state = secrets.token_urlsafe(16)
    url = authorize_url(
        idp,
        redirect_uri=redirect_uri,
        scope=scope,
        state=state,
        nonce=secrets.token_urlsafe(16),
        code_challenge=challenge,
        code_challenge_method="S256",
    )
    with httpx.Client() as browser:
        callback = login_with_http_client(browser, url, login, password)
    query = dict(httpx.URL(callback).params)
    if "code" not in query or query.get("state") != state:
        raise IdPFlowError(f"authorization failed: {callback}")
    data = {
        "grant_type": "authorization_code",
        "code": query["code"],
        "redirect_uri": redirect_uri,
        "code_verifier": verifier,
    }
    if resource:
        data["resource"] = resource
    response = httpx.post(idp.token_endpoint, data=data, auth=(idp.client_id, idp.client_secret))
    if response.status_code != 200:
        raise IdPFlowError(_describe("token request", response))
    body: dict[str, Any] = response.json()
    return body


def client_credentials_token(
    idp: TestIdP, *, scope: str | None = None, resource: str | None = ""
) -> dict[str, Any]:
    """client_credentials grant; return the token response.

    The access token is a JWT for ``idp.audience`` whose ``sub`` is the
    client_id (no user, so no ``nip``). ``resource`` defaults to ``idp.resource``.
    """
    data = {"grant_type": "client_credentials"}
    if resource == "":
        resource = idp.resource
    if resource:
        data["resource"] = resource
    if scope:
        data["scope"] = scope
    response = httpx.post(idp.token_endpoint, data=data, auth=(idp.client_id, idp.client_secret))
    if response.status_code != 200:
        raise IdPFlowError(_describe("token request", response))
    body: dict[str, Any] = response.json()
    return body


# ---------------------------------------------------------------------------
# Internals
# ---------------------------------------------------------------------------


@dataclass
class _Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)


class _FormParser(HTMLParser):
    """Collects <form>s with their named <input> values (enough for the IdP's pages)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[_Form] = []
        self._current: _Form | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._current = _Form(
                action=attributes.get("action", ""),
                method=attributes.get("method", "get").lower(),
            )
            self.forms.append(self._current)
        elif tag == "input" and self._current is not None and attributes.get("name"):
            self._current.fields[attributes["name"]] = attributes.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None


def _find_form(html: str, with_field: str | None = None) -> _Form | None:
    parser = _FormParser()
    parser.feed(html)
    for form in parser.forms:
        if form.method == "post" and (with_field is None or with_field in form.fields):
            return form
    return None


def _is_html(response: httpx.Response) -> bool:
    return "html" in response.headers.get("content-type", "")


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port


def _is_absolute_uri(value: str) -> bool:
    scheme = urlsplit(value).scheme
    return bool(scheme) and len(scheme) > 1  # "c:\\..." style paths are not URIs


def _describe(what: str, response: httpx.Response, *, rejected: bool = False) -> str:
    if rejected:
        return f"{what}: credentials rejected by the IdP ({response.status_code})"
    return (
        f"{what}: unexpected IdP response {response.status_code} for "
        f"{response.request.method} {response.url}:\n{response.text[:2000]}"
    )


def _read_logs(workdir: Path) -> str:
    parts = []
    for name in ("stdout.log", "stderr.log"):
        path = workdir / name
        text = path.read_text(errors="replace") if path.exists() else ""
        parts.append(f"--- {name} ---\n{text}")
    return "\n".join(parts)
