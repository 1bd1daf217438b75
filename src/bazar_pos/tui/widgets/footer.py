"""The key line at the bottom, rebuilt once per change of keys, not once per notice of it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

Shown = tuple[tuple[str, str, bool, str], ...]


class KeyFooter(Footer):
    """Textual rebuilds a footer for every `bindings_updated` notice, and a screen coming up
    sends several in a row (focus, a new cart, a resume): each rebuild mounts and styles every
    key again and lays the screen out anew. One rebuild waits for the burst, and none happens
    when the keys it would show are the ones already shown."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self.pending = False
        self.shown: Shown | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.pending:
            return
        self.pending = screen.app.app_focus and self.is_attached and screen is self.screen
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        """The keys at once: Textual's footer comes up empty and is rebuilt at the first
        notice of keys, laying the whole screen out again. Telling it the keys are ready
        here schedules that rebuild, which then finds the same keys and does nothing."""
        if self.shown is None:
            super().bindings_changed(self.screen)
        self.shown = self._keys()
        yield from super().compose()

    def _keys(self) -> Shown:
        """What `compose` would show: every shown key, its label, whether it works now."""
        return tuple(
            (binding.key, binding.description, enabled, tooltip)
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )

    async def recompose(self) -> None:
        self.pending = False
        if not self.is_attached:  # its screen has gone meanwhile
            return
        keys = self._keys()
        if keys == self.shown:
            return
        self.shown = keys
        await super().recompose()
