"""The organizer's web pages: status, booth, report, rejections, served by `hub serve`.

Read-only HTML for phones on the hub's network. Every figure comes from the hub's read functions
(status, report, history), scoped by the visitor's token; this module only picks and shows them.
Pages are plain sync handlers (the threadpool), reading the shared connection under the write
lock like the API does.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from threading import Lock
from typing import Any
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

import sqlite_utils
from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader

from bazar_pos import i18n, money
from bazar_pos.errors import BazarError
from bazar_pos.hub import history, registry, report, status, tokens
from bazar_pos.hub.web import guard
from bazar_pos.sync.bundle import PaymentMethod

HERE = Path(__file__).parent
STATIC = {
    "web.css": ("text/css; charset=utf-8", (HERE / "static" / "web.css").read_bytes),
    "refresh.js": ("text/javascript; charset=utf-8", (HERE / "static" / "refresh.js").read_bytes),
}
REFRESH_SECONDS = 5
MAX_FORM = 4096
LOCAL_PATH = re.compile(r"/(?![/\\])[\w/?=&.%-]*", re.ASCII)
DOWNLOADS = {
    "pdf": ("application/pdf", "laporan-acara.pdf"),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "laporan-acara.xlsx",
    ),
    "csv": ("application/zip", "laporan-acara-csv.zip"),
}


def _environment(timezone: str) -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
    zone = ZoneInfo(timezone)
    env.filters["rp"] = money.fmt
    env.filters["local"] = lambda at: (
        datetime.fromisoformat(at).astimezone(zone).strftime("%Y-%m-%d %H:%M") if at else "-"
    )
    return env


def create_router(
    db: sqlite_utils.Database, lock: Lock, now: Callable[[], datetime], *, refresh: int = 0
) -> APIRouter:
    """The pages over one hub connection; `refresh` seconds between live updates (0: default)."""
    ev = registry.event(db)
    env = _environment(ev.timezone)
    limiter = guard.LoginLimiter(now)
    router = APIRouter(include_in_schema=False)

    def get(path: str) -> Callable[[Any], Any]:
        """A page answers HEAD as GET would, without the body (a link checker, `curl -I`)."""
        return router.api_route(path, methods=["GET", "HEAD"])

    def page(
        request: Request,
        name: str,
        scope: tokens.Scope | None,
        status_code: int = 200,
        **ctx: Any,
    ) -> HTMLResponse:
        lang = guard.lang_of(request)

        def t(msgid: str, **params: object) -> str:
            return i18n.text(lang, msgid, **params)

        html = env.get_template(name).render(
            t=t,
            lang=lang,
            payment_names={m.value: t(f"payment.{m.value}") for m in PaymentMethod},
            reason=status.reason,
            event=ev.name,
            scope=scope,
            path=request.url.path,
            query=request.url.query,
            refresh=refresh or REFRESH_SECONDS,
            **ctx,
        )
        return HTMLResponse(html, status_code=status_code, headers=guard.HEADERS)

    def redirect(to: str) -> RedirectResponse:
        return RedirectResponse(to, status_code=303, headers=guard.HEADERS)

    def scope_of(request: Request) -> tokens.Scope | None:
        with lock:
            return tokens.session_scope(db, guard.session_of(request), now=now())

    def refused(request: Request, scope: tokens.Scope | None, exc: BazarError) -> HTMLResponse:
        return page(
            request,
            "message.html",
            scope,
            400,
            message=exc.message(guard.lang_of(request)),
        )

    def not_found(request: Request, scope: tokens.Scope | None) -> HTMLResponse:
        err = BazarError("not_found")
        return page(
            request, "message.html", scope, 404, message=err.message(guard.lang_of(request))
        )

    def try_login(request: Request, token: str) -> Response:
        client = guard.client_of(request)
        if limiter.blocked(client):
            err = BazarError("rate_limited")
            return page(request, "login.html", None, 429, error=err.message(guard.lang_of(request)))
        try:
            with lock:
                session, _ = tokens.login(db, token[:200], now=now())
        except BazarError as exc:
            limiter.failed(client)
            return page(request, "login.html", None, 401, error=exc.message(guard.lang_of(request)))
        limiter.succeeded(client)
        response = redirect("/status")
        guard.set_session(response, request, session)
        return response

    @get("/")
    def home() -> Response:
        return redirect("/status")

    @get("/static/{name}")
    def static(name: str) -> Response:
        if name not in STATIC:
            return Response(status_code=404, headers=guard.HEADERS)
        media, read = STATIC[name]
        return Response(read(), media_type=media, headers=guard.HEADERS)

    @get("/login")
    def login_page(request: Request, token: str = "") -> Response:
        """The QR's login link carries the token once; the redirect drops it from the address bar."""
        if token:
            return try_login(request, token)
        if scope_of(request):
            return redirect("/status")
        return page(request, "login.html", None)

    @router.post("/login")
    async def login_form(request: Request) -> Response:
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_FORM:
                break
        fields = parse_qs(body[:MAX_FORM].decode("utf-8", "replace"))
        return try_login(request, (fields.get("token") or [""])[0])

    @router.post("/logout")
    def logout(request: Request) -> Response:
        with lock:
            tokens.logout(db, guard.session_of(request))
        response = redirect("/login")
        guard.clear_session(response)
        return response

    @get("/lang/{lang}")
    def choose_language(lang: str, next: str = "/status") -> Response:
        """Back to the page the visitor was on, and never to another site (`//x`, `/\\x`)."""
        response = redirect(next if LOCAL_PATH.fullmatch(next) else "/")
        response.set_cookie(
            guard.LANG_COOKIE, "en" if lang == "en" else "id", samesite="strict", path="/"
        )
        return response

    @get("/status")
    def status_page(request: Request, date: str = "") -> Response:
        scope = scope_of(request)
        if scope is None:
            return redirect("/login")
        try:
            with lock:
                day = status.check_day(date) if date else status.default_day(db, now())
                # the event's days up to today, days with reports, and the one asked for
                today = status.today(db, now())
                days = sorted({*status.event_dates(db, today), status.default_day(db, now()), day})
                summary = status.by_location(db, day, pengampu=scope.pengampu, city=scope.city)
                booths = status.status(db, day, pengampu=scope.pengampu, city=scope.city)
                city_names = dict(db.execute("SELECT code, name FROM cities").fetchall())
        except BazarError as exc:
            return refused(request, scope, exc)
        by_location: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {}
        for b in booths:  # (not yet reported, reported) per city and location, in the hub's order
            by_location.setdefault(f"{b['city']}/{b['location']}", ([], []))[b["reported"]].append(
                b
            )
        cities = {loc["city"] for loc in summary["locations"]}
        return page(
            request,
            "status.html",
            scope,
            day=day,
            days=days,
            summary=summary,
            booths=by_location,
            several_cities=len(cities) > 1,
            city_names=city_names,
            updated=now(),
        )

    @get("/booth/{code:path}")  # CITY/CODE at a province
    def booth_page(request: Request, code: str) -> Response:
        scope = scope_of(request)
        if scope is None:
            return redirect("/login")
        with lock:
            found = history.booth_history(db, code[:40], pengampu=scope.pengampu, city=scope.city)
        if found is None:
            return not_found(request, scope)
        return page(request, "booth.html", scope, h=found)

    @get("/report")
    def report_page(request: Request) -> Response:
        scope = scope_of(request)
        if scope is None:
            return redirect("/login")
        with lock:
            rep = report.build(
                db, pengampu=scope.pengampu, city=scope.city, today=status.today(db, now())
            )
        payments = [{"method": k, "net": v} for k, v in rep.by_payment.items()]
        city_names = {  # "JP Jakarta Pusat"; the code alone for a city without a name
            c["city"]: c["city"] if c["name"] in ("", c["city"]) else f"{c['city']} {c['name']}"
            for c in rep.by_city
        }
        return page(
            request,
            "report.html",
            scope,
            r=rep,
            payments=payments,
            city_names=city_names,
            downloads=DOWNLOADS,
        )

    @get("/report/download/{kind}")
    def report_download(request: Request, kind: str) -> Response:
        """The same files `hub report --pdf/--xlsx/--csv` writes, for the visitor's scope."""
        scope = scope_of(request)
        if scope is None:
            return redirect("/login")
        if kind not in DOWNLOADS:
            return not_found(request, scope)
        from bazar_pos.documents import event_report
        from bazar_pos.hub import export

        with lock:
            rep = report.build(
                db, pengampu=scope.pengampu, city=scope.city, today=status.today(db, now())
            )
        media, filename = DOWNLOADS[kind]
        lang = guard.lang_of(request)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / filename
            if kind == "pdf":
                event_report.write(rep, out, generated=now(), timezone=ev.timezone, lang=lang)
                data = out.read_bytes()
            elif kind == "xlsx":
                data = export.write_xlsx(rep, out, lang=lang).read_bytes()
            else:
                buffer = io.BytesIO()
                with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
                    for path in export.write_csv(rep, Path(tmp) / "csv", lang=lang):
                        zf.write(path, path.name)
                data = buffer.getvalue()
        return Response(
            data,
            media_type=media,
            headers={
                **guard.HEADERS,
                "Content-Disposition": f'attachment; filename="{filename}"',
            },
        )

    @get("/rejections")
    def rejections_page(request: Request) -> Response:
        scope = scope_of(request)
        if scope is None:
            return redirect("/login")
        with lock:
            rows = status.rejections(db, 200, pengampu=scope.pengampu, city=scope.city)
        return page(request, "rejections.html", scope, rows=rows)

    return router
