"""Survey test helpers: services, responses with known answers, and the documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from portal.people.models import Employee, OrgUnit, Role, RoleGrant
from portal.survey.models import SurveyResponse, SurveyService

SUBMIT = """
mutation($input: SubmitSurveyInput!) {
  submitSurvey(input: $input) {
    __typename
    ... on SubmitSurveySuccess { message submittedAt service { code name unitName } }
    ... on SubmitSurveyError { code field message }
  }
}
"""
GOOD = [4, 3, 3, 4, 3, 4, 4, 3, 3]


async def make_service(
    unit: OrgUnit, name: str = "Perekaman KTP-el", code: str = "capil-ktp-el", **kwargs: object
) -> SurveyService:
    return await SurveyService.create(unit=unit, name=name, code=code, **kwargs)


async def add_responses(
    service: SurveyService,
    answers: Sequence[Sequence[int]],
    at: dt.datetime | None = None,
    suggestion: str = "",
) -> list[SurveyResponse]:
    """Store responses directly (the domain rules are tested through the mutation)."""
    when = at or dt.datetime.now(dt.UTC)
    rows = []
    for values in answers:
        row = await SurveyResponse.create(
            service=service,
            unit_id=service.unit_id,
            submitted_at=when,
            suggestion=suggestion,
            **{f"u{i + 1}": v for i, v in enumerate(values)},
        )
        rows.append(row)
    return rows


async def make_unit_head(employee: Employee, unit: OrgUnit) -> None:
    await RoleGrant.create(employee=employee, role=Role.UNIT_HEAD, unit=unit)


def submit_input(code: str = "capil-ktp-el", **overrides: object) -> dict[str, object]:
    return {"serviceCode": code, "answers": GOOD, **overrides}
