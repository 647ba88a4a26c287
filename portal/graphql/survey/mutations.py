"""Survey mutations: the public submission, and services and tokens for the units' managers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated

import strawberry

from portal.graphql.context import Info
from portal.graphql.payloads import error_type, payload, pk
from portal.graphql.permissions import IsAuthenticated, require_principal
from portal.graphql.survey.permissions import CanManageSurvey
from portal.graphql.survey.types import (
    AgeBand,
    Education,
    Occupation,
    PublicSurveyService,
    RespondentGender,
    SurveyService,
)
from portal.graphql.util import local
from portal.survey import admin, ratelimit, service
from portal.survey.errors import SurveyErrorCode as DomainCode
from portal.survey.models import SurveyService as SurveyServiceModel

SurveyErrorCode = strawberry.enum(DomainCode, description="Why a survey action was refused.")
THANKS = "Terima kasih. Penilaian Anda membantu kami memperbaiki pelayanan."


@strawberry.input(description="The respondent's optional profile; leave out what you like.")
class SurveyProfileInput:
    gender: RespondentGender | None = strawberry.field(default=None, description="Sex.")
    age_band: AgeBand | None = strawberry.field(default=None, description="Age band.")
    education: Education | None = strawberry.field(default=None, description="Education.")
    occupation: Occupation | None = strawberry.field(default=None, description="Occupation.")


@strawberry.input(description="One citizen's answers to the survey of a service.")
class SubmitSurveyInput:
    service_code: str = strawberry.field(description="The service's public code (from its link).")
    answers: list[int] = strawberry.field(
        description="Exactly nine answers, U1 to U9 in order, each 1 (worst) to 4 (best)."
    )
    profile: SurveyProfileInput | None = strawberry.field(
        default=None, description="Optional respondent profile."
    )
    suggestion: str = strawberry.field(default="", description="Suggestion, up to 2000 characters.")
    token: str | None = strawberry.field(
        default=None, description="One-time code from the counter (required by some services)."
    )
    website: str = strawberry.field(
        default="", description="Leave empty. A field people never see: filled only by bots."
    )


@strawberry.type(description="The answers were received.")
class SubmitSurveySuccess:
    service: PublicSurveyService = strawberry.field(description="The service rated.")
    submitted_at: dt.datetime = strawberry.field(description="When the answers were received.")
    message: str = strawberry.field(description="Thanks to show the citizen (Indonesian).")


SubmitSurveyError = error_type("SubmitSurveyError", SurveyErrorCode, "the survey submission")
SubmitSurveyResult = Annotated[
    SubmitSurveySuccess | SubmitSurveyError,
    strawberry.union(
        "SubmitSurveyResult", description="Received, or why the answers were refused (none kept)."
    ),
]


@strawberry.input(description="How many one-time survey codes to issue for a counter.")
class IssueSurveyTokensInput:
    service_code: str = strawberry.field(description="The service's public code.")
    count: int = strawberry.field(description="How many codes (1-500).")
    valid_days: int = strawberry.field(default=7, description="Days each code is valid (1-90).")


@strawberry.type(description="One-time codes were issued; they are shown only this once.")
class IssueSurveyTokensSuccess:
    service: SurveyService = strawberry.field(description="The service the codes are for.")
    tokens: list[str] = strawberry.field(description="The codes, to print or hand out.")
    expires_at: dt.datetime = strawberry.field(description="When they stop being accepted.")


IssueSurveyTokensError = error_type("IssueSurveyTokensError", SurveyErrorCode, "issuing codes")
IssueSurveyTokensResult = Annotated[
    IssueSurveyTokensSuccess | IssueSurveyTokensError,
    strawberry.union("IssueSurveyTokensResult", description="The codes, or why none were issued."),
]


@strawberry.input(description="Open a service of a unit to the public survey.")
class CreateSurveyServiceInput:
    unit_id: strawberry.ID = strawberry.field(description="The unit that provides the service.")
    name: str = strawberry.field(description="Name of the service, e.g. Akta Kelahiran.")
    code: str | None = strawberry.field(
        default=None, description="Public code for the link (made from the name when left out)."
    )
    requires_token: bool = strawberry.field(
        default=False, description="Accept only answers with a one-time code from the counter."
    )


@strawberry.input(description="Change a survey service; left-out fields stay as they are.")
class UpdateSurveyServiceInput:
    service_id: strawberry.ID = strawberry.field(description="The service.")
    name: str | None = strawberry.field(default=None, description="New name.")
    active: bool | None = strawberry.field(default=None, description="Accept answers or not.")
    requires_token: bool | None = strawberry.field(
        default=None, description="Require one-time codes or not."
    )


@strawberry.type(description="The survey service as it is now.")
class SurveyServiceSuccess:
    service: SurveyService = strawberry.field(description="The service.")


CreateSurveyServiceError = error_type(
    "CreateSurveyServiceError", SurveyErrorCode, "opening the service"
)
UpdateSurveyServiceError = error_type(
    "UpdateSurveyServiceError", SurveyErrorCode, "changing the service"
)
CreateSurveyServiceResult = Annotated[
    SurveyServiceSuccess | CreateSurveyServiceError,
    strawberry.union("CreateSurveyServiceResult", description="The new service, or why not."),
]
UpdateSurveyServiceResult = Annotated[
    SurveyServiceSuccess | UpdateSurveyServiceError,
    strawberry.union("UpdateSurveyServiceResult", description="The changed service, or why not."),
]


def _client(info: Info) -> service.Client:
    settings = info.context.settings
    client = info.context.request.client
    return service.Client(
        address=client.host if client else "",
        secret=settings.secret_key.get_secret_value(),
        rule=ratelimit.RateRule.parse(settings.survey_rate_limit),
        store=ratelimit.get_store(),
    )


def _service(info: Info) -> Callable[[SurveyServiceModel], SurveyServiceSuccess]:
    base_url = info.context.settings.base_url
    return lambda row: SurveyServiceSuccess(service=SurveyService.from_model(row, base_url))


@strawberry.type
class SurveyMutations:
    @strawberry.mutation(
        description="Submit a citizen's answers for a service (public: no sign-in). Nothing is "
        "stored unless every answer is valid."
    )
    async def submit_survey(self, info: Info, input: SubmitSurveyInput) -> SubmitSurveyResult:
        profile = input.profile or SurveyProfileInput()
        work = service.submit_response(
            service_code=input.service_code[:64],
            answers=input.answers,
            profile=service.Profile(
                gender=profile.gender,
                age_band=profile.age_band,
                education=profile.education,
                occupation=profile.occupation,
            ),
            suggestion=input.suggestion,
            token=input.token,
            honeypot=input.website,
            client=_client(info),
        )

        async def success(done: service.Submission) -> SubmitSurveySuccess:
            unit = await info.context.loaders.unit_by_id.load(done.service.unit_id)
            assert unit is not None
            return SubmitSurveySuccess(
                service=PublicSurveyService.from_model(
                    done.service, unit.name, info.context.settings.base_url
                ),
                submitted_at=local(done.submitted_at),  # type: ignore[arg-type]
                message=THANKS,
            )

        return await payload(work, SubmitSurveyError, success)

    @strawberry.mutation(
        description="Issue one-time survey codes for a counter (HR, or the unit's head).",
        permission_classes=[IsAuthenticated, CanManageSurvey],
    )
    async def issue_survey_tokens(
        self, info: Info, input: IssueSurveyTokensInput
    ) -> IssueSurveyTokensResult:
        principal = require_principal(info)

        async def work() -> tuple[SurveyServiceModel, list[str], dt.datetime]:
            row = await service.get_service_by_code_or_raise(code=input.service_code)
            return await admin.issue_tokens(
                principal=principal,
                actor_id=principal.employee_id,
                service_id=row.id,
                count=input.count,
                valid_days=input.valid_days,
            )

        def success(
            issued: tuple[SurveyServiceModel, list[str], dt.datetime],
        ) -> IssueSurveyTokensSuccess:
            row, tokens, expires = issued
            return IssueSurveyTokensSuccess(
                service=SurveyService.from_model(row, info.context.settings.base_url),
                tokens=tokens,
                expires_at=local(expires),  # type: ignore[arg-type]
            )

        return await payload(work(), IssueSurveyTokensError, success)

    @strawberry.mutation(
        description="Open a unit's service to the public survey (HR, or the unit's head).",
        permission_classes=[IsAuthenticated, CanManageSurvey],
    )
    async def create_survey_service(
        self, info: Info, input: CreateSurveyServiceInput
    ) -> CreateSurveyServiceResult:
        principal = require_principal(info)
        work = admin.create_service(
            principal=principal,
            actor_id=principal.employee_id,
            unit_id=pk(input.unit_id, "OrgUnit"),
            name=input.name,
            code=input.code,
            requires_token=input.requires_token,
        )
        return await payload(work, CreateSurveyServiceError, _service(info))

    @strawberry.mutation(
        description="Rename, open or close a survey service (HR, or the unit's head).",
        permission_classes=[IsAuthenticated, CanManageSurvey],
    )
    async def update_survey_service(
        self, info: Info, input: UpdateSurveyServiceInput
    ) -> UpdateSurveyServiceResult:
        principal = require_principal(info)
        work = admin.update_service(
            principal=principal,
            actor_id=principal.employee_id,
            service_id=pk(input.service_id, "SurveyService"),
            name=input.name,
            active=input.active,
            requires_token=input.requires_token,
        )
        return await payload(work, UpdateSurveyServiceError, _service(info))
