"""Session cookies for many people through the development sign-in (POST /auth/dev-login)."""

from __future__ import annotations

import asyncio

import httpx


async def cookies(base: str, nips: list[str], *, parallel: int = 16) -> dict[str, str]:
    """NIP -> Cookie header value; the Origin header passes the CSRF rule as a browser's does."""
    limit = asyncio.Semaphore(parallel)
    found: dict[str, str] = {}

    async def one(http: httpx.AsyncClient, nip: str) -> None:
        async with limit:
            response = await http.post(
                "/auth/dev-login",
                data={"nip": nip},
                headers={"Origin": base},
                follow_redirects=False,
            )
            if response.status_code != 303:
                raise RuntimeError(f"dev sign-in of {nip} failed: {response.status_code}")
            value = response.cookies.get("portal_session")
            if not value:
                raise RuntimeError(f"dev sign-in of {nip} set no session cookie")
            found[nip] = f"portal_session={value}"

    unique = list(dict.fromkeys(nips))
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        await asyncio.gather(*(one(http, nip) for nip in unique))
    return found
