"""The booth kit: the small file an organizer hands each booth (event, booth, hub URL, kit key).

The kit key is a one-time Ed25519 key: the booth signs its own public key with it, and the hub,
which keeps only the kit key's public half, enrols the first booth key it sees vouched for. Once a
booth has joined and a bundle has reached the hub, the kit can no longer enrol another key.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from bazar_pos.errors import InvalidInput
from bazar_pos.store import private_file
from bazar_pos.sync.bundle import public_key

FORMAT = "bazar-pos/booth-kit"
VERSION = 2


@dataclass(frozen=True)
class Kit:
    event: str
    booth: str
    name: str
    location: str
    hub_url: str
    kit_key: str

    def to_json(self) -> dict[str, object]:
        return {"format": FORMAT, "version": VERSION, **asdict(self)}


def read_kit(path: Path) -> Kit:
    fields = kit_fields(
        Path(path),
        fmt=FORMAT,
        version=VERSION,
        names=list(Kit.__dataclass_fields__),
        optional="hub_url",
        kind="booth",
        old=True,
    )
    return Kit(**fields)


def kit_fields(
    path: Path,
    *,
    fmt: str,
    version: int,
    names: list[str],
    optional: str,
    kind: str,
    old: bool = False,
) -> dict[str, str]:
    """A kit file's text fields (`kind` booth or hub kit), every one present, its key whole; any
    other file is refused as `bad_kit:<why>`; `old` names a previous version's kit as such."""
    if not path.is_file():
        raise InvalidInput("bad_kit:missing", kind=kind, path=path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InvalidInput("bad_kit:json", kind=kind, path=path) from exc
    if not isinstance(data, dict) or data.get("format") != fmt:
        raise InvalidInput("bad_kit:format", kind=kind, path=path)
    if old and data.get("version") == version - 1:
        raise InvalidInput("bad_kit:v1", kind=kind, path=path)
    if data.get("version") != version:
        raise InvalidInput("bad_kit:version", kind=kind, path=path, version=data.get("version"))
    fields = {k: data.get(k) for k in names}
    missing = [k for k, v in fields.items() if not isinstance(v, str) or (not v and k != optional)]
    if missing:
        raise InvalidInput("bad_kit:fields", kind=kind, path=path, missing=", ".join(missing))
    try:
        public_key(str(fields["kit_key"]))
    except ValueError as exc:
        raise InvalidInput("bad_kit:key", kind=kind, path=path) from exc
    return {k: str(v) for k, v in fields.items()}


def write_kit(path: Path, kit: Kit) -> Path:
    """Readable by its owner only from the first byte: it can enrol a booth until used."""
    text = json.dumps(kit.to_json(), ensure_ascii=False, indent=2) + "\n"
    with private_file(path) as fh:
        fh.write(text.encode("utf-8"))
    return path
