"""The public survey: finding a service by its code, and submissions (checked, rate-limited).

A submission is refused whole or stored whole: every check runs before the one INSERT, and the
token is spent in the same transaction by a conditional UPDATE (two tabs racing with one token
get one success and one TOKEN_USED, on both engines).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from portal.events import transaction
from portal.survey.elements import ELEMENTS
from portal.survey.errors import SurveyError
from portal.survey.errors import SurveyErrorCode as Code
from portal.survey.models import (
    AgeBand,
    Education,
    Occupation,
    RespondentGender,
    SurveyResponse,
    SurveyService,
    SurveyToken,
)
from portal.survey.ratelimit import RateRule, SurveyRateLimit, client_key

CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$")
MAX_SUGGESTION = 2000


@dataclass(frozen=True, slots=True)
class Profile:
    """The respondent's optional profile."""

    gender: RespondentGender | None = None
    age_band: AgeBand | None = None
    education: Education | None = None
    occupation: Occupation | None = None


@dataclass(frozen=True, slots=True)
class Submission:
    """What a citizen is told: the service and when. ``stored`` is False for a honeypot hit."""

    service: SurveyService
    submitted_at: dt.datetime
    stored: bool


@dataclass(frozen=True, slots=True)
class Client:
    """Where a submission came from, for the rate limit (the address is never stored)."""

    address: str
    secret: str
    rule: RateRule
    store: SurveyRateLimit


def normalise_code(code: str) -> str:
    return code.strip().lower()


def hash_token(token: str) -> str:
    """SHA-256 of a token as typed (case and spaces ignored)."""
    cleaned = "".join(token.split()).upper().replace("-", "")
    return hashlib.sha256(cleaned.encode()).hexdigest()


async def get_service_by_code(*, code: str) -> SurveyService | None:
    """The service with this public code, or None."""
    value = normalise_code(code)
    if not CODE_PATTERN.match(value):
        return None
    return await SurveyService.get_or_none(code=value)


async def get_service_by_code_or_raise(*, code: str) -> SurveyService:
    """The service with this public code; SERVICE_NOT_FOUND otherwise."""
    service = await get_service_by_code(code=code)
    if service is None:
        raise SurveyError(
            Code.SERVICE_NOT_FOUND, "Layanan survei tidak ditemukan.", field="serviceCode"
        )
    return service


def _checked_answers(answers: Sequence[object]) -> list[int]:
    if len(answers) != len(ELEMENTS):
        raise SurveyError(
            Code.INVALID_ANSWERS,
            f"Jawab kesembilan pertanyaan (diterima {len(answers)} jawaban).",
            field="answers",
        )
    for i, answer in enumerate(answers):
        if isinstance(answer, bool) or not isinstance(answer, int) or not 1 <= answer <= 4:
            raise SurveyError(
                Code.INVALID_ANSWERS,
                f"Jawaban {ELEMENTS[i].code} harus 1 sampai 4.",
                field=f"answers[{i}]",
            )
    return [int(a) for a in answers]  # type: ignore[call-overload]


def clean_text(text: str) -> str:
    """Trimmed, without control characters, line breaks kept (NUL never gets here: the API
    refuses it in any text, see graphql.limits.NoNulInText)."""
    return "".join(
        c for c in text if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cs")
    ).strip()


def _checked_suggestion(suggestion: str) -> str:
    text = clean_text(suggestion)
    if len(text) > MAX_SUGGESTION:
        raise SurveyError(
            Code.SUGGESTION_TOO_LONG,
            f"Saran paling banyak {MAX_SUGGESTION} karakter (tertulis {len(text)}).",
            field="suggestion",
        )
    return text


async def _checked_token(service: SurveyService, token: str | None, now: dt.datetime) -> int | None:
    if not token or not token.strip():
        if service.requires_token:
            raise SurveyError(
                Code.TOKEN_REQUIRED,
                "Layanan ini memerlukan kode survei dari petugas loket.",
                field="token",
            )
        return None
    if len(token) > 64:
        raise SurveyError(Code.TOKEN_INVALID, "Kode survei tidak dikenal.", field="token")
    row = await SurveyToken.get_or_none(token_hash=hash_token(token), service_id=service.id)
    if row is None:
        raise SurveyError(Code.TOKEN_INVALID, "Kode survei tidak dikenal.", field="token")
    if row.used_at is not None:
        raise SurveyError(Code.TOKEN_USED, "Kode survei ini sudah dipakai.", field="token")
    if row.expires_at <= now:
        raise SurveyError(Code.TOKEN_EXPIRED, "Kode survei ini sudah kedaluwarsa.", field="token")
    return row.id


async def submit_response(
    *,
    service_code: str,
    answers: Sequence[object],
    profile: Profile,
    suggestion: str,
    token: str | None,
    honeypot: str,
    client: Client,
) -> Submission:
    """Check and store one citizen's answers; raises SurveyError and stores nothing on a fault."""
    now = dt.datetime.now(dt.UTC)
    service = await get_service_by_code_or_raise(code=service_code)
    if not service.active:
        raise SurveyError(
            Code.SERVICE_CLOSED, "Layanan ini tidak sedang menerima survei.", field="serviceCode"
        )
    if honeypot.strip():
        # A field people never see was filled: a bot. Say thanks, keep nothing, teach nothing.
        return Submission(service, now, stored=False)
    values = _checked_answers(answers)
    text = _checked_suggestion(suggestion)
    token_id = await _checked_token(service, token, now)
    hashed = client_key(client.secret, client.address, service.code)
    # A valid one-time token proves a visit: it is not counted (kiosks and office Wi-Fi
    # share one address), everything else is.
    if token_id is None and not await client.store.hit(hashed, client.rule):
        raise SurveyError(
            Code.RATE_LIMITED,
            "Terlalu banyak survei dari perangkat ini. Silakan coba lagi nanti.",
        )
    async with transaction():
        if token_id is not None:
            spent = await SurveyToken.filter(id=token_id, used_at__isnull=True).update(used_at=now)
            if spent != 1:
                raise SurveyError(Code.TOKEN_USED, "Kode survei ini sudah dipakai.", field="token")
        await SurveyResponse.create(
            service_id=service.id,
            unit_id=service.unit_id,
            submitted_at=now,
            **{e.column: v for e, v in zip(ELEMENTS, values, strict=True)},
            gender=profile.gender,
            age_band=profile.age_band,
            education=profile.education,
            occupation=profile.occupation,
            suggestion=text,
            client_hash=client_key(client.secret, client.address, "")[:32],
            token_id=token_id,
        )
    return Submission(service, now, stored=True)
