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
    )


def _migrate(args: argparse.Namespace) -> None:
    from portal.db import migrate

    asyncio.run(migrate(load_settings()))
    print("migrations applied")


def _seed(args: argparse.Namespace) -> None:
    if not args.demo:
        sys.exit("only demo data can be seeded: portal seed --demo")
    from portal.demo.seed import seed_demo_database

    summary = asyncio.run(
        seed_demo_database(load_settings(), employees=args.employees, seed=args.seed, reset=args.reset)
    )
    print(summary)


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
    _serve(args)


def _makemigrations(args: argparse.Namespace) -> None:
    from tortoise.cli.cli import main as tortoise_main

    sys.argv = ["tortoise", "-c", "portal.tortoise_conf.TORTOISE_ORM", "makemigrations"]
    if args.name:
        sys.argv += ["--name", args.name]
    tortoise_main()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="portal", description="Portal ASN")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the web server")
    demo = sub.add_parser("demo", help="migrate, seed demo data if empty, serve with dev sign-in")
    for p in (serve, demo):
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, default=8000)
        p.add_argument("--workers", type=int, default=1)
    serve.set_defaults(func=_serve)
    demo.add_argument("--employees", type=int, default=2000)
    demo.set_defaults(func=_demo)

    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=_migrate)

    seed = sub.add_parser("seed", help="load demo data")
    seed.add_argument("--demo", action="store_true", help="generate the Tangsel demo data set")
    seed.add_argument("--employees", type=int, default=2000)
    seed.add_argument("--seed", type=int, default=1)
    seed.add_argument("--reset", action="store_true", help="delete existing data first")
    seed.set_defaults(func=_seed)

    export = sub.add_parser("export-schema", help="write the GraphQL SDL")
    export.add_argument("--output", default=str(SCHEMA_PATH))
    export.set_defaults(func=_export_schema)

    mk = sub.add_parser("makemigrations", help="generate a migration from model changes")
    mk.add_argument("--name", default=None)
    mk.set_defaults(func=_makemigrations)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
