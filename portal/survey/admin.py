"""Managing the survey of a unit: open, rename or close services, issue one-time tokens.

HR manages every unit, a unit head their subtree (``access``); each change is audited.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata
from typing import TYPE_CHECKING

from tortoise.exceptions import IntegrityError

from portal.audit.service import record
from portal.errors import PermissionDeniedError
from portal.events import transaction
from portal.people.models import OrgUnit
from portal.survey.access import can_manage_unit
from portal.survey.errors import SurveyError
from portal.survey.errors import SurveyErrorCode as Code
from portal.survey.models import SurveyService, SurveyToken
from portal.survey.service import CODE_PATTERN, hash_token, normalise_code

if TYPE_CHECKING:
    from portal.auth.principal import Principal

MAX_TOKENS = 500
MAX_TOKEN_DAYS = 90
TOKEN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at a counter
TOKEN_LENGTH = 10


async def _managed_service(principal: Principal, service_id: int) -> SurveyService:
    service = await SurveyService.get_or_none(id=service_id)
    if service is None:
        raise SurveyError(Code.SERVICE_NOT_FOUND, "Layanan tidak ditemukan.", field="serviceId")
    if not await can_manage_unit(principal, service.unit_id):
        raise PermissionDeniedError("not a manager of this unit")
    return service


async def issue_tokens(
    *, principal: Principal, actor_id: int, service_id: int, count: int, valid_days: int = 7
) -> tuple[SurveyService, list[str], dt.datetime]:
    """Issue ``count`` one-time tokens for a service; returns them (only now readable)."""
    service = await _managed_service(principal, service_id)
    if not 1 <= count <= MAX_TOKENS:
        raise SurveyError(
            Code.INVALID_COUNT, f"Jumlah kode harus 1 sampai {MAX_TOKENS}.", field="count"
        )
    if not 1 <= valid_days <= MAX_TOKEN_DAYS:
        raise SurveyError(
            Code.INVALID_COUNT,
            f"Masa berlaku harus 1 sampai {MAX_TOKEN_DAYS} hari.",
            field="validDays",
        )
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(days=valid_days)
    tokens = [
        "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH)) for _ in range(count)
    ]
    async with transaction():
        await SurveyToken.bulk_create(
            [
                SurveyToken(
                    service_id=service.id,
                    token_hash=hash_token(t),
                    issued_by_id=actor_id,
                    expires_at=expires,
                )
                for t in tokens
            ]
        )
        await record(
            action="survey.tokens.issue",
            actor_id=actor_id,
            object_type="SurveyService",
            object_id=service.id,
            after={"count": count, "expires_at": expires.isoformat()},
        )
    return service, [f"{t[:5]}-{t[5:]}" for t in tokens], expires


def _checked_name(name: str) -> str:
    value = " ".join(name.split())
    if not 3 <= len(value) <= 200:
        raise SurveyError(Code.INVALID_NAME, "Nama layanan 3-200 karakter.", field="name")
    return value


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:30].strip("-")


async def create_service(
    *,
    principal: Principal,
    actor_id: int,
    unit_id: int,
    name: str,
    code: str | None = None,
    requires_token: bool = False,
) -> SurveyService:
    """Open a service of a unit to the survey; the code is made from the name when not given."""
    unit = await OrgUnit.get_or_none(id=unit_id)
    if unit is None:
        raise SurveyError(Code.UNIT_NOT_FOUND, "Unit tidak ditemukan.", field="unitId")
    if not await can_manage_unit(principal, unit.id):
        raise PermissionDeniedError("not a manager of this unit")
    value = _checked_name(name)
    if code is not None and code.strip():
        slug = normalise_code(code)
        if not CODE_PATTERN.match(slug):
            raise SurveyError(
                Code.INVALID_CODE,
                "Kode 3-40 karakter: huruf kecil, angka dan tanda hubung.",
                field="code",
            )
    else:
        slug = f"{_slug(value) or 'layanan'}-{secrets.token_hex(2)}"
    try:
        async with transaction():
            service = await SurveyService.create(
                unit_id=unit.id, name=value, code=slug, requires_token=requires_token
            )
            await record(
                action="survey.service.create",
                actor_id=actor_id,
                object_type="SurveyService",
                object_id=service.id,
                after={"unit": unit.code, "name": value, "code": slug},
            )
    except IntegrityError:
        raise SurveyError(Code.CODE_TAKEN, "Kode ini sudah dipakai.", field="code") from None
    return service


async def update_service(
    *,
    principal: Principal,
    actor_id: int,
    service_id: int,
    name: str | None = None,
    active: bool | None = None,
    requires_token: bool | None = None,
) -> SurveyService:
    """Rename, open or close a service, or require tokens; None leaves a field as it is."""
    service = await _managed_service(principal, service_id)
    before = {"name": service.name, "active": service.active, "token": service.requires_token}
    if name is not None:
        service.name = _checked_name(name)
    if active is not None:
        service.active = active
    if requires_token is not None:
        service.requires_token = requires_token
    async with transaction():
        await service.save(update_fields=["name", "active", "requires_token"])
        await record(
            action="survey.service.update",
            actor_id=actor_id,
            object_type="SurveyService",
            object_id=service.id,
            before=before,
            after={"name": service.name, "active": service.active, "token": service.requires_token},
        )
    return service
