"""Demo survey data: services of Disdukcapil, DPMPTSP, RSU and a Puskesmas, six months of
plausible answers, and follow-up actions (one done, whose next 90 days answer better).

Runs after the demo world exists (``portal seed --survey``; ``portal demo`` runs it too) and only
into an empty survey: it reads the units by their short names and writes through the ORM.
Seeded, so the same seed and day give the same answers.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from tortoise.transactions import in_transaction

from portal.people.models import Employee, OrgUnit, Role, RoleGrant, UnitKind
from portal.survey.models import (
    AgeBand,
    Education,
    FollowUpAction,
    FollowUpEvent,
    FollowUpStatus,
    Occupation,
    RespondentGender,
    SurveyResponse,
    SurveyService,
)

DAYS = 180


@dataclass(frozen=True, slots=True)
class DemoService:
    unit: str  # short name of the unit, or "PUSKESMAS" for the first Puskesmas
    name: str
    code: str
    means: tuple[float, ...]  # typical answer per element U1..U9 (1-4)
    per_day: float  # responses a day


SERVICES = (
    DemoService("Disdukcapil", "Perekaman KTP-el", "capil-ktp-el",
                (3.3, 3.1, 2.5, 3.9, 3.3, 3.4, 3.5, 2.9, 3.0), 1.2),
    DemoService("Disdukcapil", "Akta Kelahiran", "capil-akta-lahir",
                (3.4, 3.3, 3.1, 3.9, 3.4, 3.4, 3.6, 3.2, 3.1), 0.5),
    DemoService("DPMPTSP", "Perizinan Berusaha (NIB)", "dpmptsp-nib",
                (3.2, 2.8, 3.0, 3.8, 3.3, 3.4, 3.5, 3.4, 3.0), 0.5),
    DemoService("DPMPTSP", "Persetujuan Bangunan Gedung", "dpmptsp-pbg",
                (3.0, 2.6, 2.7, 3.2, 3.1, 3.3, 3.4, 3.3, 2.9), 0.3),
    DemoService("RSU Tangsel", "Rawat Jalan", "rsu-rawat-jalan",
                (3.3, 3.2, 2.8, 3.5, 3.3, 3.6, 3.3, 2.7, 3.1), 0.9),
    DemoService("PUSKESMAS", "Imunisasi Anak", "pkm-imunisasi",
                (3.5, 3.4, 3.3, 4.0, 3.5, 3.5, 3.7, 3.2, 3.3), 0.4),
)  # fmt: skip
SUGGESTIONS = (
    "Antrean terlalu lama, mohon tambah loket pada jam sibuk.",
    "Petugas ramah dan cepat, terima kasih.",
    "Ruang tunggu panas, AC tidak menyala.",
    "Informasi persyaratan di situs web belum lengkap.",
    "Nomor antrean daring sering penuh sejak pagi.",
    "Tempat parkir sempit.",
    "Pelayanan sudah baik, pertahankan.",
    "Mohon disediakan kursi prioritas untuk lansia dan ibu hamil.",
    "Pengaduan lewat WhatsApp tidak dibalas.",
    "Prosedur berbelit, harus bolak-balik dua kali.",
)
# (service code, element, title, status, days since created, days since done, due in days)
ACTIONS = (
    ("capil-ktp-el", "U3", "Buka loket perekaman tambahan dan antrean daring pada jam sibuk",
     FollowUpStatus.DONE, 150, 95, -100),
    ("rsu-rawat-jalan", "U8", "Perbaikan pendingin ruangan di ruang tunggu poliklinik",
     FollowUpStatus.IN_PROGRESS, 40, None, 20),
    ("dpmptsp-pbg", "U2", "Sederhanakan alur PBG dan terbitkan panduan langkah demi langkah",
     FollowUpStatus.OPEN, 30, None, -5),
)  # fmt: skip


def _answer(rng: random.Random, mean: float) -> int:
    return max(1, min(4, round(rng.gauss(mean, 0.55))))


async def _units() -> dict[str, OrgUnit]:
    found = {u.short_name: u for u in await OrgUnit.filter(short_name__in=[
        "Disdukcapil", "DPMPTSP", "RSU Tangsel"])}  # fmt: skip
    puskesmas = await OrgUnit.filter(kind=UnitKind.PUSKESMAS).order_by("code").first()
    if puskesmas is not None:
        found["PUSKESMAS"] = puskesmas
    return found


async def _owner(unit: OrgUnit) -> Employee | None:
    """The unit head (a UNIT_HEAD grant on it or above), else someone working in it."""
    grant = await RoleGrant.filter(role=Role.UNIT_HEAD, unit_id=unit.id).first()
    if grant is not None:
        return await Employee.get(id=grant.employee_id)
    inside = await OrgUnit.filter(path__startswith=unit.path).values_list("id", flat=True)
    return await Employee.filter(unit_id__in=inside, active=True).order_by("id").first()


async def seed_survey(*, seed: int = 1, today: dt.date) -> str:
    """Write the demo survey into an empty survey; one line saying what happened."""
    if await SurveyService.exists():
        return "Survey demo data not loaded: there are survey services already."
    units = await _units()
    rng = random.Random(seed)
    now = dt.datetime.combine(today, dt.time(10), dt.UTC)
    counts = {"services": 0, "responses": 0, "actions": 0}
    async with in_transaction("default"):
        services: dict[str, SurveyService] = {}
        for spec in SERVICES:
            unit = units.get(spec.unit)
            if unit is None:
                continue
            service = await SurveyService.create(unit=unit, name=spec.name, code=spec.code)
            services[spec.code] = service
            counts["services"] += 1
            rows = []
            for day in range(DAYS, 0, -1):
                # The KTP-el counter improved after its follow-up (done 95 days ago).
                better = spec.code == "capil-ktp-el" and day < 95
                for _ in range(int(spec.per_day) + (rng.random() < spec.per_day % 1)):
                    at = now - dt.timedelta(days=day, minutes=rng.randrange(0, 8 * 60))
                    means = [
                        m + (0.9 if better and i == 2 else 0) for i, m in enumerate(spec.means)
                    ]
                    rows.append(_response(rng, service, at, means))
            await SurveyResponse.bulk_create(rows, batch_size=500)
            counts["responses"] += len(rows)
        hr = await RoleGrant.filter(role=Role.HR).order_by("id").first()
        for code, element, title, status, created, done, due in ACTIONS:
            service = services.get(code)
            owner = await _owner(await service.unit) if service else None
            if service is None or owner is None:
                continue
            await _action(service, owner, hr.employee_id if hr else None, now,
                          (element, title, status, created, done, due))  # fmt: skip
            counts["actions"] += 1
    return (
        f"Survey demo data loaded: {counts['services']} services, {counts['responses']:,} "
        f"responses, {counts['actions']} follow-up actions."
    )


def _response(
    rng: random.Random, service: SurveyService, at: dt.datetime, means: list[float]
) -> SurveyResponse:
    answers = {f"u{i + 1}": _answer(rng, m) for i, m in enumerate(means)}
    profile = rng.random() < 0.7
    return SurveyResponse(
        service_id=service.id,
        unit_id=service.unit_id,
        submitted_at=at,
        suggestion=rng.choice(SUGGESTIONS) if rng.random() < 0.2 else "",
        gender=rng.choice(list(RespondentGender)) if profile else None,
        age_band=rng.choice(list(AgeBand)[1:]) if profile else None,
        education=rng.choice(list(Education)[2:5]) if profile else None,
        occupation=rng.choice(list(Occupation)) if profile else None,
        **answers,
    )


async def _action(
    service: SurveyService,
    owner: Employee,
    creator_id: int | None,
    now: dt.datetime,
    spec: tuple[str, str, FollowUpStatus, int, int | None, int],
) -> None:
    element, title, status, created, done, due = spec
    created_at = now - dt.timedelta(days=created)
    completed_at = now - dt.timedelta(days=done) if done is not None else None
    action = await FollowUpAction.create(
        unit_id=service.unit_id, service=service, element=element, title=title,
        description="Dari saran masyarakat pada survei kepuasan.", owner=owner,
        due_on=(now + dt.timedelta(days=due)).date(), status=status,
        evidence="Foto loket baru dan SK penambahan jam layanan." if done is not None else "",
        created_by_id=creator_id, completed_at=completed_at,
    )  # fmt: skip
    # auto_now_add stamps "now"; the story needs the real dates.
    await FollowUpAction.filter(id=action.id).update(created_at=created_at)
    await FollowUpEvent.create(action=action, to_status=FollowUpStatus.OPEN, actor_id=creator_id)
    if status is not FollowUpStatus.OPEN:
        await FollowUpEvent.create(
            action=action, from_status=FollowUpStatus.OPEN, to_status=status, actor_id=owner.id,
            changes={"status": str(status)},
        )  # fmt: skip
