"""Notifications are e-mailed through a real (local) SMTP server when PORTAL_SMTP_URL is set."""

from __future__ import annotations

import asyncio

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from portal.events import drain_background
from tests.conftest import running_app
from tests.factories import BUDI_NIP, SITI_NIP, make_world
from tests.live import free_port
from tests.training.helpers import decide, request


class Inbox(Message):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list = []

    def handle_message(self, message) -> None:
        self.messages.append(message)


async def test_decision_is_emailed_to_the_employee(settings):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        from pydantic import SecretStr

        smtp_settings = settings.model_copy(
            update={"smtp_url": SecretStr(f"smtp://127.0.0.1:{port}")}
        )
        async with running_app(smtp_settings) as client:
            w = await make_world()
            await client.login(SITI_NIP)
            eid = (await request(client, w.session))["enrollment"]["id"]
            await client.login(BUDI_NIP)
            await decide(client, eid, note="Selamat belajar")
            await drain_background()
            for _ in range(50):
                if any(
                    m["To"] == "siti.rahmawati@tangerangselatankota.go.id" for m in inbox.messages
                ):
                    break
                await asyncio.sleep(0.05)
        to_siti = [
            m for m in inbox.messages if m["To"] == "siti.rahmawati@tangerangselatankota.go.id"
        ]
        assert len(to_siti) == 1
        assert to_siti[0]["Subject"] == "[Portal ASN] Permintaan pelatihan disetujui"
        assert "Selamat belajar" in to_siti[0].get_payload()
    finally:
        controller.stop()
