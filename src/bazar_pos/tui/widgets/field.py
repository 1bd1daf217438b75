"""A label and its box on one line: a whole form fits a small terminal, and a filled box
keeps saying what it holds (a placeholder vanishes once something is typed)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Select


class Field(Horizontal):
    """A label and its input on one line: the whole form fits a small terminal."""

    def __init__(self, label: str, widget: Input | Select[str]) -> None:
        super().__init__(classes="field")
        self.label, self.widget = label, widget

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label")
        yield self.widget
