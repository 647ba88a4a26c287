"""The QR code of a survey link, as SVG, in pure Python (segno): printed at service counters."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str, *, title: str = "") -> bytes:
    """An SVG QR code of ``url`` (error correction M: survives a scuffed print-out)."""
    code = segno.make(url, error="m")
    buffer = io.BytesIO()
    code.save(
        buffer,
        kind="svg",
        scale=8,
        border=4,  # the quiet zone the QR standard asks for
        xmldecl=False,
        title=title or url,
        dark="#000",
        light="#fff",
    )
    return buffer.getvalue()
