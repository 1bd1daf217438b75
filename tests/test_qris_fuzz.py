"""Whatever a vendor pastes, the library answers with a verdict or InvalidQris, never a crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bazar_pos.payments import InvalidQris, emv, parse_qris, to_dynamic, validate
from tests.test_qris_vectors import VALID

FAST = settings(max_examples=300, deadline=1000)


def answers_or_refuses(payload: str | bytes) -> None:
    """validate never raises; parse_qris and to_dynamic raise nothing but InvalidQris."""
    check = validate(payload)
    assert check.valid == (not check.errors)
    try:
        info = parse_qris(payload)
    except InvalidQris as exc:
        assert not check.valid and exc.code == check.errors[0].code
        assert exc.message("id") and exc.message("en")
    else:
        assert check.valid and info.payload == check.payload
    try:
        dynamic = to_dynamic(payload, 15_000, "CP07-260320-0001")
    except InvalidQris:
        return
    assert check.valid and parse_qris(dynamic).amount == 15_000


def mutations() -> st.SearchStrategy[str]:
    edit = st.tuples(
        st.sampled_from(["replace", "insert", "delete", "truncate"]),
        st.integers(0, 300),
        st.characters(codec="utf-8") | st.sampled_from("0123456789"),
    )
    return st.builds(_mutate, st.sampled_from(VALID), st.lists(edit, min_size=1, max_size=3))


def _mutate(payload: str, edits: list[tuple[str, int, str]]) -> str:
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
    return payload


@FAST
@given(st.text(max_size=300))
def test_arbitrary_text(text: str) -> None:
    answers_or_refuses(text)


@FAST
@given(st.binary(max_size=300))
def test_arbitrary_bytes(data: bytes) -> None:
    answers_or_refuses(data)


@FAST
@given(mutations())
def test_mutated_valid_payloads(payload: str) -> None:
    answers_or_refuses(payload)
    answers_or_refuses(payload.encode("utf-8", "surrogatepass"))


@FAST
@given(mutations())
def test_whatever_parses_rebuilds_byte_identically(payload: str) -> None:
    try:
        objects = emv.parse(payload)
    except InvalidQris:
        return
    assert emv.build(objects) == payload
