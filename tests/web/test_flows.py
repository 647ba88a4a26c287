"""The web app in a real browser (Debian's Chromium) at 390x844, against a real portal process.

Siti asks for a seat from the catalog; Budi, in another browser context, sees it arrive in his
inbox and approves with a note; Siti's open page shows the approval and the new notification,
all without a reload. A dropped connection shows the stale-data banner and recovers on its own.

These run on SQLite only: they test the browser side, and the PostgreSQL event path (LISTEN/
NOTIFY across processes) is covered by tests/graphql/test_subscriptions.py.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from portal.db import close_db, init_db
from portal.training.models import Course, TrainingMethod, TrainingMode, TrainingSession
from tests.factories import BUDI_NIP, SITI_NIP, World, add_plan, add_record, add_skp, make_world
from tests.live import free_port, live_portal, session_cookie
from tests.training.helpers import DECIDE, REQUEST, sid
from tests.web.conftest import Phone, run_async

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

OTHER_UNIT_COURSE = "Bimbingan Teknis Administrasi Kependudukan"
NOTE = "Silakan ikut; jadwal jaga sudah diatur."


async def _seed(settings: Any) -> World:
    await init_db(settings)
    try:
        world = await make_world()
        year = dt.date.today().year
        await add_skp(world.siti, year)
        await add_plan(world.siti, year, world.asuhan, world.course)
        await add_record(world.siti, year, 6)
        # A course only Disdukcapil staff may take: Siti's request gets a typed error.
        course = await Course.create(
            code="C-CAPIL-01",
            title=OTHER_UNIT_COURSE,
            mode=TrainingMode.NON_KLASIKAL,
            method=TrainingMethod.E_LEARNING,
            jp=8,
            organiser="Disdukcapil",
        )
        await course.eligible_units.add(world.disdukcapil)
        today = dt.date.today()
        await TrainingSession.create(
            course=course,
            starts_on=today + dt.timedelta(days=10),
            ends_on=today + dt.timedelta(days=10),
            enrollment_deadline=today + dt.timedelta(days=5),
            online_url="https://elearning.example",
            capacity=30,
        )
        return world
    finally:
        await close_db()


def test_siti_requests_a_seat_and_budi_approves_it_live(browser, settings):
    from playwright.sync_api import expect

    world = run_async(_seed(settings))
    title = world.course.title
    with live_portal(settings.database_url) as base:
        siti, budi = Phone(browser, base), Phone(browser, base)
        try:
            sp, bp = siti.page, budi.page
            sp.goto("/")
            expect(sp.get_by_role("link", name="Masuk sebagai persona demo")).to_be_visible()
            siti.shot("01-masuk")
            siti.sign_in(SITI_NIP)
            expect(sp.locator("#enrollments-empty")).to_be_visible()
            expect(sp.get_by_role("img", name=re.compile("Grafik kompetensi"))).to_be_visible()
            siti.shot("02-beranda")

            budi.sign_in(BUDI_NIP)
            bp.get_by_role("link", name="Persetujuan").click()
            expect(bp.locator("#inbox-count")).to_have_text(
                "Tidak ada permintaan yang menunggu keputusan Anda."
            )
            budi.wait_live()
            bp.evaluate("window.stillTheSamePage = true")

            sp.get_by_role("link", name="Katalog").click()
            card = sp.locator("li.session", has_text=title)
            expect(card).to_be_visible()
            expect(sp.locator("#catalog-count")).to_have_text("2 sesi ditemukan")
            siti.shot("03-katalog")

            # A typed error from the result union, shown in Indonesian inside the dialog.
            sp.locator("li.session", has_text=OTHER_UNIT_COURSE).get_by_role(
                "button", name=re.compile("^Minta kursi")
            ).click()
            dialog = sp.get_by_role("dialog")
            dialog.get_by_label("Alasan").fill("Ingin memahami layanan kependudukan.")
            dialog.get_by_role("button", name="Kirim permintaan").click()
            expect(dialog.get_by_role("alert")).to_have_text(
                "Pelatihan ini bukan untuk unit kerja Anda."
            )
            siti.shot("04-katalog-galat")
            dialog.get_by_role("button", name="Tutup").click()
            expect(dialog).to_be_hidden()

            card.get_by_role("button", name=re.compile("^Minta kursi")).click()
            dialog.get_by_label("Alasan").fill("Menutup kesenjangan kompetensi Asuhan Keperawatan.")
            siti.shot("05-minta-kursi")
            dialog.get_by_role("button", name="Kirim permintaan").click()
            expect(card.locator(".badge.status")).to_have_text("Menunggu persetujuan")
            expect(sp.locator("#announcer")).to_contain_text("Permintaan terkirim")

            # Budi's inbox grows while he looks at it.
            request = bp.locator("li.request", has_text="Siti Rahmawati")
            expect(request).to_contain_text(title)
            expect(request).to_contain_text("Menutup kesenjangan")
            expect(bp.locator("[data-badge=inbox]")).to_contain_text("1")
            expect(bp.locator("#bell-badge")).to_have_text("1")
            budi.shot("06-persetujuan")

            # Siti goes to her home page (same document) and waits there.
            sp.get_by_role("link", name="Beranda").click()
            mine = sp.locator("#enrollments li", has_text=title)
            expect(mine.locator(".badge.status")).to_have_text("Menunggu persetujuan")
            sp.evaluate("window.stillTheSamePage = true")
            siti.wait_live()

            request.get_by_label("Catatan untuk pegawai (opsional)").fill(NOTE)
            request.get_by_role("button", name=re.compile("^Setujui")).click()
            expect(bp.locator("#inbox-count")).to_have_text(
                "Tidak ada permintaan yang menunggu keputusan Anda."
            )
            expect(bp.locator("[data-badge=inbox]")).to_be_hidden()

            expect(mine.locator(".badge.status")).to_have_text("Terdaftar")
            expect(mine).to_contain_text(NOTE)
            expect(sp.locator("#bell-badge")).to_have_text("1")
            expect(sp.locator("#bell")).to_have_attribute(
                "aria-label", "Notifikasi, 1 belum dibaca"
            )
            assert sp.evaluate("window.stillTheSamePage") is True
            assert bp.evaluate("window.stillTheSamePage") is True
            siti.shot("07-beranda-disetujui")

            sp.locator("#bell").click()
            expect(sp.get_by_role("heading", level=1)).to_have_text("Notifikasi")
            expect(sp.locator("#notifications li").first).to_contain_text("disetujui")
            siti.shot("08-notifikasi")
            sp.get_by_role("button", name="Tandai semua dibaca").click()
            expect(sp.locator("#bell-badge")).to_be_hidden()
            expect(sp.locator("#unread-count")).to_have_text("Semua sudah dibaca.")

            bp.get_by_role("link", name="Tim").click()
            expect(bp.locator("#team-count")).to_have_text(re.compile(r"\d+ pegawai"))
            budi.shot("09-tim")
            bp.get_by_role("link", name=re.compile("Siti Rahmawati")).click()
            expect(bp.get_by_role("heading", level=1)).to_have_text("Siti Rahmawati")
            expect(
                bp.locator("#enrollments li", has_text=title).locator(".badge.status")
            ).to_have_text("Terdaftar")
            budi.shot("10-profil-pegawai")

            assert siti.problems == []
            assert budi.problems == []
        finally:
            siti.close()
            budi.close()


def test_the_catalog_filters_pages_and_shows_seats_live(browser, settings):
    from playwright.sync_api import expect

    world = run_async(_seed_catalog(settings, sessions=14))
    with live_portal(settings.database_url) as base:
        siti = Phone(browser, base)
        try:
            page = siti.page
            siti.sign_in(SITI_NIP)
            page.keyboard.press("Tab")
            expect(page.locator(":focus")).to_have_text("Lewati ke konten utama")
            page.get_by_role("link", name="Katalog").click()
            expect(page.locator("#catalog-count")).to_have_text("16 sesi ditemukan")
            expect(page.locator("li.session")).to_have_count(10)
            page.get_by_role("button", name="Muat lagi").click()
            expect(page.locator("li.session")).to_have_count(16)
            expect(page.get_by_role("button", name="Muat lagi")).to_be_hidden()

            # Another employee's approved request takes a seat: Siti's card follows live.
            siti.wait_live()
            card = page.locator("li.session", has_text=world.course.title)
            expect(card.locator(".seats")).to_have_text("10 dari 10 kursi tersisa")
            rina = run_async(session_cookie(base, world.colleague.nip))
            budi = run_async(session_cookie(base, BUDI_NIP))
            asked = run_async(
                _post(base, rina, REQUEST, {"input": {"sessionId": sid(world.session)}})
            )
            eid = asked["requestEnrollment"]["enrollment"]["id"]
            run_async(
                _post(base, budi, DECIDE, {"input": {"enrollmentId": eid, "decision": "APPROVE"}})
            )
            expect(card.locator(".seats")).to_have_text("9 dari 10 kursi tersisa")

            page.get_by_label("Cari judul pelatihan").fill("Kependudukan")
            page.get_by_role("button", name="Terapkan").click()
            expect(page.locator("#catalog-count")).to_have_text("1 sesi ditemukan")

            page.get_by_label("Cari judul pelatihan").fill("")
            page.get_by_text("Filter lainnya").click()
            page.get_by_label("Jenis pembelajaran").select_option("NON_KLASIKAL")
            expect(page.locator("#catalog-count")).to_have_text("15 sesi ditemukan")
            page.get_by_label("Mulai dari").fill("2031-01-02")
            page.get_by_label("Sampai").fill("2031-01-01")
            page.get_by_role("button", name="Terapkan").click()
            expect(page.locator("#filter-error")).to_contain_text("tidak boleh setelah")

            # English is one switch away; the choice survives a reload.
            page.locator("details.menu > summary").click()  # "Menu akun"
            page.get_by_role("button", name="English").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Training catalog")
            expect(page.locator("html")).to_have_attribute("lang", "en")
            page.reload()
            expect(page.get_by_role("link", name="Catalog")).to_be_visible()
            assert siti.problems == []
        finally:
            siti.close()


async def _seed_catalog(settings: Any, sessions: int) -> World:
    world = await _seed(settings)
    await init_db(settings)
    try:
        course = await Course.create(
            code="C-EL-99",
            title="E-Learning Pelayanan Publik",
            mode=TrainingMode.NON_KLASIKAL,
            method=TrainingMethod.E_LEARNING,
            jp=4,
            organiser="LAN RI",
        )
        today = dt.date.today()
        for i in range(sessions):
            await TrainingSession.create(
                course=course,
                starts_on=today + dt.timedelta(days=40 + i),
                ends_on=today + dt.timedelta(days=40 + i),
                enrollment_deadline=today + dt.timedelta(days=35),
                online_url="https://elearning.example",
                capacity=50,
            )
        return world
    finally:
        await close_db()


@contextmanager
def _portal_on(database_url: str, port: int) -> Iterator[subprocess.Popen[bytes]]:
    """The portal on a fixed port (so a restart comes back at the same address)."""
    env = {
        **os.environ,
        "PORTAL_DATABASE_URL": database_url,
        "PORTAL_DEV_LOGIN": "1",
        "PORTAL_BASE_URL": f"http://127.0.0.1:{port}",
        "PORTAL_LOG_LEVEL": "WARNING",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "portal.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, "portal exited at start"
            assert time.monotonic() < deadline, "portal did not start in time"
            time.sleep(0.1)
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


async def _post(base: str, cookie: str, document: str, variables: dict[str, Any]) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=base, headers={"Cookie": cookie, "Origin": base}) as http:
        response = await http.post("/graphql", json={"query": document, "variables": variables})
        return response.json()["data"]


def test_a_dropped_connection_shows_the_banner_and_live_updates_resume(browser, settings):
    from playwright.sync_api import expect

    world = run_async(_seed(settings))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    siti = Phone(browser, base)
    try:
        with _portal_on(settings.database_url, port):
            siti_cookie = run_async(session_cookie(base, SITI_NIP))
            asked = run_async(
                _post(base, siti_cookie, REQUEST, {"input": {"sessionId": sid(world.session)}})
            )
            enrollment_id = asked["requestEnrollment"]["enrollment"]["id"]
            siti.sign_in(SITI_NIP)
            siti.wait_live()
        banner = siti.page.locator("#live-status")
        expect(banner).to_have_text(re.compile("Koneksi terputus"))
        siti.shot("11-koneksi-terputus")
        with _portal_on(settings.database_url, port):
            siti.wait_live()
            expect(banner).to_have_text(re.compile("Tersambung kembali"))
            # The subscription was renewed: a decision made now reaches the open page.
            budi_cookie = run_async(session_cookie(base, BUDI_NIP))
            run_async(
                _post(
                    base,
                    budi_cookie,
                    DECIDE,
                    {"input": {"enrollmentId": enrollment_id, "decision": "APPROVE"}},
                )
            )
            mine = siti.page.locator("#enrollments li", has_text=world.course.title)
            expect(mine.locator(".badge.status")).to_have_text("Terdaftar")
        assert siti.problems == []
    finally:
        siti.close()
