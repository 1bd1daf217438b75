"""The booth kit: the small file an organizer hands each booth (event, booth, hub URL, kit key).

The kit key is a one-time Ed25519 key: the booth signs its own public key with it, and the hub,
which keeps only the kit key's public half, enrols the first booth key it sees vouched for. Once a
booth has joined and a bundle has reached the hub, the kit can no longer enrol another key.
"""

from __future__ import annotations

import json
from collections.abc import Callable
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


def _bad_kit(path: Path, id_why: str, en_why: str) -> InvalidInput:
    return InvalidInput(
        f"Kit booth tidak sah ({path}): {id_why}",
        f"Invalid booth kit ({path}): {en_why}",
        code="bad_kit",
    )


def read_kit(path: Path) -> Kit:
    fields = kit_fields(
        Path(path),
        fmt=FORMAT,
        version=VERSION,
        names=list(Kit.__dataclass_fields__),
        optional="hub_url",
        bad=_bad_kit,
        old=(
            "kit versi 1 dari hub lama; minta kit baru ke penyelenggara",
            "a version-1 kit from an older hub; ask the organizer for a new kit",
        ),
    )
    return Kit(**fields)


def kit_fields(
    path: Path,
    *,
    fmt: str,
    version: int,
    names: list[str],
    optional: str,
    bad: Callable[[Path, str, str], InvalidInput],
    old: tuple[str, str] | None = None,
) -> dict[str, str]:
    """A kit file's text fields (booth kit or hub kit), every one present, its key whole; any
    other file is refused with `bad(path, why_id, why_en)`."""
    if not path.is_file():
        raise bad(path, "berkas tidak ditemukan", "file not found")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise bad(path, "bukan JSON yang bisa dibaca", "not readable JSON") from exc
    if not isinstance(data, dict) or data.get("format") != fmt:
        raise bad(path, "bukan kit bazar-pos", "not a bazar-pos kit")
    if old and data.get("version") == version - 1:
        raise bad(path, *old)
    if data.get("version") != version:
        raise bad(path, f"versi {data.get('version')}", f"version {data.get('version')}")
    fields = {k: data.get(k) for k in names}
    missing = [k for k, v in fields.items() if not isinstance(v, str) or (not v and k != optional)]
    if missing:
        raise bad(path, ", ".join(missing), ", ".join(missing))
    try:
        public_key(str(fields["kit_key"]))
    except ValueError as exc:
        raise bad(path, "kunci kit rusak", "the kit key is damaged") from exc
    return {k: str(v) for k, v in fields.items()}


def write_kit(path: Path, kit: Kit) -> Path:
    """Readable by its owner only from the first byte: it can enrol a booth until used."""
    text = json.dumps(kit.to_json(), ensure_ascii=False, indent=2) + "\n"
    with private_file(path) as fh:
        fh.write(text.encode("utf-8"))
    return path
