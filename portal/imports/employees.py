"""Importing employees: upsert by NIP; position and unit by code; history for every change."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from portal import events
from portal.audit.snapshot import snapshot
from portal.events import Event
from portal.imports.csvfile import Layout, Row, chunks
from portal.imports.writing import BATCH, audit_rows, ids_by
from portal.people.changes import EMPLOYEE_FIELDS, today
from portal.people.errors import PeopleError
from portal.people.models import ChangeKind, Employee, EmploymentHistory, OrgUnit, Position
from portal.people.nip import EmploymentType, Gender
from portal.people.ranks import Rank
from portal.people.staffing import EMPLOYEE_CHANGED, check_identity, check_rank

LAYOUT = Layout(
    required=("nip", "employment_type", "name", "rank"),
    optional=(
        "front_title",
        "back_title",
        "gender",
        "position_code",
        "unit_code",
        "email",
        "phone",
        "effective_on",
        "decree_number",
    ),
)
UPDATABLE = (
    "name",
    "front_title",
    "back_title",
    "gender",
    "rank",
    "position_id",
    "unit_id",
    "email",
    "phone",
)
_GENDERS = {
    "MALE": Gender.MALE,
    "L": Gender.MALE,
    "LAKI_LAKI": Gender.MALE,
    "PRIA": Gender.MALE,
    "1": Gender.MALE,
    "FEMALE": Gender.FEMALE,
    "P": Gender.FEMALE,
    "PEREMPUAN": Gender.FEMALE,
    "WANITA": Gender.FEMALE,
    "2": Gender.FEMALE,
}


@dataclass(slots=True)
class EmployeeRow:
    row: Row
    nip: str
    values: dict[str, Any]
    effective_on: dt.date
    decree_number: str
    changes: dict[str, Any] = field(default_factory=dict)


def parse_rank(raw: str, employment_type: EmploymentType) -> Rank | None:
    """``III/a``, ``III_A`` (PNS); ``IX``, ``PPPK IX`` (PPPK)."""
    key = raw.strip().upper().replace("/", "_").replace(" ", "_").replace("-", "_")
    if employment_type is EmploymentType.PPPK and not key.startswith("PPPK_"):
        key = f"PPPK_{key}"
    return Rank.__members__.get(key)


class EmployeeImporter:
    """Plan (read only) then apply (bulk writes) an employees file."""

    layout = LAYOUT

    def __init__(self) -> None:
        self.created = self.updated = self.unchanged = 0
        self.items: list[EmployeeRow] = []
        self.existing: dict[str, Employee] = {}

    async def plan(self, rows: list[Row]) -> None:
        self.units = {u.code: u for u in await OrgUnit.all()}
        self.units_by_id = {u.id: u for u in self.units.values()}
        codes = sorted({r.cells.get("position_code", "").strip() for r in rows} - {""})
        self.positions: dict[str, Position] = {}
        for part in chunks(codes):
            self.positions.update({p.code: p for p in await Position.filter(code__in=part)})
        first_row: dict[str, int] = {}
        for row in rows:
            item = self._read(row, first_row)
            if item is not None:
                self.items.append(item)
        for part in chunks([i.nip for i in self.items]):
            self.existing.update({e.nip: e for e in await Employee.filter(nip__in=part)})
        await self._check_emails()
        for item in self.items:
            current = self.existing.get(item.nip)
            if current is not None and current.employment_type != item.values["employment_type"]:
                item.row.error(
                    "employment_type", "jenis kepegawaian tidak dapat diubah lewat impor"
                )
            if not item.row.ok:  # the counts say what the clean rows would do
                continue
            if current is None:
                self.created += 1
                continue
            item.changes = {
                k: v for k, v in item.values.items() if k in UPDATABLE and getattr(current, k) != v
            }
            if item.changes:
                self.updated += 1
            else:
                self.unchanged += 1

    def _read(self, row: Row, first_row: dict[str, int]) -> EmployeeRow | None:
        kind = row.choice("employment_type", EmploymentType)
        gender = self._gender(row)
        name = row.text("name", required=True, max_length=150)
        raw_nip = row.cells.get("nip", "")
        if kind is None:
            return None
        try:
            who = check_identity(raw_nip, kind, gender)
        except PeopleError as error:
            row.error(error.field or "nip", error.message)
            return None
        if gender is not None and gender != who.gender:
            row.error("gender", "jenis kelamin tidak sesuai dengan NIP")
        rank = parse_rank(row.text("rank", required=True), kind)
        if rank is None:
            row.error("rank", "golongan tidak dikenal (contoh: III/a untuk PNS, IX untuk PPPK)")
        else:
            try:
                check_rank(rank, kind)
            except PeopleError as error:
                row.error("rank", error.message)
        values: dict[str, Any] = {
            "employment_type": kind,
            "name": name,
            "gender": who.gender,
            "birth_date": who.nip.birth_date,
            "rank": rank,
        }
        for column, limit in (("front_title", 40), ("back_title", 60), ("phone", 32)):
            if row.has(column):
                values[column] = row.text(column, max_length=limit)
        self._placement(row, values)
        if row.has("email"):
            values["email"] = self._email(row)
        effective_on = row.date("effective_on", required=False) or today()
        if effective_on > today():
            row.error("effective_on", "TMT tidak boleh di masa depan")
        if who.nip.value in first_row:
            row.error("nip", f"NIP sama dengan baris {first_row[who.nip.value]}")
            return None
        first_row[who.nip.value] = row.number
        decree = row.text("decree_number", max_length=100)
        return EmployeeRow(row, who.nip.value, values, effective_on, decree)

    @staticmethod
    def _gender(row: Row) -> Gender | None:
        raw = row.cells.get("gender", "").strip().upper().replace("-", "_").replace(" ", "_")
        if not raw:
            return None
        if raw not in _GENDERS:
            row.error("gender", "jenis kelamin tidak dikenal (MALE/FEMALE, L/P)")
        return _GENDERS.get(raw)

    def _placement(self, row: Row, values: dict[str, Any]) -> None:
        position = unit = None
        position_code = row.text("position_code", max_length=48)
        unit_code = row.text("unit_code", max_length=32)
        if position_code:
            position = self.positions.get(position_code)
            if position is None:
                row.error("position_code", f"jabatan {position_code!r} tidak ditemukan")
            elif not position.active:
                row.error("position_code", f"jabatan {position_code!r} sudah ditutup")
        if unit_code:
            unit = self.units.get(unit_code)
            if unit is None:
                row.error("unit_code", f"unit {unit_code!r} tidak ditemukan")
            elif not unit.active:
                row.error("unit_code", f"unit {unit_code!r} sudah ditutup")
        elif position is not None:
            unit = self.units_by_id.get(position.unit_id)
        elif not position_code:
            row.error("unit_code", "isi unit_code atau position_code")
        if position is not None and unit is not None:
            home = self.units_by_id[position.unit_id]
            if not home.path.startswith(unit.path):
                row.error(
                    "position_code", f"jabatan tidak berada di unit {unit.code} atau sub-unitnya"
                )
        values["position_id"] = position.id if position else None
        values["unit_id"] = unit.id if unit else None

    @staticmethod
    def _email(row: Row) -> str | None:
        email = row.text("email", max_length=254).lower()
        if not email:
            return None
        local, _, domain = email.partition("@")
        if not local or "." not in domain or " " in email:
            row.error("email", "alamat e-mail tidak valid")
        return email

    async def _check_emails(self) -> None:
        owners: dict[str, str] = {}
        for item in self.items:
            email = item.values.get("email")
            if not email:
                continue
            if email in owners:
                item.row.error("email", f"e-mail sama dengan NIP {owners[email]} di berkas ini")
            owners.setdefault(email, item.nip)
        for part in chunks(sorted(owners)):
            for email, nip in await Employee.filter(email__in=part).values_list("email", "nip"):
                if owners[email] != nip:
                    row = next(i.row for i in self.items if i.values.get("email") == email)
                    row.error("email", "e-mail sudah dipakai pegawai lain")

    async def apply(self, *, actor_id: int | None) -> None:
        new = [i for i in self.items if i.nip not in self.existing]
        await Employee.bulk_create([Employee(nip=i.nip, **i.values) for i in new], batch_size=BATCH)
        ids = await ids_by(Employee, "nip", [i.nip for i in new])
        changed = [i for i in self.items if i.changes]
        history: list[EmploymentHistory] = []
        audits: list[tuple[object, dict[str, Any] | None, dict[str, Any]]] = []
        for item in new:
            employee = Employee(id=ids[item.nip], nip=item.nip, active=True, **item.values)
            history.append(_history(ChangeKind.HIRE, employee, None, item, actor_id))
            audits.append((employee.id, None, snapshot(employee, EMPLOYEE_FIELDS)))
        rows = []
        for item in changed:
            employee = self.existing[item.nip]
            before = snapshot(employee, EMPLOYEE_FIELDS)
            for key, value in item.changes.items():
                setattr(employee, key, value)
            employee.updated_at = dt.datetime.now(dt.UTC)
            rows.append(employee)
            if "rank" in item.changes:
                lower = Rank(employee.rank).order < Rank(before["rank"]).order
                kind = ChangeKind.DEMOTION if lower else ChangeKind.PROMOTION
                history.append(_history(kind, employee, before, item, actor_id))
            if {"position_id", "unit_id"} & set(item.changes):
                history.append(_history(ChangeKind.TRANSFER, employee, before, item, actor_id))
            audits.append((employee.id, before, snapshot(employee, EMPLOYEE_FIELDS)))
            events.emit(Event(EMPLOYEE_CHANGED, {"employee": employee.id}))
        # One UPDATE ... CASE per changed column only: a file that raises every rank rewrites
        # the rank, not ten columns of ten thousand rows.
        by_fields: dict[tuple[str, ...], list[Employee]] = {}
        for item, employee in zip(changed, rows, strict=True):
            by_fields.setdefault(tuple(sorted(item.changes)), []).append(employee)
        for fields, group in by_fields.items():
            await Employee.bulk_update(group, fields=[*fields, "updated_at"], batch_size=BATCH)
        await EmploymentHistory.bulk_create(history, batch_size=BATCH)
        await audit_rows("employee.import", "Employee", audits, actor_id=actor_id)


def _history(
    kind: ChangeKind,
    employee: Employee,
    before: dict[str, Any] | None,
    item: EmployeeRow,
    actor_id: int | None,
) -> EmploymentHistory:
    before = before or {}
    return EmploymentHistory(
        employee_id=employee.id,
        kind=kind,
        effective_on=item.effective_on,
        position_id=employee.position_id,
        unit_id=employee.unit_id,
        rank=employee.rank,
        active=employee.active,
        previous_position_id=before.get("position_id"),
        previous_unit_id=before.get("unit_id"),
        previous_rank=before.get("rank"),
        decree_number=item.decree_number,
        note="Impor CSV",
        recorded_by_id=actor_id,
    )
