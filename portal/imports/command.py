"""``portal import KIND FILE [--dry-run]``: the same import as the HR mutations, from a shell."""

from __future__ import annotations

import getpass

from portal.imports.report import ImportKind, ImportRejected, ImportReport
from portal.settings import Settings


async def import_file(
    settings: Settings, *, kind: ImportKind, content: bytes, dry_run: bool
) -> tuple[ImportReport, str | None]:
    """Run the import; returns the report and, when rejected, why (nothing was written then)."""
    from portal.db import close_db, init_db
    from portal.imports.service import import_csv_file

    await init_db(settings)
    try:
        report = await import_csv_file(
            kind=kind,
            content=content,
            dry_run=dry_run,
            actor_id=None,
            actor_label=f"cli:{getpass.getuser()}",
        )
    except ImportRejected as rejected:
        return rejected.report, rejected.message
    finally:
        await close_db()
    return report, None


def describe(report: ImportReport, problem: str | None) -> str:
    """The report as the terminal shows it: a summary line, then each problem."""
    lines = [report.summary()]
    if problem:
        lines.append(problem)
    lines += [
        f"  row {e.row}" + (f", column {e.column}" if e.column else "") + f": {e.reason}"
        for e in report.listed_errors()
    ]
    if report.error_count > len(report.listed_errors()):
        lines.append(f"  ... and {report.error_count - len(report.listed_errors())} more")
    return "\n".join(lines)
