"""HTTP to the hub: one POST per bundle; the hub's verdict or why it could not be reached."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from bazar_pos import i18n


@dataclass(frozen=True)
class PostResult:
    ok: bool
    status: str | None = None
    error: str | None = None
    unreachable: bool = False


def post_bundle(hub_url: str, body: str, *, timeout: float = 10.0) -> PostResult:
    url = hub_url.rstrip("/") + "/api/v1/bundles"
    try:
        response = httpx.post(
            url,
            content=body.encode("utf-8"),
            timeout=timeout,
            headers={"Content-Type": "application/json", "Accept-Language": i18n.current()},
        )
    except httpx.HTTPError as exc:
        return PostResult(False, error=f"{type(exc).__name__}: {exc}", unreachable=True)
    try:
        data = response.json()
    except ValueError:
        data = {}
    if response.status_code in (200, 201):
        return PostResult(True, status=str(data.get("status", "accepted")))
    if response.status_code >= 500 or response.status_code == 429:
        return PostResult(False, error=f"HTTP {response.status_code}", unreachable=True)
    error = data.get("error", {}) if isinstance(data, dict) else {}
    return PostResult(False, error=str(error.get("message") or f"HTTP {response.status_code}"))
