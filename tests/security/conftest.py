"""Helpers for the security suite: the portal as production runs it, and attack documents."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from portal.settings import Settings, load_settings
from tests.conftest import PortalClient, running_app

PRODUCTION_SECRET = "s" * 48


def production_settings(database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "env": "production",
        "secret_key": PRODUCTION_SECRET,
        "base_url": "http://testserver",
    }
    return load_settings(**(values | overrides))


def dev_settings(database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {"database_url": database_url, "env": "development", "dev_login": True}
    return load_settings(**(values | overrides))


@contextlib.asynccontextmanager
async def portal(settings: Settings) -> AsyncIterator[PortalClient]:
    async with running_app(settings) as client:
        yield client


def error_codes(body: dict[str, Any]) -> list[str]:
    return [str((e.get("extensions") or {}).get("code")) for e in body.get("errors") or []]
