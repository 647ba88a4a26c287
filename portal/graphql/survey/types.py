"""Survey types: the public questionnaire, managed services, IKM results, feedback."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from portal.graphql.context import Info
from portal.graphql.people.types import OrgUnit
from portal.graphql.relay import Node, to_global_id
from portal.graphql.util import local
from portal.survey import ikm as domain_ikm
from portal.survey import models
from portal.survey.elements import ELEMENTS, Element

Grade = strawberry.enum(
    domain_ikm.Grade, name="SurveyGrade", description="Service quality grade (mutu pelayanan)."
)
RespondentGender = strawberry.enum(models.RespondentGender, description="Respondent's sex.")
AgeBand = strawberry.enum(
    models.AgeBand, name="RespondentAgeBand", description="Respondent's age band in years."
)
Education = strawberry.enum(
    models.Education, name="RespondentEducation", description="Respondent's highest education."
)
Occupation = strawberry.enum(
    models.Occupation, name="RespondentOccupation", description="Respondent's main occupation."
)


def survey_url(base_url: str, code: str) -> str:
    """The public survey link printed at a counter."""
    return f"{base_url.rstrip('/')}/#/survei/{code}"


@strawberry.type(description="One of the nine questions (elements U1-U9) of the questionnaire.")
class SurveyQuestion:
    code: str = strawberry.field(description="Element code, U1 to U9.")
    name: str = strawberry.field(description="Element name, e.g. Persyaratan.")
    question: str = strawberry.field(description="The question in the standard's wording.")
    options: list[str] = strawberry.field(
        description="Labels of the answers scored 1, 2, 3 and 4 (least to most favourable)."
    )

    @classmethod
    def of(cls, element: Element) -> SurveyQuestion:
        return cls(
            code=element.code,
            name=element.name,
            question=element.question,
            options=list(element.options),
        )


@strawberry.type(description="A service as the public survey page shows it.")
class PublicSurveyService:
    code: str = strawberry.field(description="Public code of the service (in its link).")
    name: str = strawberry.field(description="Name of the service, e.g. Perekaman KTP-el.")
    unit_name: str = strawberry.field(description="The unit that provides it.")
    accepting: bool = strawberry.field(description="Whether it accepts survey answers now.")
    requires_token: bool = strawberry.field(
        description="Whether a one-time code from the counter is needed."
    )
    survey_url: str = strawberry.field(description="The public survey link (what its QR encodes).")

    @classmethod
    def from_model(
        cls, row: models.SurveyService, unit_name: str, base_url: str
    ) -> PublicSurveyService:
        return cls(
            code=row.code,
            name=row.name,
            unit_name=unit_name,
            accepting=row.active,
            requires_token=row.requires_token,
            survey_url=survey_url(base_url, row.code),
        )

    @strawberry.field(description="The nine questions, in order.")
    def questions(self) -> list[SurveyQuestion]:
        return [SurveyQuestion.of(e) for e in ELEMENTS]


@strawberry.type(description="A unit's service that citizens rate, as its managers see it.")
class SurveyService(Node):
    pk: strawberry.Private[int]
    unit_pk: strawberry.Private[int]
    code: str = strawberry.field(description="Public code of the service (in its link).")
    name: str = strawberry.field(description="Name of the service.")
    active: bool = strawberry.field(description="Accepts survey answers.")
    requires_token: bool = strawberry.field(description="Needs a one-time code from the counter.")
    survey_url: str = strawberry.field(description="The public survey link for the counter.")
    qr_code_url: str = strawberry.field(description="Path of the link's QR code (SVG).")

    @classmethod
    def from_model(cls, row: models.SurveyService, base_url: str) -> SurveyService:
        return cls(
            id=to_global_id("SurveyService", row.id),
            pk=row.id,
            unit_pk=row.unit_id,
            code=row.code,
            name=row.name,
            active=row.active,
            requires_token=row.requires_token,
            survey_url=survey_url(base_url, row.code),
            qr_code_url=f"/survey/{row.code}/qr.svg",
        )

    @strawberry.field(description="The unit that provides the service.")
    async def unit(self, info: Info) -> OrgUnit:
        row = await info.context.loaders.unit_by_id.load(self.unit_pk)
        assert row is not None
        return OrgUnit.from_model(row)


@strawberry.type(description="One element's result: its mean score (NRR) and what it means.")
class SurveyElementScore:
    code: str = strawberry.field(description="Element code, U1 to U9.")
    name: str = strawberry.field(description="Element name.")
    nrr: Decimal = strawberry.field(description="Mean answer (1-4), rounded to 3 decimals.")
    score: Decimal = strawberry.field(description="NRR x 25 (25-100), rounded to 2 decimals.")
    grade: Grade = strawberry.field(description="The element's own grade on the IKM bands.")
    weakest: bool = strawberry.field(description="Has the lowest NRR of the nine (ties too).")
    needs_attention: bool = strawberry.field(description="Scores under grade B (Baik).")


@strawberry.type(description="The IKM of a set of responses (PermenPANRB 14/2017).")
class SurveyIkm:
    respondents: int = strawberry.field(description="Number of responses counted.")
    ikm: Decimal = strawberry.field(description="IKM (25-100), rounded half up to 2 decimals.")
    ikm_exact: str = strawberry.field(
        description="The exact IKM as a fraction `p/q` (before any rounding)."
    )
    grade: Grade = strawberry.field(description="Grade A-D of the rounded IKM.")
    grade_label: str = strawberry.field(description="Grade name: Sangat Baik ... Tidak Baik.")
    elements: list[SurveyElementScore] = strawberry.field(description="The nine elements.")
    weakest_elements: list[str] = strawberry.field(description="Codes of the lowest NRR.")

    @classmethod
    def of(cls, result: domain_ikm.IkmResult) -> SurveyIkm:
        weakest, attention = set(result.weakest), set(result.below_good)
        return cls(
            respondents=result.respondents,
            ikm=result.shown,
            ikm_exact=f"{result.ikm.numerator}/{result.ikm.denominator}",
            grade=result.grade,
            grade_label=domain_ikm.GRADE_LABELS[result.grade],
            elements=[
                SurveyElementScore(
                    code=e.code,
                    name=e.name,
                    nrr=domain_ikm.rounded(e.nrr, 3),
                    score=domain_ikm.rounded(e.score),
                    grade=domain_ikm.grade_of(e.score),
                    weakest=e.code in weakest,
                    needs_attention=e.code in attention,
                )
                for e in result.elements
            ],
            weakest_elements=list(result.weakest),
        )


@strawberry.type(description="The IKM of one group (a unit, a service, a month or a quarter).")
class SurveyResultGroup:
    key: str = strawberry.field(
        description="Group key: a global id (unit, service), `2026-03` or `2026-Q1`."
    )
    label: str = strawberry.field(description="Readable name of the group.")
    result: SurveyIkm | None = strawberry.field(description="Its IKM (null with no responses).")


@strawberry.type(description="IKM over a period, overall and per group.")
class SurveyResults:
    start: dt.date = strawberry.field(name="from", description="First day (WIB) counted.")
    end: dt.date = strawberry.field(name="to", description="Last day (WIB) counted.")
    overall: SurveyIkm | None = strawberry.field(
        description="IKM of all responses in scope (null when there are none)."
    )
    groups: list[SurveyResultGroup] = strawberry.field(description="Per group, in order.")
    csv_url: str = strawberry.field(description="The same results as a CSV download (path).")


@strawberry.type(description="One citizen's answers and suggestion (anonymous).")
class SurveyResponse(Node):
    service_pk: strawberry.Private[int]
    submitted_at: dt.datetime = strawberry.field(description="When it was submitted.")
    answers: list[int] = strawberry.field(description="Answers to U1-U9, each 1-4.")
    suggestion: str = strawberry.field(description="Free-text suggestion (may be empty).")
    gender: RespondentGender | None = strawberry.field(description="Respondent's sex, if given.")
    age_band: AgeBand | None = strawberry.field(description="Age band, if given.")
    education: Education | None = strawberry.field(description="Education, if given.")
    occupation: Occupation | None = strawberry.field(description="Occupation, if given.")

    @classmethod
    def from_model(cls, row: models.SurveyResponse) -> SurveyResponse:
        return cls(
            id=to_global_id("SurveyResponse", row.id),
            service_pk=row.service_id,
            submitted_at=local(row.submitted_at),  # type: ignore[arg-type]
            answers=[getattr(row, e.column) for e in ELEMENTS],
            suggestion=row.suggestion,
            gender=row.gender,
            age_band=row.age_band,
            education=row.education,
            occupation=row.occupation,
        )

    @strawberry.field(description="The service rated.")
    async def service(self, info: Info) -> SurveyService:
        row = await info.context.loaders.survey.service_by_id.load(self.service_pk)
        return SurveyService.from_model(row, info.context.settings.base_url)
