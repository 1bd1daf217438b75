"""The hub over HTTP (FastAPI): booths post bundles, organizers read status and the report.

Bundles authenticate themselves by their booth's Ed25519 signature; status and report need the
organizer token from `hub init`. One log line per bundle (logger `bazar_pos.hub`). The only hub
module that imports the web framework. One shared connection guarded by `ingest.WRITE_LOCK`:
writes are serialized, and reads never see another thread's uncommitted transaction. Blocking
work runs in the threadpool, never on the event loop.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Callable, Coroutine, Mapping
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal, cast

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from bazar_pos import config
from bazar_pos.errors import BazarError
from bazar_pos.hub import forwarding, registry, status
from bazar_pos.hub.forwarding import Forwarder
from bazar_pos.hub.ingest import WRITE_LOCK, Arrival, Ingested, ingest_many, record_rejection
from bazar_pos.hub.store import open_hub
from bazar_pos.i18n import t
from bazar_pos.sync import bundle, forward
from bazar_pos.sync.bundle import MAX_BYTES, SCHEMA, BundleRejected

HTTP_STATUS = {
    "malformed": 400,
    "too_deep": 400,
    "schema": 422,
    "out_of_range": 422,
    "inconsistent": 422,
    "old_version": 422,
    "future_version": 422,
    "outside_dates": 422,
    "no_event_dates": 422,
    "bad_date": 422,
    "invalid_request": 422,
    "too_large": 413,
    "bad_signature": 401,
    "wrong_key": 401,
    "unauthorized": 401,
    "unknown_booth": 403,
    "unknown_city": 403,
    "wrong_hub": 401,
    "replay": 409,
    "registration_mismatch": 422,
    "other_event": 403,
    "wrong_kit": 403,
    "not_found": 404,
    "http_error": 405,
    "db_busy": 503,
    "db_readonly": 503,
    "db_io": 503,
    "db_corrupt": 503,
}
"""Refusal codes to HTTP statuses; a booth's outbox retries only 5xx and 429, never these."""
LOG = logging.getLogger("bazar_pos.hub")
Day = Annotated[
    str | None,
    Query(pattern=bundle.DAY, json_schema_extra={"format": "date"}, description="YYYY-MM-DD."),
]


class IngestResult(BaseModel):
    status: Literal["accepted", "duplicate", "superseded", "conflict"]
    booth: str
    date: str
    revision: int


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


def language(accept: str | None) -> str:
    """Indonesian unless the client prefers English (`Accept-Language: en`, q-values honoured)."""
    best, best_q = "id", 0.0
    for part in (accept or "").split(","):
        tag, _, params = part.partition(";")
        lang = tag.strip().lower().split("-")[0]
        try:
            q = float(params.strip()[2:]) if params.strip().startswith("q=") else 1.0
        except ValueError:
            q = 0.0
        if lang in ("id", "en") and q > best_q:
            best, best_q = lang, q
    return best


def _error(
    request: Request,
    code: str,
    exc: BazarError | None,
    status_code: int,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    lang = language(request.headers.get("accept-language"))
    message = exc.message(lang) if exc else code
    if code == "unauthorized":
        headers = {"WWW-Authenticate": "Bearer"}
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status_code, headers=headers
    )


def _http_error(status_code: int) -> BazarError:
    if status_code == 404:
        return BazarError("not_found:http")
    if status_code == 405:
        return BazarError("http_error:method")
    return BazarError("http_error", status=status_code)


def _too_large(limit: int) -> BundleRejected:
    return BundleRejected("too_large", limit=limit)


def known_query(*names: str) -> Any:
    """A dependency refusing query parameters the OpenAPI document does not name for the path."""

    async def check(request: Request) -> None:  # async: no threadpool hop per request
        refuse_unknown_query(request, names)

    return Depends(check)


def refuse_unknown_query(request: Request, names: tuple[str, ...] = ()) -> None:
    """`known_query` called by a `RequestOnly` endpoint itself (it runs no dependencies)."""
    unknown = sorted(set(request.query_params) - set(names))
    if unknown:
        raise BazarError("invalid_request:unknown_parameter", shown=unknown[0][:40])


class RequestOnly(APIRoute):
    """A route documented in the OpenAPI like any other, whose endpoint takes the bare Request
    and returns its Response: FastAPI's request handler (dependencies, body and response models)
    is skipped, so it runs no `dependencies=` either. For the bundle path, the busiest: that
    handler cost about as much per request as parsing and checking the bundle itself."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        return cast(Callable[[Request], Coroutine[Any, Any, Response]], self.endpoint)


BEARER = HTTPBearer(auto_error=False, description="The organizer token from `hub init`.")
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in sorted(set(HTTP_STATUS.values()))
}


class GroupCommit:
    """Bundles that arrive while a commit is on its way wait for the next one, together.

    One fsync per group instead of per bundle; each answer still comes only after its bundle is
    durable, and each bundle is judged on its own (`ingest_many`).
    """

    def __init__(self, db: Any, now: Callable[[], datetime]):
        self.db, self.now = db, now
        self.waiting: list[tuple[Arrival, asyncio.Future[Ingested | BazarError]]] = []
        self.writer: asyncio.Task[None] | None = None

    async def submit(self, arrival: Arrival) -> Ingested | BazarError:
        done: asyncio.Future[Ingested | BazarError] = asyncio.get_running_loop().create_future()
        self.waiting.append((arrival, done))
        if self.writer is None or self.writer.done():
            self.writer = asyncio.create_task(self._drain())
        return await done

    async def _drain(self) -> None:
        while self.waiting:
            group, self.waiting = self.waiting, []
            try:
                results: list[Ingested | BazarError] = list(
                    await run_in_threadpool(
                        ingest_many, self.db, [a for a, _ in group], now=self.now()
                    )
                )
            except BazarError as exc:  # the store itself failed: every waiting bundle hears so
                results = [exc] * len(group)
            for (_, done), result in zip(group, results, strict=True):
                done.set_result(result)


def create_app(
    db_path: Path, *, max_body: int = MAX_BYTES, clock: Callable[[], datetime] | None = None
) -> FastAPI:
    """One app per hub database; refuses to start on a missing or uninitialised hub."""
    db = open_hub(db_path)
    ev = registry.event(db)
    now = clock or config.now

    forwarder = Forwarder(db_path, now)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        forwarder.start()
        forwarder.poke()  # what waited while the hub was down goes first
        yield
        forwarder.stop()
        with WRITE_LOCK:
            db.close()

    commits = GroupCommit(db, now)
    app = FastAPI(
        title="bazar-pos hub",
        version="1",
        description=f"Daily totals of the booths of {ev.name}.",
        lifespan=lifespan,
    )

    @app.exception_handler(BazarError)
    async def refused(request: Request, exc: BazarError) -> JSONResponse:
        return _error(request, exc.code, exc, HTTP_STATUS.get(exc.code, 400))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        err = _http_error(exc.status_code)
        return _error(request, err.code, err, exc.status_code, exc.headers)  # 405 keeps Allow

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        if tuple(first.get("loc", ())) == ("query", "date"):
            try:
                status.check_day(str(first.get("input")))  # the hub's own message for a day
            except BazarError as bad_day:
                return _error(request, bad_day.code, bad_day, 422)
        where = ".".join(str(p) for p in first.get("loc", ()))
        err = BazarError("invalid_request", where=where)
        return _error(request, err.code, err, 422)

    def authorize(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)],
    ) -> None:
        with WRITE_LOCK:
            ok = credentials is not None and registry.token_ok(db, credentials.credentials)
        if not ok:
            raise BazarError("unauthorized")

    @app.get("/healthz", dependencies=[known_query()])
    def healthz() -> dict[str, str]:
        return {"status": "ok", "event": ev.name}

    async def post_bundle(request: Request) -> JSONResponse:
        """A signed daily-totals bundle: 201 when its figures are now in use, 200 when it was
        already known (duplicate), older (superseded) or ties the revision in use (conflict)."""
        refuse_unknown_query(request)
        source = request.client.host if request.client else ""
        declared = request.headers.get("content-length", "")
        too_big = declared.isdigit() and int(declared) > max_body  # refused unread
        body = bytearray()
        if not too_big:
            async for chunk in request.stream():  # a chunked body has no length to trust
                body += chunk
                if len(body) > max_body:
                    too_big = True
                    break
        if too_big:
            size = max(len(body), int(declared) if declared.isdigit() else 0)
            exc = _too_large(max_body)
            await run_in_threadpool(
                record_rejection,
                db,
                exc,
                booth=None,
                size=size,
                now=now(),
                via="http",
                source=source,
            )
            LOG.info("%s %s: %s", t("arrival.refused"), source, exc.code)
            raise exc
        result = await commits.submit(Arrival(bytes(body), "http", source))
        if isinstance(result, BazarError):
            LOG.info("%s %s: %s (%s)", t("arrival.refused"), source, result.code, result.message())
            raise result
        LOG.info(
            "%s %s: %s %s r%s",
            t(f"arrival.{result.status}"),
            source,
            result.booth,
            result.date,
            result.revision,
        )
        if result.status != "duplicate":
            forwarder.poke()
        return JSONResponse(
            result.to_json(), status_code=201 if result.status == "accepted" else 200
        )

    app.router.add_api_route(
        "/api/v1/bundles",
        post_bundle,
        methods=["POST"],
        route_class_override=RequestOnly,
        status_code=201,
        response_model=IngestResult,
        responses={200: {"model": IngestResult, "description": "Already known"}, **ERRORS},
        openapi_extra={
            "requestBody": {"required": True, "content": {"application/json": {"schema": SCHEMA}}}
        },
    )

    @app.post(
        forwarding.PATH,
        dependencies=[known_query()],
        responses=ERRORS,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/x-ndjson": {"schema": forward.SCHEMA}},
            }
        },
    )
    async def post_forwarded(request: Request) -> JSONResponse:
        """Envelopes from a city hub, one per line (up to 200): each judged on its own, its
        verdict in `results` in the same order (an ingest result, or `error`); 200 when any was
        taken, else the first refusal's status. A line may also be the city's set-aside
        decision (docs/set-aside.schema.json), answered the same way."""
        source = request.client.host if request.client else ""
        limit = forwarding.BATCH_BYTES + forward.MAX_BATCH * 2
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                exc = _too_large(limit)
                await run_in_threadpool(
                    record_rejection, db, exc, booth=None, size=len(body), now=now(),
                    via="forward", source=source,
                )  # fmt: skip
                raise exc
        lines = [line for line in bytes(body).split(b"\n") if line.strip()]
        if not lines or len(lines) > forward.MAX_BATCH:
            raise BundleRejected(
                "malformed:send_1_to_forwarded_bundles", max_batch=forward.MAX_BATCH
            )
        results = await run_in_threadpool(
            ingest_many, db, [Arrival(line, "forward", source) for line in lines], now=now()
        )
        out = forwarding.verdicts(results, language(request.headers.get("accept-language")))
        LOG.info("%s", t("arrival.forwarded", source=source, bundles=len(out)))
        first = results[0]
        if all(isinstance(r, BazarError) for r in results) and isinstance(first, BazarError):
            answer = _error(request, first.code, first, HTTP_STATUS.get(first.code, 400))
            return JSONResponse(
                {**json.loads(bytes(answer.body)), "results": out}, status_code=answer.status_code
            )  # nothing taken: the first refusal's status, every verdict still in `results`
        forwarder.poke()  # a province forwards on to its own parent the same way
        return JSONResponse({"results": out})

    @app.get(
        "/api/v1/status",
        dependencies=[Depends(authorize), known_query("date")],
        responses=ERRORS,
    )
    def get_status(date: Day = None) -> dict[str, Any]:
        """Every registered booth for a day (default: today within the event's dates, else its
        last date), reported or not."""
        with WRITE_LOCK:
            day = status.check_day(date) if date else status.default_day(db, now())
            return {
                "event": ev.name,
                "date": day,
                "booths": status.status(db, day),
                "conflicts": status.conflicts(db, day),
            }

    @app.get(
        "/api/v1/report",
        dependencies=[Depends(authorize), known_query("date", "location")],
        responses=ERRORS,
    )
    def get_report(date: Day = None, location: str | None = None) -> dict[str, Any]:
        """The event report's figures: totals per day, location, booth, category, payment."""
        from bazar_pos.hub import report

        with WRITE_LOCK:
            day = status.check_day(date) if date else None
            return report.build(
                db, date=day, location=location, today=status.today(db, now())
            ).to_json()

    from bazar_pos.hub.web import create_router  # the organizer's pages, same connection and lock

    app.include_router(create_router(db, WRITE_LOCK, now))
    return app


def serve(db_path: Path, host: str, port: int) -> None:
    """Run the hub on uvicorn until interrupted; uvicorn is imported only here (slow to load).

    Prints one line per bundle to stderr: accepted / duplicate / refused, from where, why.
    """
    import uvicorn

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%Y-%m-%d %H:%M:%S"))
    LOG.addHandler(handler)
    LOG.setLevel(logging.INFO)
    uvicorn.run(create_app(db_path), host=host, port=port, log_level="warning")
