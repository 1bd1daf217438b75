"""The key line at the bottom, rebuilt once per change of keys, not once per notice of it."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual rebuilds a footer for every `bindings_updated` notice, and a screen coming up
    sends several in a row (focus, a new cart, a resume): each rebuild mounts and styles every
    key again. One rebuild waits for the burst; it still reads the keys as they are then."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self.pending = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.pending:
            return
        self.pending = screen.app.app_focus and self.is_attached and screen is self.screen
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        self.pending = False
        await super().recompose()
