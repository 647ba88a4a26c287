"""Summarise Lighthouse JSON reports into the "Lighthouse (mobile)" section of bench/RESULTS.md.

Usage: report.py WORKDIR RESULTS_MD RUNS CHROME_VERSION (called by ./run). Takes the median run
per page (by performance score) and replaces only this section of RESULTS.md.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

PAGES = [
    ("signin", "Sign-in (signed out), `/#/masuk`"),
    ("home", "Employee home (Siti), `/#/`"),
    ("catalog", "Catalog (Siti), `/#/katalog`"),
    ("notifications", "Notifications (Siti), `/#/notifikasi`"),
    ("skp", "SKP (Siti), `/#/skp`"),
    ("plan", "Training plan (Siti), `/#/rencana`"),
    ("reports", "HR reports (Dewi), `/#/laporan`"),
    ("survey", "Public survey (signed out), `/#/survei/capil-ktp-el`"),
]
HEADING = "## Lighthouse (mobile)"


def _score(report: dict, category: str) -> int:
    return round(report["categories"][category]["score"] * 100)


def _ms(report: dict, audit: str) -> str:
    return f"{report['audits'][audit]['numericValue'] / 1000:.1f} s"


def _first_load_kb(report: dict) -> float:
    items = report["audits"]["network-requests"]["details"]["items"]
    size = sum(
        i.get("transferSize", 0) for i in items if i.get("resourceType") in ("Script", "Stylesheet")
    )
    return size / 1024


def _failed(report: dict, category: str) -> list[str]:
    refs = report["categories"][category]["auditRefs"]
    out = []
    for ref in refs:
        audit = report["audits"][ref["id"]]
        if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 0.9:
            out.append(f"{audit['title']} ({round(audit['score'] * 100)})")
    return out


def main() -> None:
    work, results, runs, chrome = (
        Path(sys.argv[1]),
        Path(sys.argv[2]),
        int(sys.argv[3]),
        sys.argv[4],
    )
    rows, notes, version = [], [], ""
    for name, label in PAGES:
        reports = [json.loads(p.read_text()) for p in sorted(work.glob(f"{name}-*.json"))]
        reports.sort(key=lambda r: _score(r, "performance"))
        median = reports[len(reports) // 2]
        version = median["lighthouseVersion"]
        perf = [_score(r, "performance") for r in reports]
        audits = median["audits"]
        cells = [
            label,
            f"**{_score(median, 'performance')}** ({min(perf)}–{max(perf)})",
            f"**{_score(median, 'accessibility')}**",
            str(_score(median, "best-practices")),
            _ms(median, "first-contentful-paint"),
            _ms(median, "largest-contentful-paint"),
            f"{round(audits['total-blocking-time']['numericValue'])} ms",
            f"{audits['cumulative-layout-shift']['numericValue']:.3f}",
            f"{_first_load_kb(median):.1f} KB",
        ]
        rows.append(f"| {' | '.join(cells)} |")
        for category in ("performance", "accessibility"):
            failed = _failed(median, category)
            if failed:
                notes.append(f"- {label}, {category}: {'; '.join(failed)}")
    section = "\n".join(
        [
            HEADING,
            "",
            f"`bench/lighthouse/run`, {dt.date.today().isoformat()}: Lighthouse {version} "
            f"(npm, pinned in bench/lighthouse/package-lock.json), {chrome.strip()} headless, "
            "mobile form factor with Lighthouse's default simulated throttling (slow 4G, 4x CPU "
            "slowdown); portal on SQLite with `portal seed --demo --survey --employees 200`, one "
            f"uvicorn worker on the same 2-core machine. Median of {runs} runs per page "
            "(performance range in brackets). Targets: performance 90+, accessibility 95+.",
            "",
            "| Page | Performance | Accessibility | Best practices | FCP | LCP | TBT | CLS "
            "| JS+CSS transferred |",
            "|---|---|---|---|---|---|---|---|---|",
            *rows,
            "",
            "JS+CSS transferred is uncompressed: the portal serves web/ without gzip today "
            "(gzipped, the whole app is about a quarter of that; tests/web/test_assets.py holds "
            "the first load under 150 KB compressed).",
            "",
            "Audits below 90 in the median runs:"
            if notes
            else "No weighted audit scored below 90 in the median runs.",
            *notes,
            "",
        ]
    )
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n\n"
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    results.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    print(section)


if __name__ == "__main__":
    main()
