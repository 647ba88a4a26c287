"""Assessed competency levels: most requirements assessed, some more than once, about a third
of them unmet, so gap reports and training plans have something to say."""

from __future__ import annotations

import datetime as dt

from portal.competencies.models import Assessment, AssessmentSource
from portal.demo.world import Person, World
from portal.demo.writer import Row, Writer

# How far the assessed level lands from the required one, and how often.
DELTAS = (-2, -1, 0, 1, 2)
DELTA_WEIGHTS = (3, 15, 52, 25, 5)
EVIDENCE = {
    AssessmentSource.ASSESSMENT_CENTER: "Laporan hasil assessment center BKPSDM",
    AssessmentSource.SUPERVISOR: "Penilaian atasan langsung berdasarkan observasi kinerja",
    AssessmentSource.SELF: "Penilaian mandiri melalui Portal ASN",
    AssessmentSource.TEST: "Uji kompetensi teknis berbasis komputer",
}
COLUMNS = (
    "id",
    "employee_id",
    "competency_id",
    "level",
    "assessed_on",
    "source",
    "evidence",
    "recorded_by_id",
    "created_at",
)


class Assessor:
    """Builds assessment rows and records each person's gaps on the way."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.rows: list[Row] = []
        self.managerial = {world.competency_ids[c] for c in world.competency_ids if c[0] != "T"}

    def add(
        self, person: Person, competency_id: int, level: int, day: dt.date, source: AssessmentSource
    ) -> None:
        world = self.world
        if source is AssessmentSource.SUPERVISOR:
            recorder = world.approver(person.post)
        elif source is AssessmentSource.SELF:
            recorder = person
        else:
            recorder = world.rng.choice(world.hr_people)
        evidence = EVIDENCE[source]
        if source is AssessmentSource.ASSESSMENT_CENTER:
            evidence = f"{evidence} tahun {day.year}"
        self.rows.append(
            (
                world.ids.next("assessment"),
                person.id,
                competency_id,
                level,
                day,
                source.value,
                evidence,
                recorder.id if recorder else None,
                world.at(day, 10),
            )
        )

    def assess(self, person: Person) -> None:
        """Latest (and sometimes an earlier) assessment for most of the person's requirements."""
        world = self.world
        rng = world.rng
        today = world.today
        person.gaps = []
        if rng.random() < 0.08:  # new or not yet assessed: every requirement is a gap
            person.gaps = [cid for cid, _ in person.post.requirements]
            return
        # Managerial competencies are assessed together (one assessment-centre day or one
        # supervisor review); technical ones on another day.
        days = {
            True: today - dt.timedelta(days=rng.randint(10, 700)),
            False: today - dt.timedelta(days=rng.randint(10, 700)),
        }
        center = person.post.single or rng.random() < 0.2
        for competency_id, required in person.post.requirements:
            if rng.random() > 0.88:
                person.gaps.append(competency_id)
                continue
            managerial = competency_id in self.managerial
            level = min(5, max(1, required + rng.choices(DELTAS, DELTA_WEIGHTS)[0]))
            source = self._source(managerial, center)
            if rng.random() < 0.2:
                earlier = days[managerial] - dt.timedelta(days=rng.randint(180, 390))
                self.add(person, competency_id, max(1, level - rng.randint(0, 1)), earlier, source)
            self.add(person, competency_id, level, days[managerial], source)
            if level < required:
                person.gaps.append(competency_id)

    def _source(self, managerial: bool, center: bool) -> AssessmentSource:
        roll = self.world.rng.random()
        if managerial:
            if center:
                return AssessmentSource.ASSESSMENT_CENTER
            return AssessmentSource.SUPERVISOR if roll < 0.65 else AssessmentSource.SELF
        if roll < 0.45:
            return AssessmentSource.SUPERVISOR
        return AssessmentSource.TEST if roll < 0.75 else AssessmentSource.SELF

    def assess_siti(self, siti: Person) -> None:
        """Siti: Pelayanan Publik and Asuhan Keperawatan one level short, everything else met."""
        world = self.world
        ids = world.competency_ids
        short = {ids["M.05"], ids["T.KES.01"]}
        review = world.today - dt.timedelta(days=40)
        siti.gaps = []
        for competency_id, required in siti.post.requirements:
            if competency_id in short:
                source = AssessmentSource.SUPERVISOR
                if competency_id == ids["T.KES.01"]:
                    source = AssessmentSource.TEST
                    self.add(
                        siti,
                        competency_id,
                        max(1, required - 1),
                        review - dt.timedelta(days=400),
                        source,
                    )
                self.add(siti, competency_id, max(1, required - 1), review, source)
                siti.gaps.append(competency_id)
            else:
                self.add(siti, competency_id, required, review, AssessmentSource.SUPERVISOR)


async def write_assessments(world: World, writer: Writer) -> None:
    assessor = Assessor(world)
    siti = world.personas["siti"]
    for person in world.people:
        if person is siti:
            assessor.assess_siti(person)
        else:
            assessor.assess(person)
    await writer.write(Assessment, COLUMNS, assessor.rows)
