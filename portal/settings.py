"""One settings object, read once from ``PORTAL_*`` environment variables."""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Secrets that ship in docs and examples; production must never run with them.
PLACEHOLDER_SECRETS = frozenset(
    {"", "change-me", "changeme", "secret", "dev-secret-key", "development"}
)
DEFAULT_SQLITE_URL = "sqlite://var/portal.sqlite3"
# Asymmetric algorithms only: `none` and HS* (keyed with a public key) are classic JWT forgeries.
OIDC_SAFE_ALGORITHMS = frozenset({"RS256", "ES256", "PS256"})


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class SettingsError(ValueError):
    """The configuration cannot be used in this environment."""


class Settings(BaseSettings):
    """Every knob of the portal. Nothing else in the code reads ``os.environ``."""

    model_config = SettingsConfigDict(env_prefix="PORTAL_", extra="ignore", frozen=True)

    env: Environment = Field(Environment.DEVELOPMENT, description="development or production")
    database_url: str = Field(
        DEFAULT_SQLITE_URL,
        description="sqlite://PATH (relative to the working dir) or postgres://user:pw@host:port/db",
    )
    database_pool_max: int = Field(10, ge=1, le=200, description="PostgreSQL pool size per process")
    secret_key: SecretStr = Field(SecretStr("dev-secret-key"), description="signs session cookies")
    base_url: str = Field("http://127.0.0.1:8000", description="public URL of the portal")
    dev_login: bool = Field(False, description="enable /auth/dev-login (development only)")
    session_max_age: int = Field(12 * 3600, ge=60, description="absolute session lifetime, seconds")
    session_idle_timeout: int = Field(2 * 3600, ge=60, description="idle session lifetime, seconds")
    graphql_ide: bool | None = Field(
        None,
        description="serve GraphiQL at /graphql (default: on in development, off in production)",
    )
    introspection: bool | None = Field(
        None,
        description="allow schema introspection (default: on in development, off in production)",
    )
    max_page_size: int = Field(
        100, ge=1, le=1000, description="largest `first` a connection accepts"
    )
    max_query_depth: int = Field(12, ge=2, description="deepest GraphQL selection accepted")
    max_aliases: int = Field(30, ge=1, description="most aliases in one GraphQL document")
    max_tokens: int = Field(2000, ge=50, description="most lexical tokens in one GraphQL document")
    max_body_bytes: int = Field(100_000, ge=1024, description="largest GraphQL request body")
    max_upload_bytes: int = Field(
        20_000_000,
        ge=1024,
        description="largest multipart/form-data request to /graphql (a file upload such as "
        "`importFile`); every other request stays under max_body_bytes",
    )
    # --- hardening (issue 9) ---
    max_directives: int = Field(20, ge=0, description="most directives in one GraphQL document")
    max_query_cost: int = Field(
        20_000,
        ge=1,
        description="largest estimated cost of an operation: one per field, times the `first` "
        "of every enclosing connection (plain lists count as query_cost_list_size)",
    )
    query_cost_list_size: int = Field(
        10, ge=1, description="assumed length of a plain (non-connection) list in the cost"
    )
    graphql_batch_max: int = Field(
        0, ge=0, le=50, description="operations in one batched POST; 0 turns batching off"
    )
    trusted_documents: bool = Field(
        False,
        description="accept only the operations in trusted_documents_dir (by SHA-256 of the "
        "printed document) plus HR's `report` query",
    )
    trusted_documents_dir: Path = Field(
        Path(__file__).resolve().parent.parent / "schema" / "operations",
        description="folder of the trusted *.graphql operations (the repository's "
        "schema/operations)",
    )
    cors_origins: str = Field(
        "",
        description="comma-separated origins allowed to call the API cross-site (none by default)",
    )
    hsts_max_age: int = Field(
        63_072_000, ge=0, description="Strict-Transport-Security max-age in production, seconds"
    )
    rate_limit_enabled: bool = Field(True, description="rate-limit sign-in routes and mutations")
    rate_limit_window: int = Field(60, ge=1, description="rate-limit window, seconds")
    rate_limit_sign_in_per_address: int = Field(
        30, ge=1, description="sign-in requests per client address per window"
    )
    rate_limit_sign_in_per_user: int = Field(
        10, ge=1, description="sign-in attempts per account (NIP or SSO subject) per window"
    )
    rate_limit_mutations_per_user: int = Field(
        120, ge=1, description="GraphQL mutations per signed-in user per window"
    )
    rate_limit_mutations_per_address: int = Field(
        600,
        ge=1,
        description="GraphQL mutations per client address per window (offices share NATs)",
    )
    rate_limit_redis_url: SecretStr | None = Field(
        None,
        description="redis://host:port/db shared by all instances; in-memory per process if unset",
    )
    database_connect_timeout: float = Field(
        3.0, gt=0, le=60, description="PostgreSQL connect timeout, seconds (fail fast when down)"
    )
    database_command_timeout: float | None = Field(
        60.0, gt=0, description="longest PostgreSQL statement before it is cancelled, seconds"
    )
    database_replica_url: str | None = Field(
        None, description="read replica (postgres://...) for report queries; primary when unset"
    )
    database_report_pool_max: int = Field(
        2,
        ge=1,
        le=50,
        description="PostgreSQL connections per process for reports, a pool of their own: heavy "
        "reports queue there instead of taking the connections everyone's pages use",
    )
    log_format: Literal["json", "text"] | None = Field(
        None, description="json or text (default: json in production, text in development)"
    )
    metrics_enabled: bool = Field(True, description="serve Prometheus metrics at /metrics")
    # --- end hardening ---
    report_min_group: int = Field(
        3,
        ge=1,
        description="reports suppress groups of fewer people than this for everyone but HR, "
        "so no one reads a person's data through a report",
    )
    report_timeout: float = Field(
        30.0,
        gt=0,
        le=600,
        description="longest report statement, seconds (PostgreSQL): a report that would take "
        "longer is stopped by the database and answered with the typed error TOO_SLOW",
    )
    survey_rate_limit: str = Field(
        "10/1h",
        description="public survey submissions allowed per client address and service: N/WINDOW "
        "(window in s, m, h or d, e.g. 10/1h; 0/1h turns the limit off); a valid one-time "
        "token is not counted",
    )
    survey_rate_store: str | None = Field(
        None,
        description="where survey rate counts live: unset for this process, or a redis:// URL "
        "shared by every process",
    )
    log_level: str = Field("INFO", description="Python logging level")
    web_dir: Path = Field(
        Path(__file__).resolve().parent.parent / "web",
        description="folder of the web front end served at / (the repository's web/)",
    )
    smtp_url: SecretStr | None = Field(
        None,
        description="smtp://user:password@host:port[?starttls=1] or smtps://...; "
        "e-mails notifications",
    )
    skp_predikat_matrix: str | None = Field(
        None,
        description='JSON {"RESULT/BEHAVIOUR": "PREDIKAT"} for all nine rating pairs; '
        "default: the annex of PermenPANRB 6/2022",
    )
    mail_from: str = Field(
        "Portal ASN <noreply@tangerangselatankota.go.id>", description="sender of e-mails"
    )

    # --- OIDC ---
    oidc_issuer: str | None = Field(
        None,
        description="OpenID provider issuer URL (discovery at <issuer>/.well-known/"
        "openid-configuration); SSO sign-in and bearer tokens are on when this is set",
    )
    oidc_client_id: str = Field("portal-asn", description="client id registered at the IdP")
    oidc_client_secret: SecretStr = Field(
        SecretStr(""), description="client secret registered at the IdP (confidential client)"
    )
    oidc_scopes: str = Field(
        "openid profile email nip", description="scopes asked at sign-in (must include openid)"
    )
    oidc_nip_claim: str = Field(
        "nip", description="ID-token/userinfo/access-token claim that carries the NIP"
    )
    oidc_audience: str = Field(
        "portal-api", description="`aud` every bearer access token must carry"
    )
    oidc_algorithms: str = Field(
        "RS256,ES256,PS256",
        description="comma-separated signature algorithms accepted on bearer tokens "
        "(only RS256, ES256, PS256; never none or HS*)",
    )
    oidc_leeway: int = Field(
        30, ge=0, le=300, description="clock skew allowed on exp/nbf/iat of tokens, seconds"
    )
    oidc_jwks_max_age: int = Field(
        3600, ge=60, description="re-read the IdP's JWKS after this many seconds, seconds"
    )
    oidc_jwks_min_refetch: int = Field(
        60, ge=0, description="least time between two JWKS fetches caused by unknown `kid`s"
    )
    oidc_http_timeout: float = Field(
        5.0, gt=0, le=60, description="timeout of each call to the IdP, seconds"
    )
    oidc_post_logout_redirect_uri: str | None = Field(
        None,
        description="where the IdP sends the browser after sign-out (default <base_url>/); "
        "register it at the IdP",
    )

    @property
    def sso_enabled(self) -> bool:
        return bool(self.oidc_issuer)

    @property
    def oidc_redirect_uri(self) -> str:
        """The callback URL registered at the IdP, built from PORTAL_BASE_URL."""
        return f"{self.base_url.rstrip('/')}/auth/callback"

    @property
    def oidc_post_logout_uri(self) -> str:
        return self.oidc_post_logout_redirect_uri or f"{self.base_url.rstrip('/')}/"

    @property
    def oidc_algorithm_list(self) -> list[str]:
        return [a.strip() for a in self.oidc_algorithms.split(",") if a.strip()]

    @model_validator(mode="after")
    def _check_oidc(self) -> Settings:
        algorithms = self.oidc_algorithm_list
        if not algorithms or not set(algorithms) <= OIDC_SAFE_ALGORITHMS:
            raise SettingsError(
                f"PORTAL_OIDC_ALGORITHMS must be a subset of {sorted(OIDC_SAFE_ALGORITHMS)}"
            )
        if not self.sso_enabled:
            return self
        if "openid" not in self.oidc_scopes.split():
            raise SettingsError("PORTAL_OIDC_SCOPES must include openid")
        if not self.oidc_client_id:
            raise SettingsError("PORTAL_OIDC_CLIENT_ID is required with PORTAL_OIDC_ISSUER")
        if self.is_production:
            secret = self.oidc_client_secret.get_secret_value()
            if secret.lower() in PLACEHOLDER_SECRETS:
                raise SettingsError("PORTAL_OIDC_CLIENT_SECRET must be set in production")
            if not str(self.oidc_issuer).startswith("https://"):
                raise SettingsError("PORTAL_OIDC_ISSUER must be an https:// URL in production")
        return self

    # --- end OIDC ---

    @model_validator(mode="after")
    def _check_survey_rate_limit(self) -> Settings:
        from portal.survey.ratelimit import RateRule

        try:
            RateRule.parse(self.survey_rate_limit)
        except ValueError as exc:
            raise SettingsError(f"PORTAL_SURVEY_RATE_LIMIT: {exc}") from None
        return self

    @model_validator(mode="after")
    def _check_predikat_matrix(self) -> Settings:
        from portal.duties.predikat import parse_matrix

        try:
            parse_matrix(self.skp_predikat_matrix)
        except ValueError as exc:
            raise SettingsError(f"PORTAL_SKP_PREDIKAT_MATRIX: {exc}") from None
        return self

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if self.env is Environment.PRODUCTION:
            secret = self.secret_key.get_secret_value()
            if secret.lower() in PLACEHOLDER_SECRETS or len(secret) < 32:
                raise SettingsError(
                    "PORTAL_SECRET_KEY must be set to a random value of at least 32 characters "
                    "in production"
                )
            if self.dev_login:
                raise SettingsError("PORTAL_DEV_LOGIN cannot be enabled in production")
        return self

    @property
    def is_production(self) -> bool:
        return self.env is Environment.PRODUCTION

    @property
    def graphql_ide_enabled(self) -> bool:
        return (not self.is_production) if self.graphql_ide is None else self.graphql_ide

    @property
    def introspection_enabled(self) -> bool:
        return (not self.is_production) if self.introspection is None else self.introspection

    @property
    def cors_origin_list(self) -> list[str]:
        return [o.strip().rstrip("/") for o in self.cors_origins.split(",") if o.strip()]

    @property
    def log_json(self) -> bool:
        return self.is_production if self.log_format is None else self.log_format == "json"

    @cached_property
    def is_postgres(self) -> bool:
        return self.database_url.startswith(("postgres://", "postgresql://", "asyncpg://"))

    def ensure_sqlite_dir(self) -> None:
        """Create the folder an SQLite file lives in, so a fresh clone just runs."""
        if self.database_url.startswith("sqlite://"):
            path = self.database_url.removeprefix("sqlite://")
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)


def load_settings(**overrides: object) -> Settings:
    """Read the environment once; keyword overrides win (tests, CLI flags)."""
    return Settings(**overrides)  # type: ignore[arg-type]
