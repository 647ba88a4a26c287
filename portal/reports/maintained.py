"""The maintained pre-aggregates the reports read, rebuilt from scratch.

Triggers keep them in step with every write (``portal/migrations/0010_report_aggregates.py``):

- ``competency_current (employee_id, competency_id, level, assessed_on, assessment_id)``: the
  latest assessment of each pair (newest ``assessed_on``, then highest id, as
  ``latest_per_competency``);
- ``training_jp_year (year, employee_id, jp, records)``: JP and records per employee and year;
- ``enrollment.approval_requested_at`` / ``approval_decided_at``: when the request (nothing ->
  REQUESTED) and the final decision (REQUESTED -> WAITLISTED, ENROLLED or REJECTED) were made;
- ``competency_summary (employee_id, requirements, met, gap_sum, max_gap)``: per employee, the
  requirements of their position, how many their current levels meet, the sum of the gaps and
  the largest one (``portal/migrations/0011_competency_summary.py``): the job-person match and
  gap measures of a report without a competency dimension read one row per employee from it.

- ``unit_ancestor (depth, unit_id, ancestor_id)`` (PostgreSQL): each unit's ancestor at every
  depth a report can group by (itself when shallower), from the unit's path
  (``portal/migrations/0012_unit_ancestor.py``): grouping by OPD reads 68,000 small rows instead
  of cutting the path of every fact row. SQLite walks the tree in the statement (small data).

A rebuild is for data written with the triggers off (the report benchmark's bulk loader) and for
the migration's backfill: each table is emptied and refilled by one ``INSERT ... SELECT`` (the
approval columns: one ``UPDATE ... FROM``). ``portal rebuild-aggregates`` runs it.
"""

from __future__ import annotations

DECISIONS = "('WAITLISTED', 'ENROLLED', 'REJECTED')"

_COMPETENCY_COLUMNS = "(employee_id, competency_id, level, assessed_on, assessment_id)"
# PostgreSQL streams the latest row of each pair along ``report_assessment_latest``.
_LATEST_POSTGRES = (
    "SELECT DISTINCT ON (a.competency_id, a.employee_id) a.employee_id, a.competency_id, "
    "a.level, a.assessed_on, a.id FROM assessment a "
    "ORDER BY a.competency_id, a.employee_id, a.assessed_on DESC, a.id DESC"
)
_LATEST_SQLITE = (
    "SELECT employee_id, competency_id, level, assessed_on, id FROM ("
    "SELECT a.*, ROW_NUMBER() OVER (PARTITION BY a.employee_id, a.competency_id "
    "ORDER BY a.assessed_on DESC, a.id DESC) AS rn FROM assessment a) x WHERE rn = 1"
)
_JP_PER_YEAR = (
    "INSERT INTO training_jp_year (year, employee_id, jp, records) "
    "SELECT r.year, r.employee_id, SUM(r.jp), COUNT(*) FROM training_record r "
    "GROUP BY r.year, r.employee_id"
)
_APPROVAL_TIMES = (
    "UPDATE enrollment SET approval_requested_at = x.rq, approval_decided_at = x.dc "
    "FROM (SELECT ev.enrollment_id, "
    "MIN(CASE WHEN ev.from_status IS NULL AND ev.to_status = 'REQUESTED' THEN ev.at END) AS rq, "
    f"MAX(CASE WHEN ev.from_status = 'REQUESTED' AND ev.to_status IN {DECISIONS} "
    "THEN ev.at END) AS dc "
    "FROM enrollment_event ev GROUP BY ev.enrollment_id) x "
    "WHERE enrollment.id = x.enrollment_id AND (x.rq IS NOT NULL OR x.dc IS NOT NULL)"
)
_APPROVAL_RESET = (
    "UPDATE enrollment SET approval_requested_at = NULL, approval_decided_at = NULL "
    "WHERE approval_requested_at IS NOT NULL OR approval_decided_at IS NOT NULL"
)


# Unassessed counts as level 0; a gap is never negative (``GapItem.gap``). One row per employee
# (no requirements: zeros). ``{where}`` narrows the employees; the caller adds nothing after it.
_LEVEL = "COALESCE(cc.level, 0)"
_GAP = f"CASE WHEN r.level > {_LEVEL} THEN r.level - {_LEVEL} ELSE 0 END"
SUMMARY_COLUMNS = "(employee_id, requirements, met, gap_sum, max_gap)"
SUMMARY_SELECT = (
    "SELECT e.id AS employee_id, COUNT(r.competency_id) AS requirements, "
    f"COALESCE(SUM(CASE WHEN {_LEVEL} >= r.level THEN 1 ELSE 0 END), 0) AS met, "
    f"COALESCE(SUM({_GAP}), 0) AS gap_sum, COALESCE(MAX({_GAP}), 0) AS max_gap "
    "FROM employee e LEFT JOIN position_requirement r ON r.position_id = e.position_id "
    "LEFT JOIN competency_current cc "
    "ON cc.employee_id = e.id AND cc.competency_id = r.competency_id "
    "{where} GROUP BY e.id"
)


# Depths 0 (the pemda) .. UNIT_DEPTHS: ``portal.reports.spec.MAX_UNIT_LEVEL`` (a test keeps the
# two equal). The path lists the ids from the root (``/1/7/12/``): the ancestor at depth d is its
# (d + 2)-th piece, empty when the unit is shallower (then the unit itself).
UNIT_DEPTHS = 10
UNIT_ANCESTOR_COLUMNS = "(depth, unit_id, ancestor_id)"
_PIECE = "split_part(u.path, '/', d.depth + 2)"
UNIT_ANCESTOR_SELECT = (
    f"SELECT d.depth, u.id, CASE WHEN {_PIECE} ~ '^[0-9]+$' AND length({_PIECE}) < 10 "
    f"THEN CAST({_PIECE} AS INTEGER) ELSE u.id END FROM {{units}} u "
    f"CROSS JOIN generate_series(0, {UNIT_DEPTHS}) AS d(depth)"
)


def rebuild_statements(dialect: str) -> list[str]:
    """The SQL that recomputes every maintained aggregate from the base tables, in order."""
    return [
        *aggregate_statements(dialect),
        *summary_statements(dialect),
        *unit_ancestor_statements(dialect),
    ]


def unit_ancestor_statements(dialect: str) -> list[str]:
    """Every unit's ancestors (migration 0012's backfill); nothing on SQLite."""
    if dialect != "postgres":
        return []
    return [
        "TRUNCATE unit_ancestor",
        f"INSERT INTO unit_ancestor {UNIT_ANCESTOR_COLUMNS} "
        f"{UNIT_ANCESTOR_SELECT.format(units='org_unit')}",
    ]


def aggregate_statements(dialect: str) -> list[str]:
    """Current levels, JP per year and approval times (migration 0010's backfill)."""
    postgres = dialect == "postgres"
    empty = "TRUNCATE {}" if postgres else "DELETE FROM {}"
    latest = _LATEST_POSTGRES if postgres else _LATEST_SQLITE
    return [
        empty.format("competency_current"),
        f"INSERT INTO competency_current {_COMPETENCY_COLUMNS} {latest}",
        empty.format("training_jp_year"),
        _JP_PER_YEAR,
        _APPROVAL_RESET,
        _APPROVAL_TIMES,
    ]


def summary_statements(dialect: str) -> list[str]:
    """The competency summary, from ``competency_current`` (migration 0011's backfill)."""
    empty = "TRUNCATE {}" if dialect == "postgres" else "DELETE FROM {}"
    return [
        empty.format("competency_summary"),
        f"INSERT INTO competency_summary {SUMMARY_COLUMNS} {SUMMARY_SELECT.format(where='')}",
    ]


async def rebuild_aggregates() -> None:
    """Recompute the maintained aggregates in one transaction (Tortoise initialised)."""
    from tortoise import connections
    from tortoise.transactions import in_transaction

    async with in_transaction("default") as client:
        for statement in rebuild_statements(str(connections.get("default").capabilities.dialect)):
            await client.execute_script(statement)
