"""`bazar-pos staff`: the owner's PIN, helpers by name, and the forgotten-PIN reset."""

from __future__ import annotations

import sys

import click

from bazar_pos import config
from bazar_pos.booth import staff
from bazar_pos.cli.base import State, emit, json_option, main, pass_state
from bazar_pos.i18n import t


@main.group("staff")
def staff_group() -> None:
    """The owner and helpers: who may void, refund, change prices or costs, stock, settings."""


def _new_pin(pin: str | None, label: str) -> str:
    """`--pin` for scripts; at a terminal a hidden prompt, typed twice."""
    if pin is not None:
        return pin
    if not sys.stdin.isatty():
        raise click.UsageError(t("cli.staff.give_pin"))
    return str(click.prompt(label, hide_input=True, confirmation_prompt=True))


@staff_group.command("pin")
@click.option("--pin", "new_pin", metavar="PIN", help="The new PIN (asked, hidden, if left out).")
@click.option("--current", metavar="PIN", help="The current PIN, when changing it.")
@click.option("--name", help="The owner's name (default: Pemilik).")
@json_option
@pass_state
def staff_pin(
    state: State, new_pin: str | None, current: str | None, name: str | None, as_json: bool
) -> None:
    """Set or change the owner's PIN (4 to 12 digits); the first time prints a recovery code.

    \b
    Example:
      bazar-pos staff pin --name "Bu Sari"
    """
    ledger = state.ledger()
    if staff.has_owner_pin(ledger):
        current = state.owner_pin(current)
    pin = _new_pin(new_pin, t("cli.staff.new_pin"))
    code = staff.set_owner_pin(ledger, pin, current=current, name=name, now=config.now())
    text = t("cli.staff.pin_saved")
    if code:
        text += "\n" + t("cli.staff.recovery_code", code=code)
    emit(as_json, {"ok": True, "recovery_code": code}, text)


@staff_group.command("add")
@click.argument("name")
@click.option("--pin", "helper_pin", metavar="PIN", help="The helper's own PIN (optional).")
@click.option("--ask-pin", is_flag=True, help="Ask the helper's PIN, hidden.")
@click.option("--owner-pin", metavar="PIN", help="The owner's PIN (asked, hidden, if left out).")
@json_option
@pass_state
def staff_add(
    state: State,
    name: str,
    helper_pin: str | None,
    ask_pin: bool,
    owner_pin: str | None,
    as_json: bool,
) -> None:
    """Add a helper by name, with or without a PIN of their own (needs the owner's PIN).

    \b
    Example:
      bazar-pos staff add Dimas --owner-pin 482915
    """
    if ask_pin:
        helper_pin = _new_pin(None, t("cli.staff.pin_for", name=name))
    with state.owner(owner_pin):
        m = staff.add_helper(state.ledger(), name, helper_pin, now=config.now())
    emit(
        as_json,
        {"name": m.name, "role": m.role, "has_pin": m.has_pin},
        t("cli.staff.helper_added", name=m.name),
    )


@staff_group.command("list")
@json_option
@pass_state
def staff_list(state: State, as_json: bool) -> None:
    """The people at this booth (never their PINs).

    \b
    Example:
      bazar-pos staff list --json
    """
    people = staff.members(state.ledger())
    emit(
        as_json,
        {"people": [{"name": m.name, "role": m.role, "has_pin": m.has_pin} for m in people]},
        lambda: (
            "\n".join(
                f"{m.name:<20} {_role(m.role):<10} {'PIN' if m.has_pin else '-'}" for m in people
            )
            or t("cli.staff.no_one_yet")
        ),
    )


@staff_group.command("reset")
@click.option("--code", "recovery", required=True, help="The recovery code printed at set-up.")
@click.option("--pin", "new_pin", metavar="PIN", help="The new PIN (asked, hidden, if left out).")
@json_option
@pass_state
def staff_reset(state: State, recovery: str, new_pin: str | None, as_json: bool) -> None:
    """A forgotten owner PIN: the recovery code sets a new one and a new code is printed.

    \b
    Example:
      bazar-pos staff reset --code 1234-5678-9012
    """
    pin = _new_pin(new_pin, t("cli.staff.new_pin"))
    code = staff.reset_owner_pin(state.ledger(), recovery, pin, now=config.now())
    emit(as_json, {"ok": True, "recovery_code": code}, t("cli.staff.pin_reset", code=code))


def _role(role: str) -> str:
    return t(f"role.{role}")
