"""Small helpers shared by the GraphQL types."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")


def local(value: dt.datetime | None) -> dt.datetime | None:
    """Timestamps are stored in UTC and shown in Asia/Jakarta (WIB), with the offset."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(JAKARTA)


def today() -> dt.date:
    return dt.datetime.now(JAKARTA).date()
