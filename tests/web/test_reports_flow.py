"""HR reports in a real browser at 390x844: Dewi (BKPSDM) opens a ready-made report, the chart and
its table show what the API answers for the same input, a filter redraws both, the builder offers
only combinations the API can answer, and the CSV download holds the table's figures. Siti
(no report rights) sees no Laporan tab and a clear refusal when she opens the address directly.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import urllib.parse
from pathlib import Path
from typing import Any

import httpx
import pytest

from portal.db import close_db, init_db
from tests.factories import DEWI_NIP, SITI_NIP
from tests.live import live_portal, session_cookie
from tests.reports.world import ReportWorld, add_enrollments, make_report_world
from tests.web.conftest import Phone, run_async

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

REPORT = """
query Report($input: ReportInput!) {
  report(input: $input) {
    __typename
    ... on Report {
      dimensions measures minGroupSize
      rows { suppressed cells { label } values { value } }
      totals { suppressed values { value } }
    }
    ... on ReportError { code message }
  }
}
"""
STAFFING = {
    "measures": ["REQUIRED_HEADCOUNT", "HEADCOUNT", "STAFFING_GAP", "POSITIONS_WITHOUT_ABK"],
    "groupBy": ["UNIT"],
    "unitLevel": 1,
    "sort": [{"measure": "STAFFING_GAP", "descending": True}],
}


async def _seed(settings: Any) -> ReportWorld:
    await init_db(settings)
    try:
        world = await make_report_world()
        await add_enrollments(world)
        return world
    finally:
        await close_db()


async def _report(base: str, cookie: str, input: dict[str, Any]) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=base, headers={"Cookie": cookie, "Origin": base}) as http:
        response = await http.post(
            "/graphql", json={"query": REPORT, "variables": {"input": input}}
        )
        report = response.json()["data"]["report"]
        assert report["__typename"] == "Report", report
        return report


def _number(text: str) -> float | None:
    """A figure as the table shows it (id-ID: 1.234,5) or as the CSV writes it (1234.50)."""
    text = text.strip()
    if text in ("", "–"):
        return None
    if "," in text or re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "").replace(",", ".")
    return float(text)


def _figures(values: list[Any]) -> list[float | None]:
    return [None if v is None else round(float(v), 2) for v in values]


def _table(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => {
          const t = document.querySelector('#report-table');
          const cells = (tr) => [...tr.children].map((c) => c.textContent.trim());
          return {
            header: cells(t.tHead.rows[0]),
            rows: [...t.tBodies[0].rows].map(cells),
            total: cells(t.tFoot.rows[0]),
          };
        }"""
    )


def _assert_table_is_the_report(table: dict[str, Any], report: dict[str, Any]) -> None:
    assert len(table["rows"]) == len(report["rows"])
    for shown, row in zip(table["rows"], report["rows"], strict=True):
        assert not row["suppressed"]  # HR sees every group
        labels = [c["label"] for c in row["cells"]]
        assert shown[: len(labels)] == labels
        values = [_number(text) for text in shown[len(labels) :]]
        assert values == _figures([v["value"] for v in row["values"]]), (shown, row)
    totals = [_number(text) for text in table["total"][1:]]
    assert totals == _figures([v["value"] for v in report["totals"]["values"]])


def _csv_input(page: Any) -> dict[str, Any]:
    href = page.locator("#report-csv").get_attribute("href")
    assert href is not None
    assert href.startswith("/reports/export.csv?input=")
    query = urllib.parse.urlparse(href).query
    return json.loads(urllib.parse.parse_qs(query)["input"][0])


def _bars(report: dict[str, Any], charted: list[int]) -> int:
    return sum(
        1 for row in report["rows"] for i in charted if row["values"][i]["value"] is not None
    )


def _assert_bars_are_to_scale(page: Any, report: dict[str, Any], charted: list[int]) -> None:
    """Drawn widths follow the values (nothing in the style sheet stretches the bars)."""
    widths = page.evaluate(
        "() => [...document.querySelectorAll('#report-chart rect.report-bar')]"
        ".map((r) => r.getBoundingClientRect().width)"
    )
    values = [
        row["values"][i]["value"]
        for row in report["rows"]
        for i in charted
        if row["values"][i]["value"] is not None
    ]
    top_value, top_width = max(values), max(widths)
    assert top_value > 0
    assert top_width > 0
    for width, value in zip(widths, values, strict=True):
        assert abs(width / top_width - value / top_value) < 0.02, (widths, values)


def test_dewi_reads_a_report_filters_it_and_downloads_the_csv(browser, settings):
    from playwright.sync_api import expect

    run_async(_seed(settings))
    with live_portal(settings.database_url) as base:
        dewi = Phone(browser, base)
        try:
            page = dewi.page
            cookie = run_async(session_cookie(base, DEWI_NIP))
            dewi.sign_in(DEWI_NIP)
            page.get_by_role("link", name="Laporan").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Laporan")
            dewi.shot("laporan-01-pilihan")

            # One tap: staffing need per OPD (BKPSDM, Dinas Kesehatan, Disdukcapil).
            page.get_by_role("button", name=re.compile("^Kebutuhan pegawai per OPD")).click()
            result = page.locator("#report-result")
            expect(result.get_by_role("heading", level=2)).to_have_text("Kebutuhan pegawai per OPD")
            expect(
                page.get_by_role("button", name=re.compile("^Kebutuhan pegawai"))
            ).to_have_attribute("aria-pressed", "true")
            expected = run_async(_report(base, cookie, STAFFING))
            assert len(expected["rows"]) == 3
            chart = result.get_by_role("img", name=re.compile("^Grafik batang"))
            expect(chart).to_be_visible()
            expect(chart).to_have_attribute("aria-label", re.compile("per Unit Kerja, 3 kelompok"))
            expect(chart.locator("g.bar-row")).to_have_count(3)
            # Two series (required against actual headcount) per OPD.
            expect(chart.locator("rect.report-bar")).to_have_count(_bars(expected, [0, 1]))
            _assert_bars_are_to_scale(page, expected, [0, 1])
            table = _table(page)
            assert table["header"] == [
                "Unit Kerja",
                "Kebutuhan Pegawai (ABK)",
                "Jumlah Pegawai",
                "Selisih Kebutuhan",
                "Jabatan Tanpa ABK",
            ]
            _assert_table_is_the_report(table, expected)
            assert {r[0] for r in table["rows"]} == {"Dinas Kesehatan", "BKPSDM", "Disdukcapil"}
            assert _csv_input(page) == STAFFING
            dewi.shot("laporan-02-kebutuhan-per-opd")

            # A filter redraws chart and table: Dinas Kesehatan only, then by division/UPT.
            page.get_by_label("Unit kerja", exact=True).select_option(label="Dinas Kesehatan")
            expect(chart.locator("g.bar-row")).to_have_count(1)
            page.get_by_label("Rincian unit").select_option(label="Bidang/UPT")
            expect(chart.locator("g.bar-row")).to_have_count(2)
            filtered_input = _csv_input(page)
            assert filtered_input["unitLevel"] == 2
            assert filtered_input["filters"][0]["dimension"] == "UNIT"
            filtered = run_async(_report(base, cookie, filtered_input))
            expect(chart.locator("rect.report-bar")).to_have_count(_bars(filtered, [0, 1]))
            table = _table(page)
            _assert_table_is_the_report(table, filtered)
            assert [r[0] for r in table["rows"]] == [
                c["cells"][0]["label"] for c in filtered["rows"]
            ]
            assert {r[0] for r in table["rows"]} == {"Dinas Kesehatan", "Puskesmas Pamulang"}
            dewi.shot("laporan-03-dinkes-per-bidang")

            # The CSV download: same header and figures as the table, totals last.
            with page.expect_download() as info:
                page.get_by_role("link", name="Unduh CSV").click()
            download = info.value
            assert re.fullmatch(r"laporan-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
            text = Path(download.path()).read_text(encoding="utf-8-sig")
            lines = list(csv.reader(text.splitlines()))
            assert lines[0] == [*table["header"], "Disamarkan"]
            body, total = lines[1:-1], lines[-1]
            assert len(body) == len(table["rows"])
            for written, shown in zip(body, table["rows"], strict=True):
                assert written[0] == shown[0]
                assert [_number(v) for v in written[1:-1]] == [_number(v) for v in shown[1:]]
                assert written[-1] == ""
            assert total[0] == "Total"
            assert [_number(v) for v in total[1:-1]] == [_number(v) for v in table["total"][1:]]

            # The builder offers only what can be computed together.
            page.locator("#builder > summary").click()  # "Susun laporan sendiri"
            page.get_by_label("Jumlah Pendaftaran").check()
            expect(page.get_by_label("Jumlah Pegawai", exact=True)).to_be_disabled()
            expect(page.get_by_label("Median Waktu Persetujuan (jam)")).to_be_enabled()
            group = page.get_by_label("Kelompokkan menurut")
            expect(group.locator("option[value=ENROLLMENT_STATUS]")).to_have_count(1)
            expect(group.locator("option[value=COMPETENCY]")).to_have_count(0)
            group.select_option(label="Status Pendaftaran")
            page.get_by_label("Unit kerja", exact=True).select_option(label="Semua unit kerja")
            page.get_by_role("button", name="Tampilkan laporan").click()
            expect(result.get_by_role("heading", level=2)).to_have_text("Laporan susunan Anda")
            custom_input = _csv_input(page)
            assert custom_input["groupBy"] == ["ENROLLMENT_STATUS"]
            assert "filters" not in custom_input
            assert isinstance(custom_input["year"], int)
            custom = run_async(_report(base, cookie, custom_input))
            expect(chart.locator("g.bar-row")).to_have_count(len(custom["rows"]))
            _assert_table_is_the_report(_table(page), custom)
            dewi.shot("laporan-04-susun-sendiri")

            # By keyboard, on a 360 px phone: the 20 JP right per OPD, then last year's.
            page.set_viewport_size({"width": 360, "height": 740})
            page.get_by_label("Rincian unit").select_option(label="OPD")
            page.get_by_role("button", name=re.compile("^Hak 20 JP per OPD")).focus()
            page.keyboard.press("Enter")
            heading = result.get_by_role("heading", level=2)
            expect(heading).to_have_text("Hak 20 JP per OPD")
            expect(heading).to_be_focused()
            last_year = dt.date.today().year - 1
            page.get_by_label("Tahun").select_option(str(last_year))
            expect(page.locator("#report-scope")).to_contain_text(f"Tahun {last_year}")
            jp_input = _csv_input(page)
            assert jp_input["year"] == last_year
            assert jp_input["unitLevel"] == 1
            jp = run_async(_report(base, cookie, jp_input))
            expect(chart.locator("g.bar-row")).to_have_count(len(jp["rows"]))
            _assert_table_is_the_report(_table(page), jp)
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
            dewi.shot("laporan-05-hak-20-jp-360px")
            assert dewi.problems == []
        finally:
            dewi.close()


def test_siti_has_no_reports_tab_and_is_refused_at_the_address(browser, settings):
    from playwright.sync_api import expect

    run_async(_seed(settings))
    with live_portal(settings.database_url) as base:
        siti = Phone(browser, base)
        try:
            page = siti.page
            siti.sign_in(SITI_NIP)
            expect(page.get_by_role("link", name="Katalog")).to_be_visible()
            expect(page.locator("#nav").get_by_role("link", name="Laporan")).to_have_count(0)
            page.goto("/#/laporan")
            expect(page.get_by_role("heading", level=1)).to_have_text("Laporan")
            expect(page.get_by_role("alert")).to_contain_text("tidak berhak")
            siti.shot("laporan-06-tidak-berhak")
            assert siti.problems == []
        finally:
            siti.close()
