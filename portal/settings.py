"""One settings object, read once from ``PORTAL_*`` environment variables."""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Secrets that ship in docs and examples; production must never run with them.
PLACEHOLDER_SECRETS = frozenset({"", "change-me", "changeme", "secret", "dev-secret-key", "development"})
DEFAULT_SQLITE_URL = "sqlite://var/portal.sqlite3"


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
        None, description="serve GraphiQL at /graphql (default: on in development, off in production)"
    )
    introspection: bool | None = Field(
        None, description="allow schema introspection (default: on in development, off in production)"
    )
    max_page_size: int = Field(100, ge=1, le=1000, description="largest `first` a connection accepts")
    max_query_depth: int = Field(12, ge=2, description="deepest GraphQL selection accepted")
    max_aliases: int = Field(30, ge=1, description="most aliases in one GraphQL document")
    max_tokens: int = Field(2000, ge=50, description="most lexical tokens in one GraphQL document")
    max_body_bytes: int = Field(100_000, ge=1024, description="largest GraphQL request body")
    log_level: str = Field("INFO", description="Python logging level")
    web_dir: Path = Field(
        Path(__file__).resolve().parent.parent / "web",
        description="folder of the web front end served at / (the repository's web/)",
    )

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
