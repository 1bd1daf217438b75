"""The forwarded bundle: what a city hub sends its parent (a province; the province a national hub).

An envelope holds one booth bundle exactly as the booth signed it, the booth's registration as the
city hub knows it (code, name, location, pengampu, category, the booth's public key), and the city
hub's own Ed25519 public key with its hub kit's signature over it; the city hub signs the whole
envelope. The parent checks the booth's signature itself, so the figures are verified end to end;
the city hub's signature says which hub vouches for the registration. `FIELDS` drives both the
check and `SCHEMA` (published as docs/forwarded.schema.json), as for the bundle.
"""

from __future__ import annotations

import base64
import functools
from typing import Any

from bazar_pos import canonical
from bazar_pos.sync import bundle
from bazar_pos.sync.bundle import KEY, SIG, BundleRejected, Obj, Str

FORMAT = "bazar-pos/forwarded"
VERSION = 1
MAX_BYTES = bundle.MAX_BYTES + 10_000  # one bundle and its registration
MAX_BATCH = 200  # envelopes in one HTTP request
CITY_CODE = r"^[A-Z0-9][A-Z0-9-]{0,15}$"
# the booth's key at the forwarding hub: CODE at a city hub, CITY/CODE at a province (nesting)
BOOTH_KEY = r"^[A-Z0-9][A-Z0-9-]{0,15}(/[A-Z0-9][A-Z0-9-]{0,15}){0,3}$"
FIELDS = Obj(
    {
        "format": Str(40, f"^{FORMAT}$"),
        "version": bundle.Int(VERSION, VERSION),
        "event": Str(200),
        "city": Str(16, CITY_CODE),
        "registration": Obj(
            {
                "code": Str(67, BOOTH_KEY),
                "name": Str(200, min_len=0),
                "location": Str(200, min_len=0),
                "pengampu": Str(200, min_len=0),
                "category": Str(200, min_len=0),
                "public_key": Str(44, KEY),
            }
        ),
        "hub": Obj(
            {"public_key": Str(44, KEY), "kit_key": Str(44, KEY), "kit_signature": Str(88, SIG)}
        ),
        "signature": Obj({"alg": Str(7, "^Ed25519$"), "value": Str(88, SIG)}),
    }
)


def hub_name(city: str) -> str:
    """What a hub kit's key signs as the 'booth' of the enrolment message; ':' is in no booth
    code, so a hub's enrolment can never stand for a booth's."""
    return f"hub:{city}"


def check(env: dict[str, Any]) -> dict[str, Any]:
    """Refuse an envelope whose form is wrong, then its booth bundle by the bundle's own checks;
    returns the booth bundle. No signature work yet."""
    if env.get("format") != FORMAT:
        raise BundleRejected("schema:not_a_bazar_pos_forwarded")
    inner = env.get("bundle")
    if not isinstance(inner, dict):
        raise BundleRejected("schema:the_forwarded_bundle_has_no")
    problem = bundle.walk(FIELDS, {k: v for k, v in env.items() if k != "bundle"}, "forwarded")
    if problem:
        raise BundleRejected("schema:invalid_forwarded_bundle", problem=problem)
    bundle.check(inner)
    if env["event"] != inner["event"]:
        raise BundleRejected("registration_mismatch")
    reg = env["registration"]
    if reg["code"].rsplit("/", 1)[-1] != inner["booth"]:
        raise BundleRejected(
            "registration_mismatch:the_registration_is_not_the",
            code=reg["code"],
            booth=inner["booth"],
        )
    if reg["public_key"] != inner["signer"]["public_key"]:
        raise BundleRejected("registration_mismatch:the_key_in_the_registration")
    return inner


def _signed_text(env: dict[str, Any]) -> bytes:
    return canonical.dumps({k: v for k, v in env.items() if k != "signature"}).encode("utf-8")


@functools.lru_cache(maxsize=8)
def _hub_block(event: str, city: str, hub_key: str, kit_key: str) -> tuple[tuple[str, str], ...]:
    """The city hub's key with its hub kit's proof: the same for every envelope it sends, and an
    Ed25519 signature is deterministic, so it is made once."""
    public = bundle.public_key(hub_key)
    proof = bundle.private_key(kit_key).sign(bundle.enrol_message(event, hub_name(city), public))
    return (
        ("public_key", public),
        ("kit_key", bundle.public_key(kit_key)),
        ("kit_signature", _b64(proof)),
    )


def make(
    signed: dict[str, Any],
    registration: dict[str, str],
    *,
    city: str,
    hub_key: str,
    kit_key: str,
) -> dict[str, Any]:
    """An envelope around `signed` (untouched), signed by the city hub's key `hub_key`."""
    hub = dict(_hub_block(signed["event"], city, hub_key, kit_key))
    body = {
        "format": FORMAT,
        "version": VERSION,
        "event": signed["event"],
        "city": city,
        "registration": {**registration, "public_key": signed["signer"]["public_key"]},
        "hub": hub,
        "bundle": signed,
    }
    value = bundle.private_key(hub_key).sign(_signed_text(body))
    return {**body, "signature": {"alg": "Ed25519", "value": _b64(value)}}


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def hub_enrolment_ok(env: dict[str, Any]) -> bool:
    hub = env["hub"]
    message = bundle.enrol_message(env["event"], hub_name(env["city"]), hub["public_key"])
    return bundle.verify(hub["kit_key"], message, hub["kit_signature"])


def signature_ok(env: dict[str, Any], public: str) -> bool:
    return bundle.verify(public, _signed_text(env), env["signature"]["value"])


def dumps(env: dict[str, Any]) -> str:
    return canonical.dumps(env)


SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://bazar-pos.example/schema/forwarded-v1.json",
    "title": "bazar-pos forwarded bundle, version 1",
    "description": (
        "One booth bundle as a city hub forwards it to its parent hub. 'bundle' is the booth's "
        "daily-totals bundle (daily-totals-v2.json), byte for byte as the booth signed it. "
        "registration.public_key must equal bundle.signer.public_key and the last '/' segment of "
        "registration.code must equal bundle.booth. hub.kit_signature = base64 Ed25519 signature "
        "by hub.kit_key (the one-time key of the city's hub kit) over canonical {context: "
        "'bazar-pos/enrol-v1', event, booth: 'hub:' + city, public_key: hub.public_key}. "
        "signature.value = base64 Ed25519 signature by hub.public_key over the canonical JSON of "
        "the envelope without 'signature'. A batch over HTTP is a JSON array of up to "
        f"{MAX_BATCH} envelopes."
    ),
    **bundle.json_schema(FIELDS),
}
SCHEMA["required"] = [*SCHEMA["required"], "bundle"]
SCHEMA["properties"]["bundle"] = {"$ref": "https://bazar-pos.example/schema/daily-totals-v2.json"}


# --- a set-aside decision: the city hub's `hub reject` / `hub unreject`, forwarded --------------

DECISION_FORMAT = "bazar-pos/set-aside"
DECISION_FIELDS = Obj(
    {
        "format": Str(40, f"^{DECISION_FORMAT}$"),
        "version": bundle.Int(VERSION, VERSION),
        "event": Str(200),
        "city": Str(16, CITY_CODE),
        "id": bundle.Int(1, 2**53),
        "at": Str(40),
        "booth": Str(67, BOOTH_KEY),
        "date": Str(10, bundle.DAY),
        "bundle_id": Str(64, r"^[0-9a-f]{64}$"),
        "action": Str(7, "^(reject|restore)$"),
        "reason": Str(200),
        "hub": Obj({"public_key": Str(44, KEY)}),
        "signature": Obj({"alg": Str(7, "^Ed25519$"), "value": Str(88, SIG)}),
    }
)


def make_decision(
    decision: dict[str, Any], *, event: str, city: str, hub_key: str
) -> dict[str, Any]:
    """The city hub's set-aside decision (`id`, `at`, `booth`, `date`, `bundle_id`, `action`,
    `reason`), signed by its hub key: the parent counts the booth-day as the city does."""
    body = {
        "format": DECISION_FORMAT,
        "version": VERSION,
        "event": event,
        "city": city,
        **decision,
        "hub": {"public_key": bundle.public_key(hub_key)},
    }
    value = bundle.private_key(hub_key).sign(_signed_text(body))
    return {**body, "signature": {"alg": "Ed25519", "value": _b64(value)}}


DECISION_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://bazar-pos.example/schema/set-aside-v1.json",
    "title": "bazar-pos forwarded set-aside decision, version 1",
    "description": (
        "A city hub's `hub reject` (action 'reject') or `hub unreject` ('restore') of one "
        "booth-day, forwarded to its parent after the bundle it names. booth is the booth's key "
        "at the forwarding hub; bundle_id the sha256 of the booth bundle in use there; id the "
        "decision's number at that hub. signature.value = base64 Ed25519 signature by "
        "hub.public_key (the city hub key the parent enrolled) over the canonical JSON of the "
        "decision without 'signature'. Sent as one line among forwarded bundles."
    ),
    **bundle.json_schema(DECISION_FIELDS),
}


def check_decision(env: dict[str, Any]) -> None:
    """Refuse a decision whose form is wrong; no signature work yet."""
    problem = bundle.walk(DECISION_FIELDS, env, "set_aside")
    if problem:
        raise BundleRejected("schema:invalid_forwarded_bundle", problem=problem)
