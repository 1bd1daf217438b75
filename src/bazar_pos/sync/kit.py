"""The booth kit: the small file an organizer hands each booth (event, booth, hub URL, kit key).

The kit key is a one-time Ed25519 key: the booth signs its own public key with it, and the hub,
which keeps only the kit key's public half, enrols the first booth key it sees vouched for. Once a
booth has joined and a bundle has reached the hub, the kit can no longer enrol another key.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import ClassVar, Self

from bazar_pos.errors import InvalidInput
from bazar_pos.store import private_file
from bazar_pos.sync.bundle import public_key


@dataclass(frozen=True)
class KitFile:
    """What booth and hub kits share: a JSON file of text fields, one of them a one-time key,
    readable by its owner only from the first byte (it can enrol a booth or a hub until used)."""

    FORMAT: ClassVar[str]
    VERSION: ClassVar[int]
    KIND: ClassVar[str]  # booth | hub, for the refusal's words
    OPTIONAL: ClassVar[str]  # the one field that may be empty
    NAMES_OLD: ClassVar[bool] = False  # the previous version is refused as such

    def to_json(self) -> dict[str, object]:
        return {"format": self.FORMAT, "version": self.VERSION, **asdict(self)}

    @classmethod
    def read(cls, path: Path) -> Self:
        """Every field present, its key whole; any other file is refused as `bad_kit:<why>`."""
        return cls(**_fields(Path(path), cls))

    def write(self, path: Path) -> Path:
        with private_file(path) as fh:
            fh.write((json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n").encode())
        return path


@dataclass(frozen=True)
class Kit(KitFile):
    FORMAT = "bazar-pos/booth-kit"
    VERSION = 2
    KIND = "booth"
    OPTIONAL = "hub_url"
    NAMES_OLD = True

    event: str
    booth: str
    name: str
    location: str
    hub_url: str
    kit_key: str


def _fields(path: Path, kind: type[KitFile]) -> dict[str, str]:
    at: dict[str, object] = {"kind": kind.KIND, "path": path}  # named in every refusal
    if not path.is_file():
        raise InvalidInput("bad_kit:missing", **at)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InvalidInput("bad_kit:json", **at) from exc
    if not isinstance(data, dict) or data.get("format") != kind.FORMAT:
        raise InvalidInput("bad_kit:format", **at)
    if kind.NAMES_OLD and data.get("version") == kind.VERSION - 1:
        raise InvalidInput("bad_kit:v1", **at)
    if data.get("version") != kind.VERSION:
        raise InvalidInput("bad_kit:version", **at, version=data.get("version"))
    fields = {f.name: data.get(f.name) for f in dataclasses.fields(kind)}
    missing = [
        k for k, v in fields.items() if not isinstance(v, str) or (not v and k != kind.OPTIONAL)
    ]
    if missing:
        raise InvalidInput("bad_kit:fields", **at, missing=", ".join(missing))
    try:
        public_key(str(fields["kit_key"]))
    except ValueError as exc:
        raise InvalidInput("bad_kit:key", **at) from exc
    return {k: str(v) for k, v in fields.items()}
