"""The ``portal`` command: serve, migrate, seed, export-schema, demo, makemigrations."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from portal.settings import load_settings

SCHEMA_PATH = Path("schema/portal.graphql")


def _serve(args: argparse.Namespace) -> None:
    import uvicorn

    uvicorn.run(
        "portal.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
        log_level="info",
        # portal.access logs each request (with its request id, JSON in production).
        access_log=False,
        # SIGTERM: stop accepting, let in-flight requests finish (this long at most), close
        # WebSockets with 1012 (service restart) so clients reconnect to another instance.
        timeout_graceful_shutdown=args.graceful_timeout,
    )


def _migrate(args: argparse.Namespace) -> None:
    from portal.db import migrate

    asyncio.run(migrate(load_settings()))
    print("migrations applied")


def _seed_survey(settings: object) -> str:
    from portal.db import close_db, init_db
    from portal.demo.seed import jakarta_today
    from portal.demo.survey import seed_survey

    async def run() -> str:
        await init_db(settings)  # type: ignore[arg-type]
        try:
            return await seed_survey(seed=1, today=jakarta_today())
        finally:
            await close_db()

    return asyncio.run(run())


def _seed(args: argparse.Namespace) -> None:
    if args.survey and not args.demo and not args.standards:
        print(_seed_survey(load_settings()))
        return
    if args.standards:
        from portal.competencies.standards import seed_standards

        print(asyncio.run(seed_standards(load_settings())))
        if not args.demo:
            return
    if not args.demo:
        sys.exit("nothing to seed: portal seed --standards and/or --demo")
    from portal.demo.seed import seed_demo_database

    summary = asyncio.run(
        seed_demo_database(
            load_settings(), employees=args.employees, seed=args.seed, reset=args.reset
        )
    )
    print(summary)
    if args.survey:
        print(_seed_survey(load_settings()))


def _import(args: argparse.Namespace) -> None:
    """`portal import KIND FILE [--dry-run]`: all rows or none; errors listed by row and column."""
    from portal.imports.command import describe, import_file
    from portal.imports.report import ImportKind

    try:
        content = Path(args.file).read_bytes()
    except OSError as exc:
        print(f"portal: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        raise SystemExit(2) from None
    report, problem = asyncio.run(
        import_file(
            load_settings(), kind=ImportKind(args.kind), content=content, dry_run=args.dry_run
        )
    )
    print(describe(report, problem))
    if problem:
        sys.exit(1)


def _export_schema(args: argparse.Namespace) -> None:
    from portal.graphql.schema import build_schema
    from portal.settings import Environment

    # The contract is the development schema: the same types, whatever production turns off.
    sdl = build_schema(load_settings(env=Environment.DEVELOPMENT, dev_login=False)).as_str() + "\n"
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(sdl, encoding="utf-8")
    print(f"wrote {output}")


def _demo(args: argparse.Namespace) -> None:
    """Migrate, load the demo data if the database is empty, and serve with dev sign-in on."""
    import os

    os.environ.setdefault("PORTAL_DEV_LOGIN", "1")
    from portal.db import migrate
    from portal.demo.seed import seed_demo_database

    settings = load_settings()
    asyncio.run(migrate(settings))
    print(asyncio.run(seed_demo_database(settings, employees=args.employees, seed=1, reset=False)))
    print(_seed_survey(settings))
    _serve(args)


def _rebuild_aggregates(args: argparse.Namespace) -> None:
    """Recompute the report pre-aggregates (after writing rows with the triggers off)."""
    from portal.db import close_db, init_db
    from portal.reports.maintained import rebuild_aggregates

    async def run() -> None:
        await init_db(load_settings())
        try:
            await rebuild_aggregates()
        finally:
            await close_db()

    asyncio.run(run())
    print("report aggregates rebuilt")


def _makemigrations(args: argparse.Namespace) -> None:
    from tortoise.cli.cli import main as tortoise_main

    sys.argv = ["tortoise", "-c", "portal.tortoise_conf.TORTOISE_ORM", "makemigrations"]
    if args.name:
        sys.argv += ["--name", args.name]
    tortoise_main()


def _roles(args: argparse.Namespace) -> None:
    """`portal roles grant|revoke NIP ROLE [--unit CODE]`: the same rules and audit as GraphQL."""
    import getpass

    from portal.db import close_db, init_db
    from portal.people import roles
    from portal.people.models import Role

    async def run() -> str:
        await init_db(load_settings())
        try:
            unit_id = None
            if args.unit:
                unit = await roles.get_unit_by_code(code=args.unit)
                if unit is None:
                    code = roles.RoleErrorCode.UNIT_NOT_FOUND
                    raise roles.RoleError(code, f"no unit {args.unit}")
                unit_id = unit.id
            change = roles.grant_role if args.roles_command == "grant" else roles.revoke_role
            await change(
                nip=args.nip,
                role=Role(args.role),
                unit_id=unit_id,
                actor_id=None,
                actor_label=f"cli:{getpass.getuser()}",
            )
        finally:
            await close_db()
        verb = "granted to" if args.roles_command == "grant" else "revoked from"
        return f"{args.role}{f' ({args.unit})' if args.unit else ''} {verb} {args.nip}"

    try:
        print(asyncio.run(run()))
    except roles.RoleError as error:
        sys.exit(f"error: {error.code}: {error.message}")


def _export_training(args: argparse.Namespace) -> None:
    """`portal export-training --year Y [--unit CODE] > file.csv`: SIASN training history."""
    import getpass

    from portal.db import close_db, init_db
    from portal.training import export
    from portal.training.errors import ExportError

    async def run() -> None:
        await init_db(load_settings())
        try:
            path = await export.check_export(year=args.year, unit_code=args.unit)
            await export.log_export(
                actor_id=None,
                actor_label=f"cli:{getpass.getuser()}",
                year=args.year,
                unit_code=args.unit,
            )
            async for chunk in export.training_history_csv(year=args.year, unit_path=path):
                sys.stdout.buffer.write(chunk.encode("utf-8"))
            sys.stdout.buffer.flush()
        finally:
            await close_db()

    try:
        asyncio.run(run())
    except ExportError as error:
        sys.exit(f"error: {error.code}: {error.message}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="portal", description="Portal ASN")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the web server")
    demo = sub.add_parser("demo", help="migrate, seed demo data if empty, serve with dev sign-in")
    for p in (serve, demo):
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, default=8000)
        p.add_argument("--workers", type=int, default=1)
        p.add_argument(
            "--graceful-timeout",
            type=int,
            default=30,
            help="seconds in-flight requests get to finish after SIGTERM",
        )
    serve.set_defaults(func=_serve)
    demo.add_argument("--employees", type=int, default=2000)
    demo.set_defaults(func=_demo)

    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=_migrate)

    seed = sub.add_parser("seed", help="load demo data")
    seed.add_argument("--demo", action="store_true", help="generate the Tangsel demo data set")
    seed.add_argument("--employees", type=int, default=2000)
    seed.add_argument("--seed", type=int, default=1)
    seed.add_argument("--reset", action="store_true", help="delete existing data first")
    seed.add_argument(
        "--standards",
        action="store_true",
        help="load the 8 managerial competencies and Perekat Bangsa (idempotent)",
    )
    seed.add_argument(
        "--survey",
        action="store_true",
        help="add demo survey services, answers and follow-up actions (after --demo; idempotent)",
    )
    seed.set_defaults(func=_seed)

    imp = sub.add_parser("import", help="import a CSV file (see docs/import.md)")
    imp.add_argument(
        "kind", choices=["units", "positions", "employees", "assessments", "training-history"]
    )
    imp.add_argument("file", help="CSV file, UTF-8, comma- or semicolon-separated")
    imp.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    imp.set_defaults(func=_import)

    export = sub.add_parser("export-schema", help="write the GraphQL SDL")
    export.add_argument("--output", default=str(SCHEMA_PATH))
    export.set_defaults(func=_export_schema)

    training = sub.add_parser(
        "export-training", help="completed training of a year as SIASN-shaped CSV on stdout"
    )
    training.add_argument("--year", type=int, required=True)
    training.add_argument("--unit", default=None, help="unit code: that unit and those below it")
    training.set_defaults(func=_export_training)

    sub.add_parser(
        "rebuild-aggregates",
        help="recompute the report pre-aggregates (current levels, JP per year, approval "
        "times, competency summaries, unit ancestors)",
    ).set_defaults(func=_rebuild_aggregates)

    mk = sub.add_parser("makemigrations", help="generate a migration from model changes")
    mk.add_argument("--name", default=None)
    mk.set_defaults(func=_makemigrations)

    roles = sub.add_parser("roles", help="grant or revoke HR / UNIT_HEAD roles (audited)")
    roles_sub = roles.add_subparsers(dest="roles_command", required=True)
    for action in ("grant", "revoke"):
        p = roles_sub.add_parser(action, help=f"{action} a role")
        p.add_argument("nip", help="18-digit NIP of the employee")
        p.add_argument("role", type=str.upper, choices=["HR", "UNIT_HEAD"])
        p.add_argument("--unit", default=None, help="unit code (required for UNIT_HEAD)")
        p.set_defaults(func=_roles)
    return parser


def main(argv: list[str] | None = None) -> None:
    from pydantic import ValidationError

    args = build_parser().parse_args(argv)
    try:
        args.func(args)
    except ValidationError as exc:  # the settings: say what is wrong, no traceback
        for error in exc.errors():
            print(f"portal: {error['msg'].removeprefix('Value error, ')}", file=sys.stderr)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
