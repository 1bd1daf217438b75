"""The hub over HTTP (FastAPI): booths post bundles, organizers read status and the report.

Bundles authenticate themselves by their HMAC signature; status and report need the organizer
token from `hub init`. One connection and one lock: a single writer, safe under many requests.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Header, Request
from fastapi.responses import JSONResponse

from bazar_pos import i18n
from bazar_pos.errors import BazarError
from bazar_pos.hub import registry, status
from bazar_pos.hub.ingest import ingest
from bazar_pos.hub.store import open_hub
from bazar_pos.sync.bundle import MAX_BYTES, BundleRejected

HTTP_STATUS = {
    "malformed": 400,
    "schema": 422,
    "future_version": 422,
    "too_large": 413,
    "bad_signature": 401,
    "unknown_booth": 403,
    "other_event": 403,
}


def _lang(accept: str | None) -> str:
    return "en" if accept and accept.strip().lower().startswith("en") else "id"


def _error(exc: BazarError, lang: str, status_code: int) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": exc.code, "message": exc.message(lang)}}, status_code=status_code
    )


def create_app(
    db_path: Path, *, max_body: int = MAX_BYTES, clock: Callable[[], datetime] | None = None
) -> FastAPI:
    db = open_hub(db_path)
    ev = registry.event(db)
    lock = threading.Lock()
    now = clock or (lambda: datetime.now(UTC))
    app = FastAPI(
        title="bazar-pos hub", version="1", description=f"Daily totals of the booths of {ev.name}."
    )

    def authorized(token: str | None) -> bool:
        supplied = (token or "").removeprefix("Bearer ").strip()
        return bool(supplied) and hmac.compare_digest(registry.token_hash(supplied), ev.token_hash)

    def denied(lang: str) -> JSONResponse:
        return _error(
            BazarError(
                "Token penyelenggara salah atau tidak ada",
                "The organizer token is wrong or missing",
                code="unauthorized",
            ),
            lang,
            401,
        )

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok", "event": ev.name}

    @app.post("/api/v1/bundles", status_code=201)
    async def post_bundle(
        request: Request, accept_language: str | None = Header(default=None)
    ) -> Any:
        lang = _lang(accept_language)
        declared = request.headers.get("content-length")
        too_large = BundleRejected(
            "Bundel terlalu besar", "The bundle is too large", code="too_large"
        )
        if declared and declared.isdigit() and int(declared) > max_body:
            return _error(too_large, lang, 413)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > max_body:
                return _error(too_large, lang, 413)
        try:
            with lock:
                result = ingest(db, body, now=now())
        except BundleRejected as exc:
            return _error(exc, lang, HTTP_STATUS.get(exc.code, 400))
        except BazarError as exc:
            return _error(exc, lang, 400)
        code = 201 if result.status == "accepted" else 200
        return JSONResponse(result.to_json(), status_code=code)

    @app.get("/api/v1/status")
    def get_status(
        date: str | None = None,
        authorization: str | None = Header(default=None),
        accept_language: str | None = Header(default=None),
    ) -> Any:
        if not authorized(authorization):
            return denied(_lang(accept_language))
        with lock:
            day = date or (status.event_dates(db) or [""])[-1]
            return {
                "date": day,
                "booths": status.status(db, day),
                "conflicts": status.conflicts(db),
            }

    @app.get("/api/v1/report")
    def get_report(
        date: str | None = None,
        location: str | None = None,
        authorization: str | None = Header(default=None),
        accept_language: str | None = Header(default=None),
    ) -> Any:
        if not authorized(authorization):
            return denied(_lang(accept_language))
        from bazar_pos.hub import report

        with lock:
            return report.build(db, date=date, location=location).to_json()

    return app


def serve(db_path: Path, host: str, port: int) -> None:
    import uvicorn

    i18n.set_language(i18n.current())
    uvicorn.run(create_app(db_path), host=host, port=port, log_level="warning")
