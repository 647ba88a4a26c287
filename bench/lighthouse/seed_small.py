"""Fallback seed for the Lighthouse run when the demo generator fails: the small test world.

Uses PORTAL_DATABASE_URL (already migrated). Run from the repository root.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from portal.db import close_db, init_db
from portal.settings import load_settings
from tests.factories import add_plan, add_record, add_skp, make_world


async def main() -> None:
    await init_db(load_settings())
    try:
        world = await make_world()
        year = dt.date.today().year
        await add_skp(world.siti, year)
        await add_plan(world.siti, year, world.asuhan, world.course)
        await add_record(world.siti, year, 6)
    finally:
        await close_db()


if __name__ == "__main__":
    asyncio.run(main())
