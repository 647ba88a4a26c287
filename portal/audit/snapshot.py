"""JSON-ready pictures of rows, for the ``before`` and ``after`` of audit entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from enum import Enum
from typing import Any

from tortoise.models import Model


def jsonable(value: Any) -> Any:
    """Dates as ISO strings, decimals as strings (exact), enums by value; lists and dicts deeply."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def snapshot(row: Model, fields: Iterable[str]) -> dict[str, Any]:
    """The given attributes of ``row`` (use ``*_id`` names for relations)."""
    return {name: jsonable(getattr(row, name)) for name in fields}
