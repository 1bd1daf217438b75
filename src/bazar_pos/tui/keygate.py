"""Keys in order, always: what is typed after a key waits until that key's effect has landed.

Textual hands every key to the focused widget's queue at once, and runs a widget's bindings
only when the key has bubbled back up to the app. A burst (a vendor typing ahead, a barcode
scanner) therefore used to land in the wrong place: `50000 Enter 1` put the 1 into the cash
box before Enter was read, `F9 Enter kpt Enter` typed "kpt" into the search box before the pay
dialog opened. The gate closes on every key that starts something (Enter in a box, a function
key, a binding) and opens again once the next place for keys is ready: the dialog that opened,
the dialog that stayed open after a refusal, or the screen a flow returned to. Keys that arrive
while it is closed, at the app or already in a widget's queue, are replayed then, in order.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from textual import events, work
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.timer import Timer

SAFETY_SECONDS = 2.0  # a gate nobody opened (a bug) must never leave the keyboard dead

P = ParamSpec("P")
S = TypeVar("S", bound=DOMNode)


class KeyGate:
    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.closed = False
        self.steps = 0  # flows between two dialogs: keys wait for the next dialog or the end
        self.switching = False  # a main screen is being switched to
        self.returned: list[events.Key] = []  # reached a widget after the gate closed
        self.waiting: list[events.Key] = []  # reached the app after the gate closed
        self._safety: Timer | None = None

    def close(self) -> None:
        self.closed = True
        if self._safety is None:
            self._safety = self.app.set_timer(SAFETY_SECONDS, self._force_open)

    def give_back(self, key: events.Key) -> None:
        """A widget got a key meant for whatever comes after the key that closed the gate."""
        self.returned.append(events.Key(key.key, key.character))

    def hold(self, key: events.Key) -> bool:
        """The app got a key while closed: keep it (True) or let it through (False)."""
        if not self.closed:
            return False
        self.waiting.append(key)
        return True

    def begin_step(self) -> None:
        self.steps += 1
        self.close()

    def end_step(self) -> None:
        self.steps = max(0, self.steps - 1)
        self.open_soon()

    def open_soon(self) -> None:
        """The next place for keys may be ready: open once what is queued has been handled."""
        if self.closed and not self.steps and not self.switching:
            self.app.call_later(self._open)

    async def _open(self) -> None:
        if not self.closed or self.steps or self.switching or not self.app.screen_stack:
            return  # (no screen at all: the app is starting or has ended)
        waiting_focus = self.app.focused is None and not isinstance(self.app.screen, GatedModal)
        if waiting_focus and (self.returned or self.waiting):
            self.app.call_after_refresh(self._open)  # a screen still taking its focus
            return
        self.closed = False
        if self._safety is not None:
            self._safety.stop()
            self._safety = None
        keys, self.returned, self.waiting = self.returned + self.waiting, [], []
        for key in keys:
            await self.app.on_event(key)  # as if typed now: forwarded to the focused widget

    def _force_open(self) -> None:
        """Open a gate that no step or switch holds, after what the screen has queued.

        A busy machine may take longer than SAFETY_SECONDS to open a dialog: a flow or a
        screen switch still underway keeps the gate closed (it opens the gate itself when done),
        so keys typed ahead never land in the screen underneath however slow the machine is.
        """
        self._safety = None
        if not self.closed:
            return
        if self.steps or self.switching:
            self._safety = self.app.set_timer(SAFETY_SECONDS, self._force_open)
            return
        path = list(self.app.focused.ancestors_with_self) if self.app.focused else []
        self._after_queues(path or [self.app.screen, self.app])

    def _after_queues(self, path: list[DOMNode]) -> None:
        """Open once the focused widget and each node up to the app has handled what it had
        queued (a key on its way up to a binding), one hop after the other."""
        if len(path) == 1:
            path[0].call_later(self.open_soon)
        else:
            path[0].call_later(self._after_queues, path[1:])


def gate_of(node: DOMNode) -> KeyGate | None:
    gate = getattr(node.app, "keys", None)
    return gate if isinstance(gate, KeyGate) else None


def flow(
    fn: Callable[Concatenate[S, P], Awaitable[None]],
) -> Callable[Concatenate[S, P], None]:
    """An action that walks through dialogs: keys typed ahead wait for each next dialog.

    The step is counted when the key's action starts (before the worker runs), so nothing
    typed after the key can slip into the screen underneath while the first dialog opens.
    """

    @wraps(fn)
    async def body(self: S, *args: P.args, **kwargs: P.kwargs) -> None:
        try:
            await fn(self, *args, **kwargs)
        finally:
            gate = gate_of(self)
            if gate is not None:
                gate.end_step()

    run = work(exclusive=True, group="flow")(body)

    @wraps(fn)
    def start(self: S, *args: P.args, **kwargs: P.kwargs) -> None:
        gate = gate_of(self)
        if gate is not None:
            gate.begin_step()
        run(self, *args, **kwargs)

    return start


T = TypeVar("T")


class GatedModal(ModalScreen[T]):
    """A dialog that opens the gate once it has the focus, and closes it again when dismissed
    inside a flow (the flow decides where the next keys go)."""

    in_flow = False

    def on_key(self, event: events.Key) -> None:
        """With nothing focused the keys come to the dialog itself: take them in order too."""
        gate = gate_of(self)
        if gate is None or self.focused is not None:
            return
        if gate.closed:
            event.stop()
            event.prevent_default()
            gate.give_back(event)
        else:
            gate.close()  # its binding runs at the app, which then opens the gate

    def on_screen_resume(self) -> None:
        gate = gate_of(self)
        if gate is not None:
            self.call_later(gate.open_soon)  # after the resume has given a widget the focus

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        gate = gate_of(self)
        if self.in_flow and gate is not None:
            self.in_flow = False
            gate.begin_step()
        return super().dismiss(result)


async def ask(node: DOMNode, dialog: GatedModal[T]) -> T:
    """Show `dialog` from inside a flow and wait for its answer; its keys go to it."""
    gate = gate_of(node)
    if gate is not None:
        dialog.in_flow = True
        gate.steps = max(0, gate.steps - 1)
    return await node.app.push_screen_wait(dialog)
