"""E-mail for notifications over SMTP (``PORTAL_SMTP_URL``), sent after commit, off the request."""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit


@dataclass(frozen=True, slots=True)
class SmtpConfig:
    host: str
    port: int
    username: str | None
    password: str | None
    starttls: bool
    tls: bool
    sender: str

    @classmethod
    def from_url(cls, url: str, sender: str) -> SmtpConfig:
        """``smtp://user:pw@host:587?starttls=1`` or ``smtps://host:465``."""
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError("PORTAL_SMTP_URL must look like smtp://user:password@host:port")
        query = parse_qs(parts.query)
        tls = parts.scheme == "smtps"
        return cls(
            host=parts.hostname,
            port=parts.port or (465 if tls else 25),
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            starttls=query.get("starttls", ["0"])[0] in ("1", "true", "yes"),
            tls=tls,
            sender=sender,
        )


class Mailer:
    def __init__(self, config: SmtpConfig) -> None:
        self.config = config

    async def send(self, *, to: list[str], subject: str, body: str) -> None:
        """Send one message (blocking smtplib runs in a worker thread)."""
        if to:
            await asyncio.to_thread(self._send, to, subject, body)

    def _send(self, to: list[str], subject: str, body: str) -> None:
        c = self.config
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = c.sender, ", ".join(to), subject
        message.set_content(body)
        smtp_class = smtplib.SMTP_SSL if c.tls else smtplib.SMTP
        with smtp_class(c.host, c.port, timeout=10) as smtp:
            if c.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if c.username:
                smtp.login(c.username, c.password or "")
            smtp.send_message(message)


_mailer: Mailer | None = None


def set_mailer(mailer: Mailer | None) -> None:
    global _mailer
    _mailer = mailer


def get_mailer() -> Mailer | None:
    return _mailer
