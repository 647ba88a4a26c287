"""The registry of facts: base FROM/JOIN SQL, the measures each computes and its dimensions.

Every fact describes the *current workforce*: only active employees count, with what they did.
A measure may live in several facts with the same meaning (HEADCOUNT: employees, or holders of
positions); the builder answers a report from the first fact, in ``FACT_ORDER``, that has every
measure and every dimension asked for.

Rules taken from the domain:

- Latest assessment: newest ``assessed_on``, then highest id (``latest_per_competency``): the
  ``competency_current`` table the database keeps (``reports.maintained``); unassessed counts
  as level 0 and a gap is never negative (``GapItem.gap``).
- ABK need per position: sum(yearly volume x standard minutes) / effective minutes; positions
  without ABK inputs have no known need: REQUIRED_HEADCOUNT counts them as 0 (as the
  ``Position.requiredHeadcount`` field does), STAFFING_GAP leaves them out.
- JP per employee and year: the ``training_jp_year`` table the database keeps.
- Approval time: the request event (nothing -> REQUESTED) to the final decision event
  (REQUESTED -> WAITLISTED, ENROLLED or REJECTED); intermediate approval steps and cancellations
  are not decisions. Both times are kept on the enrollment (``approval_requested_at``,
  ``approval_decided_at``) by triggers on ``enrollment_event``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from portal.reports.catalog import Dimension as D
from portal.reports.catalog import Fact, Measure
from portal.reports.dimensions import Columns
from portal.reports.sql import Statement
from portal.training.models import YEARLY_JP_RIGHT

Expr = str | Callable[[Statement], str]


@dataclass(frozen=True, slots=True)
class MeasureSql:
    agg: str  # COUNT, SUM, SUM0 (0 when empty), AVG, MAX, SHARE (100 x AVG), DISTINCT, MEDIAN
    expr: Expr = ""  # per-row input
    joins: tuple[str, ...] = ()
    # AVG and SHARE over rows that each stand for several: sum(expr) / sum(per), not / count.
    per: str = ""


@dataclass(frozen=True, slots=True)
class FactSql:
    fact: Fact
    source: str  # FROM clause: the joins every row needs
    where: str  # conditions every row meets
    columns: Columns
    person: str  # per-row input of the group's number of people (suppression)
    people_agg: str  # how ``person`` adds up: DISTINCT or SUM
    measures: dict[Measure, MeasureSql]
    dimensions: frozenset[D]
    joins: dict[str, str] = field(default_factory=dict)  # optional joins, in dependency order
    ctes: tuple[str, ...] = ()
    years: str | None = None  # how a list of years restricts rows: "record", "date", "cte"
    # Internal source of a public fact: same meaning, read from a maintained summary.
    variant: bool = False


def _unit_joins(column: str) -> dict[str, str]:
    # ``{unit_group}`` is the unit -> ancestor table the builder renders (``sql.unit_groups``).
    return {"unit_group": f"JOIN {{unit_group}} ug ON ug.unit_id = {column}"}


_PEOPLE_DIMS = frozenset(
    {D.UNIT, D.POSITION, D.POSITION_KIND, D.POSITION_LEVEL, D.RANK, D.EMPLOYMENT_TYPE, D.GENDER,
     D.AGE_BAND}
)  # fmt: skip
_EMPLOYEE_POSITION = {"position": "LEFT JOIN position p ON p.id = e.position_id"}

EMPLOYEES = FactSql(
    fact=Fact.EMPLOYEES,
    source="employee e",
    where="e.active",
    columns=Columns(unit="e.unit_id", position="e.position_id"),
    person="1",
    people_agg="SUM",
    measures={Measure.HEADCOUNT: MeasureSql("COUNT")},
    dimensions=_PEOPLE_DIMS,
    joins=_EMPLOYEE_POSITION | _unit_joins("e.unit_id"),
)

_HOLDERS = "COALESCE(hc.n, 0)"
_REQUIRED = "(wl.minutes * 1.0 / p.effective_minutes)"
POSITIONS = FactSql(
    fact=Fact.POSITIONS,
    source="position p"
    " LEFT JOIN (SELECT x.position_id, COUNT(*) AS n FROM employee x"
    " WHERE x.active AND x.position_id IS NOT NULL GROUP BY x.position_id) hc"
    " ON hc.position_id = p.id"
    " LEFT JOIN (SELECT w.position_id, SUM(w.yearly_volume * w.standard_minutes) AS minutes"
    " FROM position_workload w GROUP BY w.position_id) wl ON wl.position_id = p.id",
    where="p.active",
    columns=Columns(unit="p.unit_id", position="p.id"),
    person=_HOLDERS,
    people_agg="SUM",
    measures={
        Measure.HEADCOUNT: MeasureSql("SUM0", _HOLDERS),
        Measure.REQUIRED_HEADCOUNT: MeasureSql("SUM0", _REQUIRED),
        Measure.STAFFING_GAP: MeasureSql("SUM", f"({_REQUIRED} - {_HOLDERS})"),
        Measure.POSITIONS_WITHOUT_ABK: MeasureSql(
            "SUM0", "CASE WHEN wl.minutes IS NULL THEN 1 ELSE 0 END"
        ),
    },
    dimensions=frozenset({D.UNIT, D.POSITION, D.POSITION_KIND, D.POSITION_LEVEL}),
    joins={"position": ""} | _unit_joins("p.unit_id"),
)

_ASSESSED = "COALESCE(la.level, 0)"
_GAP = f"CASE WHEN r.level > {_ASSESSED} THEN r.level - {_ASSESSED} ELSE 0 END"
COMPETENCIES = FactSql(
    fact=Fact.COMPETENCIES,
    source="employee e"
    " JOIN position_requirement r ON r.position_id = e.position_id"
    " LEFT JOIN competency_current la"
    " ON la.employee_id = e.id AND la.competency_id = r.competency_id",
    where="e.active",
    columns=Columns(unit="e.unit_id", position="e.position_id"),
    person="e.id",
    people_agg="DISTINCT",
    measures={
        Measure.AVG_COMPETENCY_GAP: MeasureSql("AVG", _GAP),
        Measure.MAX_COMPETENCY_GAP: MeasureSql("MAX", _GAP),
        Measure.JOB_PERSON_MATCH: MeasureSql(
            "SHARE", f"CASE WHEN {_ASSESSED} >= r.level THEN 1 ELSE 0 END"
        ),
        Measure.EMPLOYEES_WITH_GAP: MeasureSql(
            "DISTINCT", f"CASE WHEN {_ASSESSED} < r.level THEN e.id END"
        ),
    },
    dimensions=_PEOPLE_DIMS | {D.COMPETENCY, D.COMPETENCY_GROUP},
    joins=_EMPLOYEE_POSITION
    | {"competency": "JOIN competency c ON c.id = r.competency_id"}
    | _unit_joins("e.unit_id"),
)

# The same measures from one row per employee (``competency_summary``, kept by the database):
# what a report without a competency dimension or filter reads; averages and shares weighted
# by the employee's number of requirements give exactly the requirement-level numbers above.
COMPETENCY_SUMMARY = FactSql(
    fact=Fact.COMPETENCIES,
    source="employee e JOIN competency_summary cs ON cs.employee_id = e.id",
    where="e.active AND cs.requirements > 0",
    columns=Columns(unit="e.unit_id", position="e.position_id"),
    person="1",
    people_agg="SUM",
    measures={
        Measure.AVG_COMPETENCY_GAP: MeasureSql("AVG", "cs.gap_sum", per="cs.requirements"),
        Measure.MAX_COMPETENCY_GAP: MeasureSql("MAX", "cs.max_gap"),
        Measure.JOB_PERSON_MATCH: MeasureSql("SHARE", "cs.met", per="cs.requirements"),
        Measure.EMPLOYEES_WITH_GAP: MeasureSql(
            "SUM0", "CASE WHEN cs.met < cs.requirements THEN 1 ELSE 0 END"
        ),
    },
    dimensions=_PEOPLE_DIMS,
    joins=_EMPLOYEE_POSITION | _unit_joins("e.unit_id"),
    variant=True,
)

TRAINING_RECORDS = FactSql(
    fact=Fact.TRAINING_RECORDS,
    source="training_record r JOIN employee e ON e.id = r.employee_id",
    where="e.active",
    columns=Columns(
        unit="e.unit_id",
        position="e.position_id",
        year="r.year",
        month_date="r.completed_on",
        course="rs.course_id",
        course_joins=("course",),
    ),
    person="e.id",
    people_agg="DISTINCT",
    measures={Measure.JP_COMPLETED: MeasureSql("SUM0", "r.jp")},
    dimensions=_PEOPLE_DIMS | {D.COURSE, D.YEAR, D.MONTH},
    joins=_EMPLOYEE_POSITION
    | _unit_joins("e.unit_id")
    | {
        "course": "LEFT JOIN enrollment ren ON ren.id = r.enrollment_id"
        " LEFT JOIN training_session rs ON rs.id = ren.session_id"
    },
    years="record",
)

_DONE = "COALESCE(t.jp, 0)"
JP_RIGHT = FactSql(
    fact=Fact.JP_RIGHT,
    source="employee e CROSS JOIN years y"
    " LEFT JOIN (SELECT tr.employee_id, tr.year, tr.jp FROM training_jp_year tr"
    " WHERE {record_years}) t ON t.employee_id = e.id AND t.year = y.year",
    where="e.active",
    columns=Columns(unit="e.unit_id", position="e.position_id", year="y.year"),
    person="e.id",
    people_agg="DISTINCT",
    measures={
        Measure.JP_COMPLETED: MeasureSql("SUM0", _DONE),
        Measure.JP_RIGHT_MET_SHARE: MeasureSql(
            "SHARE", f"CASE WHEN {_DONE} >= {YEARLY_JP_RIGHT} THEN 1 ELSE 0 END"
        ),
        Measure.EMPLOYEES_UNDER_20_JP: MeasureSql(
            "SUM0", f"CASE WHEN {_DONE} < {YEARLY_JP_RIGHT} THEN 1 ELSE 0 END"
        ),
        Measure.JP_MISSING: MeasureSql(
            "SUM0",
            f"CASE WHEN {_DONE} < {YEARLY_JP_RIGHT} THEN {YEARLY_JP_RIGHT} - {_DONE} ELSE 0 END",
        ),
    },
    dimensions=_PEOPLE_DIMS | {D.YEAR},
    joins=_EMPLOYEE_POSITION | _unit_joins("e.unit_id"),
    ctes=("years",),
    years="cte",
)

ENROLLMENTS = FactSql(
    fact=Fact.ENROLLMENTS,
    source="enrollment en JOIN employee e ON e.id = en.employee_id"
    " JOIN training_session s ON s.id = en.session_id",
    where="e.active",
    columns=Columns(
        unit="e.unit_id",
        position="e.position_id",
        year_date="s.starts_on",
        month_date="s.starts_on",
        course="s.course_id",
    ),
    person="e.id",
    people_agg="DISTINCT",
    measures={
        Measure.ENROLLMENTS: MeasureSql("COUNT"),
        Measure.MEDIAN_APPROVAL_HOURS: MeasureSql(
            "MEDIAN",
            lambda stmt: stmt.hours_between("en.approval_requested_at", "en.approval_decided_at"),
        ),
    },
    dimensions=_PEOPLE_DIMS | {D.COURSE, D.YEAR, D.MONTH, D.ENROLLMENT_STATUS},
    joins=_EMPLOYEE_POSITION | _unit_joins("e.unit_id"),
    years="date",
)

# Survey answers are stamped in UTC; periods are WIB calendar days (``Statement.local_time``).
_SUBMITTED = "local:sv.submitted_at"
_ELEMENT_SUM = " + ".join(f"sv.u{i}" for i in range(1, 10))
SURVEY = FactSql(
    fact=Fact.SURVEY,
    source="survey_response sv",
    where="1 = 1",
    # No position: a supervisor's line scope reads no survey rows (HR and unit heads do).
    columns=Columns(
        unit="sv.unit_id", position="NULL", year_date=_SUBMITTED, month_date=_SUBMITTED
    ),
    person="1",  # suppression counts respondents: a unit head sees no IKM of 1-2 answers
    people_agg="SUM",
    measures={
        Measure.SURVEY_RESPONSES: MeasureSql("COUNT"),
        # Every response answers all nine elements, so the nine NRR share one denominator:
        # IKM = 25/9 x sum(NRR) = 25 x (sum of all answers) / (9 x respondents), one division.
        Measure.IKM: MeasureSql("IKM", f"({_ELEMENT_SUM})"),
    },
    dimensions=frozenset({D.UNIT, D.SURVEY_SERVICE, D.YEAR, D.MONTH}),
    joins=_unit_joins("sv.unit_id"),
    years="date",
)

FACT_ORDER: tuple[FactSql, ...] = (
    EMPLOYEES, POSITIONS, COMPETENCY_SUMMARY, COMPETENCIES, TRAINING_RECORDS, JP_RIGHT,
    ENROLLMENTS, SURVEY,
)  # fmt: skip
FACTS: dict[Fact, FactSql] = {f.fact: f for f in FACT_ORDER if not f.variant}
YEAR_BASED = frozenset(f.fact for f in FACT_ORDER if f.years is not None)


def facts_of(measure: Measure) -> list[Fact]:
    """The facts a measure can be computed from, in the order the builder tries them."""
    return [f.fact for f in FACT_ORDER if measure in f.measures and not f.variant]
