"""The supervisor's open pages follow a subordinate's plan and competency profile live.

Budi keeps Siti's plan open while she adds an item and submits it (from her phone, over the API
here); then his team view while Rina adds an item and BKPSDM proposes more in bulk from the gap
analysis; then Rina's page while BKPSDM records her assessment. Each page changes in place
(teamProfileChanged), without a reload; adding an item sends Budi no notification, so only the
subscription can tell his page.

SQLite only, like tests/web/test_flows.py: the browser side is what is tested here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from portal.graphql.relay import to_global_id as gid
from tests.factories import BUDI_NIP, DEWI_NIP, SITI_NIP
from tests.graphql.live_client import mutate, seed
from tests.live import live_portal, session_cookie
from tests.web.conftest import Phone, run_async

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _same_page(page: Any) -> None:
    page.evaluate("window.stillTheSamePage = true")


def _was_not_reloaded(page: Any) -> None:
    assert page.evaluate("window.stillTheSamePage") is True


def test_budi_sees_his_subordinates_plans_and_profiles_change_live(browser, settings):
    from playwright.sync_api import expect

    w = run_async(seed(settings))
    year = dt.date.today().year
    rina = w.colleague.nip
    with live_portal(settings.database_url) as base:
        siti_cookie = run_async(session_cookie(base, SITI_NIP))
        rina_cookie = run_async(session_cookie(base, rina))
        dewi_cookie = run_async(session_cookie(base, DEWI_NIP))
        budi = Phone(browser, base)
        try:
            page = budi.page
            budi.sign_in(BUDI_NIP)
            budi.wait_live()

            # Siti's plan, open on Budi's phone: she proposes an item and submits.
            page.goto(f"/#/rencana/{SITI_NIP}")
            expect(page.get_by_role("heading", level=1)).to_have_text(
                f"Rencana pengembangan {year}: Siti Rahmawati"
            )
            expect(page.locator("#plan-status")).to_have_text("Draf")
            _same_page(page)
            item = {"plannedJp": 24, "courseId": gid("Course", w.course.id), "year": year}
            run_async(mutate(base, siti_cookie, "proposePlanItem", item))
            expect(page.locator("li.plan-item", has_text=w.course.title)).to_contain_text(
                "Diusulkan"
            )
            expect(page.locator("#plan-status")).to_have_text("Draf")
            run_async(mutate(base, siti_cookie, "submitPlan", {"year": year}))
            expect(page.locator("#plan-status")).to_have_text("Diajukan")
            expect(page.locator("#plan-decide")).to_be_visible()
            _was_not_reloaded(page)

            # The team view: Rina's own item, then BKPSDM's bulk proposal, land on her row.
            page.goto("/#/tim")
            row = page.locator("#team-work li", has_text="Rina Marlina")
            expect(row).to_contain_text("Rencana: Draf · 0 JP")
            _same_page(page)
            own = {"title": "Seminar pelayanan prima", "method": "SEMINAR", "plannedJp": 8}
            run_async(mutate(base, rina_cookie, "proposePlanItem", {**own, "year": year}))
            expect(row).to_contain_text("Rencana: Draf · 8 JP")
            bulk = {"year": year, "unitId": gid("OrgUnit", w.dinkes.id)}
            run_async(mutate(base, dewi_cookie, "proposePlanItemsFromGaps", bulk))
            expect(row).to_contain_text("Rencana: Diajukan · 32 JP")
            _was_not_reloaded(page)

            # Rina's page: a new assessment meets her Integritas requirement.
            page.goto(f"/#/pegawai/{rina}")
            expect(page.get_by_role("heading", level=1)).to_have_text("Rina Marlina")
            expect(page.get_by_text("0 dari 3 kebutuhan terpenuhi")).to_be_visible()
            _same_page(page)
            assessment = {
                "nip": rina,
                "competencyId": gid("Competency", w.integritas.id),
                "level": 2,
                "assessedOn": str(dt.date.today()),
                "source": "ASSESSMENT_CENTER",
            }
            run_async(mutate(base, dewi_cookie, "recordAssessment", assessment))
            expect(page.get_by_text("1 dari 3 kebutuhan terpenuhi")).to_be_visible()
            _was_not_reloaded(page)

            assert budi.problems == []
        finally:
            budi.close()
