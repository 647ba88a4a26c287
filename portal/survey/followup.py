"""Follow-up actions (tindak lanjut): feedback turned into work with an owner, due date and status.

HR or the head of the unit creates and changes actions; the owner may report progress (status
and evidence) on their own. Every change is one conditional UPDATE on the status it read (two
people moving one action at once get one winner and a CONFLICT), a history row, an audit entry
and, when someone else is affected, a notification to the owner.

Allowed moves: OPEN -> IN_PROGRESS | DONE | CANCELLED; IN_PROGRESS -> OPEN | DONE | CANCELLED;
DONE -> IN_PROGRESS (reopened). CANCELLED is final. DONE needs evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tortoise.expressions import Q

from portal.audit.service import record
from portal.errors import PermissionDeniedError
from portal.events import Event, emit, transaction
from portal.notifications.service import notify
from portal.people.models import Employee, OrgUnit
from portal.survey.access import can_manage_unit
from portal.survey.elements import BY_CODE
from portal.survey.errors import FollowUpError
from portal.survey.errors import FollowUpErrorCode as Code
from portal.survey.models import (
    FollowUpAction,
    FollowUpEvent,
    FollowUpSource,
    FollowUpStatus,
    SurveyResponse,
    SurveyService,
)
from portal.survey.results import Window
from portal.survey.service import clean_text

if TYPE_CHECKING:
    from portal.auth.principal import Principal

S = FollowUpStatus
MOVES: dict[FollowUpStatus, frozenset[FollowUpStatus]] = {
    S.OPEN: frozenset({S.IN_PROGRESS, S.DONE, S.CANCELLED}),
    S.IN_PROGRESS: frozenset({S.OPEN, S.DONE, S.CANCELLED}),
    S.DONE: frozenset({S.IN_PROGRESS}),
    S.CANCELLED: frozenset(),
}
LIVE = (S.OPEN, S.IN_PROGRESS)
MAX_TEXT = 4000
MAX_SOURCES = 50
TOPIC = "survey.follow_up.changed"


def _text(value: str, field: str, limit: int = MAX_TEXT) -> str:
    text = clean_text(value)
    if len(text) > limit:
        raise FollowUpError(Code.INVALID_TEXT, f"Paling banyak {limit} karakter.", field=field)
    return text


def _title(value: str) -> str:
    title = " ".join(clean_text(value).split())
    if not 3 <= len(title) <= 200:
        raise FollowUpError(Code.INVALID_TITLE, "Judul 3-200 karakter.", field="title")
    return title


def _snapshot(action: FollowUpAction) -> dict[str, Any]:
    return {
        "status": str(action.status),
        "owner_id": action.owner_id,
        "due_on": action.due_on.isoformat(),
        "title": action.title,
        "evidence": action.evidence,
    }


async def create_action(
    *,
    principal: Principal,
    unit_id: int | None,
    service_id: int | None,
    title: str,
    description: str,
    owner_id: int,
    due_on: dt.date,
    element: str | None,
    response_ids: Sequence[int],
    today: dt.date,
) -> FollowUpAction:
    """Record a follow-up action for a unit (or one of its services) and tell the owner."""
    service = None
    if service_id is not None:
        service = await SurveyService.get_or_none(id=service_id)
        if service is None:
            raise FollowUpError(Code.SERVICE_NOT_FOUND, "Layanan tidak ditemukan.", "serviceId")
        unit_id = service.unit_id
    if unit_id is None or not await OrgUnit.exists(id=unit_id):
        raise FollowUpError(Code.UNIT_NOT_FOUND, "Pilih unit atau layanan.", field="unitId")
    if not await can_manage_unit(principal, unit_id):
        raise PermissionDeniedError("not a manager of this unit")
    owner = await Employee.get_or_none(id=owner_id, active=True)
    if owner is None:
        raise FollowUpError(Code.OWNER_NOT_FOUND, "Penanggung jawab tidak ditemukan.", "ownerId")
    if element is not None and element not in BY_CODE:
        raise FollowUpError(Code.INVALID_ELEMENT, "Unsur harus U1-U9.", field="element")
    if due_on < today:
        raise FollowUpError(
            Code.INVALID_DUE_DATE, "Tenggat tidak boleh sebelum hari ini.", field="dueOn"
        )
    sources = sorted(set(response_ids))
    if len(sources) > MAX_SOURCES:
        raise FollowUpError(
            Code.INVALID_RESPONSES, f"Paling banyak {MAX_SOURCES} tanggapan.", "responseIds"
        )
    if sources:
        found = SurveyResponse.filter(id__in=sources)
        found = found.filter(service_id=service.id) if service else found.filter(unit_id=unit_id)
        if await found.count() != len(sources):
            raise FollowUpError(
                Code.INVALID_RESPONSES,
                "Tanggapan bukan untuk unit atau layanan ini.",
                "responseIds",
            )
    async with transaction():
        action = await FollowUpAction.create(
            unit_id=unit_id,
            service_id=service.id if service else None,
            element=element,
            title=_title(title),
            description=_text(description, "description"),
            owner_id=owner.id,
            due_on=due_on,
            created_by_id=principal.employee_id,
        )
        if sources:
            await FollowUpSource.bulk_create(
                [FollowUpSource(action_id=action.id, response_id=r) for r in sources]
            )
        await FollowUpEvent.create(action=action, to_status=S.OPEN, actor_id=principal.employee_id)
        await record(
            action="survey.follow_up.create",
            actor_id=principal.employee_id,
            actor_label=principal.name,
            object_type="FollowUpAction",
            object_id=action.id,
            after=_snapshot(action) | {"sources": sources},
        )
        if owner.id != principal.employee_id:
            await notify(
                recipient_ids=[owner.id],
                kind="survey.follow_up.assigned",
                title=f"Tindak lanjut survei untuk Anda: {action.title}",
                body=f"Tenggat {due_on:%d-%m-%Y}.",
                refs={"followUpAction": action.id},
            )
        emit(Event(TOPIC, {"action": action.id, "unit": unit_id}))
    return action


async def update_action(
    *,
    principal: Principal,
    action_id: int,
    status: FollowUpStatus | None = None,
    evidence: str | None = None,
    note: str = "",
    title: str | None = None,
    owner_id: int | None = None,
    due_on: dt.date | None = None,
) -> FollowUpAction:
    """Move an action and/or record evidence; managers may also re-assign, rename, re-date."""
    action = await FollowUpAction.get_or_none(id=action_id)
    if action is None:
        raise PermissionDeniedError("no such action")  # a missing action looks like another's
    manager = await can_manage_unit(principal, action.unit_id)
    if not manager and action.owner_id != principal.employee_id:
        raise PermissionDeniedError("not a manager of this unit nor the owner")
    if not manager and (title is not None or owner_id is not None or due_on is not None):
        raise PermissionDeniedError("owners report progress; the unit manages the action")
    before, read_status = _snapshot(action), action.status
    if status is not None and status != action.status:
        if status not in MOVES[action.status]:
            raise FollowUpError(
                Code.INVALID_TRANSITION,
                f"Status {action.status} tidak dapat diubah menjadi {status}.",
                field="status",
            )
        action.status = status
        action.completed_at = dt.datetime.now(dt.UTC) if status is S.DONE else None
    if evidence is not None:
        action.evidence = _text(evidence, "evidence")
    if action.status is S.DONE and not action.evidence:
        raise FollowUpError(
            Code.EVIDENCE_REQUIRED, "Lampirkan bukti sebelum menandai selesai.", field="evidence"
        )
    if title is not None:
        action.title = _title(title)
    if owner_id is not None and owner_id != action.owner_id:
        if not await Employee.exists(id=owner_id, active=True):
            raise FollowUpError(
                Code.OWNER_NOT_FOUND, "Penanggung jawab tidak ditemukan.", "ownerId"
            )
        action.owner_id = owner_id
    if due_on is not None:
        action.due_on = due_on
    if _snapshot(action) == before and not note.strip():
        return action  # nothing to record
    async with transaction():
        changed = await FollowUpAction.filter(id=action.id, status=read_status).update(
            status=action.status,
            completed_at=action.completed_at,
            evidence=action.evidence,
            title=action.title,
            owner_id=action.owner_id,
            due_on=action.due_on,
            updated_at=dt.datetime.now(dt.UTC),
        )
        if changed != 1:
            raise FollowUpError(
                Code.CONFLICT, "Tindak lanjut ini baru saja diubah orang lain. Muat ulang.", None
            )
        after = _snapshot(action)
        await FollowUpEvent.create(
            action_id=action.id,
            from_status=read_status,
            to_status=action.status,
            note=_text(note, "note", 1000),
            changes={k: after[k] for k in after if after[k] != before[k]},
            actor_id=principal.employee_id,
        )
        await record(
            action="survey.follow_up.update",
            actor_id=principal.employee_id,
            actor_label=principal.name,
            object_type="FollowUpAction",
            object_id=action.id,
            before=before,
            after=after,
        )
        if action.owner_id != principal.employee_id:
            await notify(
                recipient_ids=[action.owner_id],
                kind="survey.follow_up.changed",
                title=f"Tindak lanjut diperbarui: {action.title}",
                body=f"Status: {action.status}. Tenggat {action.due_on:%d-%m-%Y}.",
                refs={"followUpAction": action.id},
            )
        emit(Event(TOPIC, {"action": action.id, "unit": action.unit_id}))
    return await FollowUpAction.get(id=action.id)


def is_overdue(action: FollowUpAction, today: dt.date) -> bool:
    """Still open (or in progress) after its due date."""
    return action.status in LIVE and action.due_on < today


async def list_actions(
    *,
    principal: Principal,
    unit_paths: tuple[str, ...] | None,
    unit_id: int | None = None,
    service_id: int | None = None,
    statuses: Sequence[FollowUpStatus] = (),
    overdue_on: dt.date | None = None,
    owned_by_me: bool = False,
    offset: int = 0,
    limit: int = 20,
) -> tuple[list[FollowUpAction], int]:
    """Actions the principal may see (``unit_paths`` None: every unit), soonest due first.

    Without a manager scope only the principal's own actions are listed. ``overdue_on`` keeps
    live actions due before that day.
    """
    query = FollowUpAction.all()
    if owned_by_me or unit_paths == ():
        query = query.filter(owner_id=principal.employee_id)
    elif unit_paths is not None:
        subtrees = Q(*(Q(path__startswith=p) for p in unit_paths), join_type="OR")
        query = query.filter(
            unit_id__in=await OrgUnit.filter(subtrees).values_list("id", flat=True)
        )
    if unit_id is not None:
        unit = await OrgUnit.get_or_none(id=unit_id).only("id", "path")
        subtree = OrgUnit.filter(path__startswith=unit.path) if unit else OrgUnit.filter(id=0)
        query = query.filter(unit_id__in=await subtree.values_list("id", flat=True))
    if service_id is not None:
        query = query.filter(service_id=service_id)
    if statuses:
        query = query.filter(status__in=list(statuses))
    if overdue_on is not None:
        query = query.filter(status__in=list(LIVE), due_on__lt=overdue_on)
    total = await query.count()
    rows = await query.order_by("due_on", "id").offset(offset).limit(limit)
    return list(rows), total


IMPACT_DAYS = 90  # the window of responses before an action and after its completion


def impact_windows(action: FollowUpAction) -> tuple[Window, Window | None]:
    """The 90 days before the action was recorded, and the 90 days after it was done."""
    span = dt.timedelta(days=IMPACT_DAYS)
    before = Window(action.unit_id, action.service_id, action.created_at - span, action.created_at)
    if action.status is not S.DONE or action.completed_at is None:
        return before, None
    done = action.completed_at
    return before, Window(action.unit_id, action.service_id, done, done + span)
