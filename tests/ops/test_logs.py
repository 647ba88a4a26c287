"""Structured logs: JSON lines carrying the request id."""

from __future__ import annotations

import json
import logging
import sys

from portal.audit.service import RequestInfo, current_request
from portal.ops.logs import JsonFormatter, RequestIdFilter, TextFormatter


def _record(message: str, **extra) -> logging.LogRecord:
    record = logging.LogRecord("portal.test", logging.ERROR, __file__, 1, message, (), None)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_json_lines_carry_the_request_id_and_extra_fields():
    token = current_request.set(RequestInfo(client_ip="10.0.0.7", request_id="abc123"))
    try:
        record = _record("hello %s", status=503)
        record.args = ("world",)
        RequestIdFilter().filter(record)
    finally:
        current_request.reset(token)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "hello world"
    assert entry["request_id"] == "abc123"
    assert entry["status"] == 503
    assert entry["level"] == "ERROR"
    assert entry["time"].endswith("+00:00")


def test_json_lines_carry_the_traceback():
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = _record("failed")
        record.exc_info = sys.exc_info()
    RequestIdFilter().filter(record)
    entry = json.loads(JsonFormatter().format(record))
    assert "RuntimeError: boom" in entry["exception"]
    assert "request_id" not in entry  # outside a request


def test_text_format_shows_the_request_id():
    record = _record("plain")
    record.request_id = "r1"
    assert "[r1] plain" in TextFormatter().format(record)
