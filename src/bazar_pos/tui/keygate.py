"""Keys in order, always: what is typed after a key waits until that key's effect has landed.

Textual hands every key to the focused widget's queue at once, and runs a widget's bindings
only when the key has bubbled back up to the app. A burst (a vendor typing ahead, a barcode
scanner) therefore used to land in the wrong place: `50000 Enter 1` put the 1 into the cash
box before Enter was read, `F9 Enter kpt Enter` typed "kpt" into the search box before the pay
dialog opened. The gate closes on every key that starts something (Enter in a box, a function
key, a binding) and opens again once the next place for keys is ready: the dialog that opened,
the dialog that stayed open after a refusal, or the screen a flow returned to. Keys that arrive
while it is closed, at the app or already in a widget's queue, are replayed then, in order.

Nothing here waits on the clock: a flow holds the gate from its key until its next dialog has
the focus (or the flow has ended), however slow the machine, and a key on its way to a binding
opens the gate only after every queue on its way up has handled it.
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
from textual.worker import WorkerState

FLOW = "flow"  # the worker group of every flow
LEAK_CHECK_SECONDS = 2.0  # how often a closed gate looks for a count that no flow will undo

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
        self._leak_check: Timer | None = None

    def close(self) -> None:
        self.closed = True
        if self._leak_check is None:
            self._leak_check = self.app.set_interval(LEAK_CHECK_SECONDS, self._undo_leak)

    def close_for_key(self, node: DOMNode) -> None:
        """A key at `node` goes on up to a binding: open once every queue on its way has
        handled it (the app's binding then ran, or a node on the way stopped the key)."""
        self.close()
        self._after_queues([*node.ancestors_with_self])

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
        if self._leak_check is not None:
            self._leak_check.stop()
            self._leak_check = None
        keys, self.returned, self.waiting = self.returned + self.waiting, [], []
        for key in keys:
            await self.app.on_event(key)  # as if typed now: forwarded to the focused widget

    def _flowing(self) -> bool:
        return any(
            w.group == FLOW and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
            for w in self.app.workers
        )

    def _undo_leak(self) -> None:
        """A step counted by a flow that no longer runs (a bug) must not leave the keyboard
        dead. A running flow or screen switch, however slow, keeps its hold: it opens the gate
        itself when its next dialog is up or it has ended."""
        if not self.closed or self.switching or self._flowing():
            return
        self.steps = 0
        focused = self.app.focused
        self._after_queues([*focused.ancestors_with_self] if focused else [self.app.screen])

    def _after_queues(self, path: list[DOMNode]) -> None:
        """Open once each node from the first to the app has handled what it had queued (a
        key on its way up to a binding), one hop after the other; a node that has gone (its
        screen closed) has nothing queued for us."""
        for i, node in enumerate(path):
            rest = path[i + 1 :]
            if rest and node.call_later(self._after_queues, rest):
                return
            if not rest and node.call_later(self.open_soon):
                return
        self.open_soon()


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

    run = work(exclusive=True, group=FLOW)(body)

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
    awaited = False  # asked for by a flow that holds the gate until this dialog is in front

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
            gate.close_for_key(self)  # its binding runs at the app, which then opens the gate

    def on_screen_resume(self) -> None:
        gate = gate_of(self)
        if gate is None:
            return
        if self.awaited:  # the flow's hold passes to this dialog, now in front
            self.awaited = False
            gate.steps = max(0, gate.steps - 1)
        self.call_later(gate.open_soon)  # after the resume has given a widget the focus

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        gate = gate_of(self)
        if self.in_flow and gate is not None:
            self.in_flow = False
            gate.begin_step()
        return super().dismiss(result)


async def ask(node: DOMNode, dialog: GatedModal[T]) -> T:
    """Show `dialog` from inside a flow and wait for its answer; its keys go to it.

    The flow keeps the gate closed until the dialog is in front (see on_screen_resume): a
    dialog that takes a while to build (a QRIS code after a cash part) gets every key typed
    ahead, none slips into the screen underneath meanwhile.
    """
    if gate_of(node) is not None:
        dialog.in_flow = dialog.awaited = True
    return await node.app.push_screen_wait(dialog)
