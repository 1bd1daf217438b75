"""Who is asking: the session cookie, the login rate limit, and the headers every page carries.

The cookie holds only a random session id (HttpOnly, SameSite=Strict); the token that opened it
never reaches a page. Failed logins are counted per client address, so guessing tokens from a
phone on the hub's network stalls after a few tries.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta

from fastapi import Request, Response

COOKIE = "bazar_session"
LANG_COOKIE = "bazar_lang"
MAX_FAILURES = 10
WINDOW = timedelta(minutes=1)

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
"""On every web response: scripts only from our own file, nothing framed, no token in a Referer."""


class LoginLimiter:
    """At most MAX_FAILURES failed logins per client address within WINDOW; then refused until
    the oldest failure leaves the window. Memory is bounded: idle addresses are dropped."""

    def __init__(self, now: Callable[[], datetime], max_clients: int = 10_000):
        self.now = now
        self.max_clients = max_clients
        self.failures: dict[str, deque[datetime]] = {}

    def _recent(self, client: str) -> deque[datetime]:
        cutoff = self.now() - WINDOW
        seen = self.failures.get(client, deque())
        while seen and seen[0] <= cutoff:
            seen.popleft()
        return seen

    def blocked(self, client: str) -> bool:
        return len(self._recent(client)) >= MAX_FAILURES

    def failed(self, client: str) -> None:
        if client not in self.failures and len(self.failures) >= self.max_clients:
            self.failures.pop(next(iter(self.failures)))
        seen = self._recent(client)
        seen.append(self.now())
        self.failures[client] = seen

    def succeeded(self, client: str) -> None:
        self.failures.pop(client, None)


def client_of(request: Request) -> str:
    return request.client.host if request.client else ""


def session_of(request: Request) -> str:
    return request.cookies.get(COOKIE, "")[:100]


def lang_of(request: Request) -> str:
    """Indonesian unless the visitor chose English on a page (a cookie, not the phone's setting:
    the pengampu's phones are often set to English while the team works in Indonesian)."""
    return "en" if request.cookies.get(LANG_COOKIE) == "en" else "id"


def set_session(response: Response, request: Request, session: str) -> None:
    response.set_cookie(
        COOKIE,
        session,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )


def clear_session(response: Response) -> None:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
