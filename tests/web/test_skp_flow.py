"""SKP, the development plan and direct enrollment in a real browser at 390x844, two people live.

Siti drafts a work result cascaded from Budi's, with an indicator; an empty result is refused with
a typed error next to the field and nothing is stored. Budi, in another browser context, agrees
her SKP and later rates it; Siti's open page shows the agreement, the rating and the predikat
without a reload. In between, the agreed plan's action plans still change: Siti adds one, corrects
it (an empty one is refused next to the field) and removes it. Then the plan: Siti plans an item
on her competency gap and submits; Budi sees it waiting, agrees, and Siti's open page follows.
Finally Budi enrolls a subordinate directly from the catalog.

SQLite only, like tests/web/test_flows.py: the browser side is what is tested here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from portal.db import close_db, init_db
from portal.duties.models import Skp
from portal.training.models import Enrollment, TrainingPlan
from tests.factories import BUDI_NIP, SITI_NIP, World, add_record, add_skp, make_world
from tests.live import live_portal
from tests.web.conftest import Phone, run_async

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

RHK = "Meningkatnya cakupan asuhan keperawatan pasien rawat inap"
INDICATOR = "Pasien rawat inap yang mendapat asuhan sesuai standar"
FEEDBACK = "Dokumentasi asuhan sangat rapi; pertahankan."
ACTION = "Audit dokumen asuhan"
ACTION_EDITED = "Audit dokumen asuhan bangsal anak"


async def _seed(settings: Any) -> World:
    await init_db(settings)
    try:
        world = await make_world()
        year = dt.date.today().year
        await add_skp(world.budi, year, results=1)  # Budi's "Hasil kerja 1": Siti cascades from it
        await add_record(world.siti, year, 6)
        return world
    finally:
        await close_db()


async def _count(settings: Any, model: Any, **filters: Any) -> int:
    await init_db(settings)
    try:
        return await model.filter(**filters).count()
    finally:
        await close_db()


def test_siti_drafts_her_skp_budi_agrees_and_rates_it_live(browser, settings):
    from playwright.sync_api import expect

    world = run_async(_seed(settings))
    with live_portal(settings.database_url) as base:
        siti, budi = Phone(browser, base), Phone(browser, base)
        try:
            sp, bp = siti.page, budi.page
            siti.sign_in(SITI_NIP)
            sp.get_by_role("link", name="Buka SKP").click()
            year = dt.date.today().year
            expect(sp.get_by_role("heading", level=1)).to_have_text(f"SKP {year}")
            expect(sp.locator("#skp-status")).to_have_text("Belum disusun")
            siti.shot("skp-01-kosong")

            # An empty work result: a typed error next to the field, and nothing stored.
            form = sp.locator("#skp-add-result form")
            form.get_by_role("button", name="Simpan hasil kerja").click()
            description = form.get_by_label("Rencana hasil kerja")
            expect(form.locator("[data-error-for=description]")).to_have_text("Wajib diisi.")
            expect(description).to_have_attribute("aria-invalid", "true")
            expect(description).to_be_focused()
            expect(sp.locator("#skp-no-results")).to_be_visible()
            assert run_async(_count(settings, Skp, employee_id=world.siti.id)) == 0
            siti.shot("skp-02-galat-rhk-kosong")

            # A main result must be cascaded: the supervisor's results are offered as a select.
            description.fill(RHK)
            parent = form.get_by_label("Diturunkan dari hasil kerja atasan")
            expect(parent.locator("option")).to_have_text(["Tidak diturunkan", "Hasil kerja 1"])
            parent.select_option(label="Hasil kerja 1")
            form.get_by_role("button", name="Simpan hasil kerja").click()
            result = sp.locator("li.skp-result", has_text=RHK)
            expect(result).to_contain_text("Diturunkan dari: Hasil kerja 1")
            expect(description).to_have_value("")
            expect(form.locator("[data-error-for=description]")).to_be_hidden()

            result.get_by_role("button", name=re.compile("^Tambah indikator")).click()
            dialog = sp.get_by_role("dialog")
            dialog.get_by_label("Aspek").select_option("QUANTITY")
            dialog.get_by_label("Indikator kinerja").fill(INDICATOR)
            dialog.get_by_label("Target (angka)").fill("400")
            dialog.get_by_label("Satuan").fill("pasien")
            siti.shot("skp-03-indikator")
            dialog.get_by_role("button", name="Simpan indikator").click()
            expect(dialog).to_be_hidden()
            expect(result.locator(".indicator")).to_contain_text("Target: 400 pasien")
            expect(sp.locator("#skp-status")).to_have_text("Draf")
            siti.shot("skp-04-draf")
            sp.evaluate("window.stillTheSamePage = true")
            siti.wait_live()

            # Budi finds her drafted SKP from his team view and agrees it.
            budi.sign_in(BUDI_NIP)
            bp.get_by_role("link", name="Tim").click()
            team = bp.locator("#team-work li", has_text="Siti Rahmawati")
            expect(team).to_contain_text("SKP: Draf")
            budi.shot("skp-05-tim")
            team.get_by_role("link", name=re.compile("^Periksa SKP")).click()
            expect(bp.get_by_role("heading", level=1)).to_have_text(f"SKP {year}: Siti Rahmawati")
            expect(bp.locator("li.skp-result", has_text=RHK)).to_contain_text(INDICATOR)
            budi.wait_live()
            bp.get_by_label("Catatan untuk pegawai (opsional)").fill("Sepakat, lanjutkan.")
            budi.shot("skp-06-sepakati")
            bp.get_by_role("button", name="Sepakati SKP").click()
            expect(bp.locator("#skp-status")).to_have_text("Disepakati")
            expect(bp.locator("#skp-agree")).to_be_hidden()

            # Siti's open page follows without a reload.
            expect(sp.locator("#skp-status")).to_have_text("Disepakati")
            expect(sp.locator("#skp-add-result")).to_be_hidden()
            expect(sp.locator("#announcer")).to_contain_text("SKP Anda kini: Disepakati")
            assert sp.evaluate("window.stillTheSamePage") is True

            # Action plans are working plans: once agreed they are still added and corrected...
            result.get_by_role("button", name=re.compile("^Tambah rencana aksi")).click()
            dialog.get_by_label("Periode").select_option(label="Triwulan I")
            dialog.get_by_label("Rencana aksi").fill(ACTION)
            dialog.get_by_role("button", name="Simpan rencana aksi").click()
            expect(dialog).to_be_hidden()
            action = result.locator("li.action-plan")
            expect(action).to_contain_text(f"Triwulan I: {ACTION}")
            siti.shot("skp-07a-rencana-aksi")
            action.get_by_role("button", name=re.compile("^Ubah")).click()
            expect(dialog.get_by_label("Rencana aksi")).to_have_value(ACTION)
            dialog.get_by_label("Rencana aksi").fill(" ")
            dialog.get_by_role("button", name="Simpan perubahan").click()
            expect(dialog.locator("[data-error-for=description]")).to_have_text("Wajib diisi.")
            expect(dialog.get_by_label("Rencana aksi")).to_be_focused()
            dialog.get_by_label("Periode").select_option(label="Triwulan II")
            dialog.get_by_label("Rencana aksi").fill(ACTION_EDITED)
            siti.shot("skp-07b-ubah-rencana-aksi")
            dialog.get_by_role("button", name="Simpan perubahan").click()
            expect(dialog).to_be_hidden()
            expect(action).to_contain_text(f"Triwulan II: {ACTION_EDITED}")
            expect(bp.locator("li.action-plan")).to_contain_text(ACTION_EDITED)  # live
            # ... and removed, after a confirmation.
            action.get_by_role("button", name=re.compile("^Hapus")).click()
            expect(dialog).to_contain_text(f"Rencana aksi “{ACTION_EDITED}” (Triwulan II) dihapus.")
            dialog.get_by_role("button", name="Hapus").click()
            expect(dialog).to_be_hidden()
            expect(action).to_have_count(0)
            expect(bp.locator("li.action-plan")).to_have_count(0)

            # She reports realisation with evidence; a bad link is refused next to its field.
            indicator = sp.locator(".indicator", has_text=INDICATOR)
            indicator.get_by_role("button", name=re.compile("^Laporkan realisasi")).click()
            dialog.get_by_label(re.compile("^Realisasi \\(angka\\)")).fill("120")
            dialog.get_by_label("Uraian realisasi (opsional)").fill("Terdokumentasi di SIMRS.")
            dialog.get_by_label("Tautan bukti (opsional)").fill("bukan-tautan")
            dialog.get_by_role("button", name="Simpan realisasi").click()
            expect(dialog.locator("[data-error-for=evidenceUrl]")).to_have_text(
                "Tautan bukti harus berupa alamat http(s)."
            )
            siti.shot("skp-07-galat-bukti")
            dialog.get_by_label("Tautan bukti (opsional)").fill(
                "https://drive.tangerangselatankota.go.id/skp/siti/bukti-1"
            )
            dialog.get_by_role("button", name="Simpan realisasi").click()
            expect(dialog).to_be_hidden()
            expect(indicator).to_contain_text("tercapai 30%")
            expect(indicator.get_by_role("link", name=re.compile("^Bukti"))).to_have_attribute(
                "href", "https://drive.tangerangselatankota.go.id/skp/siti/bukti-1"
            )
            # ... which Budi's open page shows too (teamChanged).
            expect(bp.locator(".indicator", has_text=INDICATOR)).to_contain_text("tercapai 30%")

            # Budi rates results and behaviour with feedback; Siti sees the predikat live.
            review = bp.locator("#skp-review")
            review.get_by_role("group", name="Hasil kerja", exact=True).get_by_label(
                "Di atas ekspektasi"
            ).check()
            review.get_by_role("button", name="Simpan penilaian").click()
            expect(review.locator("[data-error-for=behaviourRating]")).to_have_text(
                "Pilih salah satu."
            )
            review.get_by_role("group", name="Perilaku kerja", exact=True).get_by_label(
                "Di atas ekspektasi"
            ).check()
            review.get_by_label("Umpan balik untuk pegawai").fill(FEEDBACK)
            budi.shot("skp-08-penilaian")
            review.get_by_role("button", name="Simpan penilaian").click()
            expect(bp.locator("#skp-predikat")).to_contain_text("Sangat Baik")

            expect(sp.locator("#skp-predikat")).to_contain_text("Sangat Baik")
            expect(sp.locator("#skp-review-list")).to_contain_text(FEEDBACK)
            expect(sp.locator("#skp-review-list")).to_contain_text(
                "Hasil kerja: Di atas ekspektasi · Perilaku: Di atas ekspektasi"
            )
            assert sp.evaluate("window.stillTheSamePage") is True
            siti.shot("skp-09-dinilai")
            budi.shot("skp-10-dinilai-atasan")

            assert siti.problems == []
            assert budi.problems == []
        finally:
            siti.close()
            budi.close()


def test_siti_plans_her_gap_and_budi_agrees_the_plan_live(browser, settings):
    from playwright.sync_api import expect

    world = run_async(_seed(settings))
    course = world.course.title
    with live_portal(settings.database_url) as base:
        siti, budi = Phone(browser, base), Phone(browser, base)
        try:
            sp, bp = siti.page, budi.page
            year = dt.date.today().year
            budi.sign_in(BUDI_NIP)
            bp.get_by_role("link", name="Persetujuan").click()
            expect(bp.locator("#inbox-count")).to_have_text(
                "Tidak ada permintaan yang menunggu keputusan Anda."
            )
            budi.wait_live()

            siti.sign_in(SITI_NIP)
            sp.get_by_role("link", name="Kelola rencana").click()
            expect(sp.get_by_role("heading", level=1)).to_have_text(f"Rencana pengembangan {year}")
            expect(sp.locator("#plan-progress")).to_have_text("6 dari 20 JP tercapai")
            gap = sp.locator("#plan-gaps li", has_text="Asuhan Keperawatan")
            expect(gap).to_contain_text("Level 0 dari 3 yang dibutuhkan (kurang 3)")
            siti.shot("rencana-01-kesenjangan")

            # Nothing chosen yet: the typed error says what is missing, next to the field.
            add = sp.locator("#plan-add form")
            add.get_by_role("button", name="Tambahkan ke rencana").click()
            expect(add.locator("[data-error-for=plannedJp]")).to_have_text(
                "JP harus antara 1 dan 500."
            )
            expect(sp.locator("#plan-no-items")).to_be_visible()

            gap.get_by_role("button", name=re.compile("^Rencanakan")).click()
            expect(add.get_by_label("Pelatihan dari katalog")).to_have_value(re.compile(".+"))
            expect(add.get_by_label("JP direncanakan")).to_have_value("24")
            siti.shot("rencana-02-dari-kesenjangan")
            add.get_by_role("button", name="Tambahkan ke rencana").click()
            item = sp.locator("li.plan-item", has_text=course)
            expect(item).to_contain_text("Diusulkan")
            expect(item).to_contain_text("Menutup kesenjangan: T.KES.01 Asuhan Keperawatan")
            expect(add.locator("[data-error-for=plannedJp]")).to_be_hidden()

            sp.get_by_role("button", name="Ajukan rencana").click()
            expect(sp.locator("#plan-status")).to_have_text("Diajukan")
            expect(sp.locator("#plan-add")).to_be_hidden()
            siti.shot("rencana-03-diajukan")
            sp.evaluate("window.stillTheSamePage = true")
            siti.wait_live()

            # Budi's open inbox lists the submitted plan; he opens it from there.
            waiting = bp.locator("#team-waiting li", has_text="Siti Rahmawati")
            expect(waiting).to_contain_text("Rencana: Diajukan · 24 JP")
            budi.shot("rencana-04-persetujuan")
            waiting.get_by_role("link", name=re.compile("^Periksa rencana")).click()
            expect(bp.get_by_role("heading", level=1)).to_have_text(
                f"Rencana pengembangan {year}: Siti Rahmawati"
            )
            decide = bp.locator("#plan-decide form")
            decide.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
            expect(decide.locator("[data-error-for=note]")).to_have_text(
                "Tuliskan catatan untuk pegawai."
            )
            decide.get_by_label("Catatan untuk pegawai").fill("Setuju; daftar sesi bulan depan.")
            budi.shot("rencana-05-putuskan")
            decide.get_by_role("button", name="Setujui rencana").click()
            expect(bp.locator("#plan-status")).to_have_text("Disepakati")

            # Siti's open plan follows.
            expect(sp.locator("#plan-status")).to_have_text("Disepakati")
            expect(item).to_contain_text("Disepakati")
            expect(sp.locator("#plan-add")).to_be_visible()
            assert sp.evaluate("window.stillTheSamePage") is True
            siti.shot("rencana-06-disepakati")
            agreed = _count(settings, TrainingPlan, employee_id=world.siti.id, status="AGREED")
            assert run_async(agreed) == 1

            assert siti.problems == []
            assert budi.problems == []
        finally:
            siti.close()
            budi.close()


def test_budi_enrolls_a_subordinate_directly_from_the_catalog(browser, settings):
    from playwright.sync_api import expect

    world = run_async(_seed(settings))
    with live_portal(settings.database_url) as base:
        budi = Phone(browser, base)
        try:
            bp = budi.page
            budi.sign_in(BUDI_NIP)
            bp.get_by_role("link", name="Katalog").click()
            card = bp.locator("li.session", has_text=world.course.title)
            expect(card.locator(".seats")).to_have_text("10 dari 10 kursi tersisa")
            card.get_by_role("button", name=re.compile("^Daftarkan pegawai")).click()
            dialog = bp.get_by_role("dialog")
            dialog.get_by_label("Pegawai", exact=True).select_option(SITI_NIP)
            dialog.get_by_label("Catatan (opsional)").fill("Ditugaskan unit untuk pelatihan ini.")
            budi.shot("daftar-langsung-01")
            dialog.get_by_role("button", name="Daftarkan", exact=True).click()
            expect(dialog).to_be_hidden()
            expect(card.locator(".seats")).to_have_text("9 dari 10 kursi tersisa")
            expect(bp.locator("#announcer")).to_contain_text(
                "Siti Rahmawati didaftarkan: Terdaftar"
            )

            # Twice is refused with the typed error, in Indonesian.
            card.get_by_role("button", name=re.compile("^Daftarkan pegawai")).click()
            dialog.get_by_label("Pegawai", exact=True).select_option(SITI_NIP)
            dialog.get_by_role("button", name="Daftarkan", exact=True).click()
            expect(dialog.get_by_role("alert").first).to_have_text(
                "Pegawai ini sudah meminta atau terdaftar di sesi ini."
            )
            budi.shot("daftar-langsung-02-galat")
            dialog.get_by_role("button", name="Tutup").click()
            recorded = run_async(
                _count(
                    settings,
                    Enrollment,
                    employee_id=world.siti.id,
                    requested_by_id=world.budi.id,
                    status="ENROLLED",
                )
            )
            assert recorded == 1
            assert budi.problems == []
        finally:
            budi.close()
