"""Domain enums exposed to GraphQL (closed sets)."""

from __future__ import annotations

import strawberry

from portal.competencies import models as competencies
from portal.duties import models as duties
from portal.people import models as people
from portal.people import nip, ranks
from portal.training import models as training
from portal.training.catalog import ApprovalStep as DomainApprovalStep

EmploymentType = strawberry.enum(nip.EmploymentType, description="PNS or PPPK.")
Gender = strawberry.enum(nip.Gender, description="Sex as recorded (from the NIP for PNS).")
Rank = strawberry.enum(ranks.Rank, description="PNS golongan/ruang or PPPK golongan.")
PositionKind = strawberry.enum(ranks.PositionKind, description="Position group (UU 5/2014).")
PositionLevel = strawberry.enum(ranks.PositionLevel, description="Level within a position kind.")
UnitKind = strawberry.enum(people.UnitKind, description="Kind of organisational unit.")
Role = strawberry.enum(people.Role, description="A role granted by HR.")
CompetencyGroup = strawberry.enum(
    competencies.CompetencyGroup, description="Competency group (PermenPANRB 38/2017)."
)
AssessmentSource = strawberry.enum(
    competencies.AssessmentSource, description="Where an assessed level came from."
)
TrainingMode = strawberry.enum(training.TrainingMode, description="Classical or non-classical.")
TrainingMethod = strawberry.enum(
    training.TrainingMethod, description="Form of a development activity."
)
SessionStatus = strawberry.enum(training.SessionStatus, description="State of a training session.")
PlanStatus = strawberry.enum(training.PlanStatus, description="State of a yearly training plan.")
PlanItemStatus = strawberry.enum(training.PlanItemStatus, description="State of a plan item.")
EnrollmentStatus = strawberry.enum(
    training.EnrollmentStatus, description="State of an enrollment request."
)
SkpStatus = strawberry.enum(duties.SkpStatus, description="State of a yearly SKP.")
ResultKind = strawberry.enum(
    duties.ResultKind, description="Main (utama) or additional (tambahan)."
)
IndicatorAspect = strawberry.enum(duties.IndicatorAspect, description="What an indicator measures.")
Rating = strawberry.enum(duties.Rating, description="Above, as or below expectation.")
ApprovalStep = strawberry.enum(
    DomainApprovalStep, description="An extra approval step after the direct supervisor."
)
