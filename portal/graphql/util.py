"""Small helpers shared by the GraphQL types."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from graphql import GraphQLError

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


FIRST_YEAR, LAST_YEAR = 1900, 2100


def year_or_current(year: int | None, field: str = "year") -> int:
    """A `year` argument: this year when omitted, a typed INVALID_YEAR error when absurd."""
    if year is None:
        return today().year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise GraphQLError(
            "Tahun tidak valid.", extensions={"code": "INVALID_YEAR", "field": field}
        )
    return year
