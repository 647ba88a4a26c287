"""Generate the Tangsel demo (and benchmark) data set.

``generate`` builds the whole world in memory with ids assigned up front, then writes it table by
table in one transaction (COPY on PostgreSQL). The same (employees, seed, today) always gives the
same data.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from tortoise import connections
from tortoise.transactions import in_transaction

from portal.db import close_db, init_db
from portal.demo.assessments import write_assessments
from portal.demo.catalog import build_catalog, write_courses, write_sessions
from portal.demo.dictionary import write_dictionary
from portal.demo.enrollments import Enroller
from portal.demo.notices import write_notifications
from portal.demo.org import OrgBuilder
from portal.demo.personnel import write_people
from portal.demo.plans import Planner
from portal.demo.positions import set_requirements, write_org, write_position_details
from portal.demo.records import write_enrollments, write_records
from portal.demo.skp import SkpMaker
from portal.demo.staffing import MIN_EMPLOYEES, staff_world
from portal.demo.world import World
from portal.demo.writer import Writer, delete_all, portal_models, table_has_rows
from portal.people.models import Employee
from portal.settings import Settings

JAKARTA = ZoneInfo("Asia/Jakarta")
# Tables the summary line reports, in this order, with their labels.
SUMMARY_TABLES = (
    ("org_unit", "units"), ("position", "positions"), ("competency", "competencies"),
    ("assessment", "assessments"), ("course", "courses"), ("training_session", "sessions"),
    ("training_plan", "plans"), ("enrollment", "enrollments"),
    ("training_record", "training records"), ("skp", "SKPs"), ("skp_result", "SKP results"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What a run of the generator wrote."""

    employees: int
    seed: int
    today: dt.date
    counts: dict[str, int]
    seconds: float

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    def __str__(self) -> str:
        parts = ", ".join(f"{self.counts.get(t, 0):,} {label}" for t, label in SUMMARY_TABLES)
        return (
            f"Demo data loaded (seed {self.seed}, as of {self.today.isoformat()}): "
            f"{self.employees:,} employees, {parts}; {self.rows:,} rows in {self.seconds:.1f} s"
        )


def jakarta_today() -> dt.date:
    """Today's date in Tangsel (WIB)."""
    return dt.datetime.now(JAKARTA).date()


async def generate(*, employees: int, seed: int, today: dt.date | None = None) -> DemoSummary:
    """Fill the (empty) portal tables with a Tangsel-like world. Tortoise must be initialised."""
    if employees < MIN_EMPLOYEES:
        raise ValueError(f"the demo needs at least {MIN_EMPLOYEES} employees, got {employees}")
    started = time.perf_counter()
    tables = [m._meta.db_table for m in portal_models() if m._meta.db_table != "audit_entry"]
    busy = await table_has_rows(connections.get("default"), tables)
    if busy:
        raise RuntimeError(f"demo data goes into empty tables; these have rows: {', '.join(busy)}")

    world = World(random.Random(seed), today or jakarta_today(), employees)
    OrgBuilder(world).build()
    staff_world(world)
    async with in_transaction("default") as connection:
        writer = Writer(connection)
        await write_org(world, writer)
        await write_dictionary(world, writer)
        set_requirements(world)
        await write_position_details(world, writer)
        await write_people(world, writer)
        await write_assessments(world, writer)
        runs = build_catalog(world)
        await write_courses(world, writer, runs)
        planner = Planner(world, runs)
        planner.plan_everyone()
        enroller = Enroller(world, runs, planner)
        enroller.enroll_everyone()
        await planner.write(writer)
        await write_sessions(world, writer, runs)
        await write_enrollments(world, writer, enroller)
        await write_notifications(world, writer, enroller)
        await write_records(world, writer, enroller)
        skp = SkpMaker(world)
        skp.make_all()
        await skp.write(writer)
        await writer.sync_sequences()
    return DemoSummary(
        employees=len(world.people),
        seed=seed,
        today=world.today,
        counts=dict(writer.counts),
        seconds=time.perf_counter() - started,
    )


async def seed_demo_database(
    settings: Settings, *, employees: int = 2000, seed: int = 1, reset: bool = False
) -> str:
    """Load the demo data unless the database already has employees; one line saying what happened.

    ``reset`` empties every portal table first (the migration history stays).
    """
    await init_db(settings)
    try:
        if reset:
            async with in_transaction("default") as connection:
                await delete_all(connection)
        else:
            existing = await Employee.all().count()
            if existing:
                return (
                    f"Demo data not loaded: the database already has {existing:,} employees "
                    "(use --reset to replace everything)."
                )
        return str(await generate(employees=employees, seed=seed))
    finally:
        await close_db()
