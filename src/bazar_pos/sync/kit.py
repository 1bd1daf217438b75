"""The booth kit: the small file an organizer hands each booth (event, booth, hub URL, secret)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from bazar_pos.errors import InvalidInput

FORMAT = "bazar-pos/booth-kit"
VERSION = 1


@dataclass(frozen=True)
class Kit:
    event: str
    booth: str
    name: str
    location: str
    hub_url: str
    secret: str

    def to_json(self) -> dict[str, object]:
        return {"format": FORMAT, "version": VERSION, **asdict(self)}


def _bad_kit(path: Path, why: str) -> InvalidInput:
    return InvalidInput(
        f"Kit booth tidak sah ({path}): {why}", f"Invalid booth kit ({path}): {why}", code="bad_kit"
    )


def read_kit(path: Path) -> Kit:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise _bad_kit(path, "tidak bisa dibaca sebagai JSON / not readable JSON") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _bad_kit(path, "bukan kit bazar-pos / not a bazar-pos kit")
    if data.get("version") != VERSION:
        raise _bad_kit(path, f"versi {data.get('version')} / version {data.get('version')}")
    fields = {k: data.get(k) for k in Kit.__dataclass_fields__}
    missing = [k for k, v in fields.items() if not isinstance(v, str) or (not v and k != "hub_url")]
    if missing:
        raise _bad_kit(path, ", ".join(missing))
    return Kit(**fields)  # type: ignore[arg-type]


def write_kit(path: Path, kit: Kit) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(kit.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return path
