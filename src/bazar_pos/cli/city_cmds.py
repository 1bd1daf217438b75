"""Hubs above hubs: a province registers its city hubs; a city hub joins and forwards to it."""

from __future__ import annotations

from pathlib import Path

import click

from bazar_pos import config
from bazar_pos.cli.base import emit, json_option
from bazar_pos.cli.hub_cmds import HubState, hub, pass_hub, show_web_token
from bazar_pos.hub import cities, forwarding
from bazar_pos.i18n import Word, t


@hub.group("city")
def city_group() -> None:
    """At a province: register a city hub and give it its hub kit."""


@city_group.command("add")
@click.argument("code")
@click.option("--name", required=True, help='The city\'s name, e.g. "Jakarta Pusat".')
@click.option(
    "--kit",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the hub kit here (default: kits/<CODE>.hubkit.json beside the hub).",
)
@json_option
@pass_hub
def city_add(state: HubState, code: str, name: str, kit: Path | None, as_json: bool) -> None:
    """Register a city hub (or give it a new kit) and write its hub kit for `hub parent join`.

    Register the city's booths too (`hub booths import` with a city column): the province
    takes forwarded bundles only for booths on its own list.

    \b
    Example:
      bazar-pos hub city add JP --name "Jakarta Pusat" --kit JP.hubkit.json
    """
    made = cities.add_city(state.open(), code, name=name)
    path = made.write(kit or state.db.parent / "kits" / f"{made.city}.hubkit.json")
    emit(
        as_json,
        {"city": made.city, "kit": str(path)},
        t("cli.city.city_registered_hub_kit", city=made.city, path=path),
    )


@hub.group("parent")
def parent_group() -> None:
    """At a city hub: join the province hub that takes this hub's bundles."""


@parent_group.command("join")
@click.argument("kit", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--url", help="The parent hub's address (default: the one in the kit).")
@json_option
@pass_hub
def parent_join(state: HubState, kit: Path, url: str | None, as_json: bool) -> None:
    """Make this hub's own key, link it to its parent, and queue every bundle kept so far.

    \b
    Example:
      bazar-pos hub parent join JP.hubkit.json --url http://10.0.0.5:8765
    """
    db = state.open()
    joined = cities.join_parent(db, kit, url=url, now=config.now())
    waiting = forwarding.waiting_count(db)
    emit(
        as_json,
        {"city": joined.city, "parent": joined.url, "waiting": waiting},
        t(
            "cli.city.this_hub_is_city_of",
            city=joined.city,
            parent=joined.url or Word("cli.city.no_address"),
            waiting=waiting,
        ),
    )


@hub.command("forward")
@click.option(
    "--to-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the waiting bundles as files for `hub import` at the parent instead.",
)
@click.option("--url", help="The parent hub's address (default: the one joined).")
@json_option
@pass_hub
def hub_forward(state: HubState, to_dir: Path | None, url: str | None, as_json: bool) -> None:
    """Send what waits in the outbox to the parent hub (`hub serve` also does this by itself).

    Exits 1 while bundles still wait (the parent was unreachable) or were refused.

    \b
    Example:
      bazar-pos hub forward
      bazar-pos hub forward --to-dir usb/
    """
    db = state.open()
    if to_dir:
        done = forwarding.to_dir(db, to_dir, now=config.now())
    else:
        done = forwarding.send(db, now=config.now, url=url)
    emit(
        as_json,
        done.to_json(),
        lambda: (
            t(
                "cli.city.forwarded",
                sent=done.sent,
                parent=done.parent,
                waiting=done.waiting,
                refused=len(done.refused),
            )
            + (f" ({done.unreachable})" if done.unreachable else "")
        ),
    )
    if done.waiting or done.refused:
        raise click.exceptions.Exit(1)


@city_group.command("token")
@click.argument("code")
@click.option("--url", help="The hub's address for phones (default: the hub URL of `hub init`).")
@json_option
@pass_hub
def city_token(state: HubState, code: str, url: str | None, as_json: bool) -> None:
    """Issue a read-only web token that sees only one city's booths; prints it and a QR.

    \b
    Example:
      bazar-pos hub city token JP --url http://10.0.0.5:8765
    """
    from bazar_pos.hub import tokens

    db = state.open()
    number, token = tokens.issue_city_token(db, code, now=config.now())
    city = code.strip().upper()
    show_web_token(
        db,
        as_json,
        {"id": number, "city": city, "token": token},
        url,
        t("cli.city.city_token_no_keep_it", city=city, number=number),
    )
