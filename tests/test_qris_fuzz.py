"""Whatever a vendor pastes, the parser answers with a verdict or InvalidQris, never a crash."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bazar_pos.payments import InvalidQris, parse_qris, validate

VALID = [
    s["payload"]
    for s in json.loads((Path(__file__).parent / "data" / "qris_samples.json").read_text())
    if s["expect"] == "valid"
]


def _parse_only_our_error(payload: object) -> None:
    validate(payload)
    with contextlib.suppress(InvalidQris):
        parse_qris(payload)


@settings(max_examples=300, deadline=200)
@given(st.text(max_size=600))
def test_arbitrary_text(text: str) -> None:
    _parse_only_our_error(text)


@settings(max_examples=200, deadline=200)
@given(st.binary(max_size=600))
def test_arbitrary_bytes(data: bytes) -> None:
    _parse_only_our_error(data)


@settings(max_examples=400, deadline=200)
@given(
    st.sampled_from(VALID),
    st.lists(
        st.tuples(
            st.sampled_from(["replace", "insert", "delete", "truncate"]),
            st.integers(0, 400),
            st.characters(),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_mutated_valid_payloads(payload: str, edits: list[tuple[str, int, str]]) -> None:
    for op, pos, ch in edits:
        pos %= max(len(payload), 1)
        if op == "replace":
            payload = payload[:pos] + ch + payload[pos + 1 :]
        elif op == "insert":
            payload = payload[:pos] + ch + payload[pos:]
        elif op == "delete":
            payload = payload[:pos] + payload[pos + 1 :]
        else:
            payload = payload[:pos]
    _parse_only_our_error(payload)
