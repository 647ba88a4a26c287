"""HR mutations on people: hire, transfer, promote, (de)activate; Plt/Plh appointments."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from portal.graphql.context import Info
from portal.graphql.enums import EmploymentType, Gender, Rank
from portal.graphql.payloads import (
    error_type,
    keep_nullable_pk,
    keep_pk,
    optional_pk,
    payload,
    pk,
    result_union,
)
from portal.graphql.people.admin_types import ActingAppointment, ActingKind, PeopleErrorCode
from portal.graphql.people.types import Employee
from portal.graphql.permissions import IsHR, require_principal
from portal.people import acting, staffing
from portal.people.models import ActingAppointment as ActingAppointmentModel
from portal.people.models import Employee as EmployeeModel


@strawberry.input(description="A new employee. Birth date (and sex, for PNS) come from the NIP.")
class HireEmployeeInput:
    nip: str = strawberry.field(description="NIP (PNS) or NI PPPK, 18 digits, spaces allowed.")
    employment_type: EmploymentType = strawberry.field(description="PNS or PPPK.")
    name: str = strawberry.field(description="Name without titles.")
    front_title: str = strawberry.field(default="", description="Titles before the name.")
    back_title: str = strawberry.field(default="", description="Titles after the name.")
    gender: Gender | None = strawberry.field(
        default=None, description="Sex; required for PPPK (a PNS NIP fixes it)."
    )
    rank: Rank = strawberry.field(description="Rank: I/a-IV/e for PNS, I-XVII for PPPK.")
    position_id: strawberry.ID | None = strawberry.field(
        default=None, description="Position held, if any."
    )
    unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Unit (default: the position's unit)."
    )
    email: str | None = strawberry.field(default=None, description="Work e-mail.")
    phone: str = strawberry.field(default="", description="Phone number.")
    effective_on: dt.date = strawberry.field(description="TMT of the appointment.")
    decree_number: str = strawberry.field(default="", description="Decree (SK) number.")


@strawberry.input(description="A transfer (mutasi): new position and/or unit.")
class TransferEmployeeInput:
    nip: str = strawberry.field(description="The employee's NIP.")
    position_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="New position (null: none; left out: unchanged)."
    )
    unit_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="New unit (default: the new position's unit)."
    )
    effective_on: dt.date = strawberry.field(description="TMT of the transfer.")
    decree_number: str = strawberry.field(default="", description="Decree (SK) number.")
    note: str = strawberry.field(default="", description="Why.")


@strawberry.input(description="A new rank (kenaikan pangkat).")
class PromoteEmployeeInput:
    nip: str = strawberry.field(description="The employee's NIP.")
    rank: Rank = strawberry.field(description="The new rank.")
    effective_on: dt.date = strawberry.field(description="TMT of the new rank.")
    demotion: bool = strawberry.field(
        default=False, description="The new rank is lower on purpose (a disciplinary demotion)."
    )
    decree_number: str = strawberry.field(default="", description="Decree (SK) number.")
    note: str = strawberry.field(default="", description="Why.")


@strawberry.input(description="End an employee's service (retirement, resignation, moving out).")
class DeactivateEmployeeInput:
    nip: str = strawberry.field(description="The employee's NIP.")
    effective_on: dt.date = strawberry.field(description="TMT of the change.")
    decree_number: str = strawberry.field(default="", description="Decree (SK) number.")
    note: str = strawberry.field(default="", description="Why, e.g. pensiun, pindah instansi.")


@strawberry.input(description="Bring a deactivated employee back into service.")
class ReactivateEmployeeInput:
    nip: str = strawberry.field(description="The employee's NIP.")
    effective_on: dt.date = strawberry.field(description="TMT of the change.")
    decree_number: str = strawberry.field(default="", description="Decree (SK) number.")
    note: str = strawberry.field(default="", description="Why.")


@strawberry.type(description="The employee after the change.")
class EmployeeSuccess:
    employee: Employee = strawberry.field(description="The employee as they are now.")


HireEmployeeError = error_type("HireEmployeeError", PeopleErrorCode, "hiring")
TransferEmployeeError = error_type("TransferEmployeeError", PeopleErrorCode, "the transfer")
PromoteEmployeeError = error_type("PromoteEmployeeError", PeopleErrorCode, "the rank change")
DeactivateEmployeeError = error_type("DeactivateEmployeeError", PeopleErrorCode, "the deactivation")
ReactivateEmployeeError = error_type("ReactivateEmployeeError", PeopleErrorCode, "the reactivation")
HireEmployeeResult = Annotated[
    EmployeeSuccess | HireEmployeeError, result_union("HireEmployeeResult")
]
TransferEmployeeResult = Annotated[
    EmployeeSuccess | TransferEmployeeError, result_union("TransferEmployeeResult")
]
PromoteEmployeeResult = Annotated[
    EmployeeSuccess | PromoteEmployeeError, result_union("PromoteEmployeeResult")
]
DeactivateEmployeeResult = Annotated[
    EmployeeSuccess | DeactivateEmployeeError, result_union("DeactivateEmployeeResult")
]
ReactivateEmployeeResult = Annotated[
    EmployeeSuccess | ReactivateEmployeeError, result_union("ReactivateEmployeeResult")
]


@strawberry.input(description="A Plt/Plh appointment.")
class CreateActingAppointmentInput:
    position_id: strawberry.ID = strawberry.field(description="The position to act for.")
    nip: str = strawberry.field(description="NIP of the acting employee.")
    kind: ActingKind = strawberry.field(description="Plt or Plh.")
    starts_on: dt.date = strawberry.field(description="First day in force.")
    ends_on: dt.date = strawberry.field(description="Last day in force.")


@strawberry.input(description="End a Plt/Plh appointment early.")
class EndActingAppointmentInput:
    id: strawberry.ID = strawberry.field(description="The appointment.")
    ends_on: dt.date | None = strawberry.field(
        default=None,
        description="New last day in force (default yesterday: the rights end now). Before the "
        "first day, the appointment is cancelled.",
    )


@strawberry.type(description="The appointment after the change.")
class ActingAppointmentSuccess:
    appointment: ActingAppointment = strawberry.field(description="The appointment.")
    cancelled: bool = strawberry.field(
        description="It was ended before it began, so it was removed."
    )


CreateActingAppointmentError = error_type(
    "CreateActingAppointmentError", PeopleErrorCode, "the appointment"
)
EndActingAppointmentError = error_type(
    "EndActingAppointmentError", PeopleErrorCode, "ending the appointment"
)
CreateActingAppointmentResult = Annotated[
    ActingAppointmentSuccess | CreateActingAppointmentError,
    result_union("CreateActingAppointmentResult"),
]
EndActingAppointmentResult = Annotated[
    ActingAppointmentSuccess | EndActingAppointmentError,
    result_union("EndActingAppointmentResult"),
]


def _employee(row: EmployeeModel) -> EmployeeSuccess:
    return EmployeeSuccess(employee=Employee.from_model(row))


def _appointment(row: ActingAppointmentModel, cancelled: bool = False) -> ActingAppointmentSuccess:
    return ActingAppointmentSuccess(
        appointment=ActingAppointment.from_model(row), cancelled=cancelled
    )


@strawberry.type
class StaffMutation:
    @strawberry.mutation(description="Hire an employee (HR).", permission_classes=[IsHR])
    async def hire_employee(self, info: Info, input: HireEmployeeInput) -> HireEmployeeResult:
        work = staffing.hire_employee(
            nip=input.nip,
            employment_type=input.employment_type,
            name=input.name,
            front_title=input.front_title,
            back_title=input.back_title,
            gender=input.gender,
            rank=input.rank,
            position_id=optional_pk(input.position_id, "Position"),
            unit_id=optional_pk(input.unit_id, "OrgUnit"),
            email=input.email,
            phone=input.phone,
            effective_on=input.effective_on,
            decree_number=input.decree_number,
            actor_id=require_principal(info).employee_id,
        )
        return await payload(work, HireEmployeeError, _employee)

    @strawberry.mutation(
        description="Transfer an employee to another position and/or unit (HR).",
        permission_classes=[IsHR],
    )
    async def transfer_employee(
        self, info: Info, input: TransferEmployeeInput
    ) -> TransferEmployeeResult:
        work = staffing.transfer_employee(
            nip=input.nip,
            position_id=keep_nullable_pk(input.position_id, "Position"),
            unit_id=keep_pk(input.unit_id, "OrgUnit"),
            effective_on=input.effective_on,
            decree_number=input.decree_number,
            note=input.note,
            actor_id=require_principal(info).employee_id,
        )
        return await payload(work, TransferEmployeeError, _employee)

    @strawberry.mutation(description="Record a new rank (HR).", permission_classes=[IsHR])
    async def promote_employee(
        self, info: Info, input: PromoteEmployeeInput
    ) -> PromoteEmployeeResult:
        work = staffing.promote_employee(
            nip=input.nip,
            rank=input.rank,
            effective_on=input.effective_on,
            demotion=input.demotion,
            decree_number=input.decree_number,
            note=input.note,
            actor_id=require_principal(info).employee_id,
        )
        return await payload(work, PromoteEmployeeError, _employee)

    @strawberry.mutation(
        description="End an employee's service; they can no longer sign in (HR).",
        permission_classes=[IsHR],
    )
    async def deactivate_employee(
        self, info: Info, input: DeactivateEmployeeInput
    ) -> DeactivateEmployeeResult:
        work = _set_active(info, input, active=False)
        return await payload(work, DeactivateEmployeeError, _employee)

    @strawberry.mutation(
        description="Bring a deactivated employee back into service (HR).",
        permission_classes=[IsHR],
    )
    async def reactivate_employee(
        self, info: Info, input: ReactivateEmployeeInput
    ) -> ReactivateEmployeeResult:
        work = _set_active(info, input, active=True)
        return await payload(work, ReactivateEmployeeError, _employee)

    @strawberry.mutation(
        description="Appoint a Plt/Plh for a position over a date range (HR).",
        permission_classes=[IsHR],
    )
    async def create_acting_appointment(
        self, info: Info, input: CreateActingAppointmentInput
    ) -> CreateActingAppointmentResult:
        work = acting.create_acting_appointment(
            position_id=pk(input.position_id, "Position"),
            nip=input.nip,
            kind=input.kind,
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            actor_id=require_principal(info).employee_id,
        )
        return await payload(work, CreateActingAppointmentError, _appointment)

    @strawberry.mutation(
        description="End a Plt/Plh appointment early (HR).", permission_classes=[IsHR]
    )
    async def end_acting_appointment(
        self, info: Info, input: EndActingAppointmentInput
    ) -> EndActingAppointmentResult:
        work = acting.end_acting_appointment(
            appointment_id=pk(input.id, "ActingAppointment"),
            ends_on=input.ends_on,
            actor_id=require_principal(info).employee_id,
        )
        return await payload(work, EndActingAppointmentError, lambda ended: _appointment(*ended))


async def _set_active(
    info: Info, input: DeactivateEmployeeInput | ReactivateEmployeeInput, *, active: bool
) -> EmployeeModel:
    return await staffing.set_employee_active(
        nip=input.nip,
        active=active,
        effective_on=input.effective_on,
        decree_number=input.decree_number,
        note=input.note,
        actor_id=require_principal(info).employee_id,
    )
