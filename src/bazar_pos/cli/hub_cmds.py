"""Organizer commands: set up the hub, register booths and hand out kits, receive, report."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, BinaryIO

import click
import sqlite_utils

from bazar_pos import config, i18n, money
from bazar_pos.cli.base import emit, json_option, main
from bazar_pos.errors import BazarError
from bazar_pos.hub import registry, status
from bazar_pos.hub.ingest import Arrival, ingest_many
from bazar_pos.hub.store import open_hub
from bazar_pos.i18n import t
from bazar_pos.sync import forward
from bazar_pos.sync.bundle import BundleRejected


class HubState:
    def __init__(self, db: Path):
        self.db = db

    def open(self, *, create: bool = False) -> sqlite_utils.Database:
        return open_hub(self.db, create=create)

    def kit_path(self, code: str) -> Path:
        return self.db.parent / "kits" / f"{code}.kit.json"


kit_option = click.option(
    "--kit",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the kit here (default: kits/<CODE>.kit.json beside the hub).",
)


pass_hub = click.make_pass_decorator(HubState)


@main.group()
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="BAZAR_POS_HUB_DB",
    help="Hub database (default: hub.db in the user data folder or $BAZAR_POS_HOME).",
)
@click.pass_context
def hub(ctx: click.Context, db: Path | None) -> None:
    """The organizer's hub: booths, daily totals, status, the event report."""
    ctx.obj = HubState(db or config.hub_db())


DATES_HELP = "The event's business days, FROM..TO (one day: FROM); bundles outside are refused."


@hub.command("init")
@click.option("--event", required=True, help="Event name, exactly as booths' kits will carry it.")
@click.option("--dates", required=True, help=DATES_HELP)
@click.option("--timezone", default="Asia/Jakarta", show_default=True)
@click.option("--hub-url", default="", help="The URL booths will send to (goes into kits).")
@json_option
@pass_hub
def hub_init(
    state: HubState, event: str, dates: str, timezone: str, hub_url: str, as_json: bool
) -> None:
    """Create the hub for an event; prints the organizer token once.

    \b
    Example:
      bazar-pos hub init --event "Bazar Jakpreneur Ramadan 2026" --dates 2026-03-20..2026-03-29 \
        --hub-url http://10.0.0.5:8765
    """
    span = registry.parse_dates(dates)
    token = registry.init_hub(
        state.open(create=True),
        event,
        dates=span,
        timezone=timezone,
        hub_url=hub_url,
        now=config.now(),
    )
    emit(
        as_json,
        {"event": event, "db": str(state.db), "dates": list(span), "token": token},
        t("cli.hub.hub_ready_at_organizer_token", event=event, db=state.db, token=token),
    )


@hub.command("dates")
@click.argument("dates")
@json_option
@pass_hub
def hub_dates(state: HubState, dates: str, as_json: bool) -> None:
    """Change the event's dates; bundles for days outside them are refused.

    \b
    Example:
      bazar-pos hub dates 2026-03-20..2026-03-31
    """
    span = registry.parse_dates(dates)
    registry.set_dates(state.open(), span)
    emit(
        as_json,
        {"dates": list(span)},
        t("cli.hub.event_dates_to", span=span[0], span2=span[1]),
    )


@hub.group("booth")
def booth_group() -> None:
    """Register one booth, or give it a new kit."""


@booth_group.command("add")
@click.argument("code")
@click.option("--name", required=True)
@click.option("--location", required=True, help="The bazaar location the booth stands at.")
@click.option("--pengampu", default="", help="The mentor responsible for this booth.")
@click.option("--category", default="")
@click.option("--city", default="", help="The booth's city (wilayah), e.g. JP.")
@kit_option
@json_option
@pass_hub
def booth_add(
    state: HubState,
    code: str,
    name: str,
    location: str,
    pengampu: str,
    category: str,
    city: str,
    kit: Path | None,
    as_json: bool,
) -> None:
    """Register a booth and write its kit file (give it to the vendor).

    \b
    Example:
      bazar-pos hub booth add CP-07 --name "Kue Bu Sari" --location "Rusun Karang Anyar"
    """
    db = state.open()
    b = registry.add_booth(
        db, code, name=name, location=location, pengampu=pengampu, category=category, city=city
    )
    if "/" in b.code:  # a booth of a city hub: its kit comes from its city hub
        emit(
            as_json,
            {"booth": b.code},
            t("cli.hub.booth_registered", code=b.code),
        )
        return
    path = registry.save_kit(db, b.code, kit or state.kit_path(b.code))
    emit(
        as_json,
        {"booth": b.code, "kit": str(path)},
        t("cli.hub.booth_registered_kit", code=b.code, path=path),
    )


@booth_group.command("kit")
@click.argument("code")
@kit_option
@json_option
@pass_hub
def booth_kit(state: HubState, code: str, kit: Path | None, as_json: bool) -> None:
    """Give a booth a new kit (lost kit, new laptop, or a booth from before signatures v2).

    The key the booth enrolled is forgotten: its next bundle, vouched for by the new kit, enrols
    it again, and the old kit no longer works.

    \b
    Example:
      bazar-pos hub booth kit CP-07
    """
    code = code.strip().upper()
    path = registry.save_kit(state.open(), code, kit or state.kit_path(code))
    emit(
        as_json,
        {"booth": code, "kit": str(path)},
        t("cli.hub.new_kit_for", code=code, path=path),
    )


@hub.group("booths")
def booths_group() -> None:
    """Register many booths at once."""


@booths_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--kits",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the kit files (default: kits/ beside the hub).",
)
@json_option
@pass_hub
def booths_import(state: HubState, file: Path, kits: Path | None, as_json: bool) -> None:
    """Register booths from a CSV (code,name,location,pengampu,category[,city]); one kit per
    booth. At a province, a booth of a registered city hub gets no kit here (its city hub gives
    it one) and is keyed CITY/CODE.

    Booths already registered are skipped and keep their kit, so the same file can be imported
    again after adding rows.

    \b
    Example:
      bazar-pos hub booths import booths.csv --kits kits/
    """
    db = state.open()
    booths, table = registry.read_booths(file)
    added = list(registry.add_booths(db, booths, skip_existing=True))
    skipped = [b.code for b in booths if b.code not in {a.rsplit("/", 1)[-1] for a in added}]
    folder = kits or state.db.parent / "kits"
    paths = registry.write_kits(db, [a for a in added if "/" not in a], folder)
    emit(
        as_json,
        {"registered": len(added), "skipped": skipped, "kits": [str(p) for p in paths]},
        t(
            "cli.hub.booths_registered_already_there_kits",
            added=len(added),
            skipped=len(skipped),
            folder=folder,
        )
        + f" ({table.read_as()})",
    )


@hub.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@json_option
@pass_hub
def hub_import(state: HubState, files: tuple[Path, ...], as_json: bool) -> None:
    """Take in bundle files that came by USB or chat; each file is judged on its own.

    One line per file and a summary; exits 1 when any file was refused (the others still count).

    \b
    Example:
      bazar-pos hub import bundles/*.json
    """
    db = state.open()
    registry.event(db)
    results: list[dict[str, Any]] = []
    for start in range(0, len(files), IMPORT_GROUP):
        results += _import_group(db, files[start : start + IMPORT_GROUP])
    refused = sum(1 for r in results if r["status"] == "rejected")
    summary = {"files": len(results), "refused": refused, "taken": len(results) - refused}
    if as_json:
        emit(True, {"results": results, **summary}, "")
    else:
        for r in results:
            if r["status"] == "rejected":
                click.echo(f"{r['file']}: {t('cli.hub.refused')}: {r['reason']}", err=True)
            else:
                word = t(f"arrival.{r['status']}")
                click.echo(f"{r['file']}: {r['booth']} {r['date']} r{r['revision']} {word}")
        click.echo(
            t(
                "cli.hub.of_files_taken_refused",
                taken=summary["taken"],
                results=len(results),
                refused=refused,
            )
        )
    if refused:
        raise click.exceptions.Exit(1)


IMPORT_GROUP = 200  # files judged one by one, committed together


def _read_size(fh: BinaryIO) -> int:
    """Enough to refuse an oversize file, and no more than the file: a 1 MB read buffer per file
    cost the import more than reading the file did."""
    size = os.fstat(fh.fileno()).st_size
    most = forward.MAX_BYTES  # a city hub's envelope: a booth bundle and a little more
    return size + 1 if 0 < size <= most else most + 1  # 0: a pipe, whose size is unknown


def _import_group(db: sqlite_utils.Database, files: tuple[Path, ...]) -> list[dict[str, Any]]:
    """Each file's verdict, in order; nothing in one file can stop the files after it."""
    read: list[tuple[Path, bytes | str]] = []
    for f in files:
        try:
            with f.open("rb") as fh:
                read.append((f, fh.read(_read_size(fh))))
        except OSError as exc:
            read.append((f, exc.strerror or str(exc)))
    arrivals = [Arrival(raw, "file", f.name) for f, raw in read if isinstance(raw, bytes)]
    outcomes = iter(ingest_many(db, arrivals, now=config.now()))
    out: list[dict[str, Any]] = []
    for f, raw in read:
        if isinstance(raw, str):
            out.append({"file": str(f), "status": "rejected", "code": "unreadable", "reason": raw})
            continue
        outcome = next(outcomes)
        if isinstance(outcome, BundleRejected):
            out.append(
                {
                    "file": str(f),
                    "status": "rejected",
                    "code": outcome.code,
                    "reason": outcome.message(),
                }
            )
        else:
            out.append({"file": str(f), **outcome.to_json()})
    return out


@hub.command("status")
@click.option(
    "--date", "day", help="Business day (default: today within the event's dates, else its last)."
)
@click.option("--city", help="Only this city's booths (e.g. JP).")
@json_option
@pass_hub
def hub_status(state: HubState, day: str | None, city: str | None, as_json: bool) -> None:
    """Which booths have reported for a day, and their net sales.

    \b
    Example:
      bazar-pos hub status --date 2026-03-20 --json
    """
    db = state.open()
    registry.event(db)
    d = status.check_day(day) if day else status.default_day(db, config.now())
    rows = status.status(db, d, city=city.strip().upper() if city else None)
    out = [
        {
            k: r[k]
            for k in (
                "booth",
                "name",
                "city",
                "location",
                "reported",
                "revision",
                "net",
                "conflict",
                "set_aside",
            )
        }
        for r in rows
    ]
    conflicts = status.conflicts(db, d)

    def text() -> str:
        done = sum(1 for r in out if r["reported"])
        lines = [t("cli.hub.booths_reported", d=d, done=done, out=len(out))]
        for r in out:
            mark = money.fmt(r["net"]) if r["reported"] else t("cli.hub.missing")
            if r["set_aside"]:
                mark += t("cli.hub.set_aside")
            lines.append(f"  {r['booth']:<8} {r['name'][:28]:<28} {r['location'][:24]:<24} {mark}")
        by_city = {r["city"] for r in out}
        if len(by_city) > 1:
            lines += [
                f"  {c}: {sum(1 for r in out if r['city'] == c and r['reported'])}"
                f"/{sum(1 for r in out if r['city'] == c)}"
                for c in sorted(by_city)
            ]
        lines += [
            t(
                "cli.hub.conflict_resolved" if c["resolved"] else "cli.hub.conflict",
                booth=c["booth"],
                revision=c["revision"],
            )
            for c in conflicts
        ]
        return "\n".join(lines)

    emit(as_json, {"date": d, "booths": out, "conflicts": conflicts}, text)


def _set_aside(state: HubState, booth: str, day: str, reason: str, *, restore: bool) -> None:
    from bazar_pos.hub.set_aside import set_aside

    bid = set_aside(state.open(), booth, day, reason=reason, restore=restore, now=config.now())
    code = booth.strip().upper()
    click.echo(
        t("cli.hub.is_counted_in_the_report", code=code, day=day, bid=bid[:12])
        if restore
        else t("cli.hub.set_aside_from_the_report", code=code, day=day, bid=bid[:12])
    )


@hub.command("reject")
@click.argument("booth")
@click.option("--date", "day", required=True, help="The business day to set aside.")
@click.option("--reason", required=True, help="Why (kept with the decision).")
@pass_hub
def hub_reject(state: HubState, booth: str, day: str, reason: str) -> None:
    """Set aside a booth-day's accepted figures: kept and audited, left out of the report.

    A newer revision from the booth is counted again; `hub unreject` undoes this.

    \b
    Example:
      bazar-pos hub reject CP-07 --date 2026-03-20 --reason "Rp95.000.000 typed for Rp95.000"
    """
    _set_aside(state, booth, day, reason, restore=False)


@hub.command("unreject")
@click.argument("booth")
@click.option("--date", "day", required=True, help="The business day to count again.")
@click.option("--reason", required=True, help="Why (kept with the decision).")
@pass_hub
def hub_unreject(state: HubState, booth: str, day: str, reason: str) -> None:
    """Count a set-aside booth-day in the report again.

    \b
    Example:
      bazar-pos hub unreject CP-07 --date 2026-03-20 --reason "checked with the vendor"
    """
    _set_aside(state, booth, day, reason, restore=True)


@hub.command("audit")
@click.argument("booth_db", type=click.Path(dir_okay=False, path_type=Path))
@json_option
@pass_hub
def hub_audit(state: HubState, booth_db: Path, as_json: bool) -> None:
    """Check a copy of a booth's ledger file against every bundle the hub accepted from it.

    The chain must verify, hold each accepted ledger head at the same place with the same hash,
    and give each reported day's figures again. Exits 1 naming the first disagreement.

    \b
    Example:
      bazar-pos hub audit CP-07-booth.db
    """
    from bazar_pos.sync import audit

    db = state.open()
    registry.event(db)
    ledger = audit.open_copy(booth_db)
    try:
        code = status.booth_for(db, audit.booth_code(ledger), audit.public_key_of(ledger))
        result = audit.audit(ledger, status.bundles_of(db, code))
    finally:
        ledger.close()
    first = result.disagreements[0] if result.disagreements else ""
    emit(
        as_json,
        result.to_json(),
        t(
            "cli.hub.booth_the_ledger_agrees_with",
            code=code,
            bundles=result.bundles,
            entries=result.entries,
        )
        if result.ok
        else t(
            "cli.hub.booth_disagrees",
            code=code,
            disagreements=len(result.disagreements),
            first=first,
        ),
    )
    if not result.ok:
        raise click.exceptions.Exit(1)


@hub.group("token", invoke_without_command=True)
@json_option
@click.pass_context
def hub_token(ctx: click.Context, as_json: bool) -> None:
    """Issue a new organizer token (shown once); the old one stops working at once.

    \b
    Example:
      bazar-pos hub token
      bazar-pos hub token list
      bazar-pos hub token revoke 3
    """
    if ctx.invoked_subcommand is not None:
        return
    token = registry.new_token(ctx.ensure_object(HubState).open())
    emit(
        as_json,
        {"token": token},
        t("cli.hub.new_organizer_token_keep_it", token=token),
    )


@hub.command("rejections")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000))
@json_option
@pass_hub
def hub_rejections(state: HubState, limit: int, as_json: bool) -> None:
    """The latest bundles the hub refused, newest first: when, from where, which booth, why.

    \b
    Example:
      bazar-pos hub rejections --limit 50
    """
    rows = status.rejections(state.open(), limit)
    emit(
        as_json,
        {"rejections": rows},
        lambda: (
            "\n".join(
                f"{r['at'][:19]} {r['via'] or '-'} {r['source'] or '-'} {r['booth'] or '-'}: "
                f"{r['code']} ({status.reason(r, i18n.current())})"
                for r in rows
            )
            or t("cli.hub.no_bundle_has_been_refused")
        ),
    )


@hub.command("serve")
@click.option("--host", default="0.0.0.0", show_default=True)
@click.option("--port", default=8765, show_default=True, type=int)
@pass_hub
def hub_serve(state: HubState, host: str, port: int) -> None:
    """Serve the hub over HTTP for booths to send their totals (OpenAPI at /docs).

    \b
    Example:
      bazar-pos hub serve --host 0.0.0.0 --port 8765
    """
    from bazar_pos.hub.api import serve

    registry.event(state.open())
    click.echo(t("cli.hub.hub_serving_at_http_ctrl", host=host, port=port))
    try:
        serve(state.db, host, port)
    except OSError as exc:
        raise BazarError("port", port=port, strerror=exc.strerror) from exc


def _report_text(data: dict[str, Any]) -> str:
    lines = [
        f"{data['event']}: {money.fmt(data['net'])} ({data['sales_count']} {t('cli.hub.sales')})"
    ]
    lines += [f"  {d['date']}: {money.fmt(d['net'])}" for d in data["by_day"]]
    if len(data["by_city"]) > 1:
        lines += [
            f"  {c['city']} {c['name']}: {money.fmt(c['net'])} ({c['reported']}/{c['booths']})"
            for c in data["by_city"]
        ]
    lines += [
        f"  {(loc['city'] + ' ') if loc['city'] else ''}{loc['location']}:"
        f" {money.fmt(loc['net'])} ({loc['reported']}/{loc['booths']})"
        for loc in data["by_location"]
    ]
    if data["missing"]:
        lines.append(t("cli.hub.not_reported_booth_days", missing=len(data["missing"])))
    return "\n".join(lines)


REPORT_KEYS = (
    "event",
    "net",
    "sales_count",
    "by_city",
    "by_city_day",
    "by_pengampu_payment",
    "by_day",
    "by_location",
    "by_booth",
    "by_payment",
    "missing",
)


@hub.command("report")
@click.option("--date", "day", help="Only this business day.")
@click.option("--location", help="Only this location.")
@click.option("--city", help="Only this city (at a province).")
@click.option("--pdf", type=click.Path(dir_okay=False, path_type=Path), help="Write the A4 PDF.")
@click.option("--xlsx", type=click.Path(dir_okay=False, path_type=Path), help="Write a workbook.")
@click.option(
    "--csv",
    "csv_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one CSV per table into this folder.",
)
@json_option
@pass_hub
def hub_report(
    state: HubState,
    day: str | None,
    location: str | None,
    city: str | None,
    pdf: Path | None,
    xlsx: Path | None,
    csv_dir: Path | None,
    as_json: bool,
) -> None:
    """The event report: totals per day, location, booth, payment; who has not reported.

    \b
    Example:
      bazar-pos hub report --pdf laporan.pdf --xlsx laporan.xlsx --csv laporan-csv/
    """
    from bazar_pos.hub import export, report

    db = state.open()
    rep = report.build(
        db,
        date=day,
        location=location,
        city=city.strip().upper() if city else None,
        today=status.today(db, config.now()),
    )
    full = rep.to_json()
    data: dict[str, Any] = {k: full[k] for k in REPORT_KEYS}
    data["by_day"] = [{k: d[k] for k in ("date", "net", "sales_count")} for d in rep.by_day]
    data["missing"] = [
        {"booth": m["booth"], "city": m["city"], "date": m["date"]} for m in rep.missing
    ]
    files: dict[str, str] = {}
    if pdf:
        from bazar_pos.documents import event_report

        ev = registry.event(db)
        files["pdf"] = str(
            event_report.write(rep, pdf, generated=config.now(), timezone=ev.timezone)
        )
    if xlsx:
        files["xlsx"] = str(export.write_xlsx(rep, xlsx, lang=i18n.current()))
    if csv_dir:
        files["csv"] = str(csv_dir)
        export.write_csv(rep, csv_dir, lang=i18n.current())
    emit(
        as_json,
        data | files,
        lambda: _report_text(data) + "".join(f"\n{k.upper()}: {v}" for k, v in files.items()),
    )


@hub.command("demo")
@click.option(
    "--cities",
    default=1,
    show_default=True,
    type=click.IntRange(1, 12),
    help="More than 1: city hubs forwarding to this hub, a province.",
)
@click.option("--locations", default=6, show_default=True, type=click.IntRange(1, 50))
@click.option("--booths", default=30, show_default=True, type=click.IntRange(1, 200))
@click.option("--days", default=2, show_default=True, type=click.IntRange(1, 14))
@click.option("--seed", default=1, show_default=True, type=int)
@click.option(
    "--pdf",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Report PDF (default: event-report.pdf beside the hub).",
)
@pass_hub
def hub_demo(
    state: HubState,
    cities: int,
    locations: int,
    booths: int,
    days: int,
    seed: int,
    pdf: Path | None,
) -> None:
    """Simulate a whole event into a new hub (real booth ledgers, signed bundles), then report.

    \b
    Example:
      bazar-pos hub --db demo-hub.db demo --locations 6 --booths 30 --days 2 --seed 7
      bazar-pos hub --db province.db demo --cities 6 --locations 6 --booths 30 --days 2 --seed 7
    """
    from bazar_pos.eventsim import simulate
    from bazar_pos.provincesim import simulate_province

    if state.db.exists():
        raise BazarError("hub_exists", db=state.db)
    if cities > 1:
        prov = simulate_province(
            state.db, cities_count=cities, locations=locations, booths=booths, days=days, seed=seed
        )
        net, out = _demo_report(state, pdf or state.db.parent / "province-report.pdf")
        click.echo(
            t(
                "cli.hub.cities_booths_bundles_forwarded_province",
                cities=prov.cities,
                booths=prov.booths,
                bundles=prov.bundles,
                forwarded=prov.forwarded,
                net=money.fmt(net),
                net2=money.fmt(prov.net),
                out=out,
            )
        )
        return
    result = simulate(state.db, locations=locations, booths=booths, days=days, seed=seed)
    _, out = _demo_report(state, pdf or state.db.parent / "event-report.pdf")
    click.echo(
        t(
            "cli.hub.booths_days_sales_bundles_net",
            booths=result.booths,
            days=len(result.days),
            sales=result.sales,
            bundles=result.bundles,
            net=money.fmt(result.net),
            out=out,
        )
    )


def _demo_report(state: HubState, pdf: Path) -> tuple[int, Path]:
    """The simulated event's report as the organizer would print it: its net and its PDF."""
    from bazar_pos.documents import event_report
    from bazar_pos.hub import report

    db = state.open()
    rep = report.build(db, today=status.today(db, config.now()))
    return rep.net, event_report.write(rep, pdf, generated=config.now())


@hub.command("dashboard")
@pass_hub
def hub_dashboard(state: HubState) -> None:
    """Watch booths report, live: per location and booth, reported or missing; P writes the PDF.

    \b
    Example:
      bazar-pos hub dashboard
    """
    from bazar_pos.tui.dashboard import HubDashboard

    registry.event(state.open())
    HubDashboard(state.db).run()


# Tokens for the organizer's web pages (issue 18): pengampu tokens, listing, revoking.


def _login_link(db: sqlite_utils.Database, url: str | None, token: str) -> str:
    """The hub's address for phones: --url, else the hub URL booths use, else this machine's
    address on the local network (no packet is sent to find it)."""
    import socket

    base = url or registry.event(db).hub_url
    if not base:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            try:
                s.connect(("10.255.255.255", 1))
                host = s.getsockname()[0]
            except OSError:
                host = "127.0.0.1"
        base = f"http://{host}:8765"
    return f"{base.rstrip('/')}/login?token={token}"


@hub.group("pengampu")
def pengampu_group() -> None:
    """Read-only web access for a pengampu (mentor): sees only their booths."""


@pengampu_group.command("token")
@click.argument("name")
@click.option("--url", help="The hub's address for phones (default: the hub URL of `hub init`).")
@json_option
@pass_hub
def pengampu_token(state: HubState, name: str, url: str | None, as_json: bool) -> None:
    """Issue a read-only web token for one pengampu; prints it and a QR of the login link.

    The token is shown once (only its hash is kept); revoke it with `hub token revoke ID`.

    \b
    Example:
      bazar-pos hub pengampu token "Bu Rina" --url http://192.168.1.10:8765
    """
    from bazar_pos.hub import tokens

    db = state.open()
    number, token = tokens.issue_pengampu_token(db, name, now=config.now())
    show_web_token(
        db,
        as_json,
        {"id": number, "pengampu": name.strip(), "token": token},
        url,
        t("cli.hub.pengampu_token_no_keep_it", strip=name.strip(), number=number),
    )


def show_web_token(
    db: sqlite_utils.Database, as_json: bool, data: dict[str, Any], url: str | None, title: str
) -> None:
    """A new web token: once, with its login link and that link as a QR for a phone."""
    from bazar_pos.payments import qr

    link = _login_link(db, url, data["token"])
    emit(
        as_json,
        {**data, "login_url": link},
        lambda: "\n".join(
            [
                title,
                data["token"],
                t("cli.hub.scan_with_a_phone_s", link=link),
                *qr.to_terminal(qr.build_matrix(link)),
            ]
        ),
    )


@hub_token.command("list")
@json_option
@pass_hub
def token_list(state: HubState, as_json: bool) -> None:
    """The web tokens issued (never the tokens themselves): number, scope, issued, revoked.

    \b
    Example:
      bazar-pos hub token list --json
    """
    from bazar_pos.hub import tokens

    rows = tokens.list_tokens(state.open())
    emit(
        as_json,
        {"tokens": rows},
        lambda: (
            "\n".join(
                f"{r['id']:>4} {r['kind']} {r['value']} {r['created_at'][:19]}"
                + (f" {t('cli.hub.revoked')} {r['revoked_at'][:19]}" if r["revoked_at"] else "")
                for r in rows
            )
            or t("cli.hub.no_web_token_issued_yet")
        ),
    )


@hub_token.command("revoke")
@click.argument("which")
@json_option
@pass_hub
def token_revoke(state: HubState, which: str, as_json: bool) -> None:
    """Revoke a web token by its number (`hub token list`) or the token itself; its phones are
    logged out on their next page. (A new organizer token: `bazar-pos hub token`.)

    \b
    Example:
      bazar-pos hub token revoke 3
    """
    from bazar_pos.hub import tokens

    row = tokens.revoke(state.open(), which, now=config.now())
    emit(
        as_json,
        row,
        t("cli.hub.token_no_revoked", id=row["id"], kind=row["kind"], value=row["value"]),
    )
