"""The GraphQL documents the benchmark sends: the web app's own (web/js/ops.js) plus a report."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OPS_JS = ROOT / "web" / "js" / "ops.js"

# HR's "under 20 JP per OPD" question (bench/reports: jp_right_per_opd), as the web app asks it.
REPORT = """query StandardReport($input: ReportInput!) {
  report(input: $input) {
    __typename
    ... on Report {
      rowCount
      truncated
      rows { suppressed cells { dimension value label } values { measure value } }
      totals { values { measure value } }
    }
    ... on ReportError { code message }
  }
}"""
REPORT_INPUT = {
    "measures": ["EMPLOYEES_UNDER_20_JP", "JP_MISSING", "JP_RIGHT_MET_SHARE"],
    "groupBy": ["UNIT"],
    "unitLevel": 2,
}

# The mixed load recycles (employee, session) pairs: request, then the supervisor rejects, which
# frees the pair again. The employee's NIP in the answer tells the Lua script whose supervisor
# decides; otherwise this is the web app's RequestEnrollment.
REQUEST_WITH_NIP = """mutation RequestEnrollment($input: RequestEnrollmentInput!) {
  requestEnrollment(input: $input) {
    __typename
    ... on RequestEnrollmentSuccess {
      enrollment { id status employee { nip } session { id seatsLeft capacity } }
    }
    ... on RequestEnrollmentError { code field message }
  }
}"""


def web_operations() -> dict[str, str]:
    """Every operation of the generated web client, by name, exactly as the browser sends it."""
    text = OPS_JS.read_text(encoding="utf-8")
    return dict(re.findall(r"export const (\w+) = `(.*?)`;", text, flags=re.S))


def documents() -> dict[str, str]:
    ops = web_operations()
    return {
        "home": ops["Home"],
        "catalog": ops["Catalog"],
        "request": ops["RequestEnrollment"],
        "decide": ops["DecideEnrollment"],
        "report": REPORT,
        "request_nip": REQUEST_WITH_NIP,
    }
