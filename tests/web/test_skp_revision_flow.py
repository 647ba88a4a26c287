"""Fixing an SKP in a real browser at 390x844, two people live.

Siti fixes her draft: she rewords her main result and cascades it from Budi's other result, finds
the result Budi assigned locked for her, corrects an indicator's target (an empty description is
refused next to its field) and removes another. Budi agrees the plan, then reopens it with a reason
(an empty one is refused); Siti's open page turns back into an editable draft without a reload.

SQLite only, like tests/web/test_skp_flow.py: the browser side is what is tested here.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from portal.db import close_db, init_db
from tests.duties.helpers import make_plan
from tests.factories import BUDI_NIP, SITI_NIP, make_world
from tests.live import live_portal
from tests.web.conftest import Phone, run_async

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

REWORDED = "Asuhan keperawatan pasien rawat inap"
REASON = "Target dokumen disesuaikan dengan jumlah tempat tidur."


def labelled(action: str, subject: str) -> re.Pattern[str]:
    """A button's name: its visible verb, then (for screen readers) what it acts on."""
    return re.compile(rf"^{action}\W+{re.escape(subject)}$")


async def _seed(settings: Any) -> None:
    await init_db(settings)
    try:
        await make_plan(await make_world())
    finally:
        await close_db()


def test_siti_fixes_her_draft_and_budi_reopens_the_agreed_plan_live(browser, settings):
    from playwright.sync_api import expect

    run_async(_seed(settings))
    with live_portal(settings.database_url) as base:
        siti, budi = Phone(browser, base), Phone(browser, base)
        try:
            sp, bp = siti.page, budi.page
            siti.sign_in(SITI_NIP)
            sp.get_by_role("link", name="Buka SKP").click()
            expect(sp.locator("#skp-status")).to_have_text("Draf")

            # Her own result: reworded and cascaded from Budi's other result.
            mine = sp.locator("li.skp-result", has_text="Asuhan keperawatan")
            mine.get_by_role("button", name=labelled("Ubah", "Asuhan keperawatan")).click()
            dialog = sp.get_by_role("dialog")
            expect(dialog.get_by_label("Rencana hasil kerja")).to_have_value("Asuhan keperawatan")
            dialog.get_by_label("Rencana hasil kerja").fill(REWORDED)
            dialog.get_by_label("Diturunkan dari hasil kerja atasan").select_option(
                label="Kepatuhan rekam medis"
            )
            siti.shot("skp-ubah-01-hasil-kerja")
            dialog.get_by_role("button", name="Simpan perubahan").click()
            expect(dialog).to_be_hidden()
            mine = sp.locator("li.skp-result", has_text=REWORDED)
            expect(mine).to_contain_text("Diturunkan dari: Kepatuhan rekam medis")
            expect(mine.get_by_role("button", name=labelled("Ubah", REWORDED))).to_be_focused()

            # What Budi assigned is his to reword; its indicators are hers to fix.
            assigned = sp.locator("li.skp-result", has_text="Penyuluhan PHBS")
            expect(assigned).to_contain_text("Ditetapkan oleh atasan")
            locked = assigned.get_by_role("button", name=labelled("Ubah", "Penyuluhan PHBS"))
            expect(locked).to_have_count(0)

            # An indicator's target corrected; an empty description is refused next to it.
            indicator = mine.locator(".indicator", has_text="Dokumen asuhan lengkap")
            indicator.get_by_role("button", name=re.compile("^Ubah")).click()
            dialog.get_by_label("Indikator kinerja").fill("")
            dialog.get_by_label("Target (angka)").fill("120")
            dialog.get_by_role("button", name="Simpan perubahan").click()
            expect(dialog.locator("[data-error-for=description]")).to_have_text("Wajib diisi.")
            expect(dialog.get_by_label("Indikator kinerja")).to_be_focused()
            dialog.get_by_label("Indikator kinerja").fill("Dokumen asuhan lengkap")
            dialog.get_by_role("button", name="Simpan perubahan").click()
            expect(dialog).to_be_hidden()
            expect(indicator).to_contain_text("Target: 120 dokumen")

            extra = assigned.locator(".indicator", has_text="Sesi penyuluhan")
            extra.get_by_role("button", name=re.compile("^Hapus")).click()
            expect(dialog).to_contain_text("Indikator “Sesi penyuluhan” dihapus.")
            siti.shot("skp-ubah-02-hapus-indikator")
            dialog.get_by_role("button", name="Hapus").click()
            expect(dialog).to_be_hidden()
            expect(extra).to_have_count(0)
            expect(sp.locator("#skp-history")).to_contain_text("Riwayat (3)")
            sp.evaluate("window.stillTheSamePage = true")
            siti.wait_live()

            # Budi agrees, then reopens it with a reason.
            budi.sign_in(BUDI_NIP)
            bp.get_by_role("link", name="Tim").click()
            team = bp.locator("#team-work li", has_text="Siti Rahmawati")
            team.get_by_role("link", name=re.compile("^Periksa SKP")).click()
            expect(bp.locator("li.skp-result", has_text=REWORDED)).to_contain_text("120 dokumen")
            budi.wait_live()
            bp.get_by_role("button", name="Sepakati SKP").click()
            expect(bp.locator("#skp-status")).to_have_text("Disepakati")
            expect(sp.locator("#skp-status")).to_have_text("Disepakati")
            expect(sp.get_by_role("button", name=re.compile("^Ubah"))).to_have_count(0)

            reopen = bp.locator("#skp-reopen")
            reopen.get_by_role("button", name="Buka kembali SKP").click()
            reason = reopen.get_by_label("Alasan (disampaikan kepada pegawai)")
            expect(reopen.locator("[data-error-for=note]")).to_have_text("Wajib diisi.")
            expect(reason).to_be_focused()
            reason.fill(REASON)
            budi.shot("skp-ubah-03-buka-kembali")
            reopen.get_by_role("button", name="Buka kembali SKP").click()
            expect(bp.locator("#skp-status")).to_have_text("Draf")
            expect(reopen).to_be_hidden()
            expect(bp.locator("#skp-agree")).to_be_visible()

            # Siti's open page is an editable draft again, without a reload.
            expect(sp.locator("#skp-status")).to_have_text("Draf")
            expect(sp.locator("#announcer")).to_contain_text("SKP Anda kini: Draf")
            expect(
                sp.locator("li.skp-result", has_text=REWORDED).get_by_role(
                    "button", name=labelled("Ubah", REWORDED)
                )
            ).to_be_visible()
            sp.locator("#skp-history summary").click()
            expect(sp.locator("#skp-history")).to_contain_text("SKP dibuka kembali")
            expect(sp.locator("#skp-history")).to_contain_text(REASON)
            assert sp.evaluate("window.stillTheSamePage") is True
            siti.shot("skp-ubah-04-draf-lagi")

            assert siti.problems == []
            assert budi.problems == []
        finally:
            siti.close()
            budi.close()
