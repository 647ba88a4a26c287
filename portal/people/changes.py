"""What every HR write path shares: the "leave as is" marker, today, input checks, audit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.models import Model

from portal.audit.service import record
from portal.audit.snapshot import snapshot
from portal.people.errors import PeopleError, PeopleErrorCode

JAKARTA = ZoneInfo("Asia/Jakarta")
# What the audit trail pictures of each row (relations by id).
UNIT_FIELDS = ("code", "name", "short_name", "kind", "parent_id", "path", "active", "closed_on")
POSITION_FIELDS = (
    "code",
    "name",
    "kind",
    "level",
    "unit_id",
    "parent_id",
    "grade_class",
    "effective_minutes",
    "active",
    "closed_on",
)
EMPLOYEE_FIELDS = (
    "nip",
    "name",
    "front_title",
    "back_title",
    "employment_type",
    "gender",
    "birth_date",
    "rank",
    "position_id",
    "unit_id",
    "email",
    "phone",
    "active",
)


class _Unchanged:
    """Marks an optional argument the caller did not give (``None`` may be a real value)."""

    def __repr__(self) -> str:
        return "UNCHANGED"

    def __bool__(self) -> bool:
        return False


UNCHANGED: Any = _Unchanged()


def given(value: object) -> bool:
    """The caller passed this argument (even as None)."""
    return not isinstance(value, _Unchanged)


def today() -> dt.date:
    """Today in Tangsel (WIB); effective dates are compared with it."""
    return dt.datetime.now(JAKARTA).date()


def required_text(value: str, *, field: str, max_length: int, label: str) -> str:
    """Stripped text that is neither empty nor too long, or INVALID_VALUE on ``field``."""
    text = " ".join(value.split())
    if not text:
        raise PeopleError(PeopleErrorCode.INVALID_VALUE, f"{label} wajib diisi.", field=field)
    if len(text) > max_length:
        raise PeopleError(
            PeopleErrorCode.INVALID_VALUE,
            f"{label} paling panjang {max_length} karakter.",
            field=field,
        )
    return text


def not_found(what: str, field: str) -> PeopleError:
    return PeopleError(PeopleErrorCode.NOT_FOUND, f"{what} tidak ditemukan.", field=field)


async def audit(
    action: str,
    *,
    actor_id: int | None,
    row: Model,
    fields: Iterable[str],
    before: dict[str, Any] | None,
) -> dict[str, Any]:
    """Record ``row`` after the change (with ``before``); returns the after-snapshot."""
    after = snapshot(row, fields)
    await record(
        action=action,
        actor_id=actor_id,
        object_type=type(row).__name__,
        object_id=row.pk,
        before=before,
        after=after,
    )
    return after
