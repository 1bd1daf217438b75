"""Key bindings whose labels follow the language setting.

Textual fixes a `Binding`'s description when the class is created, so each binding is declared
with its Indonesian label and registers its message id by binding id; a screen relabels its own
copy of the bindings when it is built (screens are rebuilt when the language changes).
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from bazar_pos import i18n

_LABELS: dict[str, str] = {}  # binding id -> message id


def key(
    keys: str,
    action: str,
    msgid: str,
    *,
    id: str,
    show: bool = True,
    priority: bool = False,
    key_display: str | None = None,
) -> Binding:
    """A Binding labelled by message id; the first of `keys` is the one the footer shows."""
    _LABELS[id] = msgid
    return Binding(
        keys,
        action,
        i18n.text(i18n.Lang.ID, msgid),
        show=show,
        priority=priority,
        id=id,
        key_display=key_display,
    )


def label(binding: Binding) -> str:
    msgid = _LABELS.get(binding.id or "")
    return binding.description if msgid is None else i18n.t(msgid)


def localize(node: DOMNode) -> None:
    """Relabel `node`'s own copy of its bindings for the current language.

    The copy is relabelled in place of the class's map, so bindings Textual adds per instance
    (the command palette's) survive and the class keeps its Indonesian defaults.
    """
    node._bindings = BindingsMap.from_keys(
        {
            k: [replace(b, description=label(b)) if b.id in _LABELS else b for b in bindings]
            for k, bindings in node._bindings.key_to_bindings.items()
        }
    )


def commands(node: DOMNode) -> list[Binding]:
    """The node's own labelled bindings, one per id: what the command palette offers."""
    seen: dict[str, Binding] = {}
    for _, b in node._bindings:
        if b.id and b.id in _LABELS and b.id not in seen:
            seen[b.id] = b
    return list(seen.values())
