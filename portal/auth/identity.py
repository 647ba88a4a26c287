"""Which employee an IdP identity is: by the NIP claim, a bound subject, or a verified e-mail.

The first successful SSO sign-in binds the IdP subject (``sub``) to the employee
(``Employee.sso_subject``); afterwards the same NIP or e-mail arriving with another subject is
refused, so a re-used or re-assigned IdP account cannot take over someone's portal account.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tortoise.exceptions import IntegrityError

from portal.auth.errors import AuthError, AuthErrorCode
from portal.people.models import Employee


@dataclass(frozen=True, slots=True)
class Identity:
    """What the IdP asserts about the person (from a verified ID token or access token)."""

    subject: str
    nip: str | None
    email: str | None
    email_verified: bool

    def audit(self) -> dict[str, Any]:
        return {"subject": self.subject, "nip": self.nip, "email": self.email}


def identity_from_claims(claims: dict[str, Any], *, nip_claim: str) -> Identity:
    """Read subject, NIP (spaces dropped) and e-mail from verified claims."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise AuthError(AuthErrorCode.TOKEN_INVALID, "no sub claim")
    raw_nip = claims.get(nip_claim)
    # Some IdPs send numeric attributes as JSON numbers; a bool is never a NIP.
    usable = isinstance(raw_nip, str) or (
        isinstance(raw_nip, int) and not isinstance(raw_nip, bool)
    )
    nip = "".join(str(raw_nip).split()) if usable else None
    email = claims.get("email")
    return Identity(
        subject=subject,
        nip=nip or None,
        email=email.strip() if isinstance(email, str) and email.strip() else None,
        email_verified=claims.get("email_verified") is True,
    )


async def find_employee(identity: Identity) -> Employee:
    """The active employee this identity is, or AuthError saying why there is none."""
    bound = await Employee.get_or_none(sso_subject=identity.subject)
    employee: Employee | None
    if identity.nip is not None:
        # A NIP claim is authoritative: an unknown NIP never falls back to the e-mail.
        employee = await Employee.get_or_none(nip=identity.nip) if _is_nip(identity.nip) else None
        if employee is None:
            raise AuthError(AuthErrorCode.NOT_REGISTERED, f"no employee with nip {identity.nip}")
    elif bound is not None:
        employee = bound
    elif identity.email is not None:
        if not identity.email_verified:
            raise AuthError(AuthErrorCode.EMAIL_NOT_VERIFIED, identity.email)
        matches = await Employee.filter(email__iexact=identity.email).limit(2)
        if len(matches) != 1:
            raise AuthError(AuthErrorCode.NOT_REGISTERED, f"{len(matches)} employees with e-mail")
        employee = matches[0]
    else:
        raise AuthError(AuthErrorCode.NOT_REGISTERED, "neither nip nor e-mail in the claims")
    if employee.sso_subject not in (None, identity.subject):
        raise AuthError(AuthErrorCode.SUBJECT_MISMATCH, "employee bound to another subject")
    if bound is not None and bound.id != employee.id:
        raise AuthError(AuthErrorCode.SUBJECT_MISMATCH, "subject bound to another employee")
    if not employee.active:
        raise AuthError(AuthErrorCode.NOT_ACTIVE, f"employee {employee.id} inactive")
    return employee


async def bind_subject(employee: Employee, subject: str) -> bool:
    """Remember the IdP subject on first sign-in; True when it was bound now.

    A conditional update, so two first sign-ins racing with different subjects get one winner.
    """
    if employee.sso_subject == subject:
        return False
    try:
        updated = await Employee.filter(id=employee.id, sso_subject__isnull=True).update(
            sso_subject=subject
        )
    except IntegrityError:
        raise AuthError(AuthErrorCode.SUBJECT_MISMATCH, "subject bound concurrently") from None
    if updated != 1:
        raise AuthError(AuthErrorCode.SUBJECT_MISMATCH, "employee bound concurrently")
    employee.sso_subject = subject
    return True


def _is_nip(value: str) -> bool:
    return len(value) == 18 and value.isdigit()
